"""The planner now against an earlier commit, side by side in one run, on the same workload.

Each round plans the same athlete-weeks (benchmarks/workload.py) once with this tree's code
and once with the commit's, in separate processes pinned to the same core, taking turns so
that a machine that speeds up or slows down during the run affects both alike.
Run: .venv/bin/python benchmarks/bench_planner_vs.py REV [COUNT] [ROUNDS]
(for example 3c1239b, the code before issue 10).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CHILD = """
import os, sys, time
sys.path.insert(0, {src!r}); sys.path.insert(1, {bench!r})
from workload import athlete_weeks
from runlift.catalog import load_library
from runlift.domain.planner import plan_week
assert os.path.dirname(sys.modules["runlift"].__file__).startswith({src!r})
os.sched_setaffinity(0, {{min(os.sched_getaffinity(0))}})
library = load_library(); work = athlete_weeks({count})
for athlete, week in work[:200]:
    plan_week(athlete, week, library)
started = time.perf_counter()
for athlete, week in work:
    plan_week(athlete, week, library)
print({count} / (time.perf_counter() - started))
"""


def rate(src: Path, count: int) -> float:
    code = CHILD.format(src=str(src), bench=str(HERE), count=count)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(out.stdout.strip())


def main() -> None:
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    rev = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 2_000
    rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    with tempfile.TemporaryDirectory() as tmp:
        tree = Path(tmp) / "then"
        git = ["git", "-C", str(ROOT)]
        subprocess.run([*git, "worktree", "add", "-q", "--detach", str(tree), rev], check=True)
        try:
            now, then = [], []
            for _ in range(rounds):
                now.append(rate(ROOT / "src", count))
                then.append(rate(tree / "src", count))
                time.sleep(0.2)
        finally:
            subprocess.run([*git, "worktree", "remove", "--force", str(tree)], check=True)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"athlete-weeks a round: {count}, rounds: {rounds}, load average after: {load:.2f}")
    print(f"{'code':<12} {'median':>10} {'best':>10}  weeks/s on one core")
    for name, got in ((rev, then), ("now", now)):
        print(f"{name:<12} {statistics.median(got):>10,.0f} {max(got):>10,.0f}")
    print(f"now / {rev}: {statistics.median(now) / statistics.median(then):.2f}")
    verdict = "met" if statistics.median(now) >= 2000 else "NOT met"
    print(f"target >= 2000 weeks/s on one core (now): {verdict}")


if __name__ == "__main__":
    main()
