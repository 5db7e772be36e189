"""Signing up, in and out; who am I."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, Field

from runlift.web.access import visible_athletes
from runlift.web.deps import COOKIE, Conn, SignedIn
from runlift.web.security import (
    SESSION_DAYS,
    AuthError,
    User,
    close_session,
    open_session,
    record_failure,
    sign_in,
    sign_up,
)

router = APIRouter(prefix="/api/v1", tags=["account"])


class Credentials(BaseModel):
    email: str = Field(min_length=3, max_length=254)
    password: str = Field(min_length=1, max_length=1000)


def _start(request: Request, response: Response, conn: Conn, user: User) -> dict[str, Any]:
    token, csrf = open_session(conn, user)
    response.set_cookie(
        COOKIE,
        token,
        max_age=SESSION_DAYS * 86400,
        httponly=True,
        samesite="lax",
        secure=request.app.state.secure_cookies or request.url.scheme == "https",
    )
    return {"user": {"id": user.id, "email": user.email}, "csrf": csrf}


@router.post("/signup", status_code=201)
def signup(body: Credentials, request: Request, response: Response, conn: Conn) -> dict[str, Any]:
    user = sign_up(conn, body.email, body.password, request.app.state.hasher)
    return _start(request, response, conn, user)


@router.post("/signin")
def signin(body: Credentials, request: Request, response: Response) -> dict[str, Any]:
    store = request.app.state.store
    try:
        with store.transaction() as conn:
            user = sign_in(conn, body.email, body.password, request.app.state.hasher)
            return _start(request, response, conn, user)
    except AuthError as error:
        if error.status == 401:
            with store.transaction() as conn:
                record_failure(conn, body.email)
        raise


@router.post("/signout", status_code=204)
def signout(session: SignedIn, request: Request, response: Response, conn: Conn) -> None:
    close_session(conn, request.cookies.get(COOKIE))
    response.delete_cookie(COOKIE)


@router.get("/me")
def me(session: SignedIn, conn: Conn) -> dict[str, Any]:
    athletes = visible_athletes(conn, session.user)
    return {
        "user": {"id": session.user.id, "email": session.user.email},
        "csrf": session.csrf,
        "athletes": [{"id": i, "name": n, "role": r} for i, n, r in athletes],
    }
