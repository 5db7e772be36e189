"""The account page: your runners and the runners you coach, coach invitations, the secret
calendar address, a new password, everything exported, the account deleted. The forms call the
same functions as the JSON API, so both say and check the same things."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError
from sqlalchemy import select

from runlift.store.tables import calendar_feeds, coach_invites
from runlift.web import api_athletes, api_me
from runlift.web.access import visible_athletes
from runlift.web.deps import COOKIE, get_store
from runlift.web.pages import MaybeSession, _checked_form, _page
from runlift.web.security import AuthError, Session

router = APIRouter(include_in_schema=False)
DELETE_WORD = "delete"


def _back(notice: str, feed: str | None = None) -> Response:
    url = f"/account?notice={quote(notice)}"
    if feed:
        url += f"&feed={quote(feed)}"
    return RedirectResponse(url, status_code=303)


@router.get("/account", response_class=HTMLResponse)
def account_page(
    request: Request, session: MaybeSession, notice: str | None = None, feed: str | None = None
) -> Response:
    if session is None:
        return RedirectResponse("/signin", status_code=303)
    with get_store(request).transaction() as conn:
        visible = visible_athletes(conn, session.user)
        own = [(i, n) for i, n, role in visible if role == "owner"]
        coached = [(i, n) for i, n, role in visible if role == "coach"]
        ids = [i for i, _ in own]
        invites = conn.execute(
            select(coach_invites).where(
                coach_invites.c.athlete_id.in_(ids), coach_invites.c.revoked.is_(False)
            )
        ).all()
        feeds = {
            r.athlete_id
            for r in conn.execute(
                select(calendar_feeds.c.athlete_id).where(
                    calendar_feeds.c.athlete_id.in_(ids), calendar_feeds.c.revoked.is_(False)
                )
            )
        }
    runners: list[dict[str, Any]] = [
        {"id": i, "name": n, "has_feed": i in feeds,
         "coaches": [{"id": v.id, "email": v.coach_email} for v in invites if v.athlete_id == i]}
        for i, n in own
    ]  # fmt: skip
    return _page(
        request, "account.html", session, runners=runners, coached=coached, notice=notice,
        feed=feed, delete_word=DELETE_WORD,
    )  # fmt: skip


def _refusal(error: Exception) -> str:
    if isinstance(error, AuthError):
        return f"{error.field}: {error.message}"
    if isinstance(error, HTTPException):
        return str(error.detail)
    if isinstance(error, ValidationError):
        first = error.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ())) or "form"
        return f"{where}: {first.get('msg', 'not allowed')}"
    return str(error)


def _int(data: dict[str, Any], key: str) -> int:
    try:
        return int(str(data.get(key) or ""))
    except ValueError:
        raise HTTPException(400, f"{key}: not a number") from None


async def _form(request: Request, session: Session | None) -> tuple[Session, dict[str, Any]]:
    return await _checked_form(request, session)


@router.post("/account/coaches")
async def invite_form(request: Request, session: MaybeSession) -> Response:
    signed, data = await _form(request, session)
    try:
        body = api_athletes.InviteBody(email=str(data.get("email") or "").strip())
        with get_store(request).transaction() as conn:
            made = api_athletes.invite(_int(data, "athlete"), body, signed, conn)
    except (AuthError, HTTPException, ValidationError) as error:
        return _back(f"Not invited: {_refusal(error)}")
    return _back(f"Invited {made['email']}: once they sign up or in with it, they see this runner.")


@router.post("/account/coaches/revoke")
async def revoke_form(request: Request, session: MaybeSession) -> Response:
    signed, data = await _form(request, session)
    try:
        with get_store(request).transaction() as conn:
            api_athletes.revoke(_int(data, "athlete"), _int(data, "invite"), signed, conn)
    except HTTPException as error:
        return _back(f"Not revoked: {_refusal(error)}")
    return _back("Invitation revoked: that coach no longer sees this runner.")


@router.post("/account/calendar")
async def feed_form(request: Request, session: MaybeSession) -> Response:
    """A new secret calendar address (shown once); `revoke` ends the current one."""
    signed, data = await _form(request, session)
    athlete = _int(data, "athlete")
    with get_store(request).transaction() as conn:
        if data.get("revoke"):
            api_athletes.revoke_feed(athlete, signed, conn)
            return _back("Calendar address revoked: calendars subscribed to it stop updating.")
        made = api_athletes.new_feed(athlete, signed, request, conn)
    return _back("New calendar address below; any earlier one has stopped working.", made["url"])


@router.post("/account/password")
async def password_form(request: Request, session: MaybeSession) -> Response:
    signed, data = await _form(request, session)
    try:
        body = api_me.PasswordChange(
            current=str(data.get("current") or ""), new=str(data.get("new") or "")
        )
        with get_store(request).transaction() as conn:
            api_me.change_password(body, signed, request, conn)
    except (AuthError, ValidationError) as error:
        return _back(f"Password not changed: {_refusal(error)}")
    return _back("Password changed; your other sessions were signed out.")


@router.post("/account/delete")
async def delete_form(request: Request, session: MaybeSession) -> Response:
    """Deletes the account and everything in it, once the runner typed the word."""
    signed, data = await _form(request, session)
    if str(data.get("confirm") or "").strip().lower() != DELETE_WORD:
        return _back(f'Nothing deleted: type "{DELETE_WORD}" in the box to confirm.')
    response = RedirectResponse("/signup", status_code=303)
    with get_store(request).transaction() as conn:
        api_me.delete_account(signed, response, conn)
    response.delete_cookie(COOKIE)
    return response
