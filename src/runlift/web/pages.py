"""Server-rendered pages over the same use cases as the API: sign-up, sign-in, onboarding and
the week. Forms carry the session's CSRF token; a refused form is shown again with the reason."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from runlift.catalog import load_library
from runlift.domain.model import EQUIPMENT, WEEKDAYS, Experience, Phase, RunType
from runlift.domain.planner import plan_week
from runlift.io.planfile import InputError
from runlift.io.weekfile import parse_plan
from runlift.render import day_json, finding_json
from runlift.services import local_today
from runlift.store import repository as repo
from runlift.tracking import athlete_fields, monday_of, profile_of, typical_week
from runlift.web.access import NoAccess, athlete_for, visible_athletes
from runlift.web.deps import COOKIE, get_store, optional_session
from runlift.web.security import (
    MIN_PASSWORD,
    AuthError,
    Session,
    close_session,
    csrf_matches,
    open_session,
    record_failure,
    sign_in,
    sign_up,
)

MaybeSession = Annotated[Session | None, Depends(optional_session)]
TEMPLATES = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))
router = APIRouter(include_in_schema=False)


def _page(
    request: Request, name: str, session: Session | None, status: int = 200, **context: Any
) -> Response:
    context |= {"user": session.user if session else None, "csrf": session.csrf if session else ""}
    return TEMPLATES.TemplateResponse(request, name, context, status_code=status)


def _signed_in_cookie(request: Request, response: Response, token: str) -> None:
    response.set_cookie(
        COOKIE, token, max_age=30 * 86400, httponly=True, samesite="lax",
        secure=request.app.state.secure_cookies or request.url.scheme == "https",
    )  # fmt: skip


@router.get("/", response_class=HTMLResponse)
def home(request: Request, session: MaybeSession) -> Response:
    if session is None:
        return RedirectResponse("/signin", status_code=303)
    with get_store(request).transaction() as conn:
        athletes = visible_athletes(conn, session.user)
    if not athletes:
        return RedirectResponse("/onboarding", status_code=303)
    return RedirectResponse(f"/athletes/{athletes[0][0]}/week", status_code=303)


def _credentials_page(
    request: Request, action: str, error: str | None = None, email: str = "", status: int = 200
) -> Response:
    heading = "Create an account" if action == "/signup" else "Sign in"
    return _page(request, "signin.html", None, status, heading=heading, action=action, error=error,
                 email=email, min_password=MIN_PASSWORD)  # fmt: skip


@router.get("/signin", response_class=HTMLResponse)
def signin_page(request: Request) -> Response:
    return _credentials_page(request, "/signin")


@router.get("/signup", response_class=HTMLResponse)
def signup_page(request: Request) -> Response:
    return _credentials_page(request, "/signup")


@router.post("/signin")
async def signin_form(request: Request) -> Response:
    form = await request.form()
    email, password = str(form.get("email", "")), str(form.get("password", ""))
    store = get_store(request)
    try:
        with store.transaction() as conn:
            user = sign_in(conn, email, password, request.app.state.hasher)
            token, _ = open_session(conn, user)
    except AuthError as error:
        if error.status == 401:
            with store.transaction() as conn:
                record_failure(conn, email)
        return _credentials_page(request, "/signin", error.message, email, error.status)
    response = RedirectResponse("/", status_code=303)
    _signed_in_cookie(request, response, token)
    return response


@router.post("/signup")
async def signup_form(request: Request) -> Response:
    form = await request.form()
    email, password = str(form.get("email", "")), str(form.get("password", ""))
    try:
        with get_store(request).transaction() as conn:
            user = sign_up(conn, email, password, request.app.state.hasher)
            token, _ = open_session(conn, user)
    except AuthError as error:
        return _credentials_page(
            request, "/signup", f"{error.field}: {error.message}", email, error.status
        )
    response = RedirectResponse("/onboarding", status_code=303)
    _signed_in_cookie(request, response, token)
    return response


async def _checked_form(
    request: Request, session: Session | None
) -> tuple[Session, dict[str, Any]]:
    if session is None:
        raise NoAccess("sign in first")
    form = await request.form()
    if not csrf_matches(session, str(form.get("csrf", ""))):
        raise NoAccess("the form is out of date; reload the page")
    data: dict[str, Any] = {key: form.get(key) for key in form}
    data["equipment"] = [str(v) for v in form.getlist("equipment")]
    return session, data


@router.post("/signout")
async def signout_form(request: Request, session: MaybeSession) -> Response:
    await _checked_form(request, session)
    with get_store(request).transaction() as conn:
        close_session(conn, request.cookies.get(COOKIE))
    response = RedirectResponse("/signin", status_code=303)
    response.delete_cookie(COOKIE)
    return response


def _onboarding(
    request: Request,
    session: Session,
    form: dict[str, Any],
    error: str | None = None,
    status: int = 200,
) -> Response:
    return _page(
        request, "onboarding.html", session, status, form=form, error=error,
        experiences=[e.value for e in Experience], phases=[p.value for p in Phase],
        equipment=EQUIPMENT, weekdays=WEEKDAYS, run_types=[r.value for r in RunType],
    )  # fmt: skip


@router.get("/onboarding", response_class=HTMLResponse)
def onboarding_page(request: Request, session: MaybeSession) -> Response:
    if session is None:
        return RedirectResponse("/signin", status_code=303)
    return _onboarding(
        request, session, {"equipment": [], "experience": "intermediate", "phase": "base"}
    )


def plan_file_from_form(data: dict[str, Any]) -> dict[str, Any]:
    """The onboarding form as a plan file, so it meets the same checks as a typed one."""
    days: dict[str, Any] = {}
    for day in WEEKDAYS:
        kind = data.get(f"run_{day}") or "rest"
        if kind == "rest":
            days[day] = "rest"
            continue
        try:
            minutes = int(str(data.get(f"minutes_{day}") or "0"))
        except ValueError:
            raise InputError(f"{day} minutes", "use a whole number of minutes") from None
        days[day] = [
            {"run": kind, "start": str(data.get(f"start_{day}") or "06:30"), "minutes": minutes}
        ]
    athlete = {
        "name": str(data.get("name") or "Me"), "experience": data.get("experience"),
        "phase": data.get("phase"), "units": data.get("units") or "kg",
        "equipment": data.get("equipment") or [],
    }  # fmt: skip
    return {"athlete": athlete, "week": {"days": days}}


@router.post("/onboarding")
async def onboarding_form(request: Request, session: MaybeSession) -> Response:
    signed, data = await _checked_form(request, session)
    try:
        plan_file = plan_file_from_form(data)
        parse_plan(plan_file, load_library(), local_today())
        fields, _, _ = athlete_fields(plan_file["athlete"])
        with get_store(request).transaction() as conn:
            athlete_id = repo.add_athlete(conn, fields, plan_file["week"]["days"], signed.user.id)
    except (InputError, repo.Duplicate) as error:
        return _onboarding(request, signed, data, str(error), 400)
    return RedirectResponse(f"/athletes/{athlete_id}/week", status_code=303)


@router.get("/athletes/{athlete_id}/week", response_class=HTMLResponse)
def week_page(
    athlete_id: int,
    request: Request,
    session: MaybeSession,
    on: str | None = None,
    notice: str | None = None,
) -> Response:
    if session is None:
        return RedirectResponse("/signin", status_code=303)
    from datetime import date

    try:
        day = date.fromisoformat(on) if on else local_today()
    except ValueError:
        day = local_today()
    library = load_library()
    with get_store(request).transaction() as conn:
        prof = profile_of(conn, athlete_for(conn, session.user, athlete_id), library)
    monday = monday_of(day)
    plan = plan_week(prof.athlete, typical_week(prof, monday, library), library)
    days = []
    for d, why in zip(plan.week.days, plan.reasons, strict=True):
        row = day_json(d, why)
        row["label"] = f"{d.date:%a %d %b}"
        days.append(row)
    return _page(
        request, "week.html", session, athlete=prof.name, athlete_id=athlete_id, notice=notice,
        week_start=f"{monday:%d %b %Y}",
        days=days, warnings=[finding_json(plan.week, w) for w in plan.warnings],
        previous=(monday - timedelta(days=7)).isoformat(),
        next=(monday + timedelta(days=7)).isoformat(),
    )  # fmt: skip


@router.get("/athletes/{athlete_id}/week/try", response_class=HTMLResponse)
def try_page(
    athlete_id: int,
    request: Request,
    session: MaybeSession,
    on: str,
    kind: str,
    start: str,
    minutes: int = 45,
    origin: str | None = None,
) -> Response:
    """An htmx partial: the rules' answer for a session moved to `on` at `start`."""
    from datetime import date

    from runlift.web.trymove import try_move

    if session is None:
        return HTMLResponse("sign in first", status_code=401)
    try:
        day = date.fromisoformat(on)
        moved_from = date.fromisoformat(origin) if origin else None
    except ValueError:
        return HTMLResponse("not a date", status_code=400)
    with get_store(request).transaction() as conn:
        prof = profile_of(conn, athlete_for(conn, session.user, athlete_id))
    try:
        result = try_move(prof, day, kind, start, minutes, moved_from)
    except InputError as error:
        return HTMLResponse(f"<p class='error'>{error}</p>", status_code=400)
    return TEMPLATES.TemplateResponse(request, "_verdict.html", {"result": result})


