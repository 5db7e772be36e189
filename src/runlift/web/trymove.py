"""Moving a session: what the rules say if it sat on another day or at another time."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from runlift.catalog import load_library
from runlift.domain.checker import judge
from runlift.domain.model import StrengthKind, StrengthSession
from runlift.domain.planner import plan_week
from runlift.io.planfile import InputError, parse_clock
from runlift.tracking import Profile, monday_of, typical_week


def try_move(
    prof: Profile, on: date, kind: str, start: str, minutes: int, origin: date | None
) -> dict[str, Any]:
    """The planned week with one session of `kind` moved to `on` at `start` (taken off
    `origin`): the verdicts on that day, and the week's warnings and violations."""
    library = load_library()
    try:
        strength = StrengthKind(kind)
    except ValueError:
        raise InputError("kind", f"{kind!r} is not a strength kind") from None
    if not 1 <= minutes <= 240:
        raise InputError("minutes", f"{minutes} is not allowed; use 1-240")
    begin = parse_clock(start, "start")
    monday = monday_of(on)
    plan = plan_week(prof.athlete, typical_week(prof, monday, library), library)
    days = list(plan.week.days)
    if origin is not None and monday_of(origin) == monday:
        index = (origin - monday).days
        kept = list(days[index].strength)
        for i, s in enumerate(kept):
            if s.kind is strength:
                del kept[i]
                break
        days[index] = days[index].with_strength(tuple(kept))
    target = (on - monday).days
    moved = StrengthSession(strength, begin, minutes, fixed=True)
    days[target] = days[target].with_strength((*days[target].strength, moved))
    week = replace(plan.week, days=tuple(days))
    verdicts = judge(prof.athlete, week, library.tables.session_minutes)
    on_day = [v for v in verdicts.reasons[target]]
    broken = [d.verdict for d in (*verdicts.violations, *verdicts.warnings) if d.day == target]
    hard = any(v.hard for v in broken)
    answer = "why not" if hard else ("warning" if broken else "fine")
    return {
        "date": on.isoformat(),
        "kind": strength.value,
        "start": start,
        "answer": answer,
        "reasons": [{"rule": v.rule, "ok": v.ok, "hard": v.hard, "text": v.text} for v in on_day],
    }
