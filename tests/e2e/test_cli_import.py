"""`runlift import-plan` end to end, through the real process on a SQLite file: a preview,
uncertain events confirmed, the weeks saved and shown by `runlift week`, and bad input as one
line naming the line or field, with exit code 2."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PLANS = ROOT / "tests" / "data" / "plans"


@pytest.fixture
def runlift(tmp_path):
    db = f"sqlite:///{tmp_path / 'runlift.db'}"

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "runlift", *args],
            capture_output=True,
            text=True,
            cwd=ROOT,
            timeout=60,
            env={"RUNLIFT_DATABASE_URL": db, "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
        )

    made = run("athlete", "create", "examples/build-intermediate.yaml")
    assert made.returncode == 0, made.stderr
    return run


def test_previews_confirms_and_saves_the_imported_weeks(runlift):
    ics = str(PLANS / "trainingpeaks-like.ics")
    preview = runlift("import-plan", ics, "--tz", "Europe/London")
    assert preview.returncode == 0, preview.stderr
    out = preview.stdout
    assert "Imported week of Mon 7 Dec 2026" in out and "runlift plan - Alex" in out
    assert "e9" in out and "--confirm e9=TYPE" in out and "Not saved" in out
    assert "assumed easy pace of 6:00 min/km" in out
    refused = runlift("import-plan", ics, "--save")
    assert refused.returncode == 2 and refused.stdout == ""
    assert refused.stderr.startswith("runlift: error: --confirm: not saved: 1 event(s)")
    saved = runlift("import-plan", ics, "--tz", "Europe/London", "--confirm", "e9=tempo",
                    "--confirm", "e7=skip", "--save", "--format", "json")  # fmt: skip
    assert saved.returncode == 0, saved.stderr
    body = json.loads(saved.stdout)
    assert body["saved"] is True and body["needs_confirmation"] == []
    assert body["weeks"][1]["days"]["thu"][0]["run"] == "tempo"
    week = runlift("week", "--date", "2026-12-17", "--format", "json")
    planned = json.loads(week.stdout)["planned"]
    assert [r["run"] for r in planned[3]["runs"]] == ["tempo"]
    assert "as you changed it" in json.loads(week.stdout)["planned_from"]


def test_a_csv_within_a_range(runlift):
    result = runlift("import-plan", str(PLANS / "garmin-connect-like.csv"), "--from",
                     "2026-12-08", "--to", "2026-12-11", "--format", "json")  # fmt: skip
    assert result.returncode == 0, result.stderr
    body = json.loads(result.stdout)
    assert [e["type"] for e in body["events"]] == ["intervals", "cross", "strength", "tempo"]
    assert [s["type"] for s in body["skipped"]] == ["cross", "strength"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["tests/data/plans/bad-date.ics"], "bad-date.ics: line 5: DTSTART:"),
        (["tests/data/plans/bad-time.csv"],
         "bad-time.csv: line 3, column 'Start Time': '25:99' is not a time of day"),
        (["tests/data/plans/endless-repeat.ics"], "endless-repeat.ics: line 4: RRULE: repeats"),
        (["missing.ics"], "FILE: missing.ics does not exist"),
        (["README.md"], "README.md: line 1: no date column"),
        (["tests/data/plans/runapp-repeats.ics", "--confirm", "e1"], "--confirm: 'e1' is not"),
        (["tests/data/plans/runapp-repeats.ics", "--confirm", "e1=jog"],
         "--confirm: 'jog' is not a run type"),
        (["tests/data/plans/runapp-repeats.ics", "--tz", "Nowhere/Town"], "--tz: 'Nowhere/Town'"),
        (["tests/data/plans/runapp-repeats.ics", "--from", "2026-12-20", "--to", "2026-12-01"],
         "--to: 2026-12-01 is before --from"),
        (["tests/data/plans/runapp-repeats.ics", "--format", "xml"], "--format: 'xml'"),
    ],
)  # fmt: skip
def test_bad_input_is_one_line_and_exit_2(runlift, args, message):
    result = runlift("import-plan", *args)
    assert result.returncode == 2, result.stdout
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"runlift: error: {message}"), lines
