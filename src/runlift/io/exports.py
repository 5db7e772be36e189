"""Planned strength sessions as files to keep, share or import: one session, or the plan of
several weeks, as CSV (one row per exercise), JSON and iCalendar (the writer of io/ics.py).
The FIT workout of a session is in io/fitencode."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from runlift.domain.model import Day, StrengthKind, StrengthSession
from runlift.domain.planner import Plan
from runlift.io.ics import feed
from runlift.io.planfile import InputError
from runlift.render import session_json

# A cell starting with one of these is run as a formula by spreadsheets (OWASP CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CSV_COLUMNS = (
    "athlete", "date", "weekday", "kind", "start", "minutes", "order", "exercise_id",
    "exercise", "sets", "reps", "seconds", "per_side", "load", "unit", "percent_1rm",
    "reps_in_reserve", "rest_seconds", "why",
)  # fmt: skip
MAX_WEEKS = 12
MEDIA_TYPES = {
    "fit": "application/vnd.ant.fit",
    "ics": "text/calendar; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
}


class NoSession(LookupError):
    """No session of that kind is planned on that day."""


def safe_cell(value: Any) -> str:
    """A CSV cell a spreadsheet will not run as a formula: such text gets a leading quote."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def strength_kind(value: str, field: str = "kind") -> StrengthKind:
    try:
        return StrengthKind(value)
    except ValueError:
        allowed = ", ".join(k.value for k in StrengthKind)
        raise InputError(field, f"{value!r} is not a strength kind; use one of {allowed}") from None


@dataclass(frozen=True, slots=True)
class PlanExport:
    """The days of one or more planned weeks, for one athlete, with why each day got its
    sessions (the first rule kept that day)."""

    athlete: str
    uid_prefix: str  # the calendar feed's, so an event keeps its UID in both
    days: tuple[Day, ...]
    reasons: Mapping[str, str]

    def session(self, on: date, kind: StrengthKind | None) -> PlanExport:
        """This export narrowed to the one session of `kind` on `on` (`kind` None: the day's
        only session)."""
        day = next((d for d in self.days if d.date == on), None)
        found = [] if day is None else [s for s in day.strength if kind in (None, s.kind)]
        if day is None or not found:
            what = "strength" if kind is None else kind.value
            raise NoSession(f"no {what} session is planned on {on.isoformat()}")
        if len(found) > 1:
            kinds = ", ".join(s.kind.value for s in found)
            raise InputError("kind", f"{on.isoformat()} has {len(found)} sessions ({kinds}); "
                             "say which")  # fmt: skip
        why = {k: v for k, v in self.reasons.items() if k == on.isoformat()}
        return PlanExport(self.athlete, self.uid_prefix, (day.with_strength((found[0],)),), why)

    def sessions(self) -> list[tuple[Day, StrengthSession]]:
        return [(day, s) for day in self.days for s in day.strength]


def gather(
    athlete: str, uid_prefix: str, monday: date, weeks: int, plan_of: Callable[[date], Plan]
) -> PlanExport:
    """The export of `weeks` weeks from `monday`; `plan_of(monday)` plans one week."""
    return plan_export(
        athlete, uid_prefix, [plan_of(monday + timedelta(weeks=i)) for i in range(weeks)]
    )


def plan_export(athlete: str, uid_prefix: str, plans: Sequence[Plan]) -> PlanExport:
    days: list[Day] = []
    reasons: dict[str, str] = {}
    for plan in plans:
        for day, why in zip(plan.week.days, plan.reasons, strict=True):
            days.append(day)
            kept = [v.text for v in why if v.ok]
            if kept and day.strength:
                reasons[day.date.isoformat()] = kept[0]
    return PlanExport(athlete, uid_prefix, tuple(days), reasons)


# -- the formats --------------------------------------------------------------------------
def session_entry(day: Day, session: StrengthSession, why: str | None) -> dict[str, Any]:
    """A session as the week API shows it, with its day and the reason for it."""
    out: dict[str, Any] = {"date": day.date.isoformat(), "weekday": day.weekday}
    out |= session_json(session)
    out["why"] = why
    return out


def to_json(export: PlanExport, weeks: int | None = None) -> dict[str, Any]:
    """One session: the session itself; a plan (`weeks` given): every session in order."""
    entries = [
        session_entry(day, s, export.reasons.get(day.date.isoformat()))
        for day, s in export.sessions()
    ]
    if weeks is None and len(entries) == 1:
        return {"athlete": export.athlete, **entries[0]}
    first = export.days[0].date.isoformat() if export.days else None
    last = export.days[-1].date.isoformat() if export.days else None
    return {"athlete": export.athlete, "from": first, "to": last, "weeks": weeks,
            "sessions": entries}  # fmt: skip


def to_csv(export: PlanExport) -> str:
    """One row per exercise of every session, safe to open in a spreadsheet."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for day, s in export.sessions():
        why = export.reasons.get(day.date.isoformat(), "")
        for order, x in enumerate(s.exercises, start=1):
            row = (
                export.athlete, day.date.isoformat(), day.weekday, s.kind.value,
                f"{s.start // 60:02d}:{s.start % 60:02d}", s.minutes, order, x.exercise_id,
                x.name, x.sets, x.reps, x.seconds, "yes" if x.unilateral else "no",
                None if x.load is None else f"{x.load:g}", x.unit,
                None if x.percent_1rm is None else f"{x.percent_1rm:g}", x.reps_in_reserve,
                x.rest_seconds, why,
            )  # fmt: skip
            writer.writerow([safe_cell(v) for v in row])
    return out.getvalue()


def to_ics(export: PlanExport, now_utc: datetime) -> str:
    return feed(export.athlete, export.uid_prefix, export.days, now_utc, dict(export.reasons))


def session_filename(on: date, kind: StrengthKind, extension: str) -> str:
    return f"runlift-{on.isoformat()}-{kind.value}.{extension}"


def plan_filename(monday: date, weeks: int, extension: str) -> str:
    return f"runlift-plan-{monday.isoformat()}-{weeks}w.{extension}"
