"""FIT decoding speed: runlift.io.fit against fitdecode and fitparse on a runner's archive.

Target (the FIT issue): at least 50x fitdecode's throughput, CRCs checked.
Run: .venv/bin/python benchmarks/bench_fit.py [--runs N] [--sample K] [--quick]

The archive is N runs written by runlift's own FIT writer from a fixed seed (1 Hz records with
time, position, distance, speed, altitude, heart rate, cadence, temperature; a lap message
after every kilometre, events, a session), cached in the temp folder. Every decoder reads the
bytes from memory. fitdecode and fitparse take about a second per megabyte, so they decode a
sample of K files and their time for the archive is extrapolated from their MB/s (the table
says so). runlift reads the whole archive. Peak memory is tracemalloc's peak while decoding
the largest file of the sample (nothing is timed in that pass). With the shared device files
next to the repo, a second table times every decoder on all of them.
"""

from __future__ import annotations

import argparse
import io
import resource
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import numpy as np

from runlift.io.fit import decode
from runlift.io.fit.encode import ENUM, UINT8, UINT16, UINT32, FitWriter

ROOT = Path(__file__).resolve().parents[1]
SHARED = next(
    (
        p
        for p in (
            ROOT.parent / "shared" / "data" / "activities",
            Path("/work/shared/data/activities"),
        )
        if p.is_dir()
    ),
    ROOT.parent / "shared" / "data" / "activities",
)
TARGET = 50.0
SINT8, SINT32 = 0x01, 0x85
RECORD = [
    (253, 4, UINT32),
    (0, 4, SINT32),
    (1, 4, SINT32),
    (5, 4, UINT32),
    (78, 4, UINT32),
    (73, 4, UINT32),
    (3, 1, UINT8),
    (4, 1, UINT8),
    (13, 1, SINT8),
    (53, 1, UINT8),
]
LAP = [
    (253, 4, UINT32),
    (2, 4, UINT32),
    (7, 4, UINT32),
    (8, 4, UINT32),
    (9, 4, UINT32),
    (15, 1, UINT8),
    (16, 1, UINT8),
    (25, 1, ENUM),
]
SESSION = [
    (253, 4, UINT32),
    (2, 4, UINT32),
    (7, 4, UINT32),
    (8, 4, UINT32),
    (9, 4, UINT32),
    (16, 1, UINT8),
    (17, 1, UINT8),
    (5, 1, ENUM),
    (6, 1, ENUM),
]
EVENT = [(253, 4, UINT32), (0, 1, ENUM), (1, 1, ENUM)]


def one_run(rng: np.random.Generator, start: int) -> bytes:
    """A run of 30-150 minutes at 1 Hz, as a watch would write it."""
    seconds = int(rng.integers(30 * 60, 150 * 60 + 1))
    t = np.arange(seconds)
    speed = np.clip(3.0 + 0.4 * np.sin(t / 300) + rng.normal(0, 0.15, seconds), 1.0, 6.0)
    distance = np.cumsum(speed)
    heart = np.clip(135 + 20 * (1 - np.exp(-t / 600)) + rng.normal(0, 2, seconds), 60, 200)
    lat = 52.37 + np.cumsum(rng.normal(0, 2e-5, seconds))
    long = 4.89 + np.cumsum(rng.normal(0, 2e-5, seconds))
    semi = 2**31 / 180
    altitude = ((20 + 5 * np.sin(t / 900) + 500) * 5).astype(np.uint32)
    cols = [
        start + t,
        (lat * semi).astype(np.int32),
        (long * semi).astype(np.int32),
        (distance * 100).astype(np.uint32),
        altitude,
        (speed * 1000).astype(np.uint32),
        heart.astype(np.uint8),
        (85 + rng.integers(-3, 4, seconds)).astype(np.uint8),
        np.full(seconds, 21),
        rng.integers(0, 128, seconds),
    ]
    w = FitWriter()
    w.define(0, 0, [(0, 1, ENUM), (1, 2, UINT16), (2, 2, UINT16), (4, 4, UINT32)])
    w.write(0, [[4], [1], [2697], [start]])
    w.define(1, 21, EVENT)
    w.write(1, [[start], [0], [0]])
    w.define(2, 20, RECORD)
    w.define(3, 19, LAP)
    laps = [*np.searchsorted(distance, np.arange(1000, distance[-1], 1000)).tolist(), seconds]
    first = 0
    for index, last in enumerate(laps):
        if last <= first:
            continue
        w.write(2, [c[first:last] for c in cols])
        lap_m = distance[last - 1] - (distance[first - 1] if first else 0)
        w.write(
            3,
            [
                [start + last - 1],
                [start + first],
                [(last - first) * 1000],
                [(last - first) * 1000],
                [int(lap_m * 100)],
                [int(heart[first:last].mean())],
                [int(heart[first:last].max())],
                [1],
            ],
        )
        if index % 5 == 4:
            w.write(1, [[start + last - 1], [0], [3]])  # a marker event now and then
        first = last
    w.write(1, [[start + seconds - 1], [0], [4]])
    w.define(4, 18, SESSION)
    w.write(
        4,
        [
            [start + seconds - 1],
            [start],
            [seconds * 1000],
            [seconds * 1000],
            [int(distance[-1] * 100)],
            [int(heart.mean())],
            [int(heart.max())],
            [1],
            [0],
        ],
    )
    return w.finish()


