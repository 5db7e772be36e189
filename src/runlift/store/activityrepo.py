"""Runs logged from activity files: the run itself (a run_logs row, through add_run) and the
file's content hash and start time beside it, so a second import of it is known."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, insert, or_, select

from runlift.domain.log import RunDone
from runlift.domain.model import RunType
from runlift.domain.runsignals import RunStream
from runlift.store.logrepo import add_run
from runlift.store.revisions import begin_writing, touch
from runlift.store.tables import activities, run_logs

__all__ = ["add_imported_run", "begin_writing", "imported_already", "imported_summaries",
           "run_streams"]  # fmt: skip


def imported_already(
    conn: Connection, athlete_id: int, content_hash: str, started_at: str | None
) -> str | None:
    """Where this run was imported from before (the same bytes, or a run that started at the
    same second), or None."""
    same = activities.c.content_hash == content_hash
    if started_at is not None:
        same = or_(same, activities.c.started_at == started_at)
    row = conn.execute(
        select(activities.c.source).where(activities.c.athlete_id == athlete_id, same).limit(1)
    ).first()
    return None if row is None else str(row.source)


def add_imported_run(
    conn: Connection,
    athlete_id: int,
    run: RunDone,
    content_hash: str,
    started_at: str | None,
    source: str,
    summary: dict[str, Any],
) -> int:
    """Log the run and remember the file it came from; the id of the logged run."""
    run_id = add_run(conn, athlete_id, run)
    conn.execute(
        insert(activities).values(
            athlete_id=athlete_id,
            run_log_id=run_id,
            content_hash=content_hash,
            started_at=started_at,
            source=source[:300],
            summary=summary,
        )
    )
    touch(conn, athlete_id)
    return run_id


def imported_summaries(conn: Connection, athlete_id: int) -> list[dict[str, Any]]:
    rows = conn.execute(select(activities.c.summary).where(activities.c.athlete_id == athlete_id))
    return [dict(r.summary) for r in rows]


def run_streams(conn: Connection, athlete_id: int) -> list[RunStream]:
    """The stream signals of the athlete's imported runs, dated and typed as the log has them
    now (a run retyped or moved by hand keeps its signals under its new type and date)."""
    rows = conn.execute(
        select(run_logs.c.date, run_logs.c.type, activities.c.summary)
        .join(run_logs, run_logs.c.id == activities.c.run_log_id)
        .where(activities.c.athlete_id == athlete_id)
        .order_by(run_logs.c.date)
    )
    out = []
    for row in rows:
        summary = row.summary or {}
        efforts = summary.get("best_efforts") or {}
        out.append(
            RunStream(
                row.date,
                RunType(row.type),
                summary.get("drift_pct"),
                tuple(sorted((int(k), float(v)) for k, v in efforts.items())),
            )
        )
    return out
