"""Signing up, in and out; who am I."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, ConfigDict, Field

from runlift.web.access import visible_athletes
from runlift.web.deps import COOKIE, Conn, SignedIn
from runlift.web.errors import refusals
from runlift.web.fields import email_address
from runlift.web.security import (
    MIN_PASSWORD,
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
    model_config = ConfigDict(
        strict=True,
        json_schema_extra={
            "examples": [{"email": "runner@example.com", "password": "ten or more"}]
        },
    )
    email: str = Field(min_length=3, max_length=254)
    password: str = Field(min_length=1, max_length=1000)


class NewAccount(Credentials):
    email: str = Field(min_length=3, max_length=254, pattern="@", description="an email address")
    password: str = Field(
        min_length=MIN_PASSWORD, max_length=1000, description=f"{MIN_PASSWORD} characters or more"
    )


class UserOut(BaseModel):
    id: int
    email: str


class Started(BaseModel):
    user: UserOut
    csrf: str = Field(description="send it back in the X-CSRF-Token header of every change")


class AthleteRef(BaseModel):
    id: int
    name: str
    role: Literal["owner", "coach"]


class Me(Started):
    athletes: list[AthleteRef] = Field(description="the athletes you may open")


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


@router.post("/signup", status_code=201, response_model=Started, responses=refusals(409))
def signup(body: NewAccount, request: Request, response: Response, conn: Conn) -> dict[str, Any]:
    email = email_address(body.email)  # 400 for a bad address, before sign_up's own 422
    user = sign_up(conn, email, body.password, request.app.state.hasher)
    return _start(request, response, conn, user)


@router.post(
    "/signin",
    response_model=Started,
    responses=refusals(401, 429, r401="Wrong email or password."),
)
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


@router.get("/me", response_model=Me)
def me(session: SignedIn, conn: Conn) -> dict[str, Any]:
    athletes = visible_athletes(conn, session.user)
    return {
        "user": {"id": session.user.id, "email": session.user.email},
        "csrf": session.csrf,
        "athletes": [{"id": i, "name": n, "role": r} for i, n, r in athletes],
    }
