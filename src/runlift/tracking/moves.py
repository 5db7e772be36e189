"""Moving a planned session on the web page or the API: try it, keep it, or go back to the
planner's week. A kept move is stored as a change to that one week (the same record as
`season change --days`): every strength session of the week fixed where it was shown, so the
week looks exactly as it did when the runner said "keep"."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Connection

from runlift.catalog import load_library
from runlift.domain.context import WeekContext
from runlift.domain.model import (
    WEEKDAYS,
    Day,
    RunType,
    StrengthKind,
    StrengthSession,
    Week,
    format_clock,
)
from runlift.domain.moves import Answer, Move, MoveAnswer, answer_move, suggest, without
from runlift.domain.planner import Plan
from runlift.io.planfile import InputError, parse_clock
from runlift.store import repository as repo
from runlift.tracking import Profile, monday_of
from runlift.tracking.seasons import planned_week

MAX_MINUTES = 240


class MoveRefused(InputError):
    """A move a hard rule forbids: refused, with the rule's words."""


@dataclass(frozen=True, slots=True)
class Tried:
    plan: Plan  # the week as planned before the move
    answer: MoveAnswer
    suggestion: MoveAnswer | None  # None when the move is fine as asked, or nothing is


def _move(
    plan: Plan, on: date, kind: str, start: str | None, minutes: int | None, origin: date | None
) -> Move:
    try:
        strength = StrengthKind(kind)
    except ValueError:
        allowed = ", ".join(k.value for k in StrengthKind)
        raise InputError("kind", f"{kind!r} is not a strength kind; use one of {allowed}") from None
    monday = plan.week.start
    if not 0 <= (on - monday).days <= 6:
        raise InputError("on", f"{on} is not in the week of {monday}")
    origin_day = None
    if origin is not None:
        origin_day = (origin - monday).days
        if not 0 <= origin_day <= 6:
            raise InputError("origin", f"{origin} is not in the week of {monday}")
        if not any(s.kind is strength for s in plan.week.days[origin_day].strength):
            raise InputError("origin", f"no {strength.value} session is planned on {origin}")
    length = minutes
    if length is None:  # the moved session's own length; a new one: the kind's usual
        moved = without(plan.week, strength, origin_day)[1] if origin_day is not None else None
        length = moved.minutes if moved else load_library().tables.default_minutes[strength]
    if not 1 <= length <= MAX_MINUTES:
        raise InputError("minutes", f"{length} is not allowed; use 1-{MAX_MINUTES}")
    target = (on - monday).days
    day = plan.week.days[target]
    if target != origin_day and any(s.kind is strength for s in day.strength):
        # Two of a kind on one day would be planned as one; say so rather than keep a week
        # that comes back different.
        raise InputError("on", f"{on:%A} already has a {strength.value} session; one a day")
    if any(r.type is RunType.RACE and r.goal for r in day.runs):
        raise InputError("on", f"{on:%A} is your goal race: no strength work that day")
    if start:
        begin = parse_clock(start, "start")
    else:  # where the planner would start it on that day
        rest, _ = without(plan.week, strength, origin_day)
        ctx = WeekContext(plan.athlete, rest, load_library().tables.session_minutes)
        loaded = StrengthSession(strength, 0, length).is_loaded
        found = ctx.find_start(target, length, loaded=loaded)
        begin = 18 * 60 if found is None else found
    if begin + length > 24 * 60:
        raise InputError("start", "the session would cross midnight; start it earlier")
    return Move(strength, origin_day, target, begin, length)


def try_move(
    conn: Connection,
    prof: Profile,
    on: date,
    kind: str,
    start: str | None,
    minutes: int | None = None,
    origin: date | None = None,
) -> Tried:
    """The rules' answer to a session moved to `on` at `start` (taken off `origin`), and the
    nearest slot they are content with when the answer is not "fine"."""
    library = load_library()
    plan, _ = planned_week(conn, prof, monday_of(on), library)
    move = _move(plan, on, kind, start, minutes, origin)
    minutes_table = library.tables.session_minutes
    # The athlete as this week was planned: in a season, with the week's own phase.
    answered = answer_move(plan.athlete, plan.week, move, minutes_table)
    better = None
    if answered.answer is not Answer.FINE:
        better = suggest(plan.athlete, plan.week, move, minutes_table)
    return Tried(plan, answered, better)


