"""Each athlete's revision: raised by every change to their data, in the same transaction, so
what a server worked out from the old data (a planned week, a rendered page) can be kept until
the revision moves on."""

from __future__ import annotations

from sqlalchemy import Connection, select, update

from runlift.store.tables import athletes


class NoSuchAthlete(LookupError):
    pass


def touch(conn: Connection, athlete_id: int) -> None:
    """Something of this athlete's changed: raise their revision."""
    conn.execute(
        update(athletes).where(athletes.c.id == athlete_id).values(revision=athletes.c.revision + 1)
    )


def revision_of(conn: Connection, athlete_id: int) -> tuple[int | None, str]:
    """The athlete's owner and revision, in one indexed lookup. The revision names this
    athlete's data as it is now: their own token (ids can be reused) and the change count."""
    row = conn.execute(
        select(athletes.c.owner_id, athletes.c.instance, athletes.c.revision).where(
            athletes.c.id == athlete_id
        )
    ).first()
    if row is None:
        raise NoSuchAthlete(f"no athlete {athlete_id}")
    return row.owner_id, f"{row.instance or 'v0'}.{row.revision}"


def begin_writing(conn: Connection, athlete_id: int) -> None:
    """Write before a first savepoint. The sqlite3 driver opens its transaction only at the
    first INSERT or UPDATE, so a SAVEPOINT before any would open one of its own, and its
    RELEASE would commit at once, outside the caller's transaction (a request failing later
    would keep what the savepoint wrote). Raising the athlete's revision is that write; a
    savepoint that writes for the athlete raises it anyway."""
    touch(conn, athlete_id)
