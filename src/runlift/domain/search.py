"""Choosing the days for a week's main sessions: each candidate day judged by the rules,
then the combination of days that best meets the planner's preferences (see planner.py)."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations, pairwise

from runlift.domain.checker import gate_verdicts, session_verdicts
from runlift.domain.context import PREFERRED_GAP, Slot, WeekContext
from runlift.domain.model import LOADED_KINDS, DayType, StrengthKind
from runlift.domain.rules import SESSION_RULES, Verdict
from runlift.domain.rules.placement import AvoidLiftAfterLongRun

WEEK_MINUTES = 7 * 24 * 60
DAY_MINUTES = 24 * 60
SPACING = 48 * 60
AVOID_LONG_RUN = AvoidLiftAfterLongRun()
# Judged per candidate day. Left out: whether a long-run day can be avoided (it depends on
# all the days, so it is judged after), and the rules `find_start` meets by construction
# (inside the windows, no overlap, the kind's default length); the final check still runs all.
BY_CONSTRUCTION = frozenset(
    {AVOID_LONG_RUN.id, "within-availability", "no-overlap", "session-length"}
)
PLACEMENT_RULES = tuple(r for r in SESSION_RULES if r.id not in BY_CONSTRUCTION)
PLANNER_BLOCKS = frozenset({"phase-dose"})  # soft rules the planner still will not plan against


@dataclass(slots=True)
class Candidate:
    day: int
    slot: Slot | None
    verdicts: list[Verdict]
    legal: bool
    soft_fails: int
    gap: int  # minutes from the end of the run to the start, capped at 6 h; 6 h with no run
    room: int  # days until the next hard day, capped at 3


def room(ctx: WeekContext, day: int) -> int:
    room = 0
    for step in range(1, 4):
        following = day + step
        kind = ctx.day_types[following] if following < len(ctx.days) else ctx.following_type
        if kind is DayType.HARD:
            break
        room += 1
    return room


def spacing_bounds(day: int, fixed_starts: list[int]) -> tuple[int, int] | None:
    """Start times on `day` that keep 48 h from the heavy sessions the runner fixed."""
    if not fixed_starts:
        return None
    base = day * DAY_MINUTES
    low = max([f + SPACING - base for f in fixed_starts if f < base] or [0])
    high = min([f - SPACING - base for f in fixed_starts if f > base] or [DAY_MINUTES])
    return (low, high)


def assess(
    ctx: WeekContext, day: int, kind: StrengthKind, minutes: int, fixed_starts: list[int]
) -> Candidate:
    loaded = kind in LOADED_KINDS
    bounds = spacing_bounds(day, fixed_starts) if kind is StrengthKind.HEAVY else None
    start = None
    if bounds is not None:
        start = ctx.find_start(day, minutes, loaded=True, bounds=bounds)
    if start is None:
        start = ctx.find_start(day, minutes, loaded=True)
    if start is None:
        name = ctx.day(day).weekday_name
        if not ctx.windows(day):
            text = f"You have no time for strength work on {name}."
        elif ctx.day(day).runs:
            text = f"No free {minutes}-min stretch after the run inside your times on {name}."
        else:
            text = f"No free {minutes}-min stretch inside your times on {name}."
        blocked = Verdict("within-availability", False, True, text)
        # Say every other reason too, judged at a nominal evening start.
        nominal = Slot(StrengthKind.HEAVY if not loaded else kind, 18 * 60, minutes)
        others = [
            v if loaded else Verdict(v.rule, v.ok, False, v.text)
            for v in gate_verdicts(ctx, day, nominal)
            if not v.ok
        ]
        return Candidate(day, None, [blocked, *others], False, 0, 0, 0)
    slot = Slot(kind, start, minutes)
    verdicts = session_verdicts(ctx, day, slot, PLACEMENT_RULES)
    if not loaded:
        # A novice's main bodyweight sessions follow heavy work's placement as a preference.
        shadow = Slot(StrengthKind.HEAVY, start, minutes)
        verdicts += [Verdict(v.rule, v.ok, False, v.text) for v in gate_verdicts(ctx, day, shadow)]
    legal = not any(not v.ok and (v.hard or v.rule in PLANNER_BLOCKS) for v in verdicts)
    last_run = ctx.last_run_end(day, before=start)
    gap = PREFERRED_GAP if last_run is None else min(start - last_run, PREFERRED_GAP)
    soft = sum(1 for v in verdicts if not v.ok and not v.hard)
    return Candidate(day, slot, verdicts, legal, soft, gap, room(ctx, day))


def spread(starts: list[int]) -> int:
    """The smallest gap between consecutive sessions, the week taken to repeat."""
    if len(starts) < 2:
        return WEEK_MINUTES
    ordered = sorted(starts)
    gaps = [b - a for a, b in pairwise(ordered)]
    gaps.append(ordered[0] + WEEK_MINUTES - ordered[-1])
    return min(gaps)


def day_spread(days: tuple[int, ...]) -> int:
    """The smallest gap in days between the given days, the week taken to repeat."""
    if len(days) < 2:
        return 7
    ordered = sorted(days)
    gaps = [b - a for a, b in pairwise(ordered)]
    return min(min(gaps), ordered[0] + 7 - ordered[-1])


def _spacing_fails(starts: list[int]) -> int:
    ordered = sorted(starts)
    return sum(1 for a, b in pairwise(ordered) if b - a < SPACING)


def choose_days(
    candidates: list[Candidate], need: int, fixed_starts: list[int], heavy: bool
) -> tuple[Candidate, ...]:
    def key(combo: tuple[Candidate, ...]) -> tuple[int, int, int, int, tuple[int, ...]]:
        starts = fixed_starts + [c.day * DAY_MINUTES + c.slot.start for c in combo if c.slot]
        soft = sum(c.soft_fails for c in combo) + (_spacing_fails(starts) if heavy else 0)
        return (
            -soft,
            spread(starts),
            sum(c.gap for c in combo),
            sum(c.room for c in combo),
            tuple(-c.day for c in combo),
        )

    return max(combinations(candidates, need), key=key)
