"""The week page: runs and strength sessions with the reason for each, and moving a session —
try it (the rules answer at once), keep it, take the planner's suggestion, or go back to the
planner's week."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import Connection
from starlette.concurrency import run_in_threadpool

from runlift.catalog import load_library
from runlift.io.planfile import InputError
from runlift.render import day_json, finding_json
from runlift.services import local_today
from runlift.store import repository as repo
from runlift.tracking import Store, monday_of, profile_of
from runlift.tracking.moves import back_to_plan as forget_moves
from runlift.tracking.moves import keep_move, tried_json, try_move
from runlift.tracking.profiles import change_fields
from runlift.tracking.races import asks_race_date
from runlift.tracking.seasons import planned_week
from runlift.web.access import athlete_for
from runlift.web.deps import COOKIE, get_store, on_loop_if_cheap
from runlift.web.pages import TEMPLATES, MaybeSession, _checked_form, _page
from runlift.web.security import Session, session_for
from runlift.web.weekcache import revision_for

router = APIRouter(include_in_schema=False)


def _day_or_today(value: str | None) -> date:
    try:
        return date.fromisoformat(value) if value else local_today()
    except ValueError:
        return local_today()


def week_url(athlete_id: int, on: date, notice: str | None = None) -> str:
    url = f"/athletes/{athlete_id}/week?on={on.isoformat()}"
    return url + (f"&notice={quote(notice)}" if notice else "")


@router.get("/athletes/{athlete_id}/week", response_class=HTMLResponse)
async def week_page(
    athlete_id: int, request: Request, on: str | None = None, notice: str | None = None
) -> Response:
    """The week, rendered once per change to the athlete's data (see weekcache.py); the key
    holds what differs between viewers (the account, its form token, the notice). The most
    opened page: the session and the revision are looked up together, on the loop."""
    store = get_store(request)
    token = request.cookies.get(COOKIE)

    def look_up(conn: Connection) -> tuple[Session, str] | None:
        session = session_for(conn, token) if token else None
        if session is None:
            return None
        return session, revision_for(conn, session.user, athlete_id)

    found = await on_loop_if_cheap(request, look_up)
    if found is None:
        return RedirectResponse("/signin", status_code=303)
    session, revision = found
    today = local_today()
    monday = monday_of(_day_or_today(on))
    key = ("week.html", athlete_id, monday, today, revision, session.user.id, session.csrf,
           notice)  # fmt: skip
    cache = request.app.state.week_cache
    page = cache.get(key)
    if page is None:
        page = await run_in_threadpool(
            _render_week, request, session, store, athlete_id, monday, notice
        )
        cache.put(key, page)
    return HTMLResponse(page)


def _render_week(
    request: Request,
    session: Session,
    store: Store,
    athlete_id: int,
    monday: date,
    notice: str | None,
) -> bytes:
    library = load_library()
    with store.transaction() as conn:
        prof = profile_of(conn, repo.get_athlete_by_id(conn, athlete_id)[0], library)
        plan, source = planned_week(conn, prof, monday, library)
        change = repo.list_week_changes(conn, prof.id).get(monday)
        end = monday + timedelta(days=7)
        logged = {s.date for s in repo.list_strength(conn, prof.id, monday) if s.date < end}
    days = []
    for d, why in zip(plan.week.days, plan.reasons, strict=True):
        row = day_json(d, why)
        row["label"] = f"{d.date:%a %d %b}"
        row["logged"] = d.date in logged
        days.append(row)
    response = _page(
        request, "week.html", session, athlete=prof.name, athlete_id=athlete_id, notice=notice,
        week_start=f"{monday:%d %b %Y}", monday=monday.isoformat(), source=source,
        rearranged=change is not None and bool(change.days),
        days=days, warnings=[finding_json(plan.week, w) for w in plan.warnings],
        previous=(monday - timedelta(days=7)).isoformat(),
        next=(monday + timedelta(days=7)).isoformat(),
        notes=plan.notes, ask_race_date=asks_race_date(plan),
        today=local_today().isoformat(),
    )  # fmt: skip
    return bytes(response.body)


@router.post("/athletes/{athlete_id}/race-date")
async def race_date_form(athlete_id: int, request: Request, session: MaybeSession) -> Response:
    """The day of the race a recovery phase recovers from, as `athlete set --race-date`
    keeps it; the week page shows the week planned with it, or why it was refused."""
    signed, data = await _checked_form(request, session)
    today = local_today()
    on = _form_date_or(data, today)
    try:
        raced_on = _form_date(data, "race_date")
        if raced_on is None:
            raise InputError("race_date", "give the day of your race")
        with get_store(request).transaction() as conn:
            row = athlete_for(conn, signed.user, athlete_id)
            _, owner = repo.get_athlete_by_id(conn, row.id)
            change_fields(conn, row, {"race_date": raced_on}, owner, load_library(), today)
    except InputError as error:
        return RedirectResponse(week_url(athlete_id, on, f"Not saved: {error.message}"), 303)
    notice = f"Saved: your race was on {raced_on:%a %d %b %Y}. The week is planned with it."
    return RedirectResponse(week_url(athlete_id, on, notice), status_code=303)


@router.get("/athletes/{athlete_id}/week/try", response_class=HTMLResponse)
def try_page(
    athlete_id: int,
    request: Request,
    session: MaybeSession,
    on: str,
    kind: str,
    start: str | None = None,
    minutes: int | None = None,
    origin: str | None = None,
) -> Response:
    """An htmx partial: the rules' answer for a session moved to `on` at `start`, with a
    button to keep it and the planner's suggestion when the answer is not "fine"."""
    if session is None:
        return HTMLResponse("<p class='error'>Sign in first.</p>", status_code=401)
    try:
        day = date.fromisoformat(on)
        moved_from = date.fromisoformat(origin) if origin else None
    except ValueError:
        return HTMLResponse("<p class='error'>on: not a date (YYYY-MM-DD)</p>", status_code=400)
    try:
        with get_store(request).transaction() as conn:
            prof = profile_of(conn, athlete_for(conn, session.user, athlete_id))
            result = tried_json(try_move(conn, prof, day, kind, start, minutes, moved_from))
    except InputError as error:
        return HTMLResponse(f"<p class='error'>{_escape(str(error))}</p>", status_code=400)
    return TEMPLATES.TemplateResponse(
        request, "_verdict.html",
        {"result": result, "athlete_id": athlete_id, "csrf": session.csrf},
    )  # fmt: skip


