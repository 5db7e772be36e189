"""Judging a week that already holds strength work (`runlift check`, and the planner's last
step): every session against every rule, then the week as a whole."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from runlift.domain.context import Slot, WeekContext
from runlift.domain.model import LOADED_KINDS, Athlete, StrengthKind, Week
from runlift.domain.rules import SESSION_RULES, WEEK_RULES, DatedVerdict, SessionRule, Verdict
from runlift.domain.rules.calendar import RaceBuffer
from runlift.domain.rules.placement import HeavyOnHardDays, NoHeavyBeforeQuality

# The hard rules that decide whether a day can take loaded work at all, before any
# preference between days is weighed.
LOADED_GATES: tuple[SessionRule, ...] = (HeavyOnHardDays(), NoHeavyBeforeQuality(), RaceBuffer())
PROBE_MINUTES = 45


@dataclass(frozen=True, slots=True)
class Judgement:
    reasons: tuple[tuple[Verdict, ...], ...]  # per day: what the rules said of its sessions
    violations: tuple[DatedVerdict, ...]
    warnings: tuple[DatedVerdict, ...]
    week_notes: tuple[DatedVerdict, ...]  # week rules that were kept (e.g. spacing met)


def gate_verdicts(ctx: WeekContext, day: int, slot: Slot) -> list[Verdict]:
    return [v for rule in LOADED_GATES if (v := rule.check(ctx, day, slot)) is not None]


def legal_plain_days(ctx: WeekContext, minutes: int = PROBE_MINUTES) -> int:
    """Days that could take a loaded session by the hard rules and hold no long run."""
    count = 0
    for day in range(len(ctx.days)):
        if ctx.long_run(day):
            continue
        busy = [(r.start, r.end) for r in ctx.day(day).runs]
        start = ctx.find_start(day, minutes, loaded=True, busy=busy)
        if start is None:
            continue
        slot = Slot(StrengthKind.HEAVY, start, minutes)
        if all(v.ok for v in gate_verdicts(ctx, day, slot)):
            count += 1
    return count


def session_verdicts(
    ctx: WeekContext, day: int, slot: Slot, rules: Iterable[SessionRule] = SESSION_RULES
) -> list[Verdict]:
    return [v for rule in rules if (v := rule.check(ctx, day, slot)) is not None]


def judge(
    athlete: Athlete,
    week: Week,
    session_minutes: Mapping[StrengthKind, tuple[int, int]],
    *,
    ctx: WeekContext | None = None,
) -> Judgement:
    """Every strength session of `week` against the rules: kept rules become reasons, broken
    hard rules violations, broken soft rules warnings (each dated by its session's day)."""
    if ctx is None:
        ctx = WeekContext(athlete, week, session_minutes)
        ctx.loaded_goal = len(
            {i for i, d in enumerate(week.days) for s in d.strength if s.kind in LOADED_KINDS}
        )
        ctx.legal_plain_days = legal_plain_days(ctx)
    reasons: list[list[Verdict]] = [[] for _ in week.days]
    violations: list[DatedVerdict] = []
    warnings: list[DatedVerdict] = []
    for day, d in enumerate(week.days):
        for session in d.strength:
            slot = Slot(session.kind, session.start, session.minutes, source=session)
            for verdict in session_verdicts(ctx, day, slot):
                reasons[day].append(verdict)
                if verdict.ok:
                    continue
                if verdict.hard:
                    violations.append(DatedVerdict(day, verdict))
                else:
                    warnings.append(DatedVerdict(day, verdict))
    kept: list[DatedVerdict] = []
    for rule in WEEK_RULES:
        for dated in rule.check_week(ctx):
            reasons[dated.day].append(dated.verdict)
            if dated.verdict.ok:
                kept.append(dated)
            elif dated.verdict.hard:
                violations.append(dated)
            else:
                warnings.append(dated)
    order = lambda d: d.day  # noqa: E731 - stable sort by day keeps rule order within a day
    return Judgement(
        reasons=tuple(tuple(r) for r in reasons),
        violations=tuple(sorted(violations, key=order)),
        warnings=tuple(sorted(warnings, key=order)),
        week_notes=tuple(kept),
    )
