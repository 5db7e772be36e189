"""Rows to domain values and back. Every function takes an open connection; the caller owns
the transaction, so a rejected entry changes nothing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Connection, delete, insert, select, update

from runlift.domain.model import Race, RunType
from runlift.store.logrepo import (
    NotFound,
    add_result,
    add_run,
    add_strength,
    delete_entry,
    list_results,
    list_runs,
    list_strength,
    replace_run,
    replace_strength,
)
from runlift.store.revisions import touch
from runlift.store.tables import (
    athletes,
    maxes,
    races,
    results,
    run_logs,
    seasons,
    week_changes,
)

__all__ = [
    "NotFound", "add_result", "add_run", "add_strength", "delete_entry", "list_results",
    "list_runs", "list_strength", "replace_run", "replace_strength",
]  # fmt: skip


@dataclass(frozen=True, slots=True)
class AthleteRow:
    """An athlete as stored: the plan file's `athlete` fields plus the typical week."""

    id: int
    fields: dict[str, Any]  # plan-file form, without one_rep_max / rep_tests
    typical_week: dict[str, Any]
    lighter: bool
    race_date: date | None = None  # the race a recovery phase recovers from, when given


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
    conn.execute(
        update(athletes)
        .where(athletes.c.id == athlete_id)
        .values(**changes, revision=athletes.c.revision + 1)
    )


def _athlete(row: Any) -> AthleteRow:
    fields = {key: row._mapping[key] for key in ATHLETE_COLUMNS}
    return AthleteRow(row.id, fields, row.typical_week, bool(row.lighter), row.race_date)


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
    reps_in_reserve: int = 0  # reps left when the set stopped

    @property
    def is_max(self) -> bool:
        """A single to the limit: the one-rep max itself, not a test to estimate it from."""
        return self.reps == 1 and self.reps_in_reserve == 0


def add_max(
    conn: Connection,
    athlete_id: int,
    exercise_id: str,
    tested_on: date,
    load: float,
    reps: int,
    reps_in_reserve: int = 0,
) -> int:
    result = conn.execute(
        insert(maxes).values(
            athlete_id=athlete_id,
            exercise_id=exercise_id,
            tested_on=tested_on,
            load=load,
            reps=reps,
            reps_in_reserve=reps_in_reserve,
        )
    )
    touch(conn, athlete_id)
    return int(result.inserted_primary_key[0])  # type: ignore[index]


def list_maxes(conn: Connection, athlete_id: int) -> list[MaxRow]:
    rows = conn.execute(
        select(maxes)
        .where(maxes.c.athlete_id == athlete_id)
        .order_by(maxes.c.tested_on, maxes.c.id)
    )
    return [
        MaxRow(r.id, r.exercise_id, r.tested_on, r.load, r.reps, r.reps_in_reserve) for r in rows
    ]


# -- races and the season ---------------------------------------------------------------
def add_race(
    conn: Connection, athlete_id: int, on: date, distance_km: float, goal: bool, name: str | None
) -> int:
    result = conn.execute(
        insert(races).values(
            athlete_id=athlete_id, date=on, distance_km=distance_km, goal=goal, name=name
        )
    )
    touch(conn, athlete_id)
    return int(result.inserted_primary_key[0])  # type: ignore[index]


def list_races(conn: Connection, athlete_id: int) -> list[Any]:
    return list(
        conn.execute(select(races).where(races.c.athlete_id == athlete_id).order_by(races.c.date))
    )


def races_between(conn: Connection, athlete_id: int, first: date, last: date) -> list[Race]:
    """Every race the store holds for the athlete from `first` to `last`: the races it was
    given (a season's goal race, a plan file's `races:`), and the races logged, as results
    (time trials left out) or as runs of type race. Unsorted, and a day may come twice."""
    found = [
        Race(r.date, bool(r.goal), r.name)
        for r in conn.execute(
            select(races.c.date, races.c.goal, races.c.name).where(
                races.c.athlete_id == athlete_id, races.c.date.between(first, last)
            )
        )
    ]
    found += [
        Race(r.date, False, r.name)
        for r in conn.execute(
            select(results.c.date, results.c.name).where(
                results.c.athlete_id == athlete_id,
                results.c.time_trial.is_(False),
                results.c.date.between(first, last),
            )
        )
    ]
    found += [
        Race(r.date)
        for r in conn.execute(
            select(run_logs.c.date).where(
                run_logs.c.athlete_id == athlete_id,
                run_logs.c.type == RunType.RACE.value,
                run_logs.c.date.between(first, last),
            )
        )
    ]
    return found


def set_season(conn: Connection, athlete_id: int, start: date, race_id: int) -> None:
    """The athlete's one season. The goal race of a season it replaces goes with it, unless
    that race came before the new season starts: it was run, and the days after it still
    keep to gentle core work (the new season's first week hears of it)."""
    old = conn.execute(
        select(seasons.c.race_id, races.c.date)
        .join(races, races.c.id == seasons.c.race_id)
        .where(seasons.c.athlete_id == athlete_id)
    ).first()
    conn.execute(delete(seasons).where(seasons.c.athlete_id == athlete_id))
    if old is not None and old.race_id != race_id and old.date >= start:
        conn.execute(delete(races).where(races.c.id == old.race_id))
    conn.execute(insert(seasons).values(athlete_id=athlete_id, start=start, race_id=race_id))
    touch(conn, athlete_id)


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
    touch(conn, athlete_id)


def list_week_changes(conn: Connection, athlete_id: int) -> dict[date, Any]:
    rows = conn.execute(select(week_changes).where(week_changes.c.athlete_id == athlete_id))
    return {r.week_start: r for r in rows}
