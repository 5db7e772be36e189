"""An athlete's data: set-up, this week, the log, progress, coaches. Owner or invited coach
only; anyone else gets 404."""

from __future__ import annotations

import json
import secrets
from datetime import date, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Request, Response
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import Connection, insert, select, update
from starlette.concurrency import run_in_threadpool

from runlift.catalog import load_library
from runlift.io.ics import feed
from runlift.render import day_json, finding_json
from runlift.services import local_today
from runlift.store import repository as repo
from runlift.store.tables import calendar_feeds, coach_invites
from runlift.tracking import Store, logbook, monday_of, profile_of
from runlift.tracking.seasons import planned_week
from runlift.web.access import athlete_for, owned
from runlift.web.api_log import RunTypeName, StrengthKindName
from runlift.web.api_public import PlanFile
from runlift.web.deps import Conn, SignedIn, get_store, on_loop_if_cheap
from runlift.web.errors import refusals
from runlift.web.fields import MAX_ID, AthleteId, IsoDate, Whole, email_address, examples
from runlift.web.security import digest, now
from runlift.web.weekcache import revision_for

router = APIRouter(prefix="/api/v1/athletes", tags=["athletes"])
InviteId = Annotated[int, Path(ge=1, le=MAX_ID, description="the invitation's id")]


@router.get("")
def list_athletes(session: SignedIn, conn: Conn) -> list[dict[str, Any]]:
    from runlift.web.access import visible_athletes

    return [{"id": i, "name": n, "role": r} for i, n, r in visible_athletes(conn, session.user)]


@router.post("", status_code=201, responses=refusals(409, r409="You have an athlete of that name."))
def create(session: SignedIn, conn: Conn, body: PlanFile) -> dict[str, Any]:
    """A plan file (as JSON) becomes an athlete: its athlete fields, its week as the typical
    week, its maxes and rep tests (dated today) and its races, as `runlift athlete create`."""
    from runlift.tracking.profiles import create_athlete

    try:
        athlete_id = create_athlete(conn, body, local_today(), session.user.id)
    except repo.Duplicate as error:
        raise HTTPException(409, f"athlete.name: {error}") from None
    return {"id": athlete_id, "name": repo.get_athlete_by_id(conn, athlete_id)[0].fields["name"]}


@router.get("/{athlete_id}")
def show(athlete_id: AthleteId, session: SignedIn, conn: Conn) -> dict[str, Any]:
    row = athlete_for(conn, session.user, athlete_id)
    from runlift.trackview import athlete_json

    return athlete_json(profile_of(conn, row))


@router.delete("/{athlete_id}", status_code=204)
def delete(athlete_id: AthleteId, session: SignedIn, conn: Conn) -> None:
    row = owned(conn, session.user, athlete_id)
    repo.delete_athlete(conn, row.id)


@router.get("/{athlete_id}/week", response_model=dict[str, Any])
async def week(
    athlete_id: AthleteId, request: Request, session: SignedIn, on: IsoDate | None = None
) -> Response:
    """The week holding `on` (default today): planned, with reasons, and what was logged.
    Worked out once per change to the athlete's data (see weekcache.py)."""
    store = get_store(request)
    revision = await on_loop_if_cheap(
        request, lambda conn: revision_for(conn, session.user, athlete_id)
    )
    today = local_today()
    monday = monday_of(on or today)
    key = ("week.json", athlete_id, monday, today, revision)
    cache = request.app.state.week_cache
    body = cache.get(key)
    if body is None:
        body = await run_in_threadpool(_week_body, store, athlete_id, monday)
        cache.put(key, body)
    return Response(body, media_type="application/json")