@router.get("/library", response_class=HTMLResponse)
def library_page(request: Request, session: MaybeSession) -> Response:
    """Every pattern's ladder, marked by what the chosen equipment allows, and what to buy
    next. No account needed; the same data as GET /api/v1/exercises."""
    from runlift.domain.library import PATTERNS

    owned = frozenset(v for v in request.query_params.getlist("equipment") if v in EQUIPMENT)
    library = load_library()
    ladders = []
    for pattern in PATTERNS:
        rungs = []
        for x in library.by_pattern[pattern]:
            options = " or ".join("+".join(sorted(o)) for o in x.equipment if o)
            rungs.append({"name": x.name, "level": x.level, "cues": x.cues,
                          "can": x.doable_with(owned), "needs": options})  # fmt: skip
        ladders.append((pattern, rungs))
    unlocks = [(item, [x.name for x in xs]) for item, xs in library.unlocks(owned)]
    return _page(request, "library.html", session, equipment=EQUIPMENT, owned=owned,
                 ladders=ladders, unlocks=unlocks)  # fmt: skip


def _planned_session(prof: Any, on: Any, kind: str) -> tuple[Any, Any]:
    library = load_library()
    plan = plan_week(prof.athlete, typical_week(prof, monday_of(on), library), library)
    day = plan.week.days[(on - monday_of(on)).days]
    for s in day.strength:
        if s.kind.value == kind:
            return day, s
    raise NoAccess(f"no {kind} session planned on {on}")