def archive(runs: int) -> list[Path]:
    """The archive's files, written once per size into the temp folder."""
    folder = Path(tempfile.gettempdir()) / f"runlift-bench-fit-v1-{runs}"
    paths = [folder / f"run-{n:05d}.fit" for n in range(runs)]
    if all(p.exists() for p in paths):
        return paths
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(20261201)
    start = 1_000_000_000  # FIT seconds: 2021-09-08
    for path in paths:
        data = one_run(rng, start)
        tmp = path.with_suffix(".part")
        tmp.write_bytes(data)
        tmp.replace(path)
        start += 86400
    return paths


def run_runlift(data: bytes) -> int:
    fit = decode(data, check_crc=True)
    return len(fit.records)


def run_fitdecode(data: bytes) -> int:
    import fitdecode

    count = 0
    with fitdecode.FitReader(io.BytesIO(data), check_crc=fitdecode.CrcCheck.RAISE) as reader:
        for frame in reader:
            if isinstance(frame, fitdecode.FitDataMessage) and frame.global_mesg_num == 20:
                count += 1
    return count


def run_fitparse(data: bytes) -> int:
    import fitparse

    fit = fitparse.FitFile(data, check_crc=True)
    return sum(1 for _ in fit.get_messages("record"))


DECODERS: dict[str, Callable[[bytes], int]] = {
    "runlift.io.fit": run_runlift,
    "fitdecode 0.11": run_fitdecode,
    "fitparse 1.2": run_fitparse,
}


def timed(decoder: Callable[[bytes], int], blobs: list[bytes]) -> tuple[float, int]:
    began = time.perf_counter()
    records = sum(decoder(b) for b in blobs)
    return time.perf_counter() - began, records


def peak_mb(decoder: Callable[[bytes], int], data: bytes) -> float:
    tracemalloc.start()
    decoder(data)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 1e6


def table(title: str, blobs: list[bytes], sample: int) -> None:
    total_mb = sum(map(len, blobs)) / 1e6
    some = blobs[:: max(1, len(blobs) // sample)][:sample]
    some_mb = sum(map(len, some)) / 1e6
    largest = max(some, key=len)
    print(f"\n{title}: {len(blobs)} files, {total_mb:.1f} MB")
    head = f"{'decoder':<16}{'files read':>12}{'MB read':>9}{'seconds':>9}{'MB/s':>9}"
    print(head + f"{'archive s':>11}{'x fitdecode':>13}{'records':>9}{'peak MB':>9}")
    rates: dict[str, float] = {}
    rows: list[tuple[str, str, float, float, float, str, int, float]] = []
    for name, decoder in DECODERS.items():
        whole = name.startswith("runlift") or len(some) == len(blobs)
        use, use_mb = (blobs, total_mb) if whole else (some, some_mb)
        decoder(use[0])  # warm up imports and caches
        seconds, records = timed(decoder, use)
        rates[name] = use_mb / seconds
        files = f"{len(use)}" if whole else f"{len(use)} (sample)"
        mark = "" if whole else "*"
        rows.append((name, files, use_mb, seconds, total_mb / rates[name], mark, records,
                     peak_mb(decoder, largest)))  # fmt: skip
    for name, files, use_mb, seconds, archive_s, mark, records, peak in rows:
        ratio = rates[name] / rates["fitdecode 0.11"]
        print(
            f"{name:<16}{files:>12}{use_mb:>9.2f}{seconds:>9.2f}{rates[name]:>9.2f}"
            f"{archive_s:>10.1f}{mark:1}{ratio:>13.1f}{records:>9}{peak:>9.2f}"
        )
    ratio = rates["runlift.io.fit"] / rates["fitdecode 0.11"]
    if len(some) < len(blobs):
        print("* extrapolated from the sample's MB/s to the whole archive")
    print(f"runlift.io.fit / fitdecode: {ratio:.0f}x")
    print(f"target >= {TARGET:.0f}x fitdecode: {'met' if ratio >= TARGET else 'NOT met'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1000)
    parser.add_argument("--sample", type=int, default=10)
    parser.add_argument("--quick", action="store_true", help="20 runs, 1 sampled, no device files")
    args = parser.parse_args()
    runs, sample = (20, 1) if args.quick else (args.runs, args.sample)
    began = time.perf_counter()
    paths = archive(runs)
    print(f"archive of {runs} runs ready in {time.perf_counter() - began:.1f} s")
    blobs = [p.read_bytes() for p in paths]
    table(f"Generated archive ({runs} runs, 30-150 min at 1 Hz)", blobs, sample)
    real = sorted(SHARED.glob("*.fit"))
    if real and not args.quick:
        table("Shared device files", [p.read_bytes() for p in real], len(real))
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\nprocess peak RSS (archive bytes held in memory included): {rss:.0f} MB")


if __name__ == "__main__":
    main()
