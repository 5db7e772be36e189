"""Where loaded work may go in the week (guidelines §2, the article's rules)."""

from __future__ import annotations

from runlift.domain.context import MINIMUM_GAP, Slot, WeekContext
from runlift.domain.model import LOADED_KINDS, DayType, format_clock, format_duration
from runlift.domain.rules.base import SessionRule, Verdict


def _runs_label(ctx: WeekContext, day: int) -> str:
    runs = ctx.day(day).runs
    quality = [r.type.value for r in runs if r.is_quality]
    return ", ".join(quality or [r.type.value for r in runs])


class HeavyOnHardDays(SessionRule):
    id = "heavy-on-hard-days"
    summary = "In build, peak and taper, loaded work goes on hard days only."
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


class BasePhaseException(SessionRule):
    id = "base-phase-exception"
    summary = "In base, maintenance and recovery, loaded work may go on easy days."
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


class NoHeavyBeforeQuality(SessionRule):
    id = "no-heavy-before-quality"
    summary = "No loaded session the day before a hard day."
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


class RunBeforeLift(SessionRule):
    id = "run-before-lift"
    summary = "On a day with runs, loaded work starts after the run has ended."
    hard = True

    def check(self, ctx: WeekContext, day: int, slot: Slot) -> Verdict | None:
        if slot.kind not in LOADED_KINDS or not ctx.day(day).runs:
            return None
        runs = ctx.day(day).runs
        if ctx.day_types[day] is DayType.HARD:
            runs = tuple(r for r in runs if r.is_quality)
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


class RecoveryGap(SessionRule):
    id = "recovery-gap"
    summary = "At least 3 h between the end of the run and a loaded session (6 h or more is best)."
    hard = False

    def check(self, ctx: WeekContext, day: int, slot: Slot) -> Verdict | None:
        if slot.kind not in LOADED_KINDS:
            return None
        end = ctx.last_run_end(day, before=slot.start)
        if end is None:
            return None
        gap = slot.start - end
        if gap < MINIMUM_GAP:
            return self.verdict(
                False,
                f"Only {format_duration(gap)} after the run; at least 3 h (run in the morning, "
                "lift in the evening) lets both go better.",
            )
        note = "" if gap >= 2 * MINIMUM_GAP else " (6 h or more is better when your day allows)"
        return self.verdict(True, f"{format_duration(gap)} after the run{note}.")


class RestDay(SessionRule):
    id = "rest-day"
    summary = "Rest days stay free of loaded work."
    hard = False

    def check(self, ctx: WeekContext, day: int, slot: Slot) -> Verdict | None:
        if slot.kind not in LOADED_KINDS or ctx.day_types[day] is not DayType.REST:
            return None
        return self.verdict(
            False,
            f"{ctx.day(day).weekday_name} is a rest day; keep it free of loaded work "
            "(core, pilates and bodyweight are fine).",
        )


class AvoidLiftAfterLongRun(SessionRule):
    id = "avoid-lift-after-long-run"
    summary = "Prefer days other than a long run of 90 min or more for heavy sessions."
    hard = False

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


class CoreAnyDay(SessionRule):
    id = "core-any-day"
    summary = "Core, pilates and bodyweight work may go on any day."
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
