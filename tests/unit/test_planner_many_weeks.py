"""The planner and `check` agree over thousands of seeded random weeks: doubles seven days a
week, fixed sessions, races on any day and races listed the week before or after.

Hypothesis shrinks a failure to a small week (test_planner_properties.py); this loop covers
many more weeks in the same time, from a fixed seed so a failure is repeatable.
"""

from __future__ import annotations

import random
from datetime import timedelta

from runlift.domain.checker import judge
from runlift.domain.model import (
    DEFAULT_WINDOW,
    EQUIPMENT,
    Athlete,
    Day,
    Experience,
    Phase,
    Race,
    Run,
    RunType,
    StrengthKind,
    StrengthSession,
    Week,
    Window,
)
from runlift.domain.planner import plan_week
from runlift.domain.rules import DEFAULT_RULES
from tests.helpers import MONDAY, library

LIBRARY = library()
MINUTES = LIBRARY.tables.session_minutes
WEEKS = 4000
EASY = (RunType.EASY, RunType.RECOVERY, RunType.SHAKEOUT)
QUALITY = (RunType.INTERVALS, RunType.THRESHOLD, RunType.TEMPO, RunType.HILLS, RunType.FARTLEK)
GENTLE = {StrengthKind.CORE, StrengthKind.PILATES}


def _runs(rng: random.Random, offset: int, long_day: int, quality: set[int]) -> list[Run]:
    if offset == long_day:
        return [Run(rng.choice((RunType.LONG, RunType.PROGRESSION)), 450, rng.randint(60, 160))]
    runs: list[Run] = []
    if offset in quality:
        runs.append(
            Run(rng.choice(QUALITY), rng.choice((360, 390, 420, 720, 1080)), rng.randint(40, 80))
        )
    elif rng.random() < 0.75:
        runs.append(Run(rng.choice(EASY), rng.choice((360, 390, 420, 720)), rng.randint(25, 60)))
    if runs and runs[0].start < 600 and rng.random() < 0.5:  # a double: an easy run later on
        runs.append(Run(rng.choice(EASY), rng.choice((1020, 1080, 1140)), rng.randint(20, 45)))
    return runs


def random_week(rng: random.Random) -> Week:
    long_day = rng.choice((5, 6))
    quality = set(rng.sample(range(7), rng.randint(0, 3)))
    days = []
    for offset in range(7):
        runs = _runs(rng, offset, long_day, quality)
        if rng.random() < 0.07:  # a race on this day
            runs = [Run(RunType.RACE, 480, rng.randint(20, 240), goal=rng.random() < 0.5)]
        fixed: tuple[StrengthSession, ...] = ()
        if rng.random() < 0.08:
            kind = rng.choice(list(StrengthKind))
            fixed = (
                StrengthSession(
                    kind, rng.choice((720, 1080, 1200)), rng.choice((20, 30, 45)), fixed=True
                ),
            )
        days.append(Day(MONDAY + timedelta(days=offset), tuple(runs), fixed))
    races = tuple(
        Race(MONDAY + timedelta(days=rng.randint(-9, 13)), goal=rng.random() < 0.6)
        for _ in range(rng.choice((0, 0, 1, 2)))
    )
    return Week(MONDAY, tuple(days), cutback=rng.random() < 0.2, races=races)


def random_athlete(rng: random.Random) -> Athlete:
    window = rng.choice(
        (
            (DEFAULT_WINDOW,),
            (Window(17 * 60, 21 * 60),),
            (Window(6 * 60, 9 * 60), Window(11 * 60, 14 * 60), Window(17 * 60, 22 * 60)),
        )
    )
    return Athlete(
        name="many",
        experience=rng.choice(list(Experience)),
        phase=rng.choice(list(Phase)),
        equipment=frozenset(rng.sample(EQUIPMENT, rng.randint(0, len(EQUIPMENT)))),
        heavy_sessions=rng.choice((None, None, None, 1, 2, 3)),
        available=tuple(window for _ in range(7)),
        one_rep_max=rng.choice(((), (("back_squat", 100.0),))),
    )


def test_check_of_thousands_of_planned_weeks_finds_nothing_new_and_races_stay_gentle():
    rng = random.Random(20261201)
    for _ in range(WEEKS):
        runner, the_week = random_athlete(rng), random_week(rng)
        plan = plan_week(runner, the_week, LIBRARY)
        said = {(d.day, d.verdict.rule) for d in (*plan.warnings, *plan.violations)}
        checked = judge(runner, plan.week, MINUTES)
        found = {(d.day, d.verdict.rule) for d in (*checked.warnings, *checked.violations)}
        assert found <= said, (runner, the_week)
        goals = [d.date for d in plan.week.days for r in d.runs if r.goal]
        goals += [r.date for r in plan.week.races if r.goal]
        for day in plan.week.days:
            planned = {s.kind for s in day.strength if not s.fixed}
            gaps = [(day.date - race).days for race in goals]
            if any(-1 <= g <= 7 for g in gaps):
                assert planned <= GENTLE, (runner, the_week, day.date)
            if 0 in gaps:
                assert not planned


def test_the_planners_shortcut_to_the_dose_gives_the_dose_check_works_out():
    """With no strength work in the week, the planner reads the dose off its own candidates;
    over thousands of weeks that is the dose `check` works out from scratch."""
    from dataclasses import replace

    from runlift.domain.checker import week_context
    from runlift.domain.planner import _WeekPlanner

    rng = random.Random(7)
    for _ in range(WEEKS // 2):
        runner, the_week = random_athlete(rng), random_week(rng)
        bare = replace(the_week, days=tuple(d.with_strength(()) for d in the_week.days))
        planner = _WeekPlanner(runner, bare, LIBRARY, None, DEFAULT_RULES)
        planner._place_main()
        assert planner.dose == week_context(runner, bare, MINUTES).dose
