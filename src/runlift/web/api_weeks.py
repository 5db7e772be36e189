"""Moving a planned session: try it, keep it, or go back to the planner's week. Owner or
invited coach; a move a hard rule forbids is refused with the rule's words (409)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException
from pydantic import BaseModel, ConfigDict, Field

from runlift.tracking import profile_of
from runlift.tracking.moves import MoveRefused, back_to_plan, keep_move, tried_json, try_move
from runlift.web.access import athlete_for
from runlift.web.deps import Conn, SignedIn
from runlift.web.errors import refusals
from runlift.web.fields import AthleteId, IsoDate, Whole, examples

router = APIRouter(prefix="/api/v1/athletes", tags=["weeks"])


class MoveBody(BaseModel):
    model_config = ConfigDict(
        strict=True, extra="forbid",
        json_schema_extra=examples(
            {"on": "2026-12-03", "kind": "heavy", "start": "18:30", "origin": "2026-12-03"},
            {"on": "2026-12-05", "kind": "heavy", "start": "18:00", "origin": "2026-12-01"},
        ),
    )  # fmt: skip
    on: IsoDate = Field(description="the day to move the session to")
    kind: str = Field(description="heavy, plyometric, bodyweight, core or pilates")
    start: str | None = Field(None, description="HH:MM; the planner's usual start when left out")
    minutes: Whole | None = Field(None, description="1-240; the planned length when left out")
    origin: IsoDate | None = Field(None, description="the day it is planned on; none adds one")


@router.get("/{athlete_id}/week/try")
def try_a_move(
    athlete_id: AthleteId,
    session: SignedIn,
    conn: Conn,
    on: IsoDate,
    kind: str,
    start: str | None = None,
    minutes: int | None = None,
    origin: IsoDate | None = None,
) -> dict[str, Any]:
    """What the rules say of a session moved to `on` at `start`: fine, warning or why not,
    with the nearest slot they are content with when it is not fine. Nothing is saved."""
    prof = profile_of(conn, athlete_for(conn, session.user, athlete_id))
    return tried_json(try_move(conn, prof, on, kind, start, minutes, origin))


@router.post(
    "/{athlete_id}/week/moves",
    status_code=201,
    responses=refusals(409, r409="A hard rule forbids the move; the answer names the rule."),
)
def keep(athlete_id: AthleteId, body: MoveBody, session: SignedIn, conn: Conn) -> dict[str, Any]:
    """Keep a move the rules allow; only that week changes."""
    prof = profile_of(conn, athlete_for(conn, session.user, athlete_id))
    try:
        tried = keep_move(conn, prof, body.on, body.kind, body.start, body.minutes, body.origin)
    except MoveRefused as error:
        raise HTTPException(409, str(error)) from None
    return {"kept": tried_json(tried)["asked"]}


@router.delete("/{athlete_id}/week/moves", status_code=204)
def back(athlete_id: AthleteId, session: SignedIn, conn: Conn, on: IsoDate) -> None:
    """Forget the moves kept in the week holding `on`: the planner's week again."""
    prof = profile_of(conn, athlete_for(conn, session.user, athlete_id))
    back_to_plan(conn, prof, on)
