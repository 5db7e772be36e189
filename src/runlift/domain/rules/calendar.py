"""Rules about the clock and the calendar: the runner's windows, overlaps, races."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from runlift.domain.model import (
    LOADED_KINDS,
    Athlete,
    Phase,
    RunType,
    StrengthKind,
    Week,
    Window,
    format_clock,
)
from runlift.domain.rules.base import SessionRule, Verdict

if TYPE_CHECKING:
    from runlift.domain.context import RaceDate, Slot, WeekContext

# Work that stays gentle enough for the days around a race: no lunges, calf raises or jumps.
GENTLE_KINDS = frozenset({StrengthKind.CORE, StrengthKind.PILATES})


def recovering_from_an_unknown_race(athlete: Athlete, week: Week) -> bool:
    """A recovery phase whose week knows no race on or before its last day (a race run in
    the week, or one listed in `Week.races`): the edges ask for the date when this holds."""
    if athlete.phase is not Phase.RECOVERY or not week.days:
        return False
    last = week.days[-1].date
    raced = any(run.type is RunType.RACE for day in week.days for run in day.runs)
    return not raced and not any(race.date <= last for race in week.races)


def _days(count: int) -> str:
    return f"{count} day{'s' if count != 1 else ''}"


@dataclass(frozen=True, slots=True)
class WithinAvailability(SessionRule):
    id = "within-availability"
    hard = True
    rules_out = "no free time in your windows"

    @property
    def summary(self) -> str:
        return "Strength work happens inside the times the runner said they can train."

    def check(self, ctx: WeekContext, day: int, slot: Slot) -> Verdict | None:
        windows = ctx.windows(day)
        if any(start <= slot.start and slot.end <= end for start, end in windows):
            return None
        name = ctx.day(day).weekday_name
        if not windows:
            return self.verdict(False, f"You have no time for strength work on {name}.")
        times = ", ".join(str(Window(s, e)) for s, e in windows)
        return self.verdict(
            False,
            f"{format_clock(slot.start)}-{format_clock(slot.end)} is outside the times you can "
            f"train on {name} ({times}).",
        )


@dataclass(frozen=True, slots=True)
class NoOverlap(SessionRule):
    id = "no-overlap"
    hard = True

    @property
    def summary(self) -> str:
        return "A session does not overlap a run or another session."

    def check(self, ctx: WeekContext, day: int, slot: Slot) -> Verdict | None:
        for run in ctx.day(day).runs:
            if run.start < slot.end and slot.start < run.end:
                return self.verdict(
                    False,
                    f"Overlaps the {run.type.value} run at "
                    f"{format_clock(run.start)}-{format_clock(run.end)}.",
                )
        for other in ctx.day(day).strength:
            if other is slot.source:
                continue
            if other.start < slot.end and slot.start < other.end:
                return self.verdict(
                    False,
                    f"Overlaps the {other.kind.value} session at "
                    f"{format_clock(other.start)}-{format_clock(other.end)}.",
                )
        return None


@dataclass(frozen=True, slots=True)
class RaceBuffer(SessionRule):
    """No loaded work in the `goal_days` before a goal race or the `other_days` before any
    other race (hard). Light leg work (bodyweight: lunges, calf raises) keeps out of the same
    days as advice the planner follows; core and mobility stay welcome."""

    goal_days: int = 7
    other_days: int = 3
    id = "race-buffer"
    timeless = True
    hard = True
    planner_blocks = True  # its soft half (light leg work) is still not planned
    by_design = True
    rules_out = "too close to a race"

    @property
    def summary(self) -> str:
        return (
            f"No loaded work in the {_days(self.goal_days)} before a goal race, or the "
            f"{_days(self.other_days)} before any race; only core or mobility then."
        )

    def race_ahead(self, ctx: WeekContext, day: int) -> tuple[RaceDate, int] | None:
        """The race whose buffer covers this day, with the days to go (0 = race day)."""
        for race, days_to_go in ctx.days_to_race(day):
            if days_to_go <= (self.goal_days if race.goal else self.other_days):
                return race, days_to_go
        return None

    def check(self, ctx: WeekContext, day: int, slot: Slot) -> Verdict | None:
        if not ctx.races or slot.kind in GENTLE_KINDS:
            return None
        found = self.race_ahead(ctx, day)
        if found is None:
            return None
        race, days_to_go = found
        which = "the goal race" if race.goal else "a race"
        limit = self.goal_days if race.goal else self.other_days
        when = f"{race.date:%a} {race.date.day} {race.date:%b}"  # the CLI's date style
        if slot.kind not in LOADED_KINDS:
            if days_to_go == 0:
                text = f"Race day ({which}): no strength work beyond gentle core or mobility."
            else:
                text = (
                    f"{which.capitalize()} is on {when}, {_days(days_to_go)} away: keep the "
                    "legs fresh, with core or mobility only, no lunges, calf raises or jumps."
                )
            return self.soft_verdict(False, text)
        if days_to_go == 0:
            return self.verdict(False, f"Race day ({which}): no loaded work.")
        return self.verdict(
            False,
            f"{which.capitalize()} is on {when}, {_days(days_to_go)} away: no loaded work in "
            f"the {_days(limit)} before it.",
        )


@dataclass(frozen=True, slots=True)
class RecoveryWindow(SessionRule):
    """The part of `phase-dose` that looks at single days: the first `days` after a goal race
    (after any race in a recovery phase) carry nothing beyond gentle core or mobility. A
    recovery phase whose race date is unknown is taken to be in that first week."""

    days: int = 7
    id = "phase-dose"
    timeless = True
    hard = False
    planner_blocks = True
    by_design = True
    rules_out = "too soon after a race"

    @property
    def summary(self) -> str:
        return (
            "Heavy sessions per week follow the phase; nothing beyond gentle core or mobility "
            f"in the first {_days(self.days)} after a race."
        )

    def race_unknown(self, ctx: WeekContext) -> bool:
        """A recovery phase with no race on or before the week's last day."""
        return recovering_from_an_unknown_race(ctx.athlete, ctx.week)

    def check(self, ctx: WeekContext, day: int, slot: Slot) -> Verdict | None:
        if slot.kind in GENTLE_KINDS or not (ctx.races or ctx.athlete.phase is Phase.RECOVERY):
            return None
        goal_only = ctx.athlete.phase is not Phase.RECOVERY
        since = ctx.days_since_race(day, goal_only=goal_only)
        if since is None and self.race_unknown(ctx):
            return self.verdict(
                False,
                "No date yet for the race you are recovering from: until you give it, the "
                f"recovery week is taken as the first {_days(self.days)} after the race, with "
                "gentle core only.",
            )
        if since is None or since > self.days:  # the race day and the 7 days after it
            return None
        when = "The race was today" if since == 0 else f"{_days(since)} after the race"
        return self.verdict(
            False,
            f"{when}: the first {_days(self.days)} of recovery carry nothing beyond gentle "
            "core or mobility.",
        )
