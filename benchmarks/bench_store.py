"""Issue 3's figures: a five-year log loaded and `progress` rendered (target <= 1 s), and a
52-week season planned (target <= 100 ms). Prints its figures.
Run: .venv/bin/python benchmarks/bench_store.py
"""

from __future__ import annotations

import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from runlift.catalog import load_library, load_season_shape
from runlift.domain.log import ExerciseDone, RunDone, SetDone, StrengthDone
from runlift.domain.model import Day, Race, RunType, StrengthKind
from runlift.domain.season import lay_out, plan_season, season_week_days
from runlift.store import repository as repo
from runlift.tracking import Store, profile
from runlift.tracking.profiles import create_from_file

ROOT = Path(__file__).resolve().parents[1]
LIFTS = ["back_squat", "romanian_deadlift", "bench_press", "bent_over_row", "barbell_reverse_lunge"]


def seed(url: str) -> tuple[int, int]:
    """Five years: about 1,500 runs and 500 strength sessions."""
    store = Store(url)
    create_from_file(store, str(ROOT / "examples" / "build-intermediate.yaml"), date(2021, 1, 4))
    rng = random.Random(5)
    start = date(2021, 1, 4)
    runs = lifts = 0
    with store.transaction() as conn:
        prof = profile(conn, None)
        for week in range(260):
            monday = start + timedelta(weeks=week)
            for day in sorted(rng.sample(range(7), 6)):
                if runs >= 1500:
                    break
                kind = (
                    RunType.LONG
                    if day == 6
                    else rng.choice([RunType.EASY, RunType.EASY, RunType.TEMPO])
                )
                minutes = rng.randint(30, 120)
                km = minutes / rng.uniform(5, 6.5)
                repo.add_run(
                    conn,
                    prof.id,
                    RunDone(
                        monday + timedelta(days=day),
                        kind,
                        minutes,
                        round(km, 2),
                        rng.randint(130, 165),
                        rng.randint(2, 8),
                    ),
                )
                runs += 1
            for day in (1, 3):
                if lifts >= 500:
                    break
                load = 60 + week * 0.15
                exercises = tuple(
                    ExerciseDone(lift, tuple(SetDone(6, round(load, 1), 2) for _ in range(3)))
                    for lift in LIFTS[:4]
                )
                repo.add_strength(
                    conn,
                    prof.id,
                    StrengthDone(monday + timedelta(days=day), StrengthKind.HEAVY, exercises, 45),
                )
                lifts += 1
    store.engine.dispose()
    return runs, lifts


def time_progress(url: str, runs: int = 7) -> list[float]:
    runlift = str(Path(sys.executable).with_name("runlift"))
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([runlift, "progress", "--db", url], check=True, stdout=subprocess.DEVNULL)
        times.append((time.perf_counter() - started) * 1000)
    return times


def time_season(rounds: int = 20) -> list[float]:
    library = load_library()
    race = Race(date(2027, 12, 26), goal=True)
    weeks = lay_out(date(2027, 1, 4), race, 42.2, load_season_shape())[:52]
    from runlift.io.weekfile import read_plan_file

    request = read_plan_file(
        str(ROOT / "examples" / "build-intermediate.yaml"), library, date(2026, 11, 25)
    )
    typical = {i: Day(d.date, d.runs) for i, d in enumerate(request.week.days)}
    inputs = [season_week_days(w, typical, 210, 8 * 60) for w in weeks]
    plan_season(request.athlete, weeks, inputs, library, (race,))  # warm caches
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        plan_season(request.athlete, weeks, inputs, library, (race,))
        times.append((time.perf_counter() - started) * 1000)
    return times


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{folder}/five-years.db"
        started = time.perf_counter()
        runs, lifts = seed(url)
        took = time.perf_counter() - started
        print(f"seeded five years: {runs} runs, {lifts} strength sessions in {took:.1f} s")
        times = time_progress(url)
        median = statistics.median(times)
        print(f"`runlift progress` on it, whole process, median of {len(times)}: {median:.0f} ms")
        print(f"  (max {max(times):.0f} ms)")
        print(f"  target <= 1000 ms: {'met' if median <= 1000 else 'NOT met'}")
    season = time_season()
    median = statistics.median(season)
    print(f"a 52-week season planned, in process, median of {len(season)}: {median:.1f} ms")
    print(f"  (max {max(season):.1f} ms)")
    print(f"  target <= 100 ms: {'met' if median <= 100 else 'NOT met'}")


if __name__ == "__main__":
    main()
