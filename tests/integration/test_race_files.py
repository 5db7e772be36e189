"""A run its file names as a race ("Parkrun #412") is logged as a race with its result, so
VDOT and the threshold pace follow from it; a result logged by hand that day is not doubled."""

from __future__ import annotations

from datetime import UTC, date, datetime

from runlift.domain.log import RaceResult
from runlift.io.activities import DEFAULT_LIMITS, listing
from runlift.store import repository as repo
from runlift.tracking.activities import import_activities
from tests.data.activities.make_files import gpx

TODAY = date(2026, 11, 25)
SATURDAY = datetime(2026, 11, 21, 9, 0, tzinfo=UTC)
PARKRUN = [(1320, 264, 176)]  # 22:00 for 5 km at 4:24/km
EASY = [(2400, 360, 138)]


def _import(store, athlete_id, files):
    with listing([str(p) for p in files]) as found, store.transaction() as conn:
        return import_activities(conn, athlete_id, found, DEFAULT_LIMITS, TODAY, UTC)


def test_a_parkrun_file_logs_a_race_and_its_result(stored, tmp_path):
    store, athlete_id = stored
    race = tmp_path / "parkrun.gpx"
    race.write_bytes(gpx(SATURDAY, PARKRUN, "running", "Parkrun #412"))
    easy = tmp_path / "easy.gpx"
    easy.write_bytes(gpx(SATURDAY.replace(day=19), EASY, "running", "Morning 10k"))
    report = _import(store, athlete_id, [race, easy])
    outcome = next(o for o in report.outcomes if o.name.endswith("parkrun.gpx"))
    assert outcome.summary is not None and outcome.summary["type"] == "race"
    assert outcome.summary["race"] == {"distance_km": 5.0, "seconds": 1320, "time_trial": False}
    assert "named a race" in outcome.reason
    other = next(o for o in report.outcomes if o.name.endswith("easy.gpx"))
    assert other.summary is not None and other.summary["type"] != "race"
    with store.transaction() as conn:
        results = repo.list_results(conn, athlete_id)
    assert [(r.date, r.distance_km, r.seconds, r.name) for r in results] == [
        (date(2026, 11, 21), 5.0, 1320.0, "Parkrun #412")
    ]
    # The threshold pace came from the race found in this very import.
    assert "threshold pace from your 5 km on 2026-11-21" in report.thresholds.source


def test_a_result_logged_by_hand_that_day_is_not_doubled(stored, tmp_path):
    store, athlete_id = stored
    with store.transaction() as conn:
        repo.add_result(conn, athlete_id, RaceResult(date(2026, 11, 21), 5.0, 1318, False, "pr"))
    race = tmp_path / "parkrun.gpx"
    race.write_bytes(gpx(SATURDAY, PARKRUN, "running", "parkrun"))
    report = _import(store, athlete_id, [race])
    assert report.count("imported") == 1
    with store.transaction() as conn:
        results = repo.list_results(conn, athlete_id)
    assert [(r.seconds, r.name) for r in results] == [(1318.0, "pr")]


def test_of_two_race_named_runs_on_a_day_the_faster_is_the_result(stored, tmp_path):
    store, athlete_id = stored
    jog = tmp_path / "a-jog.gpx"  # read first, and named like the race
    jog.write_bytes(gpx(SATURDAY.replace(hour=10), [(1800, 360, 150)], "running", "parkrun 2"))
    race = tmp_path / "b-race.gpx"
    race.write_bytes(gpx(SATURDAY, PARKRUN, "running", "Parkrun #412"))
    report = _import(store, athlete_id, [jog, race])
    assert report.count("imported") == 2
    with store.transaction() as conn:
        results = repo.list_results(conn, athlete_id)
    assert [(r.seconds, r.name) for r in results] == [(1320.0, "Parkrun #412")]


def test_a_jog_named_after_the_race_is_a_run_not_a_result(stored, tmp_path):
    store, athlete_id = stored
    jog = tmp_path / "jog.gpx"
    jog.write_bytes(gpx(SATURDAY, EASY, "running", "Easy jog after parkrun"))
    report = _import(store, athlete_id, [jog])
    assert report.outcomes[0].summary is not None
    assert report.outcomes[0].summary["type"] == "easy"
    with store.transaction() as conn:
        assert repo.list_results(conn, athlete_id) == []
