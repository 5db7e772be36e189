"""How much loaded work a week holds: counts, spacing, length, phase and deload."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

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

if TYPE_CHECKING:
    from runlift.domain.context import Slot, WeekContext
    from runlift.domain.rules.ruleset import RuleSet

PHASE_TEXT = {
    Phase.BASE: "base: {base} heavy sessions a week (3 on request)",
    Phase.MAINTENANCE: "maintenance: {maintenance} heavy sessions a week",
    Phase.BUILD: "build: {build} heavy sessions a week beside the quality runs",
    Phase.PEAK: "peak: {peak} heavy session a week keeps the strength you built",
    Phase.TAPER: ("taper: at most {taper} heavy session, at {taper_sets}, well before the race"),
    Phase.RECOVERY: "recovery: no heavy lifting; bodyweight and core once the first week is past",
}
# The phases whose count is a ceiling as well as a default: more is a warning there.
CAPPED_PHASES = frozenset({Phase.PEAK, Phase.TAPER, Phase.RECOVERY})


def _default_counts() -> dict[Phase, int]:
    return {
        Phase.BASE: 2,
        Phase.MAINTENANCE: 2,
        Phase.BUILD: 2,
        Phase.PEAK: 1,
        Phase.TAPER: 1,
        Phase.RECOVERY: 0,
    }


@dataclass(frozen=True, slots=True)
class Target:
    """The week's main strength sessions: their kind, how many, and the reasons."""

    kind: StrengthKind
    count: int
    reasons: tuple[Verdict, ...]


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


@dataclass(frozen=True, slots=True)
class HeavySpacing(WeekRule):
    """At least `hours` between the starts of two heavy sessions."""

    hours: float = 48
    id = "heavy-spacing"
    hard = False

    @property
    def minutes(self) -> int:
        return round(self.hours * 60)

    @property
    def summary(self) -> str:
        return f"At least {format_duration(self.minutes)} between the starts of two heavy sessions."

    def check_week(self, ctx: WeekContext) -> Iterable[DatedVerdict]:
        heavy = [(start, day) for start, day, _ in _sessions(ctx, HEAVY)]
        least = format_duration(self.minutes)
        for (before, first), (after, day) in itertools.pairwise(heavy):
            gap = after - before
            earlier = ctx.day(first).weekday_name
            if gap < self.minutes:
                text = (
                    f"Starts {format_duration(gap)} after {earlier}'s heavy session; "
                    f"leave at least {least} between heavy sessions."
                )
                yield DatedVerdict(day, self.verdict(False, text))
            else:
                text = f"{format_duration(gap)} after {earlier}'s heavy session ({least} at least)."
                yield DatedVerdict(day, self.verdict(True, text))


@dataclass(frozen=True, slots=True)
class WeeklyHeavyCount(WeekRule):
    """Loaded work on at most `most_days` days a week; the last of them only on request."""

    most_days: int = 3
    id = "weekly-heavy-count"
    hard = False

    @property
    def summary(self) -> str:
        return (
            f"Loaded work 2 days a week; a {_ordinal(self.most_days)} only on request; "
            "novices start with bodyweight."
        )

    def check_week(self, ctx: WeekContext) -> Iterable[DatedVerdict]:
        athlete = ctx.athlete
        loaded_days = sorted({day for _, day, _ in _sessions(ctx, LOADED_KINDS)})
        most = self.most_days
        if athlete.experience is Experience.NOVICE:
            for day in loaded_days:
                text = (
                    "As a novice, start with bodyweight sessions (bands, light weights) and "
                    "learn the lifts' form, ideally with a coach, before heavy loading."
                )
                yield DatedVerdict(day, self.verdict(False, text))
        elif len(loaded_days) >= most and athlete.heavy_sessions != most:
            text = (
                f"A {_ordinal(most)} day of loaded work is only for runners who ask for it "
                f"(heavy_sessions: {most})."
            )
            yield DatedVerdict(loaded_days[most - 1], self.verdict(False, text))
        for day in loaded_days[most:]:
            text = f"Loaded work on {len(loaded_days)} days; never more than {most} a week."
            yield DatedVerdict(day, self.verdict(False, text))
        yield from self._shortfall(ctx)

    def _shortfall(self, ctx: WeekContext) -> Iterable[DatedVerdict]:
        dose = ctx.dose
        if dose is None:
            return
        kind = dose.target.kind
        counted = LOADED_KINDS | {kind}  # a novice's heavy session still counts as a main one
        have = len({i for i, d in enumerate(ctx.days) for s in d.strength if s.kind in counted})
        if have >= dose.expected:
            return
        missing = sorted(
            (i, v)
            for i, v in enumerate(dose.stops)
            if v is not None and not any(s.kind in counted for s in ctx.days[i].strength)
        )
        groups: dict[str, list[str]] = {}
        for i, verdict in missing:
            groups.setdefault(ctx.rules.rules_out(verdict), []).append(ctx.day(i).weekday_name[:3])
        detail = "; ".join(f"{_join(days)}: {why}" for why, days in groups.items())
        noun = f"{kind.value} session{'s' if have != 1 else ''}"
        text = f"{have} {noun} this week of the {dose.expected} recommended"
        text += f" (the other days are ruled out: {detail})." if detail else "."
        yield DatedVerdict(0, self.verdict(False, text))