def _week_body(store: Store, athlete_id: int, monday: date) -> bytes:
    with store.transaction() as conn:
        data = week_json(conn, athlete_id, monday)
    text = json.dumps(data, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    return text.encode("utf-8")


def week_json(conn: Connection, athlete_id: int, monday: date) -> dict[str, Any]:
    """The week from `monday` of an athlete the caller may see (checked by the caller)."""
    row, _ = repo.get_athlete_by_id(conn, athlete_id)
    library = load_library()
    prof = profile_of(conn, row, library)
    plan, source = planned_week(conn, prof, monday, library)
    end = monday + timedelta(days=7)
    lifts = [s for s in repo.list_strength(conn, prof.id, monday) if s.date < end]
    runs = [r for r in repo.list_runs(conn, prof.id, monday) if r.date < end]
    return {
        "week_start": monday.isoformat(),
        "source": source,
        "days": [day_json(d, r) for d, r in zip(plan.week.days, plan.reasons, strict=True)],
        "violations": [finding_json(plan.week, v) for v in plan.violations],
        "warnings": [finding_json(plan.week, w) for w in plan.warnings],
        "notes": list(plan.notes),
        "done": {
            "strength": [
                {"id": s.id, "date": s.date.isoformat(), "kind": s.kind.value, "skipped": s.skipped}
                for s in lifts
            ],
            "runs": [
                {"id": r.id, "date": r.date.isoformat(), "type": r.type.value, "minutes": r.minutes}
                for r in runs
            ],
        },
    }


class StrengthBody(BaseModel):
    model_config = ConfigDict(
        strict=True,
        json_schema_extra=examples(
            {"date": "2026-11-20", "kind": "heavy", "minutes": 40,
             "sets": ["back_squat:3x6@70:rir2", "romanian_deadlift:3x8@57.5"]},
            {"date": "2026-11-21", "kind": "core", "skipped": True, "reason": "a cold"},
        ),
    )  # fmt: skip
    date: IsoDate
    kind: StrengthKindName = "heavy"
    sets: list[str] = Field(default_factory=list, description="EXERCISE:SETSxREPS[@LOAD][:rirN]")
    minutes: Whole | None = None
    skipped: bool = False
    reason: str | None = None


class RunBody(BaseModel):
    model_config = ConfigDict(
        strict=True,
        json_schema_extra=examples(
            {"date": "2026-11-24", "type": "easy", "minutes": 40, "distance_km": 8,
             "avg_hr": 141, "rpe": 3}
        ),
    )  # fmt: skip
    date: IsoDate
    type: RunTypeName
    minutes: float
    distance_km: float | None = None
    avg_hr: Whole | None = None
    rpe: float | None = None


@router.post("/{athlete_id}/log/strength", status_code=201)
def log_strength(
    athlete_id: AthleteId, body: StrengthBody, session: SignedIn, conn: Conn
) -> dict[str, int]:
    row = athlete_for(conn, session.user, athlete_id)
    entry = logbook.strength_entry(
        body.date, body.kind, body.sets, body.minutes, body.skipped, body.reason
    )
    return {"id": repo.add_strength(conn, row.id, entry)}


@router.post("/{athlete_id}/log/runs", status_code=201)
def log_run(athlete_id: AthleteId, body: RunBody, session: SignedIn, conn: Conn) -> dict[str, int]:
    row = athlete_for(conn, session.user, athlete_id)
    entry = logbook.run_entry(
        body.date, body.type, body.minutes, body.distance_km, body.avg_hr, body.rpe
    )
    return {"id": repo.add_run(conn, row.id, entry)}


@router.get("/{athlete_id}/progress")
def progress(athlete_id: AthleteId, session: SignedIn, conn: Conn) -> dict[str, Any]:
    """What `runlift progress --format json` shows: e1RM per lift with the next step, the
    weekly running and strength signals, any reassess warning (none while the lighter plan
    is taken) and the retest reminder."""
    from runlift.progressview import progress_json
    from runlift.tracking.progress import progress_of

    prof = profile_of(conn, athlete_for(conn, session.user, athlete_id))
    report = progress_of(conn, prof, local_today())
    out = progress_json(report)
    for lift, trend in zip(out["lifts"], report.lifts, strict=True):
        lift["name"] = trend.name
    if out["warning"] is not None:
        out["warning"]["accept"] = f"POST /api/v1/athletes/{prof.id}/progress/lighter"
    out["lighter"] = prof.row.lighter
    return out


class InviteBody(BaseModel):
    model_config = ConfigDict(
        strict=True, json_schema_extra=examples({"email": "coach@example.com"})
    )
    email: str = Field(max_length=254, pattern="@", description="the coach's email address")


@router.post("/{athlete_id}/coaches", status_code=201)
def invite(
    athlete_id: AthleteId, body: InviteBody, session: SignedIn, conn: Conn
) -> dict[str, Any]:
    row = owned(conn, session.user, athlete_id)
    email = email_address(body.email)
    result = conn.execute(
        insert(coach_invites).values(
            athlete_id=row.id, coach_email=email, revoked=False, created_at=now()
        )
    )
    return {"id": int(result.inserted_primary_key[0]), "email": email}  # type: ignore[index]


@router.delete("/{athlete_id}/coaches/{invite_id}", status_code=204)
def revoke(athlete_id: AthleteId, invite_id: InviteId, session: SignedIn, conn: Conn) -> None:
    row = owned(conn, session.user, athlete_id)
    found = conn.execute(
        select(coach_invites.c.id).where(
            coach_invites.c.id == invite_id, coach_invites.c.athlete_id == row.id
        )
    ).first()
    if found is None:
        raise HTTPException(404, f"no invitation {invite_id}")
    conn.execute(update(coach_invites).where(coach_invites.c.id == invite_id).values(revoked=True))


FEED_WEEKS = 4


@router.post("/{athlete_id}/calendar", status_code=201)
def new_feed(
    athlete_id: AthleteId, session: SignedIn, request: Request, conn: Conn
) -> dict[str, str]:
    """A secret calendar URL for the planned sessions; earlier URLs stop working."""
    row = owned(conn, session.user, athlete_id)
    token = secrets.token_urlsafe(24)
    conn.execute(
        update(calendar_feeds).where(calendar_feeds.c.athlete_id == row.id).values(revoked=True)
    )
    conn.execute(
        insert(calendar_feeds).values(
            athlete_id=row.id, token_hash=digest(token), created_at=now(), revoked=False
        )
    )
    return {"url": str(request.url_for("calendar_feed", token=token))}


@router.delete("/{athlete_id}/calendar", status_code=204)
def revoke_feed(athlete_id: AthleteId, session: SignedIn, conn: Conn) -> None:
    row = owned(conn, session.user, athlete_id)
    conn.execute(
        update(calendar_feeds).where(calendar_feeds.c.athlete_id == row.id).values(revoked=True)
    )


calendar_router = APIRouter(tags=["calendar"])


@calendar_router.get("/calendar/{token}.ics", name="calendar_feed")
def calendar_feed(token: str, conn: Conn) -> Response:
    """The next four weeks of planned strength sessions, for calendar apps to subscribe to."""
    found = conn.execute(
        select(calendar_feeds.c.athlete_id).where(
            calendar_feeds.c.token_hash == digest(token), calendar_feeds.c.revoked.is_(False)
        )
    ).first()
    if found is None:
        raise HTTPException(404, "no such calendar")
    row, _ = repo.get_athlete_by_id(conn, found.athlete_id)
    prof = profile_of(conn, row)
    library = load_library()
    monday = monday_of(local_today())
    days = []
    reasons: dict[str, str] = {}
    for week in range(FEED_WEEKS):
        plan, _ = planned_week(conn, prof, monday + timedelta(weeks=week), library)
        for day, why in zip(plan.week.days, plan.reasons, strict=True):
            days.append(day)
            kept = [v.text for v in why if v.ok]
            if kept:
                reasons[day.date.isoformat()] = kept[0]
    text = feed(prof.name, f"athlete{row.id}", days, now(), reasons)
    return Response(text, media_type="text/calendar; charset=utf-8")
