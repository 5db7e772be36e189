"""Moving one planned strength session: what the rules say of its new day and time, and the
nearest slot they are content with (the planner's suggestion).

A move is judged against the week as planned, so the answer also names what the move breaks
elsewhere: taking a heavy session to Thursday can crowd Friday's, and that is said too.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from enum import StrEnum

from runlift.domain.checker import judge
from runlift.domain.context import WeekContext
from runlift.domain.model import Athlete, StrengthKind, StrengthSession, Week
from runlift.domain.rules import DEFAULT_RULES, RuleSet, Verdict

SessionMinutes = Mapping[StrengthKind, tuple[int, int]]


class Answer(StrEnum):
    FINE = "fine"
    WARNING = "warning"
    WHY_NOT = "why not"


@dataclass(frozen=True, slots=True)
class Move:
    kind: StrengthKind
    origin: int | None  # the day it leaves; None adds a session
    target: int
    start: int
    minutes: int


@dataclass(frozen=True, slots=True)
class MoveAnswer:
    move: Move
    week: Week  # the week with the session moved
    answer: Answer
    reasons: tuple[Verdict, ...]  # the rules on the new day, kept and broken
    elsewhere: tuple[tuple[int, Verdict], ...]  # rules the move breaks on other days


def without(week: Week, kind: StrengthKind, origin: int | None) -> tuple[Week, StrengthSession]:
    """The week with the first session of `kind` taken off day `origin`, and that session
    (a bare one when there was none to take)."""
    if origin is None:
        return week, StrengthSession(kind, 0, 0)
    day = week.days[origin]
    for index, session in enumerate(day.strength):
        if session.kind is kind:
            kept = day.strength[:index] + day.strength[index + 1 :]
            days = list(week.days)
            days[origin] = day.with_strength(kept)
            return replace(week, days=tuple(days)), session
    raise ValueError(f"no {kind.value} session on day {origin}")


def moved_week(week: Week, move: Move) -> Week:
    """The week with the session taken off its day and put on the target day, fixed there with
    the exercises it had."""
    rest, session = without(week, move.kind, move.origin)
    placed = StrengthSession(
        move.kind, move.start, move.minutes, fixed=True, exercises=session.exercises,
        deload=session.deload,
    )  # fmt: skip
    days = list(rest.days)
    target = days[move.target]
    ordered = tuple(sorted((*target.strength, placed), key=lambda s: s.start))
    days[move.target] = target.with_strength(ordered)
    return replace(rest, days=tuple(days))


def _broken(
    athlete: Athlete, week: Week, minutes: SessionMinutes, rules: RuleSet
) -> set[tuple[int, Verdict]]:
    judged = judge(athlete, week, minutes, rules=rules)
    return {(d.day, d.verdict) for d in (*judged.violations, *judged.warnings)}


def answer_move(
    athlete: Athlete,
    week: Week,
    move: Move,
    session_minutes: SessionMinutes,
    rules: RuleSet = DEFAULT_RULES,
) -> MoveAnswer:
    """The rules' answer to `move`: fine, a warning, or why not (a hard rule broken)."""
    before = _broken(athlete, week, session_minutes, rules)
    after_week = moved_week(week, move)
    judged = judge(athlete, after_week, session_minutes, rules=rules)
    on_day = tuple(judged.reasons[move.target])
    new = {
        (d.day, d.verdict)
        for d in (*judged.violations, *judged.warnings)
        if d.day == move.target or (d.day, d.verdict) not in before
    }
    elsewhere = tuple(sorted(((day, v) for day, v in new if day != move.target), key=_order))
    broken = [v for _, v in new]
    if any(v.hard for v in broken):
        answer = Answer.WHY_NOT
    elif broken:
        answer = Answer.WARNING
    else:
        answer = Answer.FINE
    return MoveAnswer(move, after_week, answer, on_day, elsewhere)


def _order(item: tuple[int, Verdict]) -> tuple[int, str]:
    return item[0], item[1].rule


def suggest(
    athlete: Athlete,
    week: Week,
    move: Move,
    session_minutes: SessionMinutes,
    rules: RuleSet = DEFAULT_RULES,
) -> MoveAnswer | None:
    """The slot nearest the one asked for that the rules are content with: the same day at a
    better time first, then the days around it, earlier before later. None when no day works."""
    rest, _ = without(week, move.kind, move.origin)
    ctx = WeekContext(athlete, rest, session_minutes, rules)
    loaded = StrengthSession(move.kind, 0, move.minutes).is_loaded
    days = sorted(range(len(week.days)), key=lambda d: (abs(d - move.target), d))
    for day in days:
        start = ctx.find_start(day, move.minutes, loaded=loaded)
        if start is None:
            continue
        candidate = replace(move, target=day, start=start)
        answered = answer_move(athlete, week, candidate, session_minutes, rules)
        if answered.answer is Answer.FINE:
            return answered
    return None
