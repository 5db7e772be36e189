"""The data files stay whole: every reference resolves, every ladder starts on body weight."""

from __future__ import annotations

import pytest

from runlift.catalog import load_library, load_protocols, raw_exercises, raw_training
from runlift.domain.library import LOAD_IMPLEMENTS, PATTERNS
from runlift.domain.model import EQUIPMENT, Experience, StrengthKind

CONTRACT_IDS = """air_squat goblet_squat back_squat reverse_lunge bulgarian_split_squat
romanian_deadlift deadlift single_leg_deadlift kettlebell_swing glute_bridge push_up bench_press
shoulder_press pull_up lat_pulldown bent_over_row farmers_carry box_jump jump_squat calf_raise
plank side_plank reverse_plank bicycle_crunch""".split()
FIELDS = {
    "name",
    "pattern",
    "level",
    "equipment",
    "loaded",
    "unilateral",
    "timed",
    "implements",
    "kinds",
    "cues",
}
EXERCISES = raw_exercises()


def test_the_library_holds_at_least_60_exercises_and_every_contract_id():
    assert len(EXERCISES) >= 60
    assert set(CONTRACT_IDS) <= set(EXERCISES)


@pytest.mark.parametrize("exercise_id", sorted(EXERCISES))
def test_each_exercise_is_complete_and_consistent(exercise_id):
    row = EXERCISES[exercise_id]
    assert FIELDS <= set(row) <= FIELDS | {"progresses_to", "primary"}
    assert exercise_id == exercise_id.lower() and " " not in exercise_id
    assert row["pattern"] in PATTERNS
    assert isinstance(row["level"], int) and row["level"] >= 1
    assert row["equipment"], "at least one equipment option ([[]] for body weight)"
    for option in row["equipment"]:
        assert set(option) <= set(EQUIPMENT)
    if row["loaded"]:
        assert all(set(option) & LOAD_IMPLEMENTS for option in row["equipment"])
    assert {StrengthKind(k) for k in row["kinds"]}
    assert 2 <= len(row["cues"]) <= 3
    assert all(cue.strip() and len(cue) < 120 for cue in row["cues"])
    for target in row.get("progresses_to", []):
        assert target in EXERCISES, f"{exercise_id} progresses to unknown {target}"
        assert EXERCISES[target]["pattern"] == row["pattern"]


@pytest.mark.parametrize("pattern", PATTERNS)
def test_every_ladder_starts_with_a_body_weight_rung(pattern):
    rungs = [r for r in EXERCISES.values() if r["pattern"] == pattern]
    first = min(r["level"] for r in rungs)
    assert first == 1
    assert any(r["level"] == 1 and r["equipment"] == [[]] and not r["loaded"] for r in rungs)


@pytest.mark.parametrize("pattern", ["squat", "lunge", "hinge", "push", "pull", "carry"])
def test_the_six_patterns_have_heavy_options_and_three_rungs(pattern):
    rungs = [r for r in EXERCISES.values() if r["pattern"] == pattern]
    assert {1, 2, 3} <= {r["level"] for r in rungs}
    assert sum(1 for r in rungs if "heavy" in r["kinds"]) >= 3


def test_every_guideline_variation_is_in_the_library():
    names = " ".join(r["name"].lower() for r in EXERCISES.values())
    for words in [
        "air squat", "goblet squat", "back squat", "overhead squat", "pistol", "figure-four",
        "reverse lunge", "side lunge", "walking lunge", "curtsy", "overhead", "bulgarian",
        "romanian", "sumo", "single-leg", "kettlebell swing", "glute bridge", "push-up",
        "bench press", "shoulder press", "dip", "pull-up", "pull-down", "bent-over row",
        "reverse fly", "farmer", "overhead carry", "jump squat", "box jump", "calf raise",
        "plank", "side plank", "reverse plank", "bicycle", "marching bridge",
    ]:  # fmt: skip
        assert words in names, words


