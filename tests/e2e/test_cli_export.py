"""`runlift export-session` and `export-plan` end to end, through the real process on a SQLite
file: the FIT file decodes (fitdecode) to the session `runlift week` plans, the text formats go
to a file or standard output, and bad input is one line with exit code 2."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import fitdecode
import icalendar
import pytest

from runlift.services import local_today
from runlift.tracking import monday_of

ROOT = Path(__file__).resolve().parents[2]
TUESDAY = monday_of(local_today()) + timedelta(days=8)  # next week's first heavy session


@pytest.fixture
def runlift(tmp_path):
    db = f"sqlite:///{tmp_path / 'runlift.db'}"

    def run(*args: str) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run(
            [sys.executable, "-m", "runlift", *args],
            capture_output=True,
            cwd=tmp_path,
            timeout=60,
            env={"RUNLIFT_DATABASE_URL": db, "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
        )

    created = run("athlete", "create", str(ROOT / "examples" / "build-intermediate.yaml"))
    assert created.returncode == 0, created.stderr
    return run


def ok(result: subprocess.CompletedProcess[bytes]) -> bytes:
    assert result.returncode == 0, result.stderr.decode()
    return result.stdout


def planned_heavy(runlift) -> dict:
    week = json.loads(ok(runlift("week", "--date", TUESDAY.isoformat(), "--format", "json")))
    day = next(d for d in week["planned"] if d["date"] == TUESDAY.isoformat())
    return next(s for s in day["strength"] if s["kind"] == "heavy")


def test_a_session_for_the_watch_round_trips_through_a_decoder(runlift, tmp_path):
    said = ok(runlift("export-session", "--date", TUESDAY.isoformat(), "--kind", "heavy"))
    path = tmp_path / f"runlift-{TUESDAY}-heavy.fit"
    assert said.decode().strip() == f"Wrote {path.name}."
    with fitdecode.FitReader(path, check_crc=fitdecode.CrcCheck.ENABLED) as reader:
        steps = [
            {f.name: f.value for f in m.fields}
            for m in reader
            if isinstance(m, fitdecode.FitDataMessage) and m.name == "workout_step"
        ]
    session = planned_heavy(runlift)
    expected = [x for x in session["exercises"] for _ in range(x["sets"])]
    active = [s for s in steps if s["intensity"] == "active"]
    assert [s["wkt_step_name"] for s in active] == [x["name"] for x in expected]
    assert [s.get("duration_reps") or s.get("duration_time") for s in active] == [
        x.get("reps") or x.get("seconds") for x in expected
    ]
    assert [s["exercise_weight"] for s in active] == [x["load"] for x in expected]


def test_the_only_session_of_a_day_needs_no_kind_and_text_goes_to_stdout(runlift):
    body = json.loads(ok(runlift("export-session", "--date", str(TUESDAY), "--format", "json",
                                 "-o", "-")))  # fmt: skip
    assert body["kind"] == "heavy" and body["exercises"] == planned_heavy(runlift)["exercises"]
    text = ok(runlift("export-session", "--date", str(TUESDAY), "--format", "ics", "-o", "-"))
    assert len(icalendar.Calendar.from_ical(text).walk("VEVENT")) == 1


def test_the_plan_of_three_weeks_as_csv_and_ics(runlift, tmp_path):
    out = tmp_path / "plan.csv"
    ok(runlift("export-plan", "--date", str(TUESDAY), "--weeks", "3", "--format", "csv",
               "--output", str(out)))  # fmt: skip
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert rows[0]["athlete"] == "Alex" and rows[0]["date"] >= str(TUESDAY - timedelta(days=1))
    assert max(r["date"] for r in rows) < str(TUESDAY + timedelta(days=20))
    ok(runlift("export-plan", "--date", str(TUESDAY), "--weeks", "3"))
    ics = (tmp_path / f"runlift-plan-{TUESDAY - timedelta(days=1)}-3w.ics").read_bytes()
    events = icalendar.Calendar.from_ical(ics).walk("VEVENT")
    assert len(events) == len({(r["date"], r["kind"]) for r in rows})


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("export-session", "--date", "2026-13-01"), "--date: '2026-13-01' is not a date"),
        (("export-session", "--kind", "squats"), "--kind: 'squats' is not a strength kind"),
        (("export-session", "--format", "pdf"), "--format: 'pdf' is not allowed; use fit, ics"),
        (("export-plan", "--format", "fit"), "--format: 'fit' is not allowed; use ics, csv, json"),
        (("export-plan", "--weeks", "0"), "--weeks: 0 is not allowed; use 1-12"),
        (("export-session", "--output", "/no/such/dir/x.fit", "--date", str(TUESDAY)), "--output:"),
        (
            ("export-session", "--date", str(TUESDAY - timedelta(days=1))),
            "--date: no strength session",
        ),
        (("export-session", "--athlete", "Nobody"), "--athlete:"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(runlift, args, message):
    result = runlift(*args)
    assert result.returncode == 2
    err = result.stderr.decode()
    assert err.count("\n") == 1 and message in err, err
    assert "Traceback" not in err
