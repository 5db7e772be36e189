"""The training log's rows: strength sessions with their sets, runs, race results."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import Connection, delete, insert, select, true, update

from runlift.domain.log import ExerciseDone, RaceResult, RunDone, SetDone, StrengthDone
from runlift.domain.model import RunType, StrengthKind
from runlift.store.revisions import touch
from runlift.store.tables import results, run_logs, strength_logs, strength_sets


class NotFound(LookupError):
    """No such row for this athlete (the message says what was looked for)."""


# -- the training log -------------------------------------------------------------------
def add_strength(conn: Connection, athlete_id: int, done: StrengthDone) -> int:
    result = conn.execute(
        insert(strength_logs).values(
            athlete_id=athlete_id,
            date=done.date,
            kind=done.kind.value,
            minutes=done.minutes,
            skipped=done.skipped,
            reason=done.reason,
        )
    )
    log_id = int(result.inserted_primary_key[0])  # type: ignore[index]
    _add_sets(conn, log_id, done.exercises)
    touch(conn, athlete_id)
    return log_id


def _add_sets(conn: Connection, log_id: int, exercises: Sequence[ExerciseDone]) -> None:
    rows = [
        {
            "log_id": log_id,
            "position": position,
            "exercise_id": x.exercise_id,
            "reps": s.reps,
            "load": s.load,
            "reps_in_reserve": s.reps_in_reserve,
            "rpe": s.rpe,
        }
        for position, (x, s) in enumerate((x, s) for x in exercises for s in x.sets)
    ]
    if rows:
        conn.execute(insert(strength_sets), rows)


def replace_strength(conn: Connection, athlete_id: int, log_id: int, done: StrengthDone) -> None:
    _owned(conn, strength_logs, athlete_id, log_id)
    conn.execute(
        update(strength_logs)
        .where(strength_logs.c.id == log_id)
        .values(
            date=done.date,
            kind=done.kind.value,
            minutes=done.minutes,
            skipped=done.skipped,
            reason=done.reason,
        )
    )
    conn.execute(delete(strength_sets).where(strength_sets.c.log_id == log_id))
    _add_sets(conn, log_id, done.exercises)
    touch(conn, athlete_id)


def _owned(conn: Connection, table: Any, athlete_id: int, row_id: int) -> None:
    found = conn.execute(
        select(table.c.id).where(table.c.id == row_id, table.c.athlete_id == athlete_id)
    ).first()
    if found is None:
        label = {"strength_logs": "strength", "run_logs": "run", "results": "race"}.get(
            table.name, table.name
        )
        raise NotFound(
            f"no {label} entry {row_id} for this athlete; `runlift log list` shows the ids"
        )


def delete_entry(conn: Connection, table_name: str, athlete_id: int, row_id: int) -> None:
    table = {"strength": strength_logs, "run": run_logs, "race": results}[table_name]
    _owned(conn, table, athlete_id, row_id)
    conn.execute(delete(table).where(table.c.id == row_id))
    touch(conn, athlete_id)


def list_strength(
    conn: Connection, athlete_id: int, since: date | None = None
) -> list[StrengthDone]:
    query = select(strength_logs).where(strength_logs.c.athlete_id == athlete_id)
    if since is not None:
        query = query.where(strength_logs.c.date >= since)
    logs = list(conn.execute(query.order_by(strength_logs.c.date, strength_logs.c.id)))
    sets: dict[int, list[Any]] = {}
    if logs:
        rows = conn.execute(
            select(strength_sets)
            .join(strength_logs, strength_logs.c.id == strength_sets.c.log_id)
            .where(strength_logs.c.athlete_id == athlete_id)
            .where(strength_logs.c.date >= since if since is not None else true())
            .order_by(strength_sets.c.log_id, strength_sets.c.position)
        )
        for row in rows:
            sets.setdefault(row.log_id, []).append(row)
    out = []
    for log in logs:
        exercises: list[ExerciseDone] = []
        for row in sets.get(log.id, []):
            one = SetDone(row.reps, row.load, row.reps_in_reserve, row.rpe)
            if exercises and exercises[-1].exercise_id == row.exercise_id:
                exercises[-1] = ExerciseDone(row.exercise_id, (*exercises[-1].sets, one))
            else:
                exercises.append(ExerciseDone(row.exercise_id, (one,)))
        out.append(
            StrengthDone(
                log.date,
                StrengthKind(log.kind),
                tuple(exercises),
                log.minutes,
                log.skipped,
                log.reason,
                log.id,
            )
        )
    return out


def add_run(conn: Connection, athlete_id: int, run: RunDone) -> int:
    result = conn.execute(
        insert(run_logs).values(
            athlete_id=athlete_id,
            date=run.date,
            type=run.type.value,
            minutes=run.minutes,
            distance_km=run.distance_km,
            avg_hr=run.avg_hr,
            rpe=run.rpe,
        )
    )
    touch(conn, athlete_id)
    return int(result.inserted_primary_key[0])  # type: ignore[index]


def replace_run(conn: Connection, athlete_id: int, run_id: int, run: RunDone) -> None:
    _owned(conn, run_logs, athlete_id, run_id)
    conn.execute(
        update(run_logs)
        .where(run_logs.c.id == run_id)
        .values(
            date=run.date,
            type=run.type.value,
            minutes=run.minutes,
            distance_km=run.distance_km,
            avg_hr=run.avg_hr,
            rpe=run.rpe,
        )
    )
    touch(conn, athlete_id)


def list_runs(conn: Connection, athlete_id: int, since: date | None = None) -> list[RunDone]:
    query = select(run_logs).where(run_logs.c.athlete_id == athlete_id)
    if since is not None:
        query = query.where(run_logs.c.date >= since)
    rows = conn.execute(query.order_by(run_logs.c.date, run_logs.c.id))
    return [
        RunDone(r.date, RunType(r.type), r.minutes, r.distance_km, r.avg_hr, r.rpe, r.id)
        for r in rows
    ]


def add_result(conn: Connection, athlete_id: int, result: RaceResult) -> int:
    inserted = conn.execute(
        insert(results).values(
            athlete_id=athlete_id,
            date=result.date,
            distance_km=result.distance_km,
            seconds=result.seconds,
            time_trial=result.time_trial,
            name=result.name,
        )
    )
    touch(conn, athlete_id)
    return int(inserted.inserted_primary_key[0])  # type: ignore[index]


def list_results(conn: Connection, athlete_id: int) -> list[RaceResult]:
    rows = conn.execute(
        select(results)
        .where(results.c.athlete_id == athlete_id)
        .order_by(results.c.date, results.c.id)
    )
    return [RaceResult(r.date, r.distance_km, r.seconds, r.time_trial, r.name, r.id) for r in rows]
