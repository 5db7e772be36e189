"""The log beyond adding sets and runs, as `runlift log` does it: list with filters, log a
race or time trial, change an entry. Owner or invited coach; anyone else gets 404."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Query
from pydantic import BaseModel, ConfigDict, Field

from runlift.domain.log import RaceResult, RunDone, StrengthDone
from runlift.domain.model import RunType, StrengthKind
from runlift.domain.monitoring import vdot
from runlift.io.planfile import InputError
from runlift.store import repository as repo
from runlift.tracking import logbook
from runlift.web.access import athlete_for
from runlift.web.deps import Conn, SignedIn
from runlift.web.errors import json_fields
from runlift.web.fields import (
    STRICT,
    AthleteId,
    EntryId,
    IsoDate,
    Whole,
    day_in_range,
    done_day,
    examples,
)

router = APIRouter(prefix="/api/v1/athletes", tags=["log"])
SETS_HELP = "EXERCISE:SETSxREPS[@LOAD][:rirN|:rpeN], e.g. back_squat:3x6@80:rir2"
StrengthKindName = Annotated[
    str, Field(json_schema_extra={"enum": [k.value for k in StrengthKind]})
]
RunTypeName = Annotated[str, Field(json_schema_extra={"enum": [t.value for t in RunType]})]


# -- the list ---------------------------------------------------------------------------
class SetOut(BaseModel):
    reps: int
    load: float | None
    reps_in_reserve: int | None
    rpe: float | None


class ExerciseOut(BaseModel):
    exercise: str
    sets: list[SetOut]


class StrengthOut(BaseModel):
    id: int
    date: date
    kind: str
    minutes: int | None
    skipped: bool
    reason: str | None
    exercises: list[ExerciseOut]


class RunOut(BaseModel):
    id: int
    date: date
    type: str
    minutes: float
    distance_km: float | None
    avg_hr: int | None
    rpe: float | None


class ResultOut(BaseModel):
    id: int
    date: date
    distance_km: float
    seconds: float
    time_trial: bool
    name: str | None
    vdot: float = Field(description="the VDOT the result gives (Daniels & Gilbert)")


class LogOut(BaseModel):
    strength: list[StrengthOut]
    runs: list[RunOut]
    results: list[ResultOut] = Field(description="races and time trials")


def strength_out(s: StrengthDone) -> StrengthOut:
    return StrengthOut(
        id=s.id or 0, date=s.date, kind=s.kind.value, minutes=s.minutes, skipped=s.skipped,
        reason=s.reason,
        exercises=[
            ExerciseOut(
                exercise=x.exercise_id,
                sets=[SetOut(reps=t.reps, load=t.load, reps_in_reserve=t.reps_in_reserve,
                             rpe=t.rpe) for t in x.sets],
            )
            for x in s.exercises
        ],
    )  # fmt: skip


def run_out(r: RunDone) -> RunOut:
    return RunOut(
        id=r.id or 0, date=r.date, type=r.type.value, minutes=r.minutes,
        distance_km=r.distance_km, avg_hr=r.avg_hr, rpe=r.rpe,
    )  # fmt: skip


def result_out(r: RaceResult) -> ResultOut:
    return ResultOut(
        id=r.id or 0, date=r.date, distance_km=r.distance_km, seconds=r.seconds,
        time_trial=r.time_trial, name=r.name, vdot=round(vdot(r.distance_km, r.seconds), 1),
    )  # fmt: skip


@router.get("/{athlete_id}/log")
def log_list(
    athlete_id: AthleteId,
    session: SignedIn,
    conn: Conn,
    kind: Annotated[
        Literal["strength", "run", "race"] | None,
        Query(description="only this kind of entry"),
    ] = None,
    since: Annotated[IsoDate | None, Query(alias="from", description="from this day on")] = None,
    until: Annotated[IsoDate | None, Query(alias="to", description="up to this day")] = None,
) -> LogOut:
    """What has been logged, oldest first (`runlift log list`)."""
    row = athlete_for(conn, session.user, athlete_id)
    low = day_in_range(since, "from") if since else None
    high = day_in_range(until, "to") if until else None

    def keep(day: date) -> bool:
        return (low is None or day >= low) and (high is None or day <= high)

    lifts = repo.list_strength(conn, row.id, low) if kind in (None, "strength") else []
    runs = repo.list_runs(conn, row.id, low) if kind in (None, "run") else []
    results = repo.list_results(conn, row.id) if kind in (None, "race") else []
    return LogOut(
        strength=[strength_out(s) for s in lifts if keep(s.date)],
        runs=[run_out(r) for r in runs if keep(r.date)],
        results=[result_out(r) for r in results if keep(r.date)],
    )


# -- races ------------------------------------------------------------------------------
class RaceBody(BaseModel):
    model_config = ConfigDict(
        **STRICT,
        json_schema_extra=examples(
            {"date": "2026-11-22", "distance_km": 5, "time": "24:34", "time_trial": True,
             "name": "parkrun"}
        ),
    )  # fmt: skip
    date: IsoDate | None = Field(None, description="the race day (default: today)")
    distance_km: float = Field(description="the distance in km, 0.4-400")
    time: str = Field(
        description="finish time, MM:SS or H:MM:SS", pattern=r"^([0-9]+:)?[0-9]{1,2}:[0-9]{2}$"
    )
    time_trial: bool = Field(False, description="a solo time trial rather than a race")
    name: str | None = Field(None, description="the race's name", max_length=100)


@router.post("/{athlete_id}/log/races", status_code=201)
def log_race(athlete_id: AthleteId, body: RaceBody, session: SignedIn, conn: Conn) -> ResultOut:
    """A race or time trial result; it feeds the VDOT trend (`runlift log race`)."""
    row = athlete_for(conn, session.user, athlete_id)
    with json_fields():
        entry = logbook.result_entry(
            done_day(body.date), body.distance_km, body.time, body.time_trial, body.name
        )
    entry_id = repo.add_result(conn, row.id, entry)
    return result_out(RaceResult(entry.date, entry.distance_km, entry.seconds,
                                 entry.time_trial, entry.name, id=entry_id))  # fmt: skip


# -- changing an entry ------------------------------------------------------------------
class StrengthChange(BaseModel):
    model_config = ConfigDict(
        **STRICT,
        json_schema_extra={
            "minProperties": 1,
            **examples({"minutes": 35}, {"sets": ["back_squat:3x5@75"]}),
        },
    )
    date: IsoDate | None = None
    kind: StrengthKindName | None = None
    sets: list[str] | None = Field(None, description=f"replaces every set logged; {SETS_HELP}")
    minutes: Whole | None = None
    skipped: bool | None = None
    reason: str | None = Field(None, max_length=500)


class RunChange(BaseModel):
    model_config = ConfigDict(
        **STRICT, json_schema_extra={"minProperties": 1, **examples({"distance_km": 7.5})}
    )
    date: IsoDate | None = None
    type: RunTypeName | None = None
    minutes: float | None = None
    distance_km: float | None = Field(None, description="null clears it")
    avg_hr: Whole | None = Field(None, description="null clears it")
    rpe: float | None = Field(None, description="null clears it")


def _something(body: BaseModel) -> set[str]:
    if not body.model_fields_set:
        raise InputError("body", "nothing to change; give at least one field")
    return body.model_fields_set


def _entry(found: list[Any], table: str, entry_id: int) -> Any:
    for entry in found:
        if entry.id == entry_id:
            return entry
    raise HTTPException(404, f"no {table} entry {entry_id} for this athlete")


@router.patch("/{athlete_id}/log/strength/{entry_id}")
def change_strength(
    athlete_id: AthleteId, entry_id: EntryId, body: StrengthChange, session: SignedIn, conn: Conn
) -> StrengthOut:
    """Change a strength entry: only the fields given change (`runlift log strength --edit`).
    New `sets` replace the old ones; a skipped entry that gets sets is no longer skipped."""
    row = athlete_for(conn, session.user, athlete_id)
    given = _something(body)
    old = _entry(repo.list_strength(conn, row.id), "strength", entry_id)
    sets = body.sets or []
    with json_fields():
        entry = logbook.strength_entry(
            day_in_range(body.date) if body.date else old.date,
            body.kind or old.kind.value,
            sets,
            body.minutes if "minutes" in given else old.minutes,
            body.skipped if body.skipped is not None else (old.skipped and not sets),
            body.reason if "reason" in given else (None if sets else old.reason),
            keep=None if sets else old.exercises,
        )
    repo.replace_strength(conn, row.id, entry_id, entry)
    return strength_out(_entry(repo.list_strength(conn, row.id), "strength", entry_id))


@router.patch("/{athlete_id}/log/run/{entry_id}")
def change_run(
    athlete_id: AthleteId, entry_id: EntryId, body: RunChange, session: SignedIn, conn: Conn
) -> RunOut:
    """Change a run: only the fields given change (`runlift log run --edit`)."""
    row = athlete_for(conn, session.user, athlete_id)
    given = _something(body)
    old = _entry(repo.list_runs(conn, row.id), "run", entry_id)
    with json_fields():
        if "minutes" in given and body.minutes is None:
            raise InputError("minutes", "a run needs its minutes; give a number, not null")
        entry = logbook.run_entry(
            day_in_range(body.date) if body.date else old.date,
            body.type or old.type.value,
            body.minutes if body.minutes is not None else old.minutes,
            body.distance_km if "distance_km" in given else old.distance_km,
            body.avg_hr if "avg_hr" in given else old.avg_hr,
            body.rpe if "rpe" in given else old.rpe,
        )
    repo.replace_run(conn, row.id, entry_id, entry)
    return run_out(_entry(repo.list_runs(conn, row.id), "run", entry_id))


# -- deleting an entry ------------------------------------------------------------------
def _delete(conn: Conn, session: SignedIn, athlete_id: int, table: str, entry_id: int) -> None:
    row = athlete_for(conn, session.user, athlete_id)
    try:
        repo.delete_entry(conn, table, row.id, entry_id)
    except repo.NotFound as error:
        raise HTTPException(404, str(error)) from None


@router.delete("/{athlete_id}/log/strength/{entry_id}", status_code=204)
def delete_strength(
    athlete_id: AthleteId, entry_id: EntryId, session: SignedIn, conn: Conn
) -> None:
    """Delete one strength entry (`runlift log delete strength ID`)."""
    _delete(conn, session, athlete_id, "strength", entry_id)


@router.delete("/{athlete_id}/log/run/{entry_id}", status_code=204)
def delete_run(athlete_id: AthleteId, entry_id: EntryId, session: SignedIn, conn: Conn) -> None:
    """Delete one run (`runlift log delete run ID`)."""
    _delete(conn, session, athlete_id, "run", entry_id)


@router.delete("/{athlete_id}/log/race/{entry_id}", status_code=204)
def delete_race(athlete_id: AthleteId, entry_id: EntryId, session: SignedIn, conn: Conn) -> None:
    """Delete one race or time trial result (`runlift log delete race ID`)."""
    _delete(conn, session, athlete_id, "race", entry_id)
