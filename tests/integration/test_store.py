"""The store on SQLite and PostgreSQL over real connections."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import inspect, select, text

from runlift.domain.log import ExerciseDone, RunDone, SetDone, StrengthDone
from runlift.domain.model import RunType, StrengthKind
from runlift.io.planfile import InputError
from runlift.store import repository as repo
from runlift.store import schema
from runlift.store.backup import RestoreError, export_all, restore_all
from runlift.store.db import make_engine
from runlift.store.tables import athletes, strength_logs
from runlift.tracking import Store, logbook, profile
from runlift.tracking.profiles import add_test, create_from_file, set_fields
from runlift.tracking.seasons import change_week, season_view, start_season

EXAMPLE = "examples/build-intermediate.yaml"
TODAY = date(2026, 11, 25)


def squat_session(on: date, load: float = 80) -> StrengthDone:
    sets = tuple(SetDone(6, load, 2) for _ in range(3))
    return StrengthDone(on, StrengthKind.HEAVY, (ExerciseDone("back_squat", sets),), 40)


def test_sqlite_connections_are_set_up_for_durability(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'x.db'}")
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL


def test_the_head_runlift_checks_for_is_alembics_head():
    assert schema.alembic_head() == schema.HEAD


def test_migrations_upgrade_and_downgrade_a_seeded_database(db_url):
    engine = make_engine(db_url)
    schema.upgrade(engine, "0001")
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO athletes (name, experience, phase, units, equipment, formula, usual_run_start, typical_week) "
                "VALUES ('Sam', 'novice', 'base', 'kg', '[]', 'epley', '07:00', '{\"mon\": \"rest\"}')"
            )
        )
    schema.upgrade(engine)
    assert schema.current(engine) == schema.HEAD
    with engine.begin() as conn:
        row = conn.execute(select(athletes)).one()
        assert (row.name, row.lighter) == ("Sam", False)
    schema.downgrade(engine, "0001")
    assert "lighter" not in {c["name"] for c in inspect(engine).get_columns("athletes")}
    with engine.begin() as conn:
        assert conn.execute(text("SELECT name FROM athletes")).scalar() == "Sam"
    schema.downgrade(engine, "base")
    assert not inspect(engine).has_table("athletes")
    schema.upgrade(engine)
    assert schema.current(engine) == schema.HEAD
    engine.dispose()


def test_the_reps_in_reserve_migration_keeps_old_tests_as_sets_to_failure(db_url):
    engine = make_engine(db_url)
    schema.upgrade(engine, "0007")
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO athletes (name, experience, phase, units, equipment, formula, usual_run_start, typical_week, lighter) "
                "VALUES ('Sam', 'novice', 'base', 'kg', '[]', 'epley', '07:00', '{\"mon\": \"rest\"}', false)"
            )
        )
        athlete = conn.execute(text("SELECT id FROM athletes")).scalar()
        conn.execute(
            text(
                "INSERT INTO maxes (athlete_id, exercise_id, tested_on, load, reps) "
                f"VALUES ({athlete}, 'goblet_squat', '2026-11-20', 20, 10)"
            )
        )
    schema.upgrade(engine, "0009")
    with engine.begin() as conn:
        [row] = repo.list_maxes(conn, athlete)
        assert (row.reps, row.reps_in_reserve, row.is_max) == (10, 0, False)
        repo.add_max(conn, athlete, "goblet_squat", date(2026, 11, 27), 20, 10, 2)
    schema.downgrade(engine, "0007")
    assert "reps_in_reserve" not in {c["name"] for c in inspect(engine).get_columns("maxes")}
    with engine.begin() as conn:
        assert conn.execute(text("SELECT count(*) FROM maxes")).scalar() == 2
    engine.dispose()


def test_a_rep_test_with_reps_left_is_stored_and_estimated_with_them(db_url):
    store = Store(db_url)
    create_from_file(store, EXAMPLE, TODAY)
    prof = add_test(store, None, "goblet_squat", 20, 10, TODAY, reps_in_reserve=2)
    assert prof.maxes[-1].reps_in_reserve == 2
    from runlift.catalog import load_library
    from runlift.domain.prescription import known_maxes

    known = known_maxes(prof.athlete, load_library().tables)["goblet_squat"]
    assert known.value == 29.4  # 20 kg is 68 % of a max for 10 + 2: not Epley's 26.7 for 10
    assert known.source == "RPE chart from 20 kg x 10 with 2 in reserve"
    # A single with reps left is a test to estimate from, not the max itself.
    prof = add_test(store, None, "deadlift", 140, 1, TODAY, reps_in_reserve=2)
    assert dict(prof.athlete.one_rep_max).get("deadlift") is None
    assert known_maxes(prof.athlete, load_library().tables)["deadlift"].value > 140
    with pytest.raises(InputError, match="from 0 to 5"):
        add_test(store, None, "goblet_squat", 20, 10, TODAY, reps_in_reserve=6)
    # An export from before reps in reserve were kept restores its tests as sets to failure.
    with store.transaction() as conn:
        document = export_all(conn)
    for row in document["tables"]["maxes"]:
        del row["reps_in_reserve"]
    with store.transaction() as conn:
        restore_all(conn, document, replace=True)
        assert {m.reps_in_reserve for m in repo.list_maxes(conn, prof.id)} == {0}
    store.engine.dispose()


def test_an_athlete_from_a_plan_file_comes_back_as_the_same_athlete(db_url):
    from runlift.catalog import load_library
    from runlift.io.weekfile import read_plan_file

    store = Store(db_url)
    created = create_from_file(store, EXAMPLE, TODAY)
    expected = read_plan_file(EXAMPLE, load_library(), TODAY).athlete
    assert created.athlete == expected
    assert set_fields(store, None, {"phase": "peak"}, TODAY).athlete.phase.value == "peak"
    with pytest.raises(InputError, match="phase"):
        set_fields(store, None, {"phase": "bulking"}, TODAY)
    with store.transaction() as conn:
        assert (
            profile(conn, None).athlete.phase.value == "peak"
        )  # the rejected change wrote nothing
    store.engine.dispose()


def test_a_second_athlete_with_the_same_name_is_refused(db_url):
    store = Store(db_url)
    create_from_file(store, EXAMPLE, TODAY)
    with pytest.raises(InputError, match="exists already"):
        create_from_file(store, EXAMPLE, TODAY)
    create_from_file(store, EXAMPLE, TODAY, name="Alex B")
    with pytest.raises(InputError, match="several athletes"), store.transaction() as conn:
        profile(conn, None)
    store.engine.dispose()


def test_log_entries_are_added_edited_and_deleted_and_a_rejected_entry_changes_nothing(db_url):
    store = Store(db_url)
    create_from_file(store, EXAMPLE, TODAY)
    first = logbook.add(store, None, squat_session(date(2026, 11, 24)))
    run_id = logbook.add(store, None, RunDone(date(2026, 11, 24), RunType.EASY, 45, 8, 140, 3))
    logbook.replace_entry(store, None, first, squat_session(date(2026, 11, 24), 82.5))
    lifts, runs, _ = logbook.entries(store, None, None)
    assert [s.sets[0].load for x in lifts for s in [x.exercises[0]]] == [82.5]
    assert len(lifts[0].exercises[0].sets) == 3 and runs[0].id == run_id
    with pytest.raises(InputError, match="no run entry 999"):
        logbook.delete(store, None, "run", 999)
    with pytest.raises(Exception), store.transaction() as conn:  # noqa: B017
        prof = profile(conn, None)
        repo.add_strength(conn, prof.id, squat_session(date(2026, 11, 26)))
        raise RuntimeError("the runner's phone died half-way")
    logbook.delete(store, None, "strength", first)
    lifts, runs, _ = logbook.entries(store, None, None)
    assert lifts == [] and len(runs) == 1
    store.engine.dispose()


def test_another_athletes_entries_cannot_be_touched(db_url):
    store = Store(db_url)
    create_from_file(store, EXAMPLE, TODAY, name="A")
    create_from_file(store, EXAMPLE, TODAY, name="B")
    entry = logbook.add(store, "A", squat_session(date(2026, 11, 24)))
    with pytest.raises(InputError):
        logbook.delete(store, "B", "strength", entry)
    with pytest.raises(InputError):
        logbook.replace_entry(store, "B", entry, squat_session(date(2026, 11, 24), 10))
    assert logbook.entries(store, "A", None)[0][0].exercises[0].sets[0].load == 80
    store.engine.dispose()


def test_export_and_restore_round_trip_exactly(db_url, tmp_path):
    store = Store(db_url)
    create_from_file(store, EXAMPLE, TODAY)
    add_test(store, None, "deadlift", 140, 3, TODAY)
    logbook.add(store, None, squat_session(date(2026, 11, 24)))
    logbook.add(store, None, RunDone(date(2026, 11, 24), RunType.EASY, 45.5, 8.2, 141, 3.5))
    logbook.add(store, None, logbook.result_entry(date(2026, 11, 22), 5, "24:34", True, "parkrun"))
    start_season(store, None, date(2027, 4, 18), 42.2, date(2026, 11, 30), "Marathon")
    with store.transaction() as conn:
        document = export_all(conn)
    fresh = Store(f"sqlite:///{tmp_path / 'fresh.db'}")
    with fresh.transaction() as conn:
        restore_all(conn, json.loads(json.dumps(document)))
    with fresh.transaction() as conn:
        assert export_all(conn) == document
    with pytest.raises(RestoreError, match="already holds data"), fresh.transaction() as conn:
        restore_all(conn, document)
    with fresh.transaction() as conn:
        restore_all(conn, document, replace=True)
        assert export_all(conn) == document
    # ids continue after a restore on either engine
    again = Store(db_url)
    with again.transaction() as conn:
        restore_all(conn, document, replace=True)
    new_id = logbook.add(again, None, squat_session(date(2026, 11, 27)))
    assert new_id > max(row["id"] for row in document["tables"]["strength_logs"])
    store.engine.dispose()
    fresh.engine.dispose()


def test_a_season_is_stored_and_changing_a_week_replans_only_what_it_affects(db_url, tmp_path):
    store = Store(db_url)
    create_from_file(store, EXAMPLE, TODAY)
    view = start_season(store, None, date(2027, 4, 18), 42.2, date(2026, 11, 30), "Marathon")
    assert view.season.weeks[-1].phase.value == "recovery"
    week_file = tmp_path / "monday-intervals.yaml"
    week_file.write_text("days:\n  mon:\n    - {run: intervals, start: '06:30', minutes: 60}\n")
    target = view.season.weeks[6].start
    after, replanned = change_week(
        store, None, target, cutback=None, no_gym=False,
        days={"mon": [{"run": "intervals", "start": "06:30", "minutes": 60}]}, note="track session",
    )  # fmt: skip
    assert replanned == [5, 6]  # the week itself and the week whose Sunday looks ahead to it
    assert after.season.plans[6].week.days[0].day_type.value == "hard"
    reread = season_view(store, None)
    assert reread.season.inputs[6].days[0].runs[0].type is RunType.INTERVALS
    store.engine.dispose()


def test_a_strength_entry_with_its_sets_goes_in_one_transaction(db_url):
    store = Store(db_url)
    create_from_file(store, EXAMPLE, TODAY)
    with pytest.raises(Exception), store.transaction() as conn:  # noqa: B017
        prof = profile(conn, None)
        bad = StrengthDone(
            date(2026, 11, 24), StrengthKind.HEAVY, (ExerciseDone("back_squat", (SetDone(6, 80),)),)
        )
        log_id = repo.add_strength(conn, prof.id, bad)
        conn.execute(
            text(
                "INSERT INTO strength_sets (log_id, position, exercise_id, reps) VALUES (:i, 1, 'x', NULL)"
            ),
            {"i": log_id},
        )
    with store.transaction() as conn:
        assert conn.execute(select(strength_logs)).all() == []
    store.engine.dispose()


def test_the_week_plan_follows_what_the_runner_actually_lifts(db_url):
    from runlift.tracking.seasons import week_view

    store = Store(db_url)
    create_from_file(store, EXAMPLE, TODAY)  # back squat max 90 kg, tested today

    def squat_load() -> tuple[float, str]:
        plan = week_view(store, None, date(2026, 12, 1)).plan
        item = next(
            x
            for d in plan.week.days
            for s in d.strength
            for x in s.exercises
            if x.exercise_id == "back_squat"
        )
        assert item.load is not None and item.one_rep_max_source is not None
        return item.load, item.one_rep_max_source

    assert squat_load() == (70, "given")
    sets = tuple(SetDone(6, 85, 2) for _ in range(3))  # 85 x 6 with 2 in reserve: about 108 kg
    logbook.add(
        store,
        None,
        StrengthDone(date(2026, 11, 27), StrengthKind.HEAVY, (ExerciseDone("back_squat", sets),)),
    )
    load, source = squat_load()
    assert load > 80 and source == "from your log of 2026-11-27"
    store.engine.dispose()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["tables"].update(mystery=[]), "unknown tables"),
        (lambda d: d["tables"]["athletes"][0].update(phase="bogus"), "athlete.phase"),
        (lambda d: d["tables"]["run_logs"][0].update(date="31/12/2026"), "cannot be stored"),
        (lambda d: d["tables"]["run_logs"][0].update(athlete_id=999), "cannot be stored"),
    ],
    ids=["unknown table", "invalid athlete", "bad date", "dangling reference"],
)
def test_a_bad_export_restores_nothing_and_says_why(db_url, tmp_path, change, message):
    store = Store(db_url)
    create_from_file(store, EXAMPLE, TODAY)
    logbook.add(store, None, RunDone(date(2026, 11, 24), RunType.EASY, 45, 8, 140, 3))
    with store.transaction() as conn:
        document = json.loads(json.dumps(export_all(conn)))
    change(document)
    fresh = Store(f"sqlite:///{tmp_path / 'empty.db'}")
    with pytest.raises(RestoreError, match=message), fresh.transaction() as conn:
        restore_all(conn, document)
    with fresh.transaction() as conn:
        assert all(not rows for rows in export_all(conn)["tables"].values())
    store.engine.dispose()
    fresh.engine.dispose()
