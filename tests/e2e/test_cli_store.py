"""The commands that remember, end to end: a runner sets up once, plans a season, logs, and
watches progress, all through the real `runlift` process on a SQLite file."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def runlift(tmp_path):
    db = f"sqlite:///{tmp_path / 'runlift.db'}"

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        env_args = [*args]
        return subprocess.run(
            [sys.executable, "-m", "runlift", *env_args],
            capture_output=True,
            text=True,
            cwd=ROOT,
            timeout=60,
            env={"RUNLIFT_DATABASE_URL": db, "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
        )

    return run


def ok(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_set_up_plan_a_season_log_and_see_progress(runlift, tmp_path):
    assert "Created athlete 'Alex'" in ok(
        runlift("athlete", "create", "examples/build-intermediate.yaml")
    )
    season = json.loads(
        ok(
            runlift(
                "season",
                "plan",
                "--race-date",
                "2027-02-14",
                "--distance",
                "42.2",
                "--start",
                "2026-08-31",
                "--name",
                "Marathon",
                "--format",
                "json",
            )
        )
    )
    phases = [w["phase"] for w in season["weeks"]]
    assert phases[0] == "base" and phases[-1] == "recovery" and "taper" in phases
    assert any(w["cutback"] and w["deload"] for w in season["weeks"])
    race_week = next(w for w in season["weeks"] if w["race"])
    assert race_week["loaded_sessions"] == 0 and race_week["warnings"] == []
    monday = date(2026, 8, 31)
    for week in range(6):
        load = 70 + 2.5 * week
        for day in (1, 3):
            on = (monday + timedelta(weeks=week, days=day)).isoformat()
            ok(runlift("log", "strength", "--date", on, "--set", f"back_squat:3x7@{load}:rir2"))
        on = (monday + timedelta(weeks=week, days=2)).isoformat()
        ok(
            runlift(
                "log",
                "run",
                "--date",
                on,
                "--type",
                "easy",
                "--minutes",
                "45",
                "--km",
                "8",
                "--hr",
                "140",
                "--rpe",
                "3",
            )
        )
    ok(
        runlift(
            "log", "race", "--date", "2026-09-06", "--km", "5", "--time", "24:34", "--time-trial"
        )
    )
    progress = json.loads(ok(runlift("progress", "--format", "json")))
    squat = next(x for x in progress["lifts"] if x["exercise"] == "back_squat")
    assert len(squat["e1rm"]) == 12 and squat["e1rm"][-1]["value"] > squat["e1rm"][0]["value"]
    assert squat["next"]["action"] in {"add reps", "add load", "hold"}
    assert progress["warning"] is None
    text = ok(runlift("progress"))
    assert "Back squat" in text and "judged from 9 weeks on" in text
    week = json.loads(ok(runlift("week", "--date", "2026-09-02", "--format", "json")))
    assert week["planned_from"].startswith("your season") and len(week["done"]["strength"]) == 2
    listed = ok(runlift("log", "list"))
    assert listed.count("strength ") == 12
    export = tmp_path / "all.json"
    ok(runlift("export", str(export)))
    assert "Restored" in ok(runlift("restore", str(export), "--replace"))


BAD = [
    ("season", "show"),
    ("log", "strength", "--set", "back_squat:3x6@"),
    ("log", "strength", "--set", "moon_press:3x6@50"),
    ("log", "run", "--type", "jog", "--minutes", "30"),
    ("log", "run", "--type", "easy", "--minutes", "30", "--hr", "400"),
    ("log", "race", "--km", "5", "--time", "fast"),
    ("log", "delete", "run", "42"),
    ("athlete", "set", "--phase", "bulking"),
    ("week", "--date", "tomorrow"),
    ("restore", "README.md"),
]


@pytest.mark.parametrize("args", BAD, ids=[" ".join(a) for a in BAD])
def test_bad_input_is_one_line_and_exit_2_and_changes_nothing(runlift, args):
    ok(runlift("athlete", "create", "examples/build-intermediate.yaml"))
    before = ok(runlift("export", "-"))
    result = runlift(*args)
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert ok(runlift("export", "-")) == before


def test_without_an_athlete_the_commands_say_how_to_start(runlift):
    result = runlift("progress")
    assert result.returncode == 2
    assert "runlift athlete create" in result.stderr


def test_follow_phase_undoes_a_heavy_sessions_override(runlift):
    ok(runlift("athlete", "create", "examples/build-intermediate.yaml"))
    ok(runlift("athlete", "set", "--heavy-sessions", "3"))
    assert json.loads(ok(runlift("athlete", "show", "--format", "json")))["heavy_sessions"] == 3
    ok(runlift("athlete", "set", "--follow-phase"))
    assert "heavy_sessions" not in json.loads(ok(runlift("athlete", "show", "--format", "json")))