@dataclass(frozen=True, slots=True)
class PhaseDose(WeekRule):
    """Heavy sessions a week by phase (`counts`); in the taper at most `taper_sets` sets."""

    counts: Mapping[Phase, int] = field(default_factory=_default_counts)
    taper_sets: int = 2
    id = "phase-dose"
    hard = False

    @property
    def summary(self) -> str:
        return "Heavy sessions per week follow the phase; none in the first week after a race."

    def about(self, phase: Phase) -> str:
        """The phase's dose in words, from this rule's numbers."""
        numbers = {p.value: n for p, n in self.counts.items()}
        return PHASE_TEXT[phase].format(taper_sets=self._sets(), **numbers)

    def _sets(self) -> str:
        return "1 set" if self.taper_sets == 1 else f"1-{self.taper_sets} sets"

    def check_week(self, ctx: WeekContext) -> Iterable[DatedVerdict]:
        from runlift.domain.rules.calendar import RecoveryWindow

        athlete = ctx.athlete
        if ctx.rules.find(RecoveryWindow).race_unknown(ctx):
            text = (
                "Recovery without a race date: give the date of the race you are recovering "
                "from, so the plan knows when the first week after it ends; until then it holds "
                "gentle core only."
            )
            yield DatedVerdict(0, self.verdict(False, text))
        heavy = [(day, session) for _, day, session in _sessions(ctx, HEAVY)]
        limit = self.counts[athlete.phase]
        if athlete.heavy_sessions is None and athlete.phase in CAPPED_PHASES:
            for day, _ in heavy[limit:]:
                text = f"{self.about(athlete.phase).capitalize()}; this one is beyond that."
                yield DatedVerdict(day, self.verdict(False, text))
        if athlete.phase is Phase.TAPER:
            for day, session in heavy:
                if any(x.sets > self.taper_sets for x in session.exercises):
                    text = f"In the taper, keep heavy work to {self._sets()} an exercise."
                    yield DatedVerdict(day, self.verdict(False, text))


@dataclass(frozen=True, slots=True)
class SessionLength(SessionRule):
    id = "session-length"
    hard = False

    @property
    def summary(self) -> str:
        # The spans are reviewed data (catalog/training.toml, `timing.session_minutes`), read
        # through the context; the summary names where they live rather than copying them.
        return "Each kind of session stays within its length in the catalogue's timing table."

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


@dataclass(frozen=True, slots=True)
class DeloadWithRunning(WeekRule):
    id = "deload-with-running"
    hard = False

    @property
    def summary(self) -> str:
        return "Strength deload weeks (about half the sets) fall on running cutback weeks."

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


def weekly_target(athlete: Athlete, rules: RuleSet | None = None) -> Target:
    """How many main sessions of which kind the week aims for (`weekly-heavy-count`,
    `phase-dose`); a runner's explicit `heavy_sessions` overrides the phase default."""
    if rules is None:
        from runlift.domain.rules import DEFAULT_RULES

        rules = DEFAULT_RULES
    dose = rules.find(PhaseDose)
    most = rules.find(WeeklyHeavyCount).most_days
    text = dose.about(athlete.phase).capitalize() + "."
    if athlete.experience is Experience.NOVICE:
        text = f"{athlete.phase.value.capitalize()} phase: main sessions follow the phase's count."
    phase_reason = Verdict("phase-dose", True, False, text)
    asked = athlete.heavy_sessions
    count = dose.counts[athlete.phase] if asked is None else asked
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
    count = min(count, most)
    if athlete.lighter and count > 2:
        count = 2
        reasons.append(
            Verdict("weekly-heavy-count", True, False, "Lighter plan accepted: no third session.")
        )
    text = f"{count} heavy session{'s' if count != 1 else ''} this week"
    reasons.append(Verdict("weekly-heavy-count", True, False, f"{text}, never more than {most}."))
    return Target(StrengthKind.HEAVY, count, tuple(reasons))


def _ordinal(n: int) -> str:
    return {2: "second", 3: "third", 4: "fourth", 5: "fifth"}.get(n, f"{n}th")


def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
