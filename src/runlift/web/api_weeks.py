"""Moving a planned session: try it, keep it, or go back to the planner's week. Owner or
invited coach; a move a hard rule forbids is refused with the rule's words (409)."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, HTTPException
from pydantic import BaseModel, Field

from runlift.tracking import profile_of
from runlift.tracking.moves import MoveRefused, back_to_plan, keep_move, tried_json, try_move
from runlift.web.access import athlete_for
from runlift.web.deps import Conn, SignedIn

router = APIRouter(prefix="/api/v1/athletes", tags=["weeks"])


class MoveBody(BaseModel):
    on: date = Field(description="the day to move the session to")
    kind: str = Field(description="heavy, plyometric, easy, core, mobility or bodyweight")
    start: str | None = Field(None, description="HH:MM; the planner's usual start when left out")
    minutes: int | None = Field(None, description="1-240; the session's planned length if left out")
    origin: date | None = Field(None, description="the day it is planned on; none adds a session")


@router.get("/{athlete_id}/week/try")
def try_a_move(
    athlete_id: int,
    session: SignedIn,
    conn: Conn,
    on: date,
    kind: str,
    start: str | None = None,
    minutes: int | None = None,
    origin: date | None = None,
) -> dict[str, Any]:
    """What the rules say of a session moved to `on` at `start`: fine, warning or why not,
    with the nearest slot they are content with when it is not fine. Nothing is saved."""
    prof = profile_of(conn, athlete_for(conn, session.user, athlete_id))
    return tried_json(try_move(conn, prof, on, kind, start, minutes, origin))


@router.post("/{athlete_id}/week/moves", status_code=201)
def keep(athlete_id: int, body: MoveBody, session: SignedIn, conn: Conn) -> dict[str, Any]:
    """Keep a move the rules allow; only that week changes."""
    prof = profile_of(conn, athlete_for(conn, session.user, athlete_id))
    try:
        tried = keep_move(conn, prof, body.on, body.kind, body.start, body.minutes, body.origin)
    except MoveRefused as error:
        raise HTTPException(409, str(error)) from None
    return {"kept": tried_json(tried)["asked"]}


@router.delete("/{athlete_id}/week/moves", status_code=204)
def back(athlete_id: int, session: SignedIn, conn: Conn, on: date) -> None:
    """Forget the moves kept in the week holding `on`: the planner's week again."""
    prof = profile_of(conn, athlete_for(conn, session.user, athlete_id))
    back_to_plan(conn, prof, on)
