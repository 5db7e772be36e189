"""How much loaded work a week holds: counts, spacing, length, phase and deload."""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass

from runlift.domain.context import Slot, WeekContext
from runlift.domain.model import (
    LOADED_KINDS,
    Athlete,
    Experience,
    Phase,
    StrengthKind,
    StrengthSession,
    format_duration,
)
from runlift.domain.rules.base import DatedVerdict, SessionRule, Verdict, WeekRule

PHASE_DEFAULT = {
    Phase.BASE: 2,
    Phase.MAINTENANCE: 2,
    Phase.BUILD: 2,
    Phase.PEAK: 1,
    Phase.TAPER: 1,
    Phase.RECOVERY: 0,
}
PHASE_TEXT = {
    Phase.BASE: "base: 2 heavy sessions a week (3 on request)",
    Phase.MAINTENANCE: "maintenance: 2 heavy sessions a week",
    Phase.BUILD: "build: 2 heavy sessions a week beside the quality runs",
    Phase.PEAK: "peak: one heavy session a week keeps the strength you built",
    Phase.TAPER: "taper: at most one heavy session, at 1-2 sets, well before the race",
    Phase.RECOVERY: "recovery: no heavy lifting; bodyweight and core once the first week is past",
}
MAX_LOADED_DAYS = 3
TAPER_MAX_SETS = 2
SPACING_MINUTES = 48 * 60


@dataclass(frozen=True, slots=True)
class Target:
    """The week's main strength sessions: their kind, how many, and the reasons."""

    kind: StrengthKind
    count: int
    reasons: tuple[Verdict, ...]


def weekly_target(athlete: Athlete) -> Target:
    """How many main sessions of which kind the week aims for (`weekly-heavy-count`,
    `phase-dose`); a runner's explicit `heavy_sessions` overrides the phase default."""
    text = PHASE_TEXT[athlete.phase].capitalize() + "."
    if athlete.experience is Experience.NOVICE:
        text = f"{athlete.phase.value.capitalize()} phase: main sessions follow the phase's count."
    phase_reason = Verdict("phase-dose", True, False, text)
    asked = athlete.heavy_sessions
    count = PHASE_DEFAULT[athlete.phase] if asked is None else asked
    reasons = [phase_reason]
    if asked is not None:
        reasons.append(
            Verdict(
                "phase-dose",
                True,
                False,
                f"You asked for {asked} a week; that overrides the phase.",
            )
        )
    if athlete.experience is Experience.NOVICE:
        if athlete.phase is Phase.RECOVERY and asked is None:
            count = 2
        count = min(count, 2)
        reasons.append(
            Verdict(
                "weekly-heavy-count",
                True,
                False,
                f"As a novice, your {count} main session{'s are' if count != 1 else ' is'} "
                "bodyweight work (bands, light weights) until your logs show you are ready "
                "for heavy lifting.",
            )
        )
        return Target(StrengthKind.BODYWEIGHT, count, tuple(reasons))
    if athlete.phase is Phase.RECOVERY and asked is None:
        return Target(StrengthKind.BODYWEIGHT, 2, tuple(reasons))
    count = min(count, MAX_LOADED_DAYS)
    if athlete.lighter and count > 2:
        count = 2
        reasons.append(
            Verdict("weekly-heavy-count", True, False, "Lighter plan accepted: no third session.")
        )
    text = f"{count} heavy session{'s' if count != 1 else ''} this week"
    reasons.append(Verdict("weekly-heavy-count", True, False, f"{text}, never more than 3."))
    return Target(StrengthKind.HEAVY, count, tuple(reasons))


def _sessions(
    ctx: WeekContext, kinds: frozenset[StrengthKind]
) -> list[tuple[int, int, StrengthSession]]:
    """(start in minutes from the week's start, day index, session) for the given kinds, in
    time order."""
    found = [
        (day * 1440 + s.start, day, s)
        for day, d in enumerate(ctx.days)
        for s in d.strength
        if s.kind in kinds
    ]
    found.sort(key=lambda item: item[0])
    return found


HEAVY = frozenset({StrengthKind.HEAVY})


class HeavySpacing(WeekRule):
    id = "heavy-spacing"
    summary = "At least 48 h between the starts of two heavy sessions."
    hard = False

    def check_week(self, ctx: WeekContext) -> Iterable[DatedVerdict]:
        heavy = [(start, day) for start, day, _ in _sessions(ctx, HEAVY)]
        for (before, first), (after, day) in itertools.pairwise(heavy):
            gap = after - before
            earlier = ctx.day(first).weekday_name
            if gap < SPACING_MINUTES:
                text = (
                    f"Starts {format_duration(gap)} after {earlier}'s heavy session; "
                    "leave at least 48 h between heavy sessions."
                )
                yield DatedVerdict(day, self.verdict(False, text))
            else:
                text = f"{format_duration(gap)} after {earlier}'s heavy session (48 h at least)."
                yield DatedVerdict(day, self.verdict(True, text))


