"""Facts about one athlete-week that the rules ask for, worked out once.

The context also finds start times: when a session can begin on a day, given the runs, the
sessions already there and the runner's available windows.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

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

LONG_RUN_MINUTES = 90
LONG_RUNS = frozenset({RunType.LONG, RunType.PROGRESSION})
PREFERRED_GAP = 6 * 60
MINIMUM_GAP = 3 * 60
GRID = 15  # sessions start on the quarter hour
EVENING = 18 * 60  # when nothing anchors a session, aim for after work
AFTER_WORK = 17 * 60  # loaded work after a morning run: from here when the gap allows
GOAL_RACE_BUFFER_DAYS = 7
RACE_BUFFER_DAYS = 3
RECOVERY_DAYS = 7


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


class WeekContext:
    """What the rules need to know about a week, computed once per plan or check."""

    def __init__(
        self,
        athlete: Athlete,
        week: Week,
        session_minutes: Mapping[StrengthKind, tuple[int, int]],
    ) -> None:
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
        self._long_runs = [
            max(
                (
                    r.minutes
                    for r in d.runs
                    if r.type in LONG_RUNS and r.minutes >= LONG_RUN_MINUTES
                ),
                default=0,
            )
            for d in week.days
        ]
        self._windows = [
            tuple((w.start, w.end) for w in athlete.windows(d.date.weekday())) for d in week.days
        ]
        # Set by whoever builds the context: how many loaded sessions the week aims for.
        self.loaded_goal = 0
        self.legal_plain_days = 0  # legal loaded days without a long run (see that rule)
        # Set by the planner: it explains a shortfall itself, with the rules that caused it.
        self.planned = False
        self.shortfall_note: str | None = None

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
        """Minutes of the day's long run of 90 min or more, else 0."""
        return self._long_runs[index]

    # -- races --------------------------------------------------------------------------
    def _races(self) -> tuple[RaceDate, ...]:
        found = {(race.date, race.goal) for race in self.week.races}
        for day in self.week.days:
            for run in day.runs:
                if run.type is RunType.RACE:
                    found.add((day.date, run.goal))
        return tuple(RaceDate(d, g) for d, g in sorted(found))

    def race_ahead(self, index: int) -> tuple[RaceDate, int] | None:
        """The race whose buffer covers this day, with the days to go (0 = race day)."""
        today = self.days[index].date
        for race in self.races:
            days_to_go = (race.date - today).days
            limit = GOAL_RACE_BUFFER_DAYS if race.goal else RACE_BUFFER_DAYS
            if 0 <= days_to_go <= limit:
                return race, days_to_go
        return None

    def days_since_race(self, index: int, goal_only: bool = False) -> int | None:
        today = self.days[index].date
        past = [
            (today - race.date).days
            for race in self.races
            if race.date <= today and (race.goal or not goal_only)
        ]
        return min(past) if past else None

    # -- time of day --------------------------------------------------------------------
    def busy(self, index: int, *, skip: object = None) -> list[tuple[int, int]]:
        day = self.days[index]
        spans = [(r.start, r.end) for r in day.runs]
        spans += [(s.start, s.end) for s in day.strength if s is not skip]
        spans.sort()
        return spans

    def windows(self, index: int) -> tuple[tuple[int, int], ...]:
        return self._windows[index]

    def last_run_end(self, index: int, before: int = MINUTES_PER_DAY * 2) -> int | None:
        ends = [r.end for r in self.days[index].runs if r.end <= before]
        return max(ends) if ends else None

    def find_start(
        self,
        index: int,
        minutes: int,
        *,
        loaded: bool,
        busy: list[tuple[int, int]] | None = None,
        bounds: tuple[int, int] | None = None,
    ) -> int | None:
        """When a session of `minutes` can start on day `index`, or None if it cannot fit.

        Loaded work starts after all the day's runs: at least 6 h after the last run when the
        windows allow it (from 17:00 if that also fits: run in the morning, lift after work),
        otherwise as late as possible (the longest gap). Other work goes straight after the
        last run, or nearest 18:00 on a day without runs. `bounds` limits the start further
        (to keep 48 h from a session the runner fixed).
        """
        spans = _free_spans(self.windows(index), busy if busy is not None else self.busy(index))
        runs = self.days[index].runs
        after = max((r.end for r in runs), default=None)
        low, high = bounds if bounds is not None else (0, MINUTES_PER_DAY)
        starts: list[tuple[int, int]] = []  # (earliest, latest) feasible start per span
        for span_start, span_end in spans:
            earliest = max(span_start, low)
            if loaded and after is not None:
                earliest = max(earliest, after)
            earliest = _ceil_grid(earliest)
            latest = min(span_end - minutes, high)
            if latest >= earliest:
                starts.append((earliest, latest - (latest - earliest) % GRID))
        if not starts:
            return None
        if after is None:
            return min(
                (max(lo, min(hi, _ceil_grid(EVENING))) for lo, hi in starts),
                key=lambda t: (abs(t - EVENING), t),
            )
        if not loaded:
            later = [lo for lo, hi in starts if lo >= after]
            return min(later) if later else max(hi for _, hi in starts)
        wanted = _ceil_grid(after + PREFERRED_GAP)
        for target in (max(wanted, AFTER_WORK), wanted):
            for lo, hi in starts:
                if hi >= target:
                    return max(lo, target)
        return max(hi for _, hi in starts)
