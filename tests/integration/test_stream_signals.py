"""Imported runs feed the progress report beyond pace per heartbeat: the drift of steady
runs and critical speed from best efforts, week by week, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from runlift.io.activities import DEFAULT_LIMITS, listing
from runlift.progressview import progress_json
from runlift.tracking import Store, profile
from runlift.tracking.activities import import_activities
from runlift.tracking.profiles import create_from_file
from runlift.tracking.progress import progress
from tests.data.activities.make_files import INTERVALS, TEMPO, gpx

TODAY = date(2026, 11, 25)
FIRST_MONDAY = date(2026, 10, 5)
# 10 min warm-up, then 40 min at one pace with the pulse creeping up: a drift of about 5 %.
DRIFTING = [(600, 360, 135), (1200, 360, 138), (1200, 360, 146)]


def _week_files(folder, weeks: int) -> list:
    paths = []
    for k in range(weeks):
        monday = datetime.combine(FIRST_MONDAY + timedelta(weeks=k), datetime.min.time(), UTC)
        runs = {
            "tue": (monday + timedelta(days=1, hours=7), INTERVALS),
            "thu": (monday + timedelta(days=3, hours=7), TEMPO),
            "sat": (monday + timedelta(days=5, hours=8), DRIFTING),
        }
        for day, (start, segments) in runs.items():
            path = folder / f"w{k}-{day}.gpx"
            path.write_bytes(gpx(start + timedelta(hours=7), segments, "running", day))
            paths.append(path)
    return paths


@pytest.fixture
def imported(db_url, tmp_path):
    store = Store(db_url)
    athlete = create_from_file(store, "examples/build-intermediate.yaml", TODAY)
    with listing([str(p) for p in _week_files(tmp_path, 7)]) as found, store.transaction() as conn:
        report = import_activities(conn, athlete.id, found, DEFAULT_LIMITS, TODAY, UTC, 190.0)
    assert report.count("imported") == 21
    yield store, athlete.name
    store.engine.dispose()


def test_steady_runs_carry_their_drift_into_the_week(imported):
    store, name = imported
    weeks = progress(store, name, TODAY).weeks
    assert len(weeks) == 7
    # Pace per beat: 2.778 m/s over 138 against 146 beats, after the warm-up.
    expected = (1 / 138 - 1 / 146) / (1 / 138) * 100
    for week in weeks:
        assert week.drift == pytest.approx(expected, abs=0.3)


def test_critical_speed_comes_from_the_best_efforts_of_three_to_twenty_minutes(imported):
    store, name = imported
    weeks = progress(store, name, TODAY).weeks
    speed = weeks[-1].critical_speed
    assert speed is not None
    # The tempo (25 min at 4:30/km = 3.70 m/s) and the 3-min repeats at 4:00/km bound it.
    assert 3.55 < speed < 3.75
    assert all(w.critical_speed == pytest.approx(speed, abs=0.02) for w in weeks)


def test_the_json_and_the_stored_summary_name_the_signals(imported):
    store, name = imported
    data = progress_json(progress(store, name, TODAY))
    last = data["weeks"][-1]
    assert last["critical_pace_s_per_km"] == round(1000 / last["critical_speed_m_s"])
    assert 4.5 < last["drift_pct"] < 6.5
    from sqlalchemy import select

    from runlift.store.tables import activities

    with store.transaction() as conn:
        athlete_id = profile(conn, name).id
        rows = conn.execute(
            select(activities.c.summary).where(activities.c.athlete_id == athlete_id)
        ).all()
    tempo = next(r.summary for r in rows if r.summary["name"] == "thu")
    assert set(tempo["best_efforts"]) == {"180", "300", "600", "720", "1200", "1800"}
    assert tempo["best_efforts"]["1200"] == pytest.approx(1200 * 1000 / 270, rel=0.01)
    assert tempo["zone_minutes"][3] + tempo["zone_minutes"][4] == pytest.approx(25, abs=0.5)
    assert tempo["type"] == "threshold"
