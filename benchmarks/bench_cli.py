"""`runlift plan FILE` as a whole process: start-up, parsing, planning and printing.

Target (issue 2): at most 300 ms median. Prints its figures.
Run: .venv/bin/python benchmarks/bench_cli.py [RUNS]
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "build-intermediate.yaml"
TARGET_MS = 300


def timed(args: list[str], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(args, check=True, stdout=subprocess.DEVNULL, cwd=ROOT)
        times.append((time.perf_counter() - started) * 1000)
    return times


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    runlift = str(Path(sys.executable).with_name("runlift"))
    timed([runlift, "plan", str(EXAMPLE)], 3)  # warm the disk cache and .pyc files
    baseline = timed([sys.executable, "-c", "pass"], runs)
    print(f"python -c pass, median:                     {statistics.median(baseline):6.1f} ms")
    for label, extra in (("text", []), ("json", ["--format", "json"])):
        times = timed([runlift, "plan", str(EXAMPLE), *extra], runs)
        median = statistics.median(times)
        p90 = sorted(times)[int(0.9 * (len(times) - 1))]
        print(
            f"runlift plan FILE --format {label}, median: {median:6.1f} ms "
            f"(p90 {p90:.1f} ms, {runs} runs)"
        )
        verdict = "met" if median <= TARGET_MS else "NOT met"
        print(f"  target <= {TARGET_MS} ms median: {verdict}")


if __name__ == "__main__":
    main()