def keep_move(
    conn: Connection,
    prof: Profile,
    on: date,
    kind: str,
    start: str | None,
    minutes: int | None = None,
    origin: date | None = None,
) -> Tried:
    """Keep a move the rules allow (fine or a warning); a move a hard rule forbids is refused
    with the rule's words. Only this week changes."""
    tried = try_move(conn, prof, on, kind, start, minutes, origin)
    if tried.answer.answer is Answer.WHY_NOT:
        broken = [v.text for v in tried.answer.reasons if not v.ok and v.hard]
        broken += [v.text for _, v in tried.answer.elsewhere if v.hard]
        raise MoveRefused("start", "not kept: " + " ".join(broken or ["a hard rule forbids it"]))
    _store_week(conn, prof, tried.answer.week)
    return tried


def back_to_plan(conn: Connection, prof: Profile, on: date) -> None:
    """Forget the moves kept for the week holding `on` (a season's cutback or no-gym mark
    for that week stays)."""
    monday = monday_of(on)
    earlier = repo.list_week_changes(conn, prof.id).get(monday)
    if earlier is None or not earlier.days:
        return
    repo.set_week_change(
        conn, prof.id, monday, days=None, cutback=earlier.cutback,
        no_gym=bool(earlier.no_gym), note=earlier.note,
    )  # fmt: skip


def _store_week(conn: Connection, prof: Profile, week: Week) -> None:
    earlier = repo.list_week_changes(conn, prof.id).get(week.start)
    repo.set_week_change(
        conn, prof.id, week.start, days=week_days(week),
        cutback=None if earlier is None else earlier.cutback,
        no_gym=False if earlier is None else bool(earlier.no_gym),
        note=None if earlier is None else earlier.note,
    )  # fmt: skip


def week_days(week: Week) -> dict[str, Any]:
    """The week in plan-file form, every strength session fixed at its time. The goal race is
    left out: the season puts it on its day."""
    return {WEEKDAYS[d.date.weekday()]: day_items(d) for d in week.days}


def day_items(day: Day) -> list[dict[str, Any]] | str:
    items: list[dict[str, Any]] = []
    for run in day.runs:
        if run.type is RunType.RACE and run.goal:
            continue
        row: dict[str, Any] = {
            "run": run.type.value, "start": format_clock(run.start), "minutes": run.minutes,
        }  # fmt: skip
        if run.distance_km is not None:
            row["distance_km"] = run.distance_km
        if run.note:
            row["note"] = run.note
        items.append(row)
    for session in day.strength:
        items.append(
            {
                "strength": session.kind.value,
                "start": format_clock(session.start),
                "minutes": session.minutes,
            }
        )
    return items or "rest"


def tried_json(tried: Tried) -> dict[str, Any]:
    """The answer as the API and the page give it."""
    return {"asked": answer_json(tried.answer), "suggestion": answer_json(tried.suggestion)}


def answer_json(answered: MoveAnswer | None) -> dict[str, Any] | None:
    if answered is None:
        return None
    move, week = answered.move, answered.week
    on = week.date_of(move.target)
    return {
        "date": on.isoformat(),
        "day": f"{on:%A}",
        "kind": move.kind.value,
        "start": format_clock(move.start),
        "minutes": move.minutes,
        "origin": None if move.origin is None else week.date_of(move.origin).isoformat(),
        "answer": answered.answer.value,
        "reasons": [
            {"rule": v.rule, "ok": v.ok, "hard": v.hard, "text": v.text} for v in answered.reasons
        ],
        "elsewhere": [
            {"date": week.date_of(day).isoformat(), "rule": v.rule, "hard": v.hard, "text": v.text}
            for day, v in answered.elsewhere
        ],
    }