class WeeklyHeavyCount(WeekRule):
    id = "weekly-heavy-count"
    summary = "Loaded work 2 days a week; a 3rd only on request; novices start with bodyweight."
    hard = False

    def check_week(self, ctx: WeekContext) -> Iterable[DatedVerdict]:
        athlete = ctx.athlete
        loaded_days = sorted({day for _, day, _ in _sessions(ctx, LOADED_KINDS)})
        if athlete.experience is Experience.NOVICE:
            for day in loaded_days:
                text = (
                    "As a novice, start with bodyweight sessions (bands, light weights) and "
                    "learn the lifts' form, ideally with a coach, before heavy loading."
                )
                yield DatedVerdict(day, self.verdict(False, text))
        elif len(loaded_days) >= MAX_LOADED_DAYS and athlete.heavy_sessions != MAX_LOADED_DAYS:
            text = (
                "A third day of loaded work is only for runners who ask for it (heavy_sessions: 3)."
            )
            yield DatedVerdict(loaded_days[MAX_LOADED_DAYS - 1], self.verdict(False, text))
        for day in loaded_days[MAX_LOADED_DAYS:]:
            text = f"Loaded work on {len(loaded_days)} days; never more than 3 a week."
            yield DatedVerdict(day, self.verdict(False, text))
        yield from self._shortfall(ctx)

    def _shortfall(self, ctx: WeekContext) -> Iterable[DatedVerdict]:
        if ctx.planned:
            if ctx.shortfall_note:
                yield DatedVerdict(0, self.verdict(False, ctx.shortfall_note))
            return
        target = weekly_target(ctx.athlete)
        kind = target.kind
        counted = LOADED_KINDS | {kind}  # a novice's heavy session still counts as a main one
        have = sum(1 for d in ctx.days for s in d.strength if s.kind in counted)
        if have < target.count:
            text = (
                f"{have} {kind.value} session{'s' if have != 1 else ''} this week; "
                f"{target.count} {'are' if target.count != 1 else 'is'} recommended."
            )
            yield DatedVerdict(0, self.verdict(False, text))


class PhaseDose(WeekRule):
    id = "phase-dose"
    summary = "Heavy sessions per week follow the phase; none in the first 7 days after a race."
    hard = False

    def check_week(self, ctx: WeekContext) -> Iterable[DatedVerdict]:
        athlete = ctx.athlete
        heavy = [(day, session) for _, day, session in _sessions(ctx, HEAVY)]
        limit = PHASE_DEFAULT[athlete.phase]
        if athlete.heavy_sessions is None and athlete.phase in (
            Phase.PEAK,
            Phase.TAPER,
            Phase.RECOVERY,
        ):
            for day, _ in heavy[limit:]:
                text = f"{PHASE_TEXT[athlete.phase].capitalize()}; this one is beyond that."
                yield DatedVerdict(day, self.verdict(False, text))
        if athlete.phase is Phase.TAPER:
            for day, session in heavy:
                if any(x.sets > TAPER_MAX_SETS for x in session.exercises):
                    text = "In the taper, keep heavy work to 1-2 sets an exercise."
                    yield DatedVerdict(day, self.verdict(False, text))


class SessionLength(SessionRule):
    id = "session-length"
    summary = "Heavy 30-60 min; core and pilates 10-60 min; bodyweight 10-30 min."
    hard = False

    def check(self, ctx: WeekContext, day: int, slot: Slot) -> Verdict | None:
        span = ctx.session_minutes.get(slot.kind)
        if span is None:
            return None
        low, high = span
        if low <= slot.minutes <= high:
            return None
        side = "short" if slot.minutes < low else "long"
        return self.verdict(
            False,
            f"{slot.minutes} min is {side} for a {slot.kind.value} session; "
            f"aim for {low}-{high} min.",
        )


class DeloadWithRunning(WeekRule):
    id = "deload-with-running"
    summary = "Strength deload weeks (about half the sets) fall on running cutback weeks."
    hard = False

    def check_week(self, ctx: WeekContext) -> Iterable[DatedVerdict]:
        week = ctx.week
        if week.deload is None or week.deload == week.cutback:
            return
        if week.deload:
            text = "A strength deload is best kept for the running plan's cutback week."
        else:
            text = (
                "This is a cutback week for running: deload strength with it (about half the sets)."
            )
        yield DatedVerdict(0, self.verdict(False, text))
