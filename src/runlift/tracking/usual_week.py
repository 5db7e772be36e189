"""The usual week an activity import finds, kept as the athlete's typical week when asked:
one run of the usual type and length on each usual run day, the fixed strength sessions of
the old typical week kept."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Connection

from runlift.catalog import load_library
from runlift.domain.activity import UsualDay
from runlift.domain.model import WEEKDAYS
from runlift.io.planfile import InputError
from runlift.store import repository as repo
from runlift.tracking.profiles import replace_typical_week

USUAL_WEEKS = 4


def usual_days(usual: tuple[UsualDay, ...], current: dict[str, Any]) -> dict[str, Any]:
    """The usual week in plan-file form (mon..sun): one run of the usual type and length on
    each run day, else rest. Fixed strength sessions of the current typical week stay."""
    out: dict[str, Any] = {}
    for day in usual:
        key = WEEKDAYS[day.weekday]
        kept = current.get(key)
        kept = kept if isinstance(kept, list) else []
        items = [item for item in kept if isinstance(item, dict) and "strength" in item]
        if day.type is not None:
            items.insert(0, {"run": day.type.value, "minutes": max(1, round(day.minutes or 1))})
        out[key] = items or "rest"
    return out


def keep_usual_week(
    conn: Connection, athlete_id: int, usual: tuple[UsualDay, ...], today: date, option: str
) -> None:
    """Store the usual week as the typical week, through the same use case as `runlift athlete
    week` (judged with the athlete's settings; the athlete's revision is raised). A usual week
    without a run day says nothing: refused, rather than wiping the typical week."""
    if not any(day.type is not None for day in usual):
        raise InputError(
            option,
            f"no weekday of the log's last {USUAL_WEEKS} weeks had a run in {USUAL_WEEKS // 2} of "
            "them or more, so the usual week would be all rest; the typical week is unchanged and "
            "nothing was imported (import more weeks of runs, or leave out this option)",
        )
    row = repo.get_athlete_by_id(conn, athlete_id)[0]
    replace_typical_week(conn, row, usual_days(usual, row.typical_week), today, load_library())