def test_novices_have_a_bodyweight_option_for_every_main_pattern():
    library = load_library()
    for pattern in ("squat", "lunge", "hinge", "push", "pull"):
        ladder = library.ladder(pattern, StrengthKind.BODYWEIGHT)
        assert any(x.level <= 2 and x.doable_with(frozenset()) for x in ladder), pattern


def test_the_training_tables_are_whole():
    data = raw_training()
    assert len(data["formulas"]) == 7
    assert data["default_formula"] in data["formulas"]
    chart = data["rpe"]["percent"]
    assert len(chart) == 14 and chart[0] == 100 and chart == sorted(chart, reverse=True)
    for unit in ("kg", "lb"):
        kit = data["kits"][unit]
        for key in ("dumbbells", "kettlebells", "plates"):
            assert kit[key] and all(x > 0 for x in kit[key])
        assert kit["dumbbells"] == sorted(kit["dumbbells"])
    library = load_library()
    for kind in StrengthKind:
        for experience in Experience:
            key = f"{kind.value}.{experience.value}"
            alt = f"{kind.value}.all"
            assert key in library.tables.doses or alt in library.tables.doses, key


def test_the_ramp_up_and_the_tempo_tables_are_whole():
    data = raw_training()
    ramp = data["ramp_up"]["barbell"]
    percents = [percent for percent, _ in ramp["ladder"]]
    reps = [count for _, count in ramp["ladder"]]
    assert percents[0] == 0, "the ladder starts with the empty bar"
    assert percents == sorted(set(percents)) and percents[-1] < 100, "climbing, under the work"
    assert reps == sorted(reps, reverse=True) and all(1 <= r <= 10 for r in reps)
    assert 1 <= ramp["later_sets"] <= len(ramp["ladder"])
    assert 0 < ramp["rest_seconds"] <= 120
    tempo = data["unloaded_heavy"]["tempo"]
    assert set(tempo) == {"lower_seconds", "pause_seconds", "lift_seconds"}
    assert tempo["lower_seconds"] > tempo["lift_seconds"] >= 1 and tempo["pause_seconds"] >= 1
    assert sum(tempo.values()) > data["timing"]["seconds_per_rep"], "slower than a usual rep"


def test_there_is_a_protocol_for_every_experience_level():
    protocols = load_protocols()
    for level in Experience:
        assert protocols[level.value]["steps"]


def test_unlocks_follow_the_purchase_order_and_name_new_exercises_only():
    library = load_library()
    found = library.unlocks(["bands"])
    singles = [item for item, _ in found if "+" not in item]
    assert singles == [e for e in EQUIPMENT if e in singles]
    assert "bands" not in singles
    unlocked = dict(found)
    assert any(x.id == "kettlebell_swing" for x in unlocked["kettlebell"])
    assert all(not x.doable_with(frozenset({"bands"})) for _, xs in found for x in xs)


def test_unlocks_name_pieces_that_only_work_together():
    unlocked = dict(load_library().unlocks([]))
    assert "back_squat" in {x.id for x in unlocked["barbell+rack"]}
    assert "bench_press" in {x.id for x in unlocked["bench+barbell+rack"]}
    sizes: dict[str, set[int]] = {}
    for item, xs in unlocked.items():
        for x in xs:
            sizes.setdefault(x.id, set()).add(item.count("+") + 1)
    assert all(len(s) == 1 for s in sizes.values()), "listed under its smallest purchases only"
    assert "goblet_squat" in {x.id for x in unlocked["dumbbells"]} & {
        x.id for x in unlocked["kettlebell"]
    }


def test_the_demo_runner_is_a_valid_plan_file():
    from datetime import date

    from runlift.io.weekfile import parse_plan
    from runlift.web.demo import demo_plan

    data = demo_plan()
    data["week"] = {"start": "2026-11-30", **data["week"]}
    request = parse_plan(data, load_library(), date(2026, 11, 26))
    assert request.athlete.name == "Sam (demo)"
