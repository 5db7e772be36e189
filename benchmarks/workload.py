"""Random but realistic athlete-weeks for the benchmarks, from a fixed seed."""

from __future__ import annotations

import random
from datetime import date, timedelta

from runlift.domain.model import (
    DEFAULT_WINDOW,
    EQUIPMENT,
    Athlete,
    Day,
    Experience,
    Phase,
    Run,
    RunType,
    Week,
    Window,
)

EASY = [RunType.EASY, RunType.RECOVERY, RunType.SHAKEOUT]
QUALITY = [RunType.INTERVALS, RunType.THRESHOLD, RunType.TEMPO, RunType.HILLS, RunType.FARTLEK]
KITS = [
    frozenset(),
    frozenset({"bands", "mini_bands"}),
    frozenset({"bands", "dumbbells"}),
    frozenset({"dumbbells", "kettlebell", "bands", "box"}),
    frozenset(EQUIPMENT),
]


MAXES = [(), (("back_squat", 100.0), ("deadlift", 120.0)), (("goblet_squat", 32.0),)]


def random_week(rng: random.Random, start: date) -> Week:
    days = []
    quality_days = set(rng.sample(range(6), rng.randint(0, 3)))
    long_day = rng.choice([5, 6])
    for offset in range(7):
        runs: list[Run] = []
        if offset == long_day:
            runs.append(Run(RunType.LONG, 7 * 60 + 30, rng.randint(70, 150)))
        elif offset in quality_days:
            at = rng.choice([360, 390, 420, 1080])
            runs.append(Run(rng.choice(QUALITY), at, rng.randint(40, 80)))
        elif rng.random() < 0.7:
            at = rng.choice([360, 390, 420, 720])
            runs.append(Run(rng.choice(EASY), at, rng.randint(25, 60)))
        days.append(Day(start + timedelta(days=offset), tuple(runs)))
    return Week(start, tuple(days), cutback=rng.random() < 0.2)


def random_athlete(rng: random.Random) -> Athlete:
    evenings = rng.random() < 0.5
    window = (Window(17 * 60, 21 * 60),) if evenings else (DEFAULT_WINDOW,)
    return Athlete(
        name="bench",
        experience=rng.choice(list(Experience)),
        phase=rng.choice(list(Phase)),
        equipment=rng.choice(KITS),
        heavy_sessions=rng.choice([None, None, None, 1, 2, 3]),
        available=tuple(window for _ in range(7)),
        one_rep_max=rng.choice(MAXES),
    )


def athlete_weeks(count: int, seed: int = 2026) -> list[tuple[Athlete, Week]]:
    rng = random.Random(seed)
    start = date(2026, 11, 30)
    return [(random_athlete(rng), random_week(rng, start)) for _ in range(count)]
