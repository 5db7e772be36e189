"""Facts about one athlete-week that the rules ask for, worked out once.

The context also finds start times: when a session can begin on a day, given the runs, the
sessions already there and the runner's available windows. Where a rule has a number in this
(the gap after a run, what counts as a long run, which runs come before lifting), the context
asks the rule (`self.rules`); its own numbers below are the planner's time-of-day preferences.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from runlift.domain.model import (
    MINUTES_PER_DAY,
    QUALITY_PHASES,
    WEEKDAY_NAMES,
    Athlete,
    Day,
    DayType,
    RunType,
    StrengthKind,
    Week,
)

if TYPE_CHECKING:
    from runlift.domain.dose import WeekDose
    from runlift.domain.rules.ruleset import RuleSet

# A race of that length is as long an effort as a long run (jumps, lifting after it).
LONG_RUNS = frozenset({RunType.LONG, RunType.PROGRESSION, RunType.RACE})
GRID = 15  # sessions start on the quarter hour
EVENING = 18 * 60  # when nothing anchors a session, aim for after work
AFTER_WORK = 17 * 60  # loaded work after a morning run: from here when the gap allows
# Loaded work that sits between two runs of a day ends at least this long before the later
# run, so the runner does not go straight from the gym floor to the road.
BEFORE_NEXT_RUN = 60


@dataclass(frozen=True, slots=True)
class Slot:
    """A session being judged: its kind and when it runs on its day."""

    kind: StrengthKind
    start: int
    minutes: int
    source: object = None  # the session itself when judging one already in the week

    @property
    def end(self) -> int:
        return self.start + self.minutes


@dataclass(frozen=True, slots=True)
class RaceDate:
    date: date
    goal: bool


def _ceil_grid(minute: int) -> int:
    return -(-minute // GRID) * GRID


def _free_spans(
    windows: tuple[tuple[int, int], ...], busy: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """The parts of the windows not covered by busy intervals."""
    spans: list[tuple[int, int]] = []
    for start, end in windows:
        cursor = start
        for b_start, b_end in busy:
            if b_end <= cursor or b_start >= end:
                continue
            if b_start > cursor:
                spans.append((cursor, b_start))
            cursor = max(cursor, b_end)
        if cursor < end:
            spans.append((cursor, end))
    return spans


def _default_rules() -> RuleSet:
    from runlift.domain.rules import DEFAULT_RULES

    return DEFAULT_RULES


class WeekContext:
    """What the rules need to know about a week, computed once per plan or check."""

    def __init__(
        self,
        athlete: Athlete,
        week: Week,
        session_minutes: Mapping[StrengthKind, tuple[int, int]],
        rules: RuleSet | None = None,
    ) -> None:
        from runlift.domain.rules.placement import AvoidLiftAfterLongRun, RecoveryGap, RunBeforeLift

        self.rules = rules if rules is not None else _default_rules()
        self.athlete = athlete
        self.session_minutes = session_minutes
        self.week = week
        self.days = week.days
        self.quality_phase = athlete.phase in QUALITY_PHASES
        self.day_types = tuple(day.day_type for day in week.days)
        first = week.days[0].day_type if week.days else DayType.REST
        self.following_type = week.next_day_type or first
        self.following_assumed = week.next_day_type is None
        self.races = self._races()
        long_enough = self.rules.find(AvoidLiftAfterLongRun).minutes
        self._long_runs = [
            max(
                (r.minutes for r in d.runs if r.type in LONG_RUNS and r.minutes >= long_enough),
                default=0,
            )
            for d in week.days
        ]
        self.aim_gap = self.rules.find(RecoveryGap).preferred_minutes
        self._run_spans = [sorted((r.start, r.end) for r in d.runs) for d in week.days]
        self._runs_first = self.rules.find(RunBeforeLift)
        self._lift_after: list[int | None] = [None] * len(week.days)  # from RunBeforeLift
        self._windows = [
            tuple((w.start, w.end) for w in athlete.windows(d.date.weekday())) for d in week.days
        ]
        # Set by `checker.week_context`: how many loaded sessions the week aims for, the days
        # open to them without a long run, and the week's dose (see dose.py).
        self.loaded_goal = 0
        self.legal_plain_days = 0
        self.dose: WeekDose | None = None

    # -- days ---------------------------------------------------------------------------
    def day(self, index: int) -> Day:
        return self.days[index]

    def next_type(self, index: int) -> DayType:
        if index + 1 < len(self.days):
            return self.day_types[index + 1]
        return self.following_type

    def next_label(self, index: int) -> str:
        if index + 1 < len(self.days):
            return self.days[index + 1].weekday_name
        name = WEEKDAY_NAMES[(self.days[index].date.weekday() + 1) % 7]
        if self.following_assumed:
            return f"{name} (next week, taken to repeat this one)"
        return f"{name} (next week)"

    def next_quality(self, index: int) -> str:
        if index + 1 < len(self.days):
            runs = self.days[index + 1].runs
            return ", ".join(r.type.value for r in runs if r.is_quality)
        return "quality"

    def long_run(self, index: int) -> int:
        """Minutes of the day's long run, when it is long enough to count, else 0."""
        return self._long_runs[index]

    # -- races --------------------------------------------------------------------------
    def _races(self) -> tuple[RaceDate, ...]:
        found = {(race.date, race.goal) for race in self.week.races}
        for day in self.week.days:
            for run in day.runs:
                if run.type is RunType.RACE:
                    found.add((day.date, run.goal))
        return tuple(RaceDate(d, g) for d, g in sorted(found))

    def days_to_race(self, index: int) -> list[tuple[RaceDate, int]]:
        """The races on or after this day, with the days to go (0 = race day)."""
        today = self.days[index].date
        return [(r, (r.date - today).days) for r in self.races if r.date >= today]

    def days_since_race(self, index: int, goal_only: bool = False) -> int | None:
        """Days since the latest race on or before this day (0 = race day), if any."""
        today = self.days[index].date
        past = [
            (today - race.date).days
            for race in self.races
            if race.date <= today and (race.goal or not goal_only)
        ]
        return min(past) if past else None

    def race_day(self, index: int) -> RaceDate | None:
        today = self.days[index].date
        return next((r for r in self.races if r.date == today), None)

    # -- time of day --------------------------------------------------------------------
    def busy(self, index: int, *, skip: object = None) -> list[tuple[int, int]]:
        day = self.days[index]
        if not day.strength:
            return self._run_spans[index]  # the common case, worked out once
        spans = [(r.start, r.end) for r in day.runs]
        spans += [(s.start, s.end) for s in day.strength if s is not skip]
        spans.sort()
        return spans

    def windows(self, index: int) -> tuple[tuple[int, int], ...]:
        return self._windows[index]

    def last_run_end(self, index: int, before: int = MINUTES_PER_DAY * 2) -> int | None:
        latest = None
        for run in self.days[index].runs:
            end = run.end
            if end <= before and (latest is None or end > latest):
                latest = end
        return latest

    def find_start(
        self,
        index: int,
        minutes: int,
        *,
        loaded: bool,
        busy: list[tuple[int, int]] | None = None,
        bounds: tuple[int, int] | None = None,
    ) -> int | None:
        """When a session of `minutes` can start on day `index`, or None if it cannot fit:
        the first of `start_options`."""
        options = self.start_options(index, minutes, loaded=loaded, busy=busy, bounds=bounds)
        return options[0] if options else None

    def start_options(
        self,
        index: int,
        minutes: int,
        *,
        loaded: bool,
        busy: list[tuple[int, int]] | None = None,
        bounds: tuple[int, int] | None = None,
    ) -> list[int]:
        """Possible starts, at most one per free stretch of the day, best first.

        Loaded work starts once the runs that must come first have ended (see
        `run-before-lift`): on a hard day with two runs, that can be between the quality run
        and a later easy run. In each stretch it aims for the preferred gap after the run
        before it (from 17:00 if that also fits: run in the morning, lift after work),
        otherwise as late as the stretch allows; the stretches are ranked by that gap (up to
        the preferred one), then an after-work start, then the earlier. Other work goes
        straight after the day's last run. On a day without runs, anything goes as near 18:00
        as the windows allow. `bounds` limits the start further (to keep the heavy spacing
        from a session the runner fixed).
        """
        spans = _free_spans(self.windows(index), busy if busy is not None else self.busy(index))
        runs = self.days[index].runs
        low, high = bounds if bounds is not None else (0, MINUTES_PER_DAY)
        if loaded and runs:
            first = self._lift_after[index]
            if first is None:
                first = self._lift_after[index] = self._runs_first.earliest_start(self, index)
            run_starts = {r.start for r in runs} if len(runs) > 1 else set()
        else:
            first, run_starts = low, set()
        starts: list[tuple[int, int]] = []  # (earliest, latest) feasible start per span
        for span_start, span_end in spans:
            earliest = _ceil_grid(max(span_start, low, first))
            if span_end in run_starts:  # a later run closes this stretch
                span_end -= BEFORE_NEXT_RUN
            latest = min(span_end - minutes, high)
            if latest >= earliest:
                starts.append((earliest, latest - (latest - earliest) % GRID))
        if not starts:
            return []
        if not runs:
            options = [max(lo, min(hi, _ceil_grid(EVENING))) for lo, hi in starts]
            if len(options) == 1:
                return options
            return sorted(options, key=lambda t: (abs(t - EVENING), t))
        if not loaded:
            after = max(r.end for r in runs)
            later = [lo for lo, hi in starts if lo >= after]
            return [min(later)] if later else [max(hi for _, hi in starts)]
        options = []
        for lo, hi in starts:
            before = self.last_run_end(index, before=lo)
            if before is None:
                options.append(max(lo, min(hi, _ceil_grid(EVENING))))
                continue
            wanted = _ceil_grid(before + self.aim_gap)
            fits = [t for t in (max(wanted, AFTER_WORK), wanted) if t <= hi]
            options.append(max(lo, fits[0]) if fits else hi)
        if len(options) == 1:
            return options
        return sorted(options, key=lambda t: self._time_rank(index, t))

    def _time_rank(self, index: int, start: int) -> tuple[int, int, int]:
        before = self.last_run_end(index, before=start)
        gap = self.aim_gap if before is None else min(start - before, self.aim_gap)
        return (-gap, 0 if start >= AFTER_WORK else 1, start)
