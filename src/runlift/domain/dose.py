"""How many main sessions a week can hold, worked out once from the runs and the rules.

The planner and `check` both ask this (through `judge`), so a week the planner filled is
never short of something `check` then asks for: a day that a race, the days after one, the
hard-day rule or the runner's times rule out is ruled out for both, for the same reason.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from runlift.domain.context import EVENING, Slot, WeekContext
from runlift.domain.model import LOADED_KINDS
from runlift.domain.rules import SessionRule, Verdict
from runlift.domain.rules.calendar import NoOverlap, WithinAvailability
from runlift.domain.rules.placement import AvoidLiftAfterLongRun, RunBeforeLift
from runlift.domain.rules.volume import SessionLength, Target

# Judged against the runs alone: the strength work already there does not count (the start
# search keeps clear of the runs), and the long-run preference is what this dose feeds.
DOSE_LEAVES_OUT = (
    AvoidLiftAfterLongRun, NoOverlap, RunBeforeLift, SessionLength, WithinAvailability,
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class WeekDose:
    target: Target
    expected: int  # main sessions the week can hold: the target, less days kept free on purpose
    legal_plain_days: int  # days open to a main session that hold no long run
    stops: tuple[Verdict | None, ...]  # per day, why a main session cannot go there


def week_dose(
    ctx: WeekContext,
    target: Target,
    minutes: int,
    judged_days: Mapping[int, list[Verdict]] | None = None,
) -> WeekDose:
    """Each day judged for a main session of `minutes` timed as the planner would, against
    the runs alone, so the answer does not depend on what strength work is already there.

    `judged_days` (day -> the verdicts of a main session the planner already timed there,
    against the runs alone) spares judging those days again: the rules that can close a day
    do not depend on the time of day, so the answer is the same (a test holds the two ways
    together)."""
    rules = ctx.rules
    # Only rules that can keep the planner off a day are asked, less those the start search
    # meets by construction (inside the windows, after the runs that come first); a day with
    # no start at all is said below.
    judged = [
        r for r in rules.session_rules(leaving_out=DOSE_LEAVES_OUT) if r.hard or r.planner_blocks
    ]
    counted = {r.id for r in judged}
    known = judged_days or {}
    stops: list[Verdict | None] = []
    free_on_purpose = plain = 0
    for day in range(len(ctx.days)):
        if day in known:
            failing = [v for v in known[day] if v.rule in counted and rules.blocks_planner(v)]
            stop, on_purpose = _first_stop(ctx, day, minutes, failing, started=True)
        else:
            stop, on_purpose = _judge_day(ctx, day, target, minutes, judged)
        stops.append(stop)
        free_on_purpose += on_purpose
        if stop is None and not ctx.long_run(day):
            plain += 1
    expected = min(target.count, len(ctx.days) - free_on_purpose)
    return WeekDose(target, expected, plain, tuple(stops))


def _judge_day(
    ctx: WeekContext, day: int, target: Target, minutes: int, judged: list[SessionRule]
) -> tuple[Verdict | None, bool]:
    kind = target.kind
    busy = [(r.start, r.end) for r in ctx.day(day).runs]
    start = ctx.find_start(day, minutes, loaded=kind in LOADED_KINDS, busy=busy)
    slot = Slot(kind, EVENING if start is None else start, minutes)
    failing = [
        v
        for rule in judged
        if (v := rule.check(ctx, day, slot)) is not None and ctx.rules.blocks_planner(v)
    ]
    return _first_stop(ctx, day, minutes, failing, started=start is not None)


def _first_stop(
    ctx: WeekContext, day: int, minutes: int, failing: list[Verdict], *, started: bool
) -> tuple[Verdict | None, bool]:
    """The day's stop (a reason that keeps it free on purpose first) and whether it is one."""
    rules = ctx.rules
    if any(rules.by_design(v) for v in failing):
        return sorted(failing, key=lambda v: not rules.by_design(v))[0], True
    if not started:
        name = ctx.day(day).weekday_name
        text = f"No free {minutes}-min stretch for it inside your times on {name}."
        return rules.find(WithinAvailability).verdict(False, text), False
    return (failing[0] if failing else None), False
