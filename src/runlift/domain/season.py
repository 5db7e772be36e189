"""A season to a goal race: phases sized to the weeks available, cutback weeks with the strength
deload on them, and every week planned by the week planner (guidelines §2, phase rules).

Changing one week replans only what it affects: the week itself and the week before it (whose
last day looks ahead to the changed week's first day).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from runlift.domain.library import Library
from runlift.domain.model import Athlete, Day, DayType, Phase, Race, Run, RunType, Week
from runlift.domain.planner import Plan, plan_week
from runlift.domain.progression import Step

TRAVEL_KIT = frozenset({"bands", "mini_bands", "mat"})
LOADING = (Phase.BASE, Phase.BUILD, Phase.PEAK)  # the phases a cutback week breaks up


@dataclass(frozen=True, slots=True)
class RaceProfile:
    """How long the phases around a race of this distance last, in weeks."""

    min_km: float
    taper: int
    peak: int
    recovery: int


@dataclass(frozen=True, slots=True)
class SeasonShape:
    profiles: tuple[RaceProfile, ...]  # longest distance first
    build_share: float  # of the weeks left after peak and taper
    cutback_every: int  # a cutback week closes each block of this many weeks

    def profile(self, distance_km: float) -> RaceProfile:
        for profile in self.profiles:
            if distance_km >= profile.min_km:
                return profile
        return self.profiles[-1]


@dataclass(frozen=True, slots=True)
class SeasonWeek:
    index: int
    start: date
    phase: Phase
    cutback: bool = False
    race: Race | None = None
    no_gym: bool = False  # a trip: body weight and bands only that week

    @property
    def deload(self) -> bool:
        return self.cutback


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def lay_out(start: date, race: Race, distance_km: float, shape: SeasonShape) -> list[SeasonWeek]:
    """Weeks from the one holding `start` to the race week, then the recovery weeks."""
    first = monday_of(start)
    race_week = monday_of(race.date)
    if race_week < first:
        raise ValueError("the goal race is before the season starts")
    total = (race_week - first).days // 7 + 1
    profile = shape.profile(distance_km)
    taper = min(profile.taper, total)
    peak = min(profile.peak, total - taper)
    rest = total - taper - peak
    build = min(rest, max(math.ceil(rest * shape.build_share), min(rest, 2)))
    base = rest - build
    phases = [Phase.BASE] * base + [Phase.BUILD] * build + [Phase.PEAK] * peak
    phases += [Phase.TAPER] * taper + [Phase.RECOVERY] * profile.recovery
    weeks = []
    block = 0
    for index, phase in enumerate(phases):
        monday = first + timedelta(weeks=index)
        cutback = False
        if phase in LOADING:
            block += 1
            next_phase = phases[index + 1] if index + 1 < len(phases) else None
            # A cutback closes each block, but not right before the taper, which eases anyway.
            if block == shape.cutback_every and next_phase in LOADING:
                cutback, block = True, 0
        holds_race = monday == race_week
        weeks.append(SeasonWeek(index, monday, phase, cutback, race if holds_race else None))
    return weeks


def season_week_days(
    week: SeasonWeek, typical: Mapping[int, Day], race_minutes: int, race_start: int
) -> Week:
    """The runner's typical week dated into `week`, with the goal race on its day."""
    days = []
    for offset in range(7):
        on = week.start + timedelta(days=offset)
        template = typical.get(offset, Day(on))
        day = Day(on, template.runs, template.strength)
        if week.race is not None and week.race.date == on:
            race_run = Run(RunType.RACE, race_start, race_minutes, goal=week.race.goal)
            day = Day(on, (race_run,), ())
        days.append(day)
    return Week(week.start, tuple(days), cutback=week.cutback)


@dataclass(frozen=True, slots=True)
class SeasonPlan:
    weeks: tuple[SeasonWeek, ...]
    inputs: tuple[Week, ...]
    plans: tuple[Plan, ...]
    dated: tuple[Week, ...] = ()  # the inputs as planned: with the next day and the races


def _with_context(weeks: Sequence[Week], races: tuple[Race, ...]) -> list[Week]:
    """Each week told the type of the day after its Sunday, and the season's races."""
    out = []
    for index, week in enumerate(weeks):
        following: DayType | None = None
        if index + 1 < len(weeks):
            following = weeks[index + 1].days[0].day_type
        out.append(replace(week, next_day_type=following, races=races))
    return out


def plan_season(
    athlete: Athlete,
    weeks: Sequence[SeasonWeek],
    inputs: Sequence[Week],
    library: Library,
    races: tuple[Race, ...] = (),
    previous: SeasonPlan | None = None,
    *,
    targets: Mapping[str, Step] | None = None,
) -> SeasonPlan:
    """Plan every week with its phase. With `previous`, weeks whose inputs are unchanged keep
    their plans: only a changed week and the week before it are planned again (`previous`
    must have been planned with the same `targets`, the log's steps)."""
    # Every week hears of every race of the season: a buffer or a recovery window can reach
    # across the week boundary.
    found = {(race.date, race.goal): race for race in races}  # a race given keeps its name
    for week in inputs:
        for day in week.days:
            for run in day.runs:
                if run.type is RunType.RACE:
                    found.setdefault((day.date, run.goal), Race(day.date, run.goal))
    races = tuple(sorted(found.values(), key=lambda r: (r.date, not r.goal)))
    dated = _with_context(inputs, races)
    plans: list[Plan] = []
    for index, (season_week, week) in enumerate(zip(weeks, dated, strict=True)):
        runner = replace(athlete, phase=season_week.phase)
        if season_week.no_gym:
            runner = replace(runner, equipment=runner.equipment & TRAVEL_KIT)
        reuse = (
            previous is not None
            and index < len(previous.dated)
            and previous.weeks[index] == season_week
            and previous.dated[index] == week
        )
        if reuse and previous is not None:
            plans.append(previous.plans[index])
        else:
            plans.append(plan_week(runner, week, library, targets=targets))
    return SeasonPlan(tuple(weeks), tuple(inputs), tuple(plans), tuple(dated))
