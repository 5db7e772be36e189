"""Every race the store knows reaches the weeks around it (`Week.races`), across week and
season boundaries, and a recovery phase's race date is stored and heard. On SQLite and
PostgreSQL."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import inspect, select, text

from runlift.catalog import load_library
from runlift.domain.log import RunDone
from runlift.domain.model import Race, RunType
from runlift.io.planfile import InputError
from runlift.store import schema
from runlift.store.db import make_engine
from runlift.store.tables import athletes
from runlift.tracking import Store, logbook, profile
from runlift.tracking.profiles import create_from_file, set_fields
from runlift.tracking.races import RECOVERY_RACE_WEEKS, asks_race_date
from runlift.tracking.seasons import planned_week, start_season

EXAMPLE = "examples/build-intermediate.yaml"
TODAY = date(2026, 11, 25)
RACE = date(2026, 12, 16)  # a Wednesday
RACE_WEEK = date(2026, 12, 14)


@pytest.fixture
def store(db_url):
    store = Store(db_url)
    create_from_file(store, EXAMPLE, TODAY)
    yield store
    store.engine.dispose()


def week_races(store: Store, monday: date) -> tuple[Race, ...]:
    library = load_library()
    with store.transaction() as conn:
        plan, _ = planned_week(conn, store_profile(conn), monday, library)
    assert plan.week.start == monday
    return plan.week.races


def store_profile(conn):
    return profile(conn, None, load_library())


def test_a_goal_race_on_a_wednesday_reaches_the_rest_of_its_week_and_the_next_across_seasons(
    store,
):
    start_season(store, None, RACE, 10, date(2026, 11, 2), "Winter 10k")
    # The runner plans the next season the day after the race: a new season replaces the old
    # one, but the race was run and the days after it still need to know.
    start_season(store, None, date(2027, 4, 18), 42.2, RACE + timedelta(days=1), "Spring")
    for monday in (RACE_WEEK, RACE_WEEK + timedelta(weeks=1)):
        races = week_races(store, monday)
        assert Race(RACE, True, "Winter 10k") in races, monday


def test_a_new_season_over_the_old_race_still_replaces_it(store):
    start_season(store, None, RACE, 10, date(2026, 11, 2), "Winter 10k")
    start_season(store, None, date(2027, 4, 18), 42.2, date(2026, 11, 30), "Spring")
    assert [r.date for r in week_races(store, RACE_WEEK)] == [date(2027, 4, 18)]


def test_plan_file_races_reach_the_week_before_and_the_week_after(db_url, tmp_path):
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        Path(EXAMPLE).read_text(encoding="utf-8")
        + "races:\n  - {date: 2026-12-16, goal: true, name: Winter 10k}\n"
        + "  - {date: 2027-03-07, goal: false}\n"
    )
    store = Store(db_url)
    create_from_file(store, str(plan), TODAY)
    goal = Race(RACE, True, "Winter 10k")
    assert week_races(store, RACE_WEEK - timedelta(weeks=1)) == (goal,)  # its buffer: next week
    assert week_races(store, RACE_WEEK) == (goal,)
    assert week_races(store, RACE_WEEK + timedelta(weeks=1)) == (goal,)
    assert week_races(store, RACE_WEEK - timedelta(weeks=2)) == ()  # too far ahead to matter
    store.engine.dispose()


def test_logged_races_reach_the_next_week_and_time_trials_do_not(store):
    logbook.add(store, None, logbook.result_entry(RACE, 10, "45:00", False, "Winter 10k"))
    logbook.add(store, None, logbook.result_entry(RACE - timedelta(days=1), 5, "22:00", True, None))
    logbook.add(store, None, RunDone(RACE + timedelta(days=4), RunType.RACE, 20, 5.0))
    assert week_races(store, RACE_WEEK + timedelta(weeks=1)) == (
        Race(RACE, False, "Winter 10k"),
        Race(RACE + timedelta(days=4), False, None),
    )


def test_a_logged_result_of_the_goal_race_is_one_race_the_goal_race(store):
    start_season(store, None, RACE, 10, date(2026, 11, 2), None)
    logbook.add(store, None, logbook.result_entry(RACE, 10, "45:00", False, "Winter 10k"))
    for monday in (RACE_WEEK, RACE_WEEK + timedelta(weeks=1)):
        assert [r for r in week_races(store, monday) if r.date == RACE] == [
            Race(RACE, True, "Winter 10k")
        ]


def test_a_recovery_athlete_with_a_stored_race_date_hears_of_it(store):
    raced = date(2026, 11, 22)  # a Sunday
    library = load_library()
    set_fields(store, None, {"phase": "recovery"}, TODAY)
    with store.transaction() as conn:
        plan, _ = planned_week(conn, store_profile(conn), date(2026, 11, 23), library)
    assert plan.week.races == () and asks_race_date(plan)
    prof = set_fields(store, None, {"race_date": raced}, TODAY)
    assert prof.row.race_date == raced
    for monday in (date(2026, 11, 16), date(2026, 11, 23), date(2026, 11, 30)):
        with store.transaction() as conn:
            plan, source = planned_week(conn, store_profile(conn), monday, library)
        assert plan.week.races == (Race(raced, True),) and not asks_race_date(plan), monday
        assert source == "your typical week"
    # Long after, the date no longer counts as the race a recovery phase recovers from.
    late = date(2026, 11, 23) + timedelta(weeks=RECOVERY_RACE_WEEKS + 1)
    with store.transaction() as conn:
        plan, _ = planned_week(conn, store_profile(conn), late, library)
    assert plan.week.races == () and asks_race_date(plan)
    assert set_fields(store, None, {"race_date": None}, TODAY).row.race_date is None


@pytest.mark.parametrize(
    ("day", "words"),
    [
        (TODAY + timedelta(days=2), "in the future"),
        (TODAY - timedelta(weeks=RECOVERY_RACE_WEEKS, days=1), "more than 8 weeks ago"),
    ],
)
def test_a_race_date_out_of_bounds_is_refused_and_changes_nothing(store, day, words):
    with pytest.raises(InputError, match=words) as refused:
        set_fields(store, None, {"phase": "recovery", "race_date": day}, TODAY)
    assert refused.value.field == "--race-date"
    with store.transaction() as conn:
        prof = store_profile(conn)
    assert prof.row.race_date is None and prof.athlete.phase.value == "build"


def test_the_bounds_of_a_race_date_are_accepted(store):
    for day in (TODAY + timedelta(days=1), TODAY - timedelta(weeks=RECOVERY_RACE_WEEKS)):
        assert set_fields(store, None, {"race_date": day}, TODAY).row.race_date == day


def test_the_race_date_migration_upgrades_and_downgrades_keeping_the_athletes(db_url):
    engine = make_engine(db_url)
    schema.upgrade(engine, "0007")
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO athletes (name, experience, phase, units, equipment, formula, "
                "usual_run_start, typical_week, lighter, revision) VALUES ('Sam', 'novice', "
                "'recovery', 'kg', '[]', 'epley', '07:00', '{\"mon\": \"rest\"}', false, 0)"
            )
        )
    schema.upgrade(engine)
    with engine.begin() as conn:
        assert conn.execute(select(athletes.c.name, athletes.c.race_date)).one() == ("Sam", None)
        conn.execute(athletes.update().values(race_date=date(2026, 11, 22)))
    schema.downgrade(engine, "0007")
    assert "race_date" not in {c["name"] for c in inspect(engine).get_columns("athletes")}
    with engine.begin() as conn:
        assert conn.execute(text("SELECT name FROM athletes")).scalar() == "Sam"
    schema.upgrade(engine)
    engine.dispose()
