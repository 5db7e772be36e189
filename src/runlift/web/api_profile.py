"""An athlete's settings as `runlift athlete set/week/test` and `runlift progress
--accept-lighter` change them, and the test protocol for their lifts. Owner or invited coach
(a coach may change settings while the invitation stands); anyone else gets 404."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, TypeVar, Union

from fastapi import APIRouter, HTTPException, Query
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field
from pydantic.json_schema import SkipJsonSchema
from sqlalchemy import Connection

from runlift.catalog import load_library
from runlift.domain.model import EQUIPMENT, Experience, Phase
from runlift.io.planfile import InputError
from runlift.services import local_today
from runlift.store import repository as repo
from runlift.tracking import monday_of, profile_of
from runlift.tracking.profiles import change_fields, record_test, replace_typical_week
from runlift.tracking.races import RECOVERY_RACE_WEEKS
from runlift.trackview import athlete_json
from runlift.web.access import athlete_for
from runlift.web.deps import Conn, SignedIn
from runlift.web.errors import json_fields, refusals
from runlift.web.fields import (
    EXAMPLE_PLAN,
    RESERVE_HELP,
    RESERVE_RANGE,
    STRICT,
    AthleteId,
    IsoDate,
    Whole,
    done_day,
    examples,
    integral,
)

router = APIRouter(prefix="/api/v1/athletes", tags=["athletes"])


class TestOut(BaseModel):
    exercise: str
    tested_on: date
    load: float
    reps: int = Field(description="1 for a one-rep max, more for a rep test")
    reps_in_reserve: int = Field(0, description="reps left when the set stopped (0: to failure)")


class AthleteOut(BaseModel):
    """An athlete as GET /api/v1/athletes/{id} answers."""

    id: int
    name: str
    experience: str
    phase: str
    units: str
    equipment: list[str]
    heavy_sessions: int | None = Field(None, description="null: the phase's own number")
    formula: str
    usual_run_start: str
    available: dict[str, Any] | None = None
    kit: dict[str, Any] | None = None
    lighter: bool = Field(description="the lighter strength plan is taken")
    race_date: date | None = Field(
        None, description="the day of the race a recovery phase recovers from, when given"
    )
    typical_week: dict[str, Any]
    tests: list[TestOut]


def athlete_out(conn: Connection, athlete_id: int) -> AthleteOut:
    row, _ = repo.get_athlete_by_id(conn, athlete_id)
    return AthleteOut.model_validate(athlete_json(profile_of(conn, row)))


# -- settings ---------------------------------------------------------------------------
T = TypeVar("T")
Given = Union[T, SkipJsonSchema[None]]  # noqa: UP007 - may be left out, but not null
EquipmentId = Annotated[
    str, Field(json_schema_extra={"enum": [*EQUIPMENT, "bodyweight", "body_weight"]})
]
NOT_NULL = ("name", "experience", "phase", "units", "equipment", "follow_phase", "formula",
            "usual_run_start")  # fmt: skip


def _one_of(values: Any, what: str) -> Any:
    """A string the document lists the allowed values of; the use case refuses others (400)."""
    return Field(None, description=what, json_schema_extra={"enum": list(values)})


class AthleteChange(BaseModel):
    """The fields to change; the others stay as they are."""

    model_config = ConfigDict(
        **STRICT,
        json_schema_extra={
            "minProperties": 1,
            **examples({"phase": "peak", "heavy_sessions": 2}, {"equipment": ["dumbbells"]}),
        },
    )
    name: Given[Annotated[str, Field(min_length=1, max_length=100)]] = None
    experience: Given[str] = _one_of((e.value for e in Experience), "lifting experience")
    phase: Given[str] = _one_of((p.value for p in Phase), "training phase")
    units: Given[str] = _one_of(("kg", "lb"), "kg or lb; only before maxes or sessions exist")
    equipment: Given[list[EquipmentId]] = Field(
        None, description="the whole list of equipment ids, replacing the old one"
    )
    heavy_sessions: Annotated[int, Field(ge=0, le=3), BeforeValidator(integral)] | None = Field(
        None, description="0-3 a week; null follows the phase again"
    )
    follow_phase: Given[bool] = Field(None, description="true: heavy sessions by the phase again")
    formula: Given[str] = _one_of(load_library().tables.formulas, "one-rep-max formula")
    usual_run_start: Given[str] = Field(None, description="HH:MM, for runs written without one")
    available: dict[str, list[str] | str | None] | None = Field(
        None, description='per weekday, "HH:MM-HH:MM" windows for strength work; null: any time'
    )
    kit: dict[str, list[float] | float] | None = Field(
        None, description="dumbbells, kettlebells, plates, barbell, cable_step (as in plan files)"
    )
    race_date: IsoDate | None = Field(
        None,
        description="the day of the race a recovery phase recovers from: not in the future, "
        f"at most {RECOVERY_RACE_WEEKS} weeks back; null forgets it",
    )


@router.patch(
    "/{athlete_id}", response_model=AthleteOut, responses=refusals(409, r409="The name is taken.")
)
def change(athlete_id: AthleteId, body: AthleteChange, session: SignedIn, conn: Conn) -> Any:
    """Change settings, as `runlift athlete set` does: only the fields given change, and the
    athlete must still be valid afterwards. The owner or an invited coach may."""
    row = athlete_for(conn, session.user, athlete_id)
    for key in NOT_NULL:
        if key in body.model_fields_set and getattr(body, key) is None:
            raise InputError(key, "cannot be null; leave it out to keep it as it is")
    changes = body.model_dump(exclude_unset=True, exclude={"follow_phase"})
    if "equipment" in changes:
        changes["equipment"] = sorted(p.strip() for p in changes["equipment"] if p.strip())
    if body.follow_phase:
        changes["heavy_sessions"] = None
    if not changes:
        raise InputError("body", "nothing to change; give phase, experience, heavy_sessions, ...")
    _, owner = repo.get_athlete_by_id(conn, row.id)
    if changes.get("name", row.fields["name"]) != row.fields["name"]:
        try:
            repo.get_athlete(conn, changes["name"], owner)
        except repo.NotFound:
            pass
        else:
            raise HTTPException(409, f"name: {changes['name']!r} exists already")
    with json_fields():
        change_fields(conn, row, changes, owner, load_library(), local_today())
    return athlete_out(conn, row.id)


class TypicalWeek(BaseModel):
    model_config = ConfigDict(**STRICT, json_schema_extra=examples(EXAMPLE_PLAN["week"]))
    days: dict[str, Any] = Field(
        description='each weekday (mon..sun) as in a plan file: "rest" or a list of runs '
        "and fixed strength sessions; days left out are rest days"
    )


@router.put("/{athlete_id}/typical-week", response_model=AthleteOut)
def put_typical_week(
    athlete_id: AthleteId, body: TypicalWeek, session: SignedIn, conn: Conn
) -> Any:
    """Replace the typical running week (`runlift athlete week FILE`)."""
    row = athlete_for(conn, session.user, athlete_id)
    try:
        replace_typical_week(conn, row, body.days, local_today(), load_library())
    except InputError as error:  # the plan-file parser names `week.days...`
        raise InputError(error.field.removeprefix("week."), error.message) from None
    return athlete_out(conn, row.id)


class RepTest(BaseModel):
    model_config = ConfigDict(
        **STRICT,
        json_schema_extra=examples(
            {"exercise": "deadlift", "load": 140, "reps": 3, "date": "2026-11-20"}
        ),
    )
    exercise: str = Field(description="a lift done with a load, e.g. back_squat")
    load: float = Field(gt=0, description="the load lifted, in the athlete's units")
    reps: Whole = Field(ge=1, le=20, description="1 for a one-rep max, or the reps done")
    # Judged by the same check as `runlift athlete test`, so both refuse alike and say why.
    reps_in_reserve: Whole = Field(0, description=RESERVE_HELP, json_schema_extra=RESERVE_RANGE)
    date: IsoDate | None = Field(None, description="the day of the test (default: today)")


class TestRecorded(TestOut):
    id: int


@router.post("/{athlete_id}/tests", status_code=201)
def add_test(athlete_id: AthleteId, body: RepTest, session: SignedIn, conn: Conn) -> TestRecorded:
    """Record a one-rep max or a rep test (`runlift athlete test`); the newest per lift is
    the one the plan uses."""
    row = athlete_for(conn, session.user, athlete_id)
    with json_fields():
        on = done_day(body.date)
        test_id = record_test(
            conn,
            row.id,
            body.exercise,
            body.load,
            body.reps,
            on,
            load_library(),
            body.reps_in_reserve,
        )
    return TestRecorded(
        id=test_id,
        exercise=body.exercise,
        tested_on=on,
        load=body.load,
        reps=body.reps,
        reps_in_reserve=body.reps_in_reserve,
    )


# -- the lighter plan -------------------------------------------------------------------
class Lighter(BaseModel):
    model_config = ConfigDict(**STRICT, json_schema_extra=examples({"accept": True}))
    accept: bool = Field(description="true takes the lighter plan, false goes back to normal")


class LighterOut(BaseModel):
    lighter: bool
    heavy_sessions: int | None = Field(description="heavy sessions a week; null: by the phase")
    text: str


@router.post("/{athlete_id}/progress/lighter")
def lighter(athlete_id: AthleteId, body: Lighter, session: SignedIn, conn: Conn) -> LighterOut:
    """Take the lighter strength plan a reassess warning offers, or go back to normal
    (`runlift progress --accept-lighter / --back-to-normal`)."""
    row = athlete_for(conn, session.user, athlete_id)
    heavy = row.fields.get("heavy_sessions")
    changes: dict[str, Any] = {"lighter": body.accept}
    if body.accept and (heavy or 0) > 2:
        changes["heavy_sessions"] = heavy = 2
    repo.update_athlete(conn, row.id, **changes)
    text = (
        "Lighter plan taken: one set fewer a lift, no third heavy session."
        if body.accept
        else "Back to the normal plan."
    )
    return LighterOut(lighter=body.accept, heavy_sessions=heavy, text=text)


# -- the test protocol ------------------------------------------------------------------
class Lift(BaseModel):
    id: str
    name: str
    pattern: str


class LiftInPlan(Lift):
    load: float | None = Field(description="the planned load; null while it goes by effort")
    max: float | None = Field(description="the one-rep max in use; null: no test yet")
    source: str | None = Field(description="where that max comes from")


class Protocol(BaseModel):
    experience: str
    title: str
    test_reps: Any = Field(description="the reps the test aims for")
    steps: list[str]
    lifts_to_test: list[Lift] | None = Field(
        None, description="lifts done with a load in the week's main sessions, without a max"
    )
    lifts: list[LiftInPlan] | None = Field(
        None, description="every lift done with a load in those sessions, with the max in use"
    )
    nothing_to_test: str | None = Field(
        None, description="when the plan holds no lift with a load: why, and what would change it"
    )
    by_effort: str | None = Field(
        None, description="for a novice: sessions go by effort whatever the tests say"
    )


def protocol(experience: str) -> dict[str, Any]:
    from runlift.protocol import protocol as steps

    return steps(experience)


@router.get("/{athlete_id}/test-protocol")
def test_protocol(
    athlete_id: AthleteId,
    session: SignedIn,
    conn: Conn,
    on: Annotated[IsoDate | None, Query(description="a day of the week to plan")] = None,
) -> Protocol:
    """How to find a max safely for the athlete's experience, and which lifts of the week's
    main sessions have no max or rep test yet (`runlift test-protocol FILE`); when the plan
    has no lift with a load at all, `nothing_to_test` says why."""
    from runlift.protocol import to_test
    from runlift.tracking.seasons import planned_week  # the week the week page shows
    from runlift.web.fields import day_in_range

    library = load_library()
    prof = profile_of(conn, athlete_for(conn, session.user, athlete_id), library)
    monday = monday_of(day_in_range(on, "on") if on else local_today())
    plan, _ = planned_week(conn, prof, monday, library)
    return Protocol(**protocol(prof.athlete.experience.value), **to_test(plan, library))
