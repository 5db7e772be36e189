"""Planned sessions as files: one session as FIT (for a Garmin watch), ICS, CSV or JSON, and
the plan of the next weeks as ICS, CSV or JSON. Owner or invited coach; nothing changes."""

from __future__ import annotations

from datetime import date as Date
from datetime import timedelta
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Query, Response

from runlift.catalog import load_library
from runlift.io import exports
from runlift.io.fitencode import FitEncodeError, encode_workout, fit_names, session_workout
from runlift.services import local_today
from runlift.tracking import monday_of, profile_of
from runlift.tracking.seasons import planned_week
from runlift.web.access import athlete_for
from runlift.web.api_log import StrengthKindName
from runlift.web.deps import Conn, SignedIn
from runlift.web.fields import AthleteId, IsoDate, day_in_range
from runlift.web.security import now

router = APIRouter(prefix="/api/v1/athletes", tags=["exports"])
SessionDay = Annotated[IsoDate, Path(description="the day of the session, YYYY-MM-DD")]
SessionKind = Annotated[StrengthKindName, Path(description="the kind of session")]
Weeks = Annotated[
    int, Query(ge=1, le=exports.MAX_WEEKS, description=f"how many weeks, 1-{exports.MAX_WEEKS}")
]
FromDay = Annotated[
    IsoDate | None, Query(description="a day of the first week (default: this week)")
]


class FitResponse(Response):
    media_type = exports.MEDIA_TYPES["fit"]


class CalendarResponse(Response):
    media_type = "text/calendar"


class CSVResponse(Response):
    media_type = "text/csv"


def _attachment(name: str) -> dict[str, str]:
    return {"Content-Disposition": f'attachment; filename="{name}"'}


def _export(conn: Conn, session: SignedIn, athlete_id: int, monday: Date, weeks: int) -> Any:
    library = load_library()
    prof = profile_of(conn, athlete_for(conn, session.user, athlete_id), library)
    return exports.gather(
        prof.name, f"athlete{prof.id}", monday, weeks,
        lambda m: planned_week(conn, prof, m, library)[0],
    )  # fmt: skip


def _one(
    conn: Conn, session: SignedIn, athlete_id: int, date: Date, kind: str
) -> exports.PlanExport:
    wanted = exports.strength_kind(kind)
    day_in_range(date)
    whole = _export(conn, session, athlete_id, monday_of(date), 1)
    try:
        one: exports.PlanExport = whole.session(date, wanted)
    except exports.NoSession as error:
        raise HTTPException(404, str(error)) from None
    return one


@router.get(
    "/{athlete_id}/sessions/{date}/{kind}.fit",
    response_class=FitResponse,
    responses={200: {"description": "a FIT workout file: a step per set, rest steps between"}},
)
def session_fit(
    athlete_id: AthleteId, date: SessionDay, kind: SessionKind, session: SignedIn, conn: Conn
) -> Response:
    """The session as a FIT workout for a Garmin watch (see docs/exports.md)."""
    one = _one(conn, session, athlete_id, date, kind)
    day, planned = one.sessions()[0]
    try:
        data = encode_workout(session_workout(day.date, planned, fit_names(), now()))
    except FitEncodeError as error:
        raise HTTPException(409, f"the session cannot be written as FIT ({error})") from None
    name = exports.session_filename(day.date, planned.kind, "fit")
    return FitResponse(data, headers=_attachment(name))


@router.get(
    "/{athlete_id}/sessions/{date}/{kind}.ics",
    response_class=CalendarResponse,
    responses={200: {"description": "an iCalendar file with the one session"}},
)
def session_ics(
    athlete_id: AthleteId, date: SessionDay, kind: SessionKind, session: SignedIn, conn: Conn
) -> Response:
    """The session as a calendar event, its exercises in the description."""
    one = _one(conn, session, athlete_id, date, kind)
    name = exports.session_filename(date, exports.strength_kind(kind), "ics")
    return CalendarResponse(
        exports.to_ics(one, now()), media_type=exports.MEDIA_TYPES["ics"],
        headers=_attachment(name),
    )  # fmt: skip


@router.get(
    "/{athlete_id}/sessions/{date}/{kind}.csv",
    response_class=CSVResponse,
    responses={200: {"description": "one row per exercise; no cell starts a formula"}},
)
def session_csv(
    athlete_id: AthleteId, date: SessionDay, kind: SessionKind, session: SignedIn, conn: Conn
) -> Response:
    """The session's exercises, one row each, safe to open in a spreadsheet."""
    one = _one(conn, session, athlete_id, date, kind)
    name = exports.session_filename(date, exports.strength_kind(kind), "csv")
    return CSVResponse(exports.to_csv(one), headers=_attachment(name))


@router.get("/{athlete_id}/sessions/{date}/{kind}.json")
def session_json(
    athlete_id: AthleteId,
    date: SessionDay,
    kind: SessionKind,
    session: SignedIn,
    conn: Conn,
    response: Response,
) -> dict[str, Any]:
    """The session as the week shows it, with its day and the reason for the day."""
    one = _one(conn, session, athlete_id, date, kind)
    name = exports.session_filename(date, exports.strength_kind(kind), "json")
    response.headers.update(_attachment(name))
    return exports.to_json(one)


def _plan(
    conn: Conn, session: SignedIn, athlete_id: int, on: Date | None, weeks: int
) -> tuple[exports.PlanExport, Date]:
    monday = monday_of(day_in_range(on, "on") if on is not None else local_today())
    day_in_range(monday + timedelta(weeks=weeks), "weeks")
    return _export(conn, session, athlete_id, monday, weeks), monday


@router.get(
    "/{athlete_id}/plan.ics",
    response_class=CalendarResponse,
    responses={200: {"description": "an iCalendar file: one event per planned session"}},
)
def plan_ics(
    athlete_id: AthleteId, session: SignedIn, conn: Conn, weeks: Weeks = 4, on: FromDay = None
) -> Response:
    """The planned sessions of `weeks` weeks from the week holding `on`, as calendar events."""
    export, monday = _plan(conn, session, athlete_id, on, weeks)
    return CalendarResponse(
        exports.to_ics(export, now()), media_type=exports.MEDIA_TYPES["ics"],
        headers=_attachment(exports.plan_filename(monday, weeks, "ics")),
    )  # fmt: skip


@router.get(
    "/{athlete_id}/plan.csv",
    response_class=CSVResponse,
    responses={200: {"description": "one row per exercise of every session"}},
)
def plan_csv(
    athlete_id: AthleteId, session: SignedIn, conn: Conn, weeks: Weeks = 4, on: FromDay = None
) -> Response:
    """Every exercise of every planned session of the weeks, one row each."""
    export, monday = _plan(conn, session, athlete_id, on, weeks)
    name = exports.plan_filename(monday, weeks, "csv")
    return CSVResponse(exports.to_csv(export), headers=_attachment(name))


@router.get("/{athlete_id}/plan.json")
def plan_json(
    athlete_id: AthleteId,
    session: SignedIn,
    conn: Conn,
    response: Response,
    weeks: Weeks = 4,
    on: FromDay = None,
) -> dict[str, Any]:
    """Every planned session of the weeks, in order, as the week shows them."""
    export, monday = _plan(conn, session, athlete_id, on, weeks)
    response.headers.update(_attachment(exports.plan_filename(monday, weeks, "json")))
    return exports.to_json(export, weeks)
