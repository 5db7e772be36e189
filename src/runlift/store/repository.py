"""Rows to domain values and back. Every function takes an open connection; the caller owns
the transaction, so a rejected entry changes nothing."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Connection, delete, insert, select, update

from runlift.domain.log import ExerciseDone, RaceResult, RunDone, SetDone, StrengthDone
from runlift.domain.model import RunType, StrengthKind
from runlift.store.tables import (
    athletes,
    maxes,
    races,
    results,
    run_logs,
    seasons,
    strength_logs,
    strength_sets,
    week_changes,
)


class NotFound(LookupError):
    """No such row for this athlete (the message says what was looked for)."""


@dataclass(frozen=True, slots=True)
class AthleteRow:
    """An athlete as stored: the plan file's `athlete` fields plus the typical week."""

    id: int
    fields: dict[str, Any]  # plan-file form, without one_rep_max / rep_tests
    typical_week: dict[str, Any]
    lighter: bool


ATHLETE_COLUMNS = (
    "name", "experience", "phase", "units", "equipment", "heavy_sessions", "formula",
    "usual_run_start", "available", "kit",
)  # fmt: skip


class Duplicate(ValueError):
    """A name this owner already uses."""


def _owner(owner_id: int | None) -> Any:
    return athletes.c.owner_id.is_(None) if owner_id is None else athletes.c.owner_id == owner_id


def add_athlete(
    conn: Connection,
    fields: dict[str, Any],
    typical_week: dict[str, Any],
    owner_id: int | None = None,
) -> int:
    taken = conn.execute(
        select(athletes.c.id).where(athletes.c.name == fields.get("name"), _owner(owner_id))
    ).first()
    if taken is not None:
        raise Duplicate(f"{fields.get('name')!r} exists already")
    values = {key: fields.get(key) for key in ATHLETE_COLUMNS}
    values["owner_id"] = owner_id
    values["equipment"] = sorted(values["equipment"] or [])
    values["typical_week"] = typical_week
    values["lighter"] = False
    result = conn.execute(insert(athletes).values(**values))
    return int(result.inserted_primary_key[0])  # type: ignore[index]


def update_athlete(conn: Connection, athlete_id: int, **changes: Any) -> None:
    conn.execute(update(athletes).where(athletes.c.id == athlete_id).values(**changes))


def _athlete(row: Any) -> AthleteRow:
    fields = {key: row._mapping[key] for key in ATHLETE_COLUMNS}
    return AthleteRow(row.id, fields, row.typical_week, bool(row.lighter))


def get_athlete(
    conn: Connection, name: str | None = None, owner_id: int | None = None
) -> AthleteRow:
    """The athlete called `name`, or the only one there is (of this owner: the CLI's are
    the ones without an owner)."""
    if name is not None:
        row = conn.execute(
            select(athletes).where(athletes.c.name == name, _owner(owner_id))
        ).first()
        if row is None:
            raise NotFound(f"no athlete called {name!r}; `runlift athlete list` shows who is there")
        return _athlete(row)
    rows = conn.execute(select(athletes).where(_owner(owner_id)).order_by(athletes.c.id)).all()
    if not rows:
        raise NotFound("no athlete yet; create one with `runlift athlete create FILE`")
    if len(rows) > 1:
        names = ", ".join(r.name for r in rows)
        raise NotFound(f"several athletes ({names}); choose one with --athlete NAME")
    return _athlete(rows[0])


def get_athlete_by_id(conn: Connection, athlete_id: int) -> tuple[AthleteRow, int | None]:
    """The athlete and its owner's id."""
    row = conn.execute(select(athletes).where(athletes.c.id == athlete_id)).first()
    if row is None:
        raise NotFound(f"no athlete {athlete_id}")
    return _athlete(row), row.owner_id


def list_athletes(conn: Connection, owner_id: int | None = None) -> list[AthleteRow]:
    query = select(athletes).where(_owner(owner_id)).order_by(athletes.c.name)
    return [_athlete(r) for r in conn.execute(query)]


def delete_athlete(conn: Connection, athlete_id: int) -> None:
    conn.execute(delete(athletes).where(athletes.c.id == athlete_id))


# -- maxes and rep tests ----------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class MaxRow:
    id: int
    exercise_id: str
    tested_on: date
    load: float
    reps: int


def add_max(
    conn: Connection, athlete_id: int, exercise_id: str, tested_on: date, load: float, reps: int
) -> int:
    result = conn.execute(
        insert(maxes).values(
            athlete_id=athlete_id,
            exercise_id=exercise_id,
            tested_on=tested_on,
            load=load,
            reps=reps,
        )
    )
    return int(result.inserted_primary_key[0])  # type: ignore[index]


def list_maxes(conn: Connection, athlete_id: int) -> list[MaxRow]:
    rows = conn.execute(
        select(maxes)
        .where(maxes.c.athlete_id == athlete_id)
        .order_by(maxes.c.tested_on, maxes.c.id)
    )
    return [MaxRow(r.id, r.exercise_id, r.tested_on, r.load, r.reps) for r in rows]


# -- races and the season ---------------------------------------------------------------
def add_race(
    conn: Connection, athlete_id: int, on: date, distance_km: float, goal: bool, name: str | None
) -> int:
    result = conn.execute(
        insert(races).values(
            athlete_id=athlete_id, date=on, distance_km=distance_km, goal=goal, name=name
        )
    )
    return int(result.inserted_primary_key[0])  # type: ignore[index]


def list_races(conn: Connection, athlete_id: int) -> list[Any]:
    return list(
        conn.execute(select(races).where(races.c.athlete_id == athlete_id).order_by(races.c.date))
    )


def set_season(conn: Connection, athlete_id: int, start: date, race_id: int) -> None:
    conn.execute(delete(seasons).where(seasons.c.athlete_id == athlete_id))
    conn.execute(insert(seasons).values(athlete_id=athlete_id, start=start, race_id=race_id))


def get_season(conn: Connection, athlete_id: int) -> Any:
    row = conn.execute(
        select(seasons.c.start, races.c.date, races.c.distance_km, races.c.name, races.c.goal)
        .join(races, races.c.id == seasons.c.race_id)
        .where(seasons.c.athlete_id == athlete_id)
    ).first()
    if row is None:
        raise NotFound(
            "no season yet; start one with `runlift season plan --race-date ... --distance ...`"
        )
    return row


def set_week_change(
    conn: Connection,
    athlete_id: int,
    week_start: date,
    *,
    days: dict[str, Any] | None = None,
    cutback: bool | None = None,
    no_gym: bool = False,
    note: str | None = None,
) -> None:
    conn.execute(
        delete(week_changes).where(
            week_changes.c.athlete_id == athlete_id, week_changes.c.week_start == week_start
        )
    )
    conn.execute(
        insert(week_changes).values(
            athlete_id=athlete_id,
            week_start=week_start,
            days=days,
            cutback=cutback,
            no_gym=no_gym,
            note=note,
        )
    )


def list_week_changes(conn: Connection, athlete_id: int) -> dict[date, Any]:
    rows = conn.execute(select(week_changes).where(week_changes.c.athlete_id == athlete_id))
    return {r.week_start: r for r in rows}


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
    return int(inserted.inserted_primary_key[0])  # type: ignore[index]


def list_results(conn: Connection, athlete_id: int) -> list[RaceResult]:
    rows = conn.execute(
        select(results)
        .where(results.c.athlete_id == athlete_id)
        .order_by(results.c.date, results.c.id)
    )
    return [RaceResult(r.date, r.distance_km, r.seconds, r.time_trial, r.name, r.id) for r in rows]
