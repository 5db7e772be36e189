"""The season as JSON, like `runlift season plan/show/change`: the weeks to a goal race, each with
its phase, its planned sessions and its marks. Owner or invited coach only (404 for anyone
else); changes need the CSRF header."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from sqlalchemy import Connection

from runlift.catalog import load_library
from runlift.domain.model import StrengthKind, format_clock
from runlift.io.planfile import InputError
from runlift.services import local_today
from runlift.store import repository as repo
from runlift.tracking import Profile, monday_of, profile_of
from runlift.tracking.season_edit import WeekChange, change_week_on, start_season_on
from runlift.tracking.seasons import SeasonView, season_of
from runlift.trackview import season_json
from runlift.web.access import athlete_for
from runlift.web.deps import Conn, SignedIn
from runlift.web.errors import refusals
from runlift.web.fields import STRICT, AthleteId, IsoDate

router = APIRouter(prefix="/api/v1/athletes", tags=["season"])

PhaseName = Literal["base", "maintenance", "build", "peak", "taper", "recovery"]
WeekStart = Annotated[IsoDate, Path(description="any day of the week, YYYY-MM-DD")]
NO_SEASON = "no such athlete or not yours, or no season yet (`field`: season)"
ERRORS = refusals(404, r404=NO_SEASON)
CHANGE_ERRORS = refusals(400, 403, 404, r404=NO_SEASON)


class RaceOut(BaseModel):
    date: date
    distance_km: float
    name: str | None


class PhaseSpan(BaseModel):
    phase: PhaseName
    start: date = Field(description="Monday of the phase's first week")
    end: date = Field(description="Sunday of its last week")
    weeks: int


class WarningOut(BaseModel):
    rule: str
    date: date
    text: str


class PlannedSession(BaseModel):
    date: date
    kind: Literal["heavy", "plyometric", "bodyweight", "core", "pilates"]
    start: str = Field(description="HH:MM")
    minutes: int
    deload: bool


class SeasonWeekOut(BaseModel):
    week_start: date
    phase: PhaseName
    cutback: bool = Field(description="a running cutback week")
    deload: bool = Field(description="strength deloads this week (it does on cutback weeks)")
    no_gym: bool = Field(description="a trip: body weight and bands only")
    taper: bool
    race: bool = Field(description="the goal race is in this week")
    current: bool = Field(description="this week holds today")
    loaded_sessions: int = Field(description="heavy and jump sessions")
    heavy_sessions: int
    key_runs: str
    sessions: list[PlannedSession]
    note: str | None
    changed: bool = Field(description="the week has a change of its own")
    warnings: list[WarningOut]


class SeasonOut(BaseModel):
    athlete_id: int
    athlete: str
    race: RaceOut
    start: date = Field(description="Monday of the first week")
    current_week: date | None = Field(description="Monday of this week, when it is in the season")
    phases: list[PhaseSpan]
    weeks: list[SeasonWeekOut]


class SeasonChanged(SeasonOut):
    replanned: list[date] = Field(description="the weeks planned again after the change")


class SeasonBody(BaseModel):
    model_config = STRICT

    race_date: IsoDate
    distance_km: float = Field(gt=0, le=500, allow_inf_nan=False, description="race distance")
    start: IsoDate | None = Field(None, description="first day of the season (default: today)")
    race_name: str | None = Field(None, max_length=100)


class WeekBody(BaseModel):
    model_config = STRICT

    cutback: bool | None = Field(None, description="a running cutback week, strength deloads")
    no_gym: bool | None = Field(None, description="a trip: body weight and bands only")
    note: str | None = Field(None, max_length=500, description="why; an empty note clears it")
    days: dict[str, Any] | None = Field(
        None, description="days that replace the typical week's (mon..sun or dates), as in a plan"
    )


def _phases(weeks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    spans: list[dict[str, Any]] = []
    for week in weeks:
        start = date.fromisoformat(week["week_start"])
        if spans and spans[-1]["phase"] == week["phase"]:
            spans[-1]["end"] = start + timedelta(days=6)
            spans[-1]["weeks"] += 1
        else:
            spans.append(
                {"phase": week["phase"], "start": start, "end": start + timedelta(6), "weeks": 1}
            )
    return spans


def season_data(conn: Connection, view: SeasonView, today: date) -> dict[str, Any]:
    """The CLI's season JSON, with each week's sessions, notes and marks, and the phases."""
    data = season_json(view)
    changes = repo.list_week_changes(conn, view.profile.id)
    this_week = monday_of(today)
    for row, plan in zip(data["weeks"], view.season.plans, strict=True):
        start = date.fromisoformat(row["week_start"])
        change = changes.get(start)
        sessions = [
            {"date": day.date, "kind": s.kind.value, "start": format_clock(s.start),
             "minutes": s.minutes, "deload": s.deload}
            for day in plan.week.days for s in day.strength
        ]  # fmt: skip
        row |= {
            "taper": row["phase"] == "taper",
            "current": start == this_week,
            "heavy_sessions": sum(1 for s in sessions if s["kind"] == StrengthKind.HEAVY.value),
            "sessions": sessions,
            "note": change.note if change is not None else None,
            "changed": change is not None,
        }
    starts = [w.start for w in view.season.weeks]
    return {
        "athlete_id": view.profile.id,
        "athlete": data["athlete"],
        "race": data["race"],
        "start": starts[0],
        "current_week": this_week if this_week in starts else None,
        "phases": _phases(data["weeks"]),
        "weeks": data["weeks"],
    }


def _not_found(error: InputError) -> JSONResponse:
    return JSONResponse({"error": str(error), "field": error.field}, status_code=404)


def _profile(conn: Connection, session: SignedIn, athlete_id: int) -> Profile:
    return profile_of(conn, athlete_for(conn, session.user, athlete_id))


@router.get("/{athlete_id}/season", response_model=SeasonOut, responses=ERRORS)
def show_season(athlete_id: AthleteId, session: SignedIn, conn: Conn) -> Any:
    """The season to the goal race: phases, every week's sessions and marks (404 with field
    `season` when there is none yet)."""
    library = load_library()
    prof = _profile(conn, session, athlete_id)
    try:
        view = season_of(conn, prof, library)
    except InputError as error:
        if error.field != "season":
            raise
        return _not_found(error)
    return season_data(conn, view, local_today())


@router.post(
    "/{athlete_id}/season",
    status_code=201,
    response_model=SeasonOut,
    responses={201: {"description": "the new season"}, **CHANGE_ERRORS},
)
def plan_season(athlete_id: AthleteId, body: SeasonBody, session: SignedIn, conn: Conn) -> Any:
    """Lay out a season to a goal race and plan every week. It replaces any earlier season."""
    library = load_library()
    prof = _profile(conn, session, athlete_id)
    today = local_today()
    view = start_season_on(
        conn, prof, library, race_date=body.race_date, distance_km=body.distance_km,
        start=body.start or today, race_name=body.race_name,
    )  # fmt: skip
    return season_data(conn, view, today)


@router.patch(
    "/{athlete_id}/season/weeks/{week_start}",
    response_model=SeasonChanged,
    responses={
        **CHANGE_ERRORS,
        **refusals(
            404,
            r404="no such athlete or not yours, no season (`field`: season), or a "
            "week outside the season (`field`: week_start)",
        ),
    },
)
def change_season_week(
    athlete_id: AthleteId, week_start: WeekStart, body: WeekBody, session: SignedIn, conn: Conn
) -> Any:
    """Change one week of the season (any date in it names it); fields left out keep what
    was said before. Only what the change affects is planned again."""
    library = load_library()
    prof = _profile(conn, session, athlete_id)
    change = WeekChange(body.cutback, body.no_gym, body.days, body.note)
    try:
        view, replanned = change_week_on(conn, prof, library, week_start, change)
    except InputError as error:
        if error.field not in ("season", "week_start"):
            raise
        return _not_found(error)
    return season_data(conn, view, local_today()) | {"replanned": replanned}
