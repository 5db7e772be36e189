"""The `runlift` command end to end, as a separate process, on real files."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
DATA = ROOT / "tests" / "data"


def runlift(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "runlift", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )


@pytest.mark.parametrize(
    "example", [p for p in EXAMPLES if not p.name.startswith("check-")], ids=lambda p: p.stem
)
def test_plan_prints_a_readable_week_for_each_example(example):
    result = runlift("plan", str(example))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    for word in ("Mon", "Sun", "Why each day", "not medical advice"):
        assert word in result.stdout


@pytest.mark.parametrize(
    "example", [p for p in EXAMPLES if not p.name.startswith("check-")], ids=lambda p: p.stem
)
def test_plan_json_follows_the_contract_for_each_example(example):
    result = runlift("plan", str(example), "--format", "json")
    assert result.returncode == 0, result.stderr
    plan = json.loads(result.stdout)
    assert set(plan) >= {"week_start", "days", "violations", "warnings"}
    assert len(plan["days"]) == 7
    dates = [d["date"] for d in plan["days"]]
    assert dates == sorted(dates) and dates[0] == plan["week_start"]
    for day in plan["days"]:
        assert day["day_type"] in ("rest", "easy", "hard")
        assert day["weekday"] in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
        for session in day["strength"]:
            assert session["kind"] in ("heavy", "plyometric", "bodyweight", "core", "pilates")
            assert isinstance(session["fixed"], bool)
            for x in session["exercises"]:
                assert {"id", "name", "pattern", "sets", "load", "unit", "rest_seconds"} <= set(x)
                assert ("reps" in x) != ("seconds" in x)
                if x["load"] is None and "reps" in x and x["pattern"] != "plyometric":
                    assert "reps_in_reserve" in x and "percent_1rm" not in x
                if x["load"] is not None:
                    assert "percent_1rm" in x and "reps_in_reserve" not in x
        for reason in day["reasons"]:
            assert set(reason) == {"rule", "ok", "hard", "text"}
    assert plan["violations"] == []  # nothing fixed breaks a hard rule in the examples


def test_every_rule_that_blocked_a_day_is_named_in_the_output():
    plan = json.loads(
        runlift("plan", "examples/build-intermediate.yaml", "--format", "json").stdout
    )
    named = {r["rule"] for d in plan["days"] for r in d["reasons"]}
    assert {"heavy-on-hard-days", "no-heavy-before-quality", "avoid-lift-after-long-run"} <= named


def test_the_same_file_gives_the_same_output_twice():
    first = runlift("plan", "examples/peak-advanced.yaml", "--format", "json").stdout
    assert first == runlift("plan", "examples/peak-advanced.yaml", "--format", "json").stdout


def test_yaml_and_json_plan_files_are_the_same_schema():
    result = runlift("plan", str(DATA / "plan.json"), "--format", "json")
    assert result.returncode == 0, result.stderr
    days = json.loads(result.stdout)["days"]
    assert [d["day_type"] for d in days] == ["rest", "hard", "rest", "hard", "rest", "rest", "hard"]


def test_unquoted_times_are_read_as_clock_times():
    plan = json.loads(runlift("plan", str(DATA / "unquoted-times.yaml"), "--format", "json").stdout)
    tuesday = plan["days"][1]
    assert tuesday["runs"][0]["start"] == "06:30"
    assert all("17:00" <= s["start"] <= "20:00" for s in tuesday["strength"])


BAD = [
    ("bad-run-type.yaml", "week.days.tue[0].run", "intervals"),
    ("bad-phase.yaml", "athlete.phase", "maintenance"),
    ("bad-time.yaml", "week.days.tue[0].start", "HH:MM"),
    ("bad-reps.yaml", "athlete.rep_tests[0].reps", "1 to 20"),
    ("bad-load.yaml", "athlete.rep_tests[0].load", "0 or more"),
    ("bad-yaml.yaml", "bad-yaml.yaml", "not valid YAML"),
    ("bad-equipment.yaml", "athlete.equipment[0]", "dumbbells"),
    ("bad-too-many-reps.yaml", "athlete.rep_tests[0].reps", "too light"),
    ("bad-day.yaml", "week.days.tuesday", "mon, tue"),
    ("bad-heavy-sessions.yaml", "athlete.heavy_sessions", "0 to 3"),
    ("bad-race-date.yaml", "races[0].date", "YYYY-MM-DD"),
    ("bad-week-start.yaml", "week.start", "YYYY-MM-DD"),
    ("bad-unloaded-test.yaml", "athlete.rep_tests[0].exercise", "dumbbell_bulgarian_split_squat"),
]


@pytest.mark.parametrize(("name", "field", "allowed"), BAD, ids=[b[0] for b in BAD])
@pytest.mark.parametrize("command", ["plan", "check"])
def test_bad_input_gives_one_line_naming_the_field_and_exit_2(command, name, field, allowed):
    result = runlift(command, str(DATA / name))
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert field in lines[0] and allowed in lines[0]
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ("plan", "does-not-exist.yaml"),
        ("plan", "tests"),
        ("plan", "examples/build-intermediate.yaml", "--format", "xml"),
        ("plan", "--no-such-option"),
        ("plan",),
        ("check", "does-not-exist.yaml"),
        ("estimate-1rm", "--load", "100", "--reps", "0"),
        ("estimate-1rm", "--load", "100", "--reps", "21"),
        ("estimate-1rm", "--load", "-5", "--reps", "5"),
        ("estimate-1rm", "--load", "heavy", "--reps", "5"),
        ("estimate-1rm", "--load", "100", "--reps", "5", "--formula", "guess"),
        ("exercises", "--equipment", "anvil"),
        ("exercises", "--pattern", "jumping"),
        ("test-protocol",),
        ("test-protocol", "--experience", "expert"),
        ("plan", "--batch", "does-not-exist.jsonl"),
    ],
)
def test_bad_arguments_exit_2_with_one_line(args):
    result = runlift(*args)
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "Traceback" not in result.stderr


def test_an_unreadable_file_is_bad_input(tmp_path):
    path = tmp_path / "locked.yaml"
    path.write_bytes(b"\xff\xfe\x00 not utf-8 \x80")
    result = runlift("plan", str(path))
    assert result.returncode == 2
    assert "cannot be read" in result.stderr


def test_check_exit_codes_follow_the_contract():
    clean = runlift("check", "examples/check-clean.yaml", "--format", "json")
    assert clean.returncode == 0, clean.stdout
    assert json.loads(clean.stdout)["violations"] == []
    broken = runlift("check", "examples/check-violations.yaml", "--format", "json")
    assert broken.returncode == 1
    report = json.loads(broken.stdout)
    found = {(v["rule"], v["date"]) for v in report["violations"]}
    assert ("run-before-lift", "2026-12-01") in found
    assert ("heavy-on-hard-days", "2026-12-02") in found
    assert ("no-heavy-before-quality", "2026-12-05") in found  # dated Saturday, not Sunday
    warned = {(w["rule"], w["date"]) for w in report["warnings"]}
    assert ("recovery-gap", "2026-12-05") in warned
    assert ("heavy-spacing", "2026-12-02") in warned


def test_check_text_lists_violations():
    result = runlift("check", "examples/check-violations.yaml")
    assert result.returncode == 1
    assert "Violations" in result.stdout and "run-before-lift" in result.stdout


def test_batch_gives_one_result_per_line_in_order_and_goes_on_after_bad_lines():
    result = runlift("plan", "--batch", str(DATA / "batch.jsonl"))
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(lines) == 4
    assert "days" in lines[0] and "days" in lines[3]
    assert "athlete.experience" in lines[1]["error"]
    assert lines[2]["error"].startswith("line 3: not valid JSON")
    single = json.loads(runlift("plan", str(DATA / "plan.json"), "--format", "json").stdout)
    assert lines[0] == single


def test_exercises_filters_by_equipment_and_pattern():
    result = runlift(
        "exercises", "--equipment", "kettlebell", "--pattern", "squat", "--format", "json"
    )
    assert result.returncode == 0
    rows = json.loads(result.stdout)
    assert rows and all(r["pattern"] == "squat" for r in rows)
    assert any(r["id"] == "goblet_squat" for r in rows)
    assert not any(r["id"] == "back_squat" for r in rows)
    for r in rows:
        assert any(set(option) <= {"kettlebell"} for option in r["equipment_options"])
        assert {
            "id",
            "name",
            "pattern",
            "equipment_options",
            "level",
            "loaded",
            "unilateral",
        } <= set(r)


def test_exercises_lists_the_whole_library_as_text():
    result = runlift("exercises")
    assert result.returncode == 0
    assert "Goblet squat" in result.stdout and "Back squat" in result.stdout


def test_exercises_says_what_the_next_purchase_unlocks():
    result = runlift("exercises", "--equipment", "bands", "--unlocks", "--format", "json")
    rows = json.loads(result.stdout)
    kettlebell = next(r for r in rows if r["equipment"] == "kettlebell")
    assert "kettlebell_swing" in {x["id"] for x in kettlebell["unlocks"]}
    assert "bands" not in {r["equipment"] for r in rows}


def test_estimate_1rm_names_the_formula():
    result = runlift("estimate-1rm", "--load", "100", "--reps", "5", "--format", "json")
    out = json.loads(result.stdout)
    assert (out["formula"], out["one_rep_max"], out["rough"]) == ("epley", 116.7, False)
    every = json.loads(
        runlift(
            "estimate-1rm", "--load", "100", "--reps", "5", "--formula", "all", "--format", "json"
        ).stdout
    )
    assert {e["formula"]: e["one_rep_max"] for e in every["estimates"]} == {
        "epley": 116.7, "brzycki": 112.5, "lander": 113.7, "lombardi": 117.5,
        "mayhew": 119.0, "oconner": 112.5, "wathan": 116.6,
    }  # fmt: skip
    rough = runlift("estimate-1rm", "--load", "40", "--reps", "15")
    assert rough.returncode == 0 and "Rough" in rough.stdout


@pytest.mark.parametrize(
    ("experience", "words"), [("novice", "10-12"), ("intermediate", "3-5"), ("advanced", "1-3")]
)
def test_test_protocol_by_experience(experience, words):
    result = runlift("test-protocol", "--experience", experience)
    assert result.returncode == 0
    assert words in result.stdout


def test_the_advanced_protocol_works_up_through_doubles_and_triples_before_singles():
    steps = json.loads(
        runlift("test-protocol", "--experience", "advanced", "--format", "json").stdout
    )["steps"]
    ladder = next(i for i, s in enumerate(steps) if "double or triple" in s)
    singles = next(i for i, s in enumerate(steps) if "single attempts" in s)
    assert steps[0].startswith("Warm-up ladder") and 0 < ladder < singles
    assert any("After a good single add 10-20 %" in s for s in steps)
    assert any("After a miss drop 5-10 %" in s and "2.5-5 %" in s for s in steps)


def test_the_novice_protocol_enters_the_reps_left_as_reps_in_reserve():
    text = runlift("test-protocol", "--experience", "novice").stdout
    assert "10-12 times" in text and "reps in reserve" in text
    assert "Never test a true one-rep max" in text


def test_a_plan_with_nothing_loaded_says_so_and_why_never_that_every_lift_has_a_max():
    text = runlift("test-protocol", "examples/base-novice.yaml").stdout
    assert "Every loaded lift" not in text
    assert "There is nothing loaded to test in this plan" in text
    assert "your equipment (bands, mini bands)" in " ".join(text.split())
    out = json.loads(
        runlift("test-protocol", "examples/base-novice.yaml", "--format", "json").stdout
    )
    assert out["lifts_to_test"] == [] and out["lifts"] == []
    assert out["nothing_to_test"].startswith("There is nothing loaded to test in this plan")
    after_race = runlift("test-protocol", "examples/recovery-advanced.yaml").stdout
    assert "Every loaded lift" not in after_race and "recovery phase" in after_race


def test_a_novice_with_dumbbells_is_told_which_lifts_to_find_a_working_weight_for(tmp_path):
    plan = (ROOT / "examples" / "base-novice.yaml").read_text()
    path = tmp_path / "novice-dumbbells.yaml"
    path.write_text(plan.replace("equipment: [bands, mini_bands]", "equipment: [bands, dumbbells]"))
    out = json.loads(runlift("test-protocol", str(path), "--format", "json").stdout)
    assert out["nothing_to_test"] is None and "goblet_squat" in {
        x["id"] for x in out["lifts_to_test"]
    }
    assert "go by effort" in out["by_effort"]


def test_test_protocol_from_a_plan_file_lists_lifts_without_a_max():
    out = json.loads(
        runlift("test-protocol", "examples/peak-advanced.yaml", "--format", "json").stdout
    )
    assert out["experience"] == "advanced"
    ids = {x["id"] for x in out["lifts_to_test"]}
    assert "back_squat" not in ids and "deadlift" not in ids  # known already
