"""`runlift import` end to end, through the real process on a SQLite file: a folder of files
and a Strava export imported with text and JSON output, a second import all duplicates, a
truncated file as one error line with exit 1, and bad input as one line with exit 2;
--set-week keeps the usual week, or is refused (exit 2, nothing imported) without a run day."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.shared_data import activities_folder, require

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "activities"
SHARED = activities_folder()


@pytest.fixture
def runlift(tmp_path):
    db = f"sqlite:///{tmp_path / 'runlift.db'}"

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "runlift", *args], capture_output=True, text=True, cwd=ROOT,
            timeout=120, env={"RUNLIFT_DATABASE_URL": db, "PATH": "/usr/bin:/bin",
                              "HOME": str(tmp_path), "TZ": "UTC"},
        )  # fmt: skip

    made = run("athlete", "create", "examples/build-intermediate.yaml")
    assert made.returncode == 0, made.stderr
    return run


def test_imports_a_folder_then_finds_only_duplicates(runlift):
    first = runlift("import", str(DATA), "--max-hr", "185")
    assert first.returncode == 0, first.stderr
    assert "7 imported, 0 duplicates, 2 skipped, 0 errors" in first.stdout
    assert "intervals" in first.stdout and "cycling, not a run" in first.stdout
    again = runlift("import", str(DATA / "strava-export.zip"), "--format", "json")
    body = json.loads(again.stdout)
    assert (body["imported"], body["duplicates"], body["skipped"]) == (0, 3, 1)
    logged = runlift("log", "list", "--format", "json")
    assert logged.returncode == 0 and "threshold" in logged.stdout


def test_a_truncated_file_is_one_error_and_exit_1(runlift, tmp_path):
    (tmp_path / "cut.fit").write_bytes((DATA / "tempo.fit").read_bytes()[:1000])
    (tmp_path / "ok.gpx").write_bytes((DATA / "easy-run.gpx").read_bytes())
    done = runlift("import", str(tmp_path), "--format", "json")
    assert done.returncode == 1
    files = {Path(f["file"]).name: f["status"] for f in json.loads(done.stdout)["files"]}
    assert files == {"cut.fit": "error", "ok.gpx": "imported"}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["/no/such/file.fit"], "PATH: /no/such/file.fit does not exist"),
        ([str(DATA), "--threshold-pace", "fast"], "--threshold-pace: 'fast' is not a pace"),
        ([str(DATA), "--max-hr", "20"], "--max-hr: 20 is not a maximum heart rate"),
        ([str(DATA), "--format", "xml"], "--format: 'xml' is not allowed"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(runlift, args, message):
    done = runlift("import", *args)
    assert done.returncode == 2 and message in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def _typical_week(runlift):
    shown = runlift("athlete", "show", "--format", "json")
    assert shown.returncode == 0, shown.stderr
    return json.loads(shown.stdout)["typical_week"]


def test_set_week_keeps_the_usual_week_as_the_typical_week(runlift):
    done = runlift("import", str(DATA), "--set-week")
    assert done.returncode == 0, done.stderr
    assert "Kept as your typical week" in done.stdout
    week = _typical_week(runlift)
    assert week["tue"] == [{"run": "intervals", "minutes": 48}]
    assert week["thu"] == [{"run": "threshold", "minutes": 45}] and week["sun"] == "rest"


def test_set_week_without_a_run_day_is_refused_and_imports_nothing(runlift):
    before = _typical_week(runlift)
    done = runlift("import", str(DATA / "strava-export.zip"), "--set-week", "--format", "json")
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.startswith("runlift: error: --set-week: no weekday of the log's last 4")
    assert "leave out this option" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert _typical_week(runlift) == before
    assert "Nothing logged yet" in runlift("log", "list").stdout


def test_the_real_device_files_import_without_a_crash(runlift):
    require(SHARED)
    done = runlift("import", str(SHARED), "--format", "json")
    assert done.returncode == 0, done.stderr
    body = json.loads(done.stdout)
    assert body["imported"] == 2 and body["skipped"] == 4
