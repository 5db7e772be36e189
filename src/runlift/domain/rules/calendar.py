"""Rules about the clock and the calendar: the runner's windows, overlaps, races."""

from __future__ import annotations

from runlift.domain.context import RECOVERY_DAYS, Slot, WeekContext
from runlift.domain.model import LOADED_KINDS, StrengthKind, Window, format_clock
from runlift.domain.rules.base import SessionRule, Verdict

RECOVERY_BLOCKED = frozenset({StrengthKind.HEAVY, StrengthKind.PLYOMETRIC, StrengthKind.BODYWEIGHT})


class WithinAvailability(SessionRule):
    id = "within-availability"
    summary = "Strength work happens inside the times the runner said they can train."
    hard = True

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


class NoOverlap(SessionRule):
    id = "no-overlap"
    summary = "A session does not overlap a run or another session."
    hard = True

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


class RaceBuffer(SessionRule):
    id = "race-buffer"
    summary = "No loaded work in the 7 days before a goal race, or the 3 days before any race."
    hard = True

    def check(self, ctx: WeekContext, day: int, slot: Slot) -> Verdict | None:
        if slot.kind not in LOADED_KINDS:
            return None
        found = ctx.race_ahead(day)
        if found is None:
            return None
        race, days_to_go = found
        which = "the goal race" if race.goal else "a race"
        limit = 7 if race.goal else 3
        when = race.date.strftime("%a %d %b")
        if days_to_go == 0:
            return self.verdict(False, f"Race day ({which}): no loaded work.")
        return self.verdict(
            False,
            f"{which.capitalize()} is on {when}, {days_to_go} day{'s' if days_to_go > 1 else ''} "
            f"away: no loaded work in the {limit} days before it.",
        )


class RecoveryWindow(SessionRule):
    """The part of `phase-dose` that looks at single days: the first week after a race."""

    id = "phase-dose"
    summary = "Heavy sessions per week follow the phase; none in the first 7 days after a race."
    hard = False

    def check(self, ctx: WeekContext, day: int, slot: Slot) -> Verdict | None:
        if slot.kind not in RECOVERY_BLOCKED:
            return None
        # After any race in a recovery week; after the goal race whatever the phase says.
        goal_only = ctx.athlete.phase.value != "recovery"
        since = ctx.days_since_race(day, goal_only=goal_only)
        if since is None or since >= RECOVERY_DAYS:
            return None
        return self.verdict(
            False,
            f"{since} day{'s' if since != 1 else ''} after a race: the first {RECOVERY_DAYS} "
            "days of recovery carry no strength sessions beyond gentle core work.",
        )
