"""Choosing the days for a week's main sessions: each candidate day judged by the rules,
then the combination of days that best meets the planner's preferences (see planner.py)."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations, pairwise

from runlift.domain.checker import gate_verdicts, session_verdicts
from runlift.domain.context import EVENING, Slot, WeekContext
from runlift.domain.model import LOADED_KINDS, DayType, StrengthKind
from runlift.domain.rules import SessionRule, Verdict
from runlift.domain.rules.calendar import NoOverlap, WithinAvailability
from runlift.domain.rules.placement import AvoidLiftAfterLongRun
from runlift.domain.rules.volume import HeavySpacing, SessionLength

WEEK_MINUTES = 7 * 24 * 60
DAY_MINUTES = 24 * 60
ROOM_DAYS = 3  # room before the next hard day counts up to this many days
# Judged per candidate day. Left out: whether a long-run day can be avoided (it depends on
# all the days, so it is judged after), and the rules `start_options` meets by construction
# (inside the windows, no overlap, a length the kind allows); the final check still runs all.
BY_CONSTRUCTION = (AvoidLiftAfterLongRun, WithinAvailability, NoOverlap, SessionLength)


@dataclass(slots=True)
class Candidate:
    day: int
    slot: Slot | None
    verdicts: list[Verdict]
    legal: bool
    soft_fails: int
    gap: int  # minutes from the end of the run to the start, capped at the preferred gap
    room: int  # days until the next hard day, capped at ROOM_DAYS


def placement_rules(ctx: WeekContext) -> tuple[SessionRule, ...]:
    return ctx.rules.session_rules(leaving_out=BY_CONSTRUCTION)


def room(ctx: WeekContext, day: int) -> int:
    room = 0
    for step in range(1, ROOM_DAYS + 1):
        following = day + step
        kind = ctx.day_types[following] if following < len(ctx.days) else ctx.following_type
        if kind is DayType.HARD:
            break
        room += 1
    return room


def spacing_bounds(day: int, fixed_starts: list[int], spacing: int) -> tuple[int, int] | None:
    """Start times on `day` that keep the heavy spacing from the sessions the runner fixed."""
    if not fixed_starts:
        return None
    base = day * DAY_MINUTES
    low = max([f + spacing - base for f in fixed_starts if f < base] or [0])
    high = min([f - spacing - base for f in fixed_starts if f > base] or [DAY_MINUTES])
    return (low, high)


def _blocked(ctx: WeekContext, day: int, kind: StrengthKind, minutes: int) -> Candidate:
    name = ctx.day(day).weekday_name
    if not ctx.windows(day):
        text = f"You have no time for strength work on {name}."
    elif ctx.day(day).runs:
        text = f"No free {minutes}-min stretch after the run inside your times on {name}."
    else:
        text = f"No free {minutes}-min stretch inside your times on {name}."
    blocked = ctx.rules.find(WithinAvailability).verdict(False, text)
    # Say every other reason too, judged at a nominal evening start.
    loaded = kind in LOADED_KINDS
    nominal = Slot(kind if loaded else StrengthKind.HEAVY, EVENING, minutes)
    others = [
        v if loaded else Verdict(v.rule, v.ok, False, v.text)
        for v in gate_verdicts(ctx, day, nominal)
        if not v.ok
    ]
    if not loaded:
        own = Slot(kind, EVENING, minutes)
        others += [v for v in session_verdicts(ctx, day, own) if ctx.rules.blocks_planner(v)]
    return Candidate(day, None, [blocked, *others], False, 0, 0, 0)


def assess(
    ctx: WeekContext, day: int, kind: StrengthKind, minutes: int, fixed_starts: list[int]
) -> Candidate:
    """The best start on `day` for a main session: of every start the day's windows offer
    (between two runs, or after the last), the one that breaks the fewest soft rules. A day
    that a rule closes whatever the hour (the hard-day rule, the day before a quality run, a
    race) is given up at the first start, with those rules' reasons."""
    rules = ctx.rules
    loaded = kind in LOADED_KINDS
    spacing = rules.find(HeavySpacing).minutes
    bounds = spacing_bounds(day, fixed_starts, spacing) if kind is StrengthKind.HEAVY else None
    shortest = ctx.session_minutes.get(kind, (minutes, minutes))[0]
    judged = placement_rules(ctx)
    days_room = room(ctx, day)
    blocking = rules.blocking_soft_ids
    timeless: dict[int, Verdict | None] | None = None  # by rule index: the same at any hour
    best: tuple[tuple[int, int, int], Candidate] | None = None
    for length in (minutes, shortest) if shortest < minutes else (minutes,):
        options = ctx.start_options(day, length, loaded=True)
        inside = options
        if bounds is not None:
            inside = ctx.start_options(day, length, loaded=True, bounds=bounds)
            options = inside + [t for t in options if t not in inside]
        for rank, start in enumerate(options):
            slot = Slot(kind, start, length)
            if timeless is None:
                timeless = {
                    i: rule.check(ctx, day, slot) for i, rule in enumerate(judged) if rule.timeless
                }
                closing = [
                    v for v in timeless.values() if v is not None and rules.blocks_planner(v)
                ]
                if closing:
                    return Candidate(day, slot, closing, False, 0, 0, days_room)
            verdicts = [
                v
                for i, rule in enumerate(judged)
                if (v := timeless[i] if rule.timeless else rule.check(ctx, day, slot)) is not None
            ]
            if not loaded:
                # A novice's main bodyweight sessions follow heavy work's placement as a
                # preference.
                shadow = Slot(StrengthKind.HEAVY, start, length)
                verdicts += [
                    Verdict(v.rule, v.ok, False, v.text) for v in gate_verdicts(ctx, day, shadow)
                ]
            legal, soft = True, 0
            for v in verdicts:
                if not v.ok:
                    if v.hard:
                        legal = False
                    else:
                        soft += 1
                        legal = legal and v.rule not in blocking
            apart = 0 if start in inside else 1  # the spacing from the runner's own session
            last_run = ctx.last_run_end(day, before=start)
            gap = ctx.aim_gap if last_run is None else min(start - last_run, ctx.aim_gap)
            candidate = Candidate(day, slot, verdicts, legal, soft, gap, days_room)
            key = (0 if legal else 1, soft + apart, rank)
            if best is None or key < best[0]:
                best = (key, candidate)
        if best is not None:
            break
    if best is None:
        return _blocked(ctx, day, kind, minutes)
    return best[1]


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


def choose_days(
    candidates: list[Candidate], need: int, fixed_starts: list[int], spacing: int | None
) -> tuple[Candidate, ...]:
    """The `need` candidates that best meet the planner's preferences; `spacing` is the heavy
    spacing in minutes, or None when the sessions are not heavy."""

    def spacing_fails(starts: list[int]) -> int:
        if spacing is None:
            return 0
        ordered = sorted(starts)
        return sum(1 for a, b in pairwise(ordered) if b - a < spacing)

    def key(combo: tuple[Candidate, ...]) -> tuple[int, int, int, int, tuple[int, ...]]:
        starts = fixed_starts + [c.day * DAY_MINUTES + c.slot.start for c in combo if c.slot]
        soft = sum(c.soft_fails for c in combo) + spacing_fails(starts)
        return (
            -soft,
            spread(starts),
            sum(c.gap for c in combo),
            sum(c.room for c in combo),
            tuple(-c.day for c in combo),
        )

    return max(combinations(candidates, need), key=key)
