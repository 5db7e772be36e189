"""Where loaded work may go in the week (guidelines §2, the article's rules)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from runlift.domain.model import LOADED_KINDS, DayType, Run, format_clock, format_duration
from runlift.domain.rules.base import SessionRule, Verdict

if TYPE_CHECKING:
    from runlift.domain.context import Slot, WeekContext


def _runs_label(ctx: WeekContext, day: int) -> str:
    runs = ctx.day(day).runs
    quality = [r.type.value for r in runs if r.is_quality]
    return ", ".join(quality or [r.type.value for r in runs])


@dataclass(frozen=True, slots=True)
class HeavyOnHardDays(SessionRule):
    id = "heavy-on-hard-days"
    timeless = True
    rules_out = "easy or rest days in this phase"

    @property
    def summary(self) -> str:
        return "In build, peak and taper, loaded work goes on hard days only."

    hard = True

    def check(self, ctx: WeekContext, day: int, slot: Slot) -> Verdict | None:
        if slot.kind not in LOADED_KINDS:
            return None
        name = ctx.day(day).weekday_name
        kind = ctx.day_types[day]
        if kind is DayType.HARD:
            return self.verdict(
                True,
                f"{name} is a hard day ({_runs_label(ctx, day)}): lifting on it keeps "
                "the hard days hard and the easy days easy.",
            )
        if not ctx.quality_phase:
            return None
        phase = ctx.athlete.phase.value
        what = "an easy day" if kind is DayType.EASY else "a rest day"
        why = "so the easy days stay easy" if kind is DayType.EASY else "not on rest days"
        return self.verdict(
            False, f"{name} is {what}; in {phase}, loaded work goes on hard days only, {why}."
        )


@dataclass(frozen=True, slots=True)
class BasePhaseException(SessionRule):
    id = "base-phase-exception"
    timeless = True

    @property
    def summary(self) -> str:
        return "In base, maintenance and recovery, loaded work may go on easy days."

    hard = None

    def check(self, ctx: WeekContext, day: int, slot: Slot) -> Verdict | None:
        if slot.kind not in LOADED_KINDS or ctx.quality_phase:
            return None
        if ctx.day_types[day] is not DayType.EASY:
            return None
        return self.verdict(
            True,
            f"In {ctx.athlete.phase.value} the runs are easy, so loaded work may share "
            f"{ctx.day(day).weekday_name}'s easy day.",
        )


@dataclass(frozen=True, slots=True)
class NoHeavyBeforeQuality(SessionRule):
    id = "no-heavy-before-quality"
    timeless = True
    rules_out = "the day before a hard day"

    @property
    def summary(self) -> str:
        return "No loaded session the day before a hard day."

    hard = True

    def check(self, ctx: WeekContext, day: int, slot: Slot) -> Verdict | None:
        if slot.kind not in LOADED_KINDS:
            return None
        following = ctx.next_label(day)
        if ctx.next_type(day) is DayType.HARD:
            return self.verdict(
                False,
                f"{following} is a hard day ({ctx.next_quality(day)}): legs need 24-48 h "
                "after heavy lifting before a quality run.",
            )
        return self.verdict(
            True,
            f"{following} is not a hard day, so the legs have time before the next quality run.",
        )


@dataclass(frozen=True, slots=True)
class RunBeforeLift(SessionRule):
    id = "run-before-lift"
    hard = True
    rules_out = "no time after the run"

    @property
    def summary(self) -> str:
        return "On a day with runs, loaded work starts after the run has ended."

    def runs_first(self, ctx: WeekContext, day: int) -> tuple[Run, ...]:
        """The runs that must end before loaded work starts: the quality runs on a hard day
        (an easy run later that day may follow the lifting), every run on other days."""
        runs = ctx.day(day).runs
        if ctx.day_types[day] is DayType.HARD:
            return tuple(r for r in runs if r.is_quality)
        return runs

    def earliest_start(self, ctx: WeekContext, day: int) -> int:
        return max((r.end for r in self.runs_first(ctx, day)), default=0)

    def check(self, ctx: WeekContext, day: int, slot: Slot) -> Verdict | None:
        if slot.kind not in LOADED_KINDS or not ctx.day(day).runs:
            return None
        runs = self.runs_first(ctx, day)
        late = [r for r in runs if r.end > slot.start]
        if late:
            run = late[0]
            return self.verdict(
                False,
                f"Starts at {format_clock(slot.start)}, before the {run.type.value} run ends "
                f"at {format_clock(run.end)}: run first, lift after.",
            )
        last = max(r.end for r in runs)
        return self.verdict(
            True,
            f"Starts at {format_clock(slot.start)}, after the run ends at {format_clock(last)}.",
        )


@dataclass(frozen=True, slots=True)
class RecoveryGap(SessionRule):
    """`minimum_hours` between a run and loaded work; the planner aims for `preferred_hours`."""

    minimum_hours: float = 3
    preferred_hours: float = 6
    id = "recovery-gap"
    hard = False

    @property
    def minimum_minutes(self) -> int:
        return round(self.minimum_hours * 60)

    @property
    def preferred_minutes(self) -> int:
        return round(self.preferred_hours * 60)

    @property
    def summary(self) -> str:
        low, best = format_duration(self.minimum_minutes), format_duration(self.preferred_minutes)
        return (
            f"At least {low} between the end of the run and a loaded session "
            f"({best} or more is best)."
        )

    def check(self, ctx: WeekContext, day: int, slot: Slot) -> Verdict | None:
        if slot.kind not in LOADED_KINDS:
            return None
        end = ctx.last_run_end(day, before=slot.start)
        if end is None:
            return None
        gap = slot.start - end
        low, best = format_duration(self.minimum_minutes), format_duration(self.preferred_minutes)
        if gap < self.minimum_minutes:
            return self.verdict(
                False,
                f"Only {format_duration(gap)} after the run; at least {low} (run in the "
                "morning, lift in the evening) lets both go better.",
            )
        note = (
            ""
            if gap >= self.preferred_minutes
            else f" ({best} or more is better when your day allows)"
        )
        return self.verdict(True, f"{format_duration(gap)} after the run{note}.")


@dataclass(frozen=True, slots=True)
class RestDay(SessionRule):
    id = "rest-day"
    timeless = True

    @property
    def summary(self) -> str:
        return "Rest days stay free of loaded work."

    hard = False

    def check(self, ctx: WeekContext, day: int, slot: Slot) -> Verdict | None:
        if slot.kind not in LOADED_KINDS or ctx.day_types[day] is not DayType.REST:
            return None
        return self.verdict(
            False,
            f"{ctx.day(day).weekday_name} is a rest day; keep it free of loaded work "
            "(core, pilates and bodyweight are fine).",
        )


@dataclass(frozen=True, slots=True)
class AvoidLiftAfterLongRun(SessionRule):
    """A long run of `minutes` or more leaves tired legs: lift elsewhere when the week allows,
    and keep the jumps off that day whenever another heavy session can take them."""

    minutes: int = 90
    id = "avoid-lift-after-long-run"
    hard = False

    @property
    def summary(self) -> str:
        return (
            f"Prefer days other than a long run of {self.minutes} min or more for heavy "
            "sessions, and for jumps."
        )

    def check(self, ctx: WeekContext, day: int, slot: Slot) -> Verdict | None:
        if slot.kind not in LOADED_KINDS:
            return None
        minutes = ctx.long_run(day)
        if not minutes:
            return None
        name = ctx.day(day).weekday_name
        goal = ctx.loaded_goal
        if ctx.legal_plain_days >= goal:
            sessions = "loaded session" if goal == 1 else f"{goal} loaded sessions"
            return self.verdict(
                False,
                f"{name} holds a {minutes}-min long run; the rules leave enough other days "
                f"for the week's {sessions}, so lifting on tired legs is best avoided.",
            )
        return self.verdict(
            True,
            f"{name} holds a {minutes}-min long run, but no other day is left "
            "that the rules allow.",
        )

    def jumps_dropped(self, ctx: WeekContext, day: int) -> Verdict:
        """Said when every heavy session of the week follows a long run."""
        return self.verdict(
            True,
            f"No jumps this week: every heavy session follows a long run of {self.minutes} "
            f"min or more ({ctx.day(day).weekday_name}: {ctx.long_run(day)} min), and jumps "
            "want fresh legs.",
        )


@dataclass(frozen=True, slots=True)
class CoreAnyDay(SessionRule):
    id = "core-any-day"
    timeless = True

    @property
    def summary(self) -> str:
        return "Core, pilates and bodyweight work may go on any day."

    hard = None

    def check(self, ctx: WeekContext, day: int, slot: Slot) -> Verdict | None:
        if slot.kind in LOADED_KINDS:
            return None
        name = ctx.day(day).weekday_name
        kind = ctx.day_types[day]
        if kind is DayType.EASY:
            where = f"{name} is an easy day, and light {slot.kind.value} work keeps it easy"
        elif kind is DayType.REST:
            where = f"{name} is a rest day, and light {slot.kind.value} work leaves it restful"
        else:
            where = f"{name} is a hard day; {slot.kind.value} work needs no hard/easy bookkeeping"
        return self.verdict(True, f"{where}.")
