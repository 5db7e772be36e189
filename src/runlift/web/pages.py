"""Server-rendered pages over the same use cases as the API: sign-up, sign-in, onboarding and
the week. Forms carry the session's CSRF token; a refused form is shown again with the reason."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from runlift.catalog import load_library
from runlift.domain.model import EQUIPMENT, WEEKDAYS, Experience, Phase, RunType
from runlift.io.planfile import InputError
from runlift.io.weekfile import parse_plan
from runlift.services import local_today
from runlift.store import repository as repo
from runlift.tracking import athlete_fields, monday_of, profile_of
from runlift.web.access import NoAccess, visible_athletes
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


class SignInFirst(NoAccess):
    """A signed-out form or page: the browser is sent to sign in (the API answers 401)."""


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
        raise SignInFirst("sign in first")
    form = await request.form()
    if not csrf_matches(session, str(form.get("csrf", ""))):
        raise NoAccess("the form is out of date; reload the page and try again")
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
        today=local_today().isoformat(),
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
        race = goal_race_from_form(data)
        raced_on = recovery_race_from_form(data)
        with get_store(request).transaction() as conn:
            athlete_id = repo.add_athlete(conn, fields, plan_file["week"]["days"], signed.user.id)
            if raced_on is not None:
                repo.update_athlete(conn, athlete_id, race_date=raced_on)
            if race is not None:
                from runlift.tracking.season_edit import start_season_on

                prof = profile_of(conn, repo.get_athlete_by_id(conn, athlete_id)[0])
                start_season_on(
                    conn, prof, load_library(), race_date=race[0], distance_km=race[1],
                    start=monday_of(local_today()), race_name=race[2],
                )  # fmt: skip
    except (InputError, repo.Duplicate) as error:
        return _onboarding(request, signed, data, str(error), 400)
    return RedirectResponse(f"/athletes/{athlete_id}/tests?welcome=true", status_code=303)


def goal_race_from_form(data: dict[str, Any]) -> tuple[date, float, str | None] | None:
    """The optional goal race: a date and a distance, or neither."""
    raw_date = str(data.get("race_date") or "").strip()
    raw_km = str(data.get("race_km") or "").strip()
    if not raw_date and not raw_km:
        return None
    try:
        on = date.fromisoformat(raw_date)
    except ValueError:
        raise InputError("goal race date", "give the race day (YYYY-MM-DD)") from None
    try:
        km = float(raw_km)
    except ValueError:
        raise InputError("goal race distance", "give the distance in km, e.g. 21.1") from None
    if on <= local_today():
        raise InputError("goal race date", "the goal race must be after today")
    return on, km, str(data.get("race_name") or "").strip() or None


RACED_ON = "when was your race"  # the question the form asks, naming the box in a refusal


def recovery_race_from_form(data: dict[str, Any]) -> date | None:
    """In recovery, the day of the race recovered from, when given (the week page asks for it
    otherwise); the box is hidden and ignored in the other phases."""
    from runlift.tracking.races import check_race_date

    raw = str(data.get("raced_on") or "").strip()
    if data.get("phase") != Phase.RECOVERY.value or not raw:
        return None
    try:
        day = date.fromisoformat(raw)
    except ValueError:
        raise InputError(RACED_ON, "give the race day (YYYY-MM-DD)") from None
    return check_race_date(day, local_today(), RACED_ON)


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