def _escape(text: str) -> str:
    from markupsafe import escape

    return str(escape(text))


def _form_date(data: dict[str, Any], key: str) -> date | None:
    value = str(data.get(key) or "")
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InputError(key, "not a date (YYYY-MM-DD)") from None


@router.post("/athletes/{athlete_id}/week/moves")
async def keep_form(athlete_id: int, request: Request, session: MaybeSession) -> Response:
    """Keep a move (the runner's own, or the planner's suggestion); the week page says what
    happened. A move a hard rule forbids is not kept, and the page says why."""
    signed, data = await _checked_form(request, session)
    today = local_today()
    try:
        on = _form_date(data, "on") or today
        origin = _form_date(data, "origin")
        raw_minutes = str(data.get("minutes") or "")
        minutes = int(raw_minutes) if raw_minutes.isdigit() else None
        with get_store(request).transaction() as conn:
            prof = profile_of(conn, athlete_for(conn, signed.user, athlete_id))
            tried = keep_move(
                conn, prof, on, str(data.get("kind") or ""), str(data.get("start") or "") or None,
                minutes, origin,
            )  # fmt: skip
    except InputError as error:
        return RedirectResponse(week_url(athlete_id, _form_date_or(data, today), str(error)), 303)
    kept = tried_json(tried)["asked"]
    assert kept is not None
    notice = f"Kept: {kept['kind']} on {kept['day']} at {kept['start']} ({kept['answer']})."
    return RedirectResponse(week_url(athlete_id, on, notice), status_code=303)


def _form_date_or(data: dict[str, Any], default: date) -> date:
    try:
        return _form_date(data, "on") or default
    except InputError:
        return default


@router.post("/athletes/{athlete_id}/week/reset")
async def reset_form(athlete_id: int, request: Request, session: MaybeSession) -> Response:
    """Back to the planner's week: forget the moves kept in that week."""
    signed, data = await _checked_form(request, session)
    on = _form_date_or(data, local_today())
    with get_store(request).transaction() as conn:
        prof = profile_of(conn, athlete_for(conn, signed.user, athlete_id))
        forget_moves(conn, prof, on)
    return RedirectResponse(week_url(athlete_id, on, "Back to the planner's week."), 303)
