"""Judging a week that already holds strength work (`runlift check`, and the planner's last
step): every session against every rule, then the week as a whole.

The planner reports exactly what this says of the week it filled, so `check` of a planned
week never finds more than the plan said.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from runlift.domain.context import Slot, WeekContext
from runlift.domain.dose import WeekDose, week_dose
from runlift.domain.model import LOADED_KINDS, Athlete, StrengthKind, Week
from runlift.domain.rules import DEFAULT_RULES, DatedVerdict, RuleSet, SessionRule, Verdict
from runlift.domain.rules.calendar import RaceBuffer
from runlift.domain.rules.placement import HeavyOnHardDays, NoHeavyBeforeQuality
from runlift.domain.rules.volume import weekly_target

# The hard rules that decide whether a day can take loaded work at all, before any
# preference between days is weighed.
LOADED_GATES: tuple[type[SessionRule], ...] = (HeavyOnHardDays, NoHeavyBeforeQuality, RaceBuffer)


@dataclass(frozen=True, slots=True)
class Judgement:
    reasons: tuple[tuple[Verdict, ...], ...]  # per day: what the rules said of its sessions
    violations: tuple[DatedVerdict, ...]
    warnings: tuple[DatedVerdict, ...]
    week_notes: tuple[DatedVerdict, ...]  # week rules that were kept (e.g. spacing met)


def gate_verdicts(ctx: WeekContext, day: int, slot: Slot) -> list[Verdict]:
    gates = ctx.rules.session_rules(only=LOADED_GATES)
    return [v for rule in gates if (v := rule.check(ctx, day, slot)) is not None]


def session_verdicts(
    ctx: WeekContext, day: int, slot: Slot, rules: Iterable[SessionRule] | None = None
) -> list[Verdict]:
    judged = ctx.rules.session if rules is None else rules
    return [v for rule in judged if (v := rule.check(ctx, day, slot)) is not None]


def week_context(
    athlete: Athlete,
    week: Week,
    session_minutes: Mapping[StrengthKind, tuple[int, int]],
    rules: RuleSet = DEFAULT_RULES,
    dose: WeekDose | None = None,
) -> WeekContext:
    """The context with the week's dose worked out: what the planner places by and `check`
    judges by, from the runs alone (so a `dose` worked out for the same runs can be reused)."""
    return settle(WeekContext(athlete, week, session_minutes, rules), dose)


def settle(ctx: WeekContext, dose: WeekDose | None = None) -> WeekContext:
    """Work out the week's dose (unless given) and what the long-run rule weighs it by."""
    athlete, session_minutes, rules = ctx.athlete, ctx.session_minutes, ctx.rules
    if dose is None:
        target = weekly_target(athlete, rules)
        shortest = session_minutes.get(target.kind, (30, 60))[0]
        dose = week_dose(ctx, target, shortest)
    ctx.dose = dose
    ctx.legal_plain_days = ctx.dose.legal_plain_days
    present = len({i for i, d in enumerate(ctx.days) for s in d.strength if s.is_loaded})
    expected = dose.expected if dose.target.kind in LOADED_KINDS else 0
    ctx.loaded_goal = max(expected, present)
    return ctx


def judge(
    athlete: Athlete,
    week: Week,
    session_minutes: Mapping[StrengthKind, tuple[int, int]],
    *,
    rules: RuleSet = DEFAULT_RULES,
    dose: WeekDose | None = None,
) -> Judgement:
    """Every strength session of `week` against the rules: kept rules become reasons, broken
    hard rules violations, broken soft rules warnings (each dated by its session's day).
    `dose` is the week's, when the caller worked it out already for the same runs."""
    return judge_in(week_context(athlete, week, session_minutes, rules, dose))


def judge_in(ctx: WeekContext) -> Judgement:
    """`judge` on a settled context (the planner's own, once its week is filled: every fact
    in it comes from the runs, which the planner never changes)."""
    week, rules = ctx.week, ctx.rules
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
    for rule in rules.week:
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
