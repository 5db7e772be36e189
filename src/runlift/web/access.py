"""Who may see which athlete: the owner, and a coach while the owner's invitation stands.
Anyone else gets the same answer as for an athlete that does not exist (404)."""

from __future__ import annotations

from sqlalchemy import Connection, select

from runlift.store import repository as repo
from runlift.store.tables import athletes, coach_invites
from runlift.web.security import User


class NoAccess(LookupError):
    """Answered as 404: no difference between 'not yours' and 'not there'."""


def athlete_for(conn: Connection, user: User, athlete_id: int) -> repo.AthleteRow:
    try:
        row, owner = repo.get_athlete_by_id(conn, athlete_id)
    except repo.NotFound:
        raise NoAccess(f"no athlete {athlete_id}") from None
    if owner == user.id or is_coach(conn, user, athlete_id):
        return row
    raise NoAccess(f"no athlete {athlete_id}")


def owned(conn: Connection, user: User, athlete_id: int) -> repo.AthleteRow:
    """Only the owner: inviting or revoking a coach, deleting the athlete."""
    try:
        row, owner = repo.get_athlete_by_id(conn, athlete_id)
    except repo.NotFound:
        raise NoAccess(f"no athlete {athlete_id}") from None
    if owner != user.id:
        raise NoAccess(f"no athlete {athlete_id}")
    return row


def is_coach(conn: Connection, user: User, athlete_id: int) -> bool:
    found = conn.execute(
        select(coach_invites.c.id).where(
            coach_invites.c.athlete_id == athlete_id,
            coach_invites.c.coach_email == user.email,
            coach_invites.c.revoked.is_(False),
        )
    ).first()
    return found is not None


def visible_athletes(conn: Connection, user: User) -> list[tuple[int, str, str]]:
    """(id, name, role) of every athlete the user may open."""
    own = conn.execute(select(athletes.c.id, athletes.c.name).where(athletes.c.owner_id == user.id))
    coached = conn.execute(
        select(athletes.c.id, athletes.c.name)
        .join(coach_invites, coach_invites.c.athlete_id == athletes.c.id)
        .where(coach_invites.c.coach_email == user.email, coach_invites.c.revoked.is_(False))
    )
    rows = [(r.id, r.name, "owner") for r in own] + [(r.id, r.name, "coach") for r in coached]
    return sorted(set(rows))
