"""Planning throughput: 10,000 random athlete-weeks in process, prescription included.

Target (issue 2): at least 2,000 weeks per second on one core. Prints its figures.
Run: .venv/bin/python benchmarks/bench_planner.py [COUNT]
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from workload import athlete_weeks

from runlift.catalog import load_library
from runlift.domain.planner import plan_week
from runlift.render import week_json

TARGET = 2000


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core, as the target says
    library = load_library()
    work = athlete_weeks(count)
    for athlete, week in work[:200]:  # warm the catalogue's caches
        plan_week(athlete, week, library)
    rounds = []
    sessions = 0
    for _ in range(3):
        started = time.perf_counter()
        for athlete, week in work:
            plan = plan_week(athlete, week, library)
        rounds.append(time.perf_counter() - started)
    for athlete, week in work:
        plan = plan_week(athlete, week, library)
        sessions += sum(len(d.strength) for d in plan.week.days)
    started = time.perf_counter()
    for athlete, week in work:
        plan = plan_week(athlete, week, library)
        week_json(plan.week, plan.reasons, plan.violations, plan.warnings, plan.notes)
    with_json = time.perf_counter() - started
    best, median = min(rounds), statistics.median(rounds)
    print(f"athlete-weeks planned:        {count}")
    print(f"strength sessions prescribed: {sessions} ({sessions / count:.1f} a week)")
    print(f"planning, median of 3 rounds: {median:.2f} s = {count / median:,.0f} weeks/s")
    print(f"planning, best round:         {best:.2f} s = {count / best:,.0f} weeks/s")
    print(f"planning + JSON rendering:    {with_json:.2f} s = {count / with_json:,.0f} weeks/s")
    verdict = "met" if count / median >= TARGET else "NOT met"
    print(f"target >= {TARGET} weeks/s on one core: {verdict}")


if __name__ == "__main__":
    main()
