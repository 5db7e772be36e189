"""The account page's API: change the password, export everything (JSON and CSV), delete the
account and all its data."""

from __future__ import annotations

import csv
import io
from typing import Any

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import delete, select, update

from runlift.store import repository as repo
from runlift.store.tables import athletes, coach_invites, users, web_sessions
from runlift.tracking import profile_of
from runlift.web.deps import COOKIE, Conn, SignedIn
from runlift.web.errors import refusals
from runlift.web.security import MIN_PASSWORD, AuthError

router = APIRouter(prefix="/api/v1/me", tags=["account"])
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CSV_COLUMNS = (
    "athlete", "date", "entry", "kind_or_exercise", "reps", "load", "reps_in_reserve", "minutes",
    "distance_km", "avg_hr", "rpe", "note",
)  # fmt: skip


class PasswordChange(BaseModel):
    model_config = ConfigDict(strict=True)
    current: str = Field(min_length=1, max_length=1000, description="the password now")
    new: str = Field(
        min_length=MIN_PASSWORD, max_length=1000, description=f"{MIN_PASSWORD} characters or more"
    )


class CSVResponse(Response):
    media_type = "text/csv"


@router.post(
    "/password",
    status_code=204,
    responses=refusals(403, r403="The current password is wrong, or the X-CSRF-Token is."),
)
def change_password(body: PasswordChange, session: SignedIn, request: Request, conn: Conn) -> None:
    """A new password; every other session of the account ends."""
    from argon2.exceptions import VerificationError

    ph = request.app.state.hasher
    row = conn.execute(select(users.c.password_hash).where(users.c.id == session.user.id)).one()
    try:
        ph.verify(row.password_hash, body.current)
    except VerificationError:
        raise AuthError(403, "current", "the current password is wrong") from None
    conn.execute(
        update(users).where(users.c.id == session.user.id).values(password_hash=ph.hash(body.new))
    )
    from runlift.web.security import digest

    token = request.cookies.get(COOKIE) or ""
    conn.execute(
        delete(web_sessions).where(
            web_sessions.c.user_id == session.user.id, web_sessions.c.token_hash != digest(token)
        )
    )


def _owned_profiles(conn: Conn, user_id: int) -> list[Any]:
    rows = conn.execute(select(athletes.c.id).where(athletes.c.owner_id == user_id)).all()
    return [profile_of(conn, repo.get_athlete_by_id(conn, r.id)[0]) for r in rows]


@router.get("/export.json")
def export_json(session: SignedIn, conn: Conn) -> dict[str, Any]:
    """Everything the account owns: athletes with their settings, tests and log."""
    from runlift.trackview import athlete_json

    out = []
    for prof in _owned_profiles(conn, session.user.id):
        out.append(
            {
                **athlete_json(prof),
                "strength": [
                    {
                        "date": s.date.isoformat(), "kind": s.kind.value, "skipped": s.skipped,
                        "reason": s.reason, "minutes": s.minutes,
                        "sets": [
                            {"exercise": x.exercise_id, "reps": t.reps, "load": t.load,
                             "reps_in_reserve": t.reps_in_reserve, "rpe": t.rpe}
                            for x in s.exercises for t in x.sets
                        ],
                    }
                    for s in repo.list_strength(conn, prof.id)
                ],
                "runs": [
                    {"date": r.date.isoformat(), "type": r.type.value, "minutes": r.minutes,
                     "distance_km": r.distance_km, "avg_hr": r.avg_hr, "rpe": r.rpe}
                    for r in repo.list_runs(conn, prof.id)
                ],
            }
        )  # fmt: skip
    return {"user": {"email": session.user.email}, "athletes": out}


def safe_cell(value: Any) -> str:
    """A CSV cell a spreadsheet will not run as a formula (OWASP: prefix with a quote)."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


@router.get(
    "/export.csv",
    response_class=CSVResponse,
    responses={200: {"description": "one row per logged set, skipped session and run"}},
)
def export_csv(session: SignedIn, conn: Conn) -> Response:
    """Every logged set and run, one row each, safe to open in a spreadsheet."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for prof in _owned_profiles(conn, session.user.id):
        for s in repo.list_strength(conn, prof.id):
            if s.skipped:
                writer.writerow(
                    [
                        safe_cell(v)
                        for v in (
                            prof.name,
                            s.date,
                            "skipped",
                            s.kind.value,
                            "",
                            "",
                            "",
                            s.minutes,
                            "",
                            "",
                            "",
                            s.reason,
                        )
                    ]
                )
            for x in s.exercises:
                for t in x.sets:
                    writer.writerow(
                        [
                            safe_cell(v)
                            for v in (
                                prof.name,
                                s.date,
                                "set",
                                x.exercise_id,
                                t.reps,
                                t.load,
                                t.reps_in_reserve,
                                s.minutes,
                                "",
                                "",
                                t.rpe,
                                "",
                            )
                        ]
                    )
        for r in repo.list_runs(conn, prof.id):
            writer.writerow(
                [
                    safe_cell(v)
                    for v in (
                        prof.name,
                        r.date,
                        "run",
                        r.type.value,
                        "",
                        "",
                        "",
                        r.minutes,
                        r.distance_km,
                        r.avg_hr,
                        r.rpe,
                        "",
                    )
                ]
            )
    return CSVResponse(
        buffer.getvalue(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="runlift-export.csv"'},
    )


@router.delete("", status_code=204)
def delete_account(session: SignedIn, response: Response, conn: Conn) -> None:
    """The account and everything it owns; invitations it received stop working."""
    conn.execute(delete(athletes).where(athletes.c.owner_id == session.user.id))
    # Invitations to this email end with the account: whoever signs up with it later is
    # someone new, and sees no runner until invited again.
    conn.execute(
        update(coach_invites)
        .where(coach_invites.c.coach_email == session.user.email)
        .values(revoked=True)
    )
    conn.execute(delete(users).where(users.c.id == session.user.id))
    response.delete_cookie(COOKIE)