@router.get("/athletes/{athlete_id}/session", response_class=HTMLResponse)
def session_page(
    athlete_id: int, request: Request, session: MaybeSession, date: str, kind: str
) -> Response:
    """The gym card: each exercise's dose and cues, a rest timer, and a box per set."""
    from datetime import date as Date

    from runlift.render import exercise_json

    if session is None:
        return RedirectResponse("/signin", status_code=303)
    try:
        on = Date.fromisoformat(date)
    except ValueError:
        raise NoAccess("not a date") from None
    library = load_library()
    with get_store(request).transaction() as conn:
        prof = profile_of(conn, athlete_for(conn, session.user, athlete_id), library)
    day, planned = _planned_session(prof, on, kind)
    exercises = []
    for item in planned.exercises:
        row = exercise_json(item)
        row["cues"] = library[item.exercise_id].cues
        exercises.append(row)
    from runlift.domain.model import format_clock

    return _page(
        request, "session.html", session, athlete_id=athlete_id, date=on.isoformat(),
        label=f"{day.date:%a %d %b}", session_kind=kind, start=format_clock(planned.start),
        minutes=planned.minutes, exercises=exercises,
    )  # fmt: skip


@router.post("/athletes/{athlete_id}/session")
async def session_form(athlete_id: int, request: Request, session: MaybeSession) -> Response:
    """The sets ticked as done become a strength entry in the log."""
    from datetime import date as Date

    from runlift.domain.log import ExerciseDone, SetDone, StrengthDone
    from runlift.domain.model import StrengthKind

    signed, data = await _checked_form(request, session)
    try:
        on = Date.fromisoformat(str(data.get("date")))
        kind = StrengthKind(str(data.get("kind")))
    except ValueError:
        raise NoAccess("the form is out of date; reload the page") from None
    sets: dict[str, list[SetDone]] = {}
    for key, value in data.items():
        if not key.startswith("done_") or value != "1":
            continue
        _, index, exercise_id = key.split("_", 2)
        try:
            reps = int(str(data.get(f"reps_{index}_{exercise_id}") or "0"))
            raw_load = str(data.get(f"load_{index}_{exercise_id}") or "").strip()
            load = float(raw_load) if raw_load else None
        except ValueError:
            reps, load = 0, None
        if 1 <= reps <= 100 and (load is None or 0 < load <= 1000):
            sets.setdefault(exercise_id, []).append(SetDone(reps, load))
    library = load_library()
    exercises = tuple(ExerciseDone(x, tuple(s)) for x, s in sets.items() if x in library)
    with get_store(request).transaction() as conn:
        row = athlete_for(conn, signed.user, athlete_id)
        if exercises:
            repo.add_strength(conn, row.id, StrengthDone(on, kind, exercises))
    done = sum(len(x.sets) for x in exercises)
    notice = f"Saved {done} set(s) from {on}." if done else "Nothing ticked, nothing saved."
    from urllib.parse import quote

    return RedirectResponse(
        f"/athletes/{athlete_id}/week?on={on.isoformat()}&notice={quote(notice)}", status_code=303
    )
