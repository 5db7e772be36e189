"""Importing a runner's archive end to end: seconds, MB/s and peak memory, and FIT decoding
throughput on the same files against fitdecode and fitparse, in the same run.

Goals (the import issue): decoding at least 50x fitdecode with CRCs checked; the whole import
of 1,000 runs in at most 30 s; peak memory at most 500 MB.
Run: .venv/bin/python benchmarks/bench_import.py [--runs N] [--sample K] [--quick]

The archive is a Strava bulk export: `export_bench.zip` holding `activities.csv` and
`activities/`, one file per run of bench_fit.py's generator (1 Hz, 30-150 min, heart rate,
cadence, a lap a kilometre): most as `.fit.gz`, one in twenty as `.gpx` and one in twenty as
`.tcx.gz` (converted from the same run: every record a track point, the FIT laps as TCX laps).
It is written once per size into the temp folder.

The import is what `runlift import export.zip` does (runlift.tracking.activities into a fresh
SQLite file holding one athlete): timed once as the whole `runlift import` process (its peak
RSS is the memory goal), then in process (timed), then in process again under tracemalloc
(not timed: tracing slows it down) for the peak of Python and numpy allocations. MB/s is the
activity bytes once inflated (what the readers parse) over the seconds. Decoding: runlift.io.fit
reads every FIT file of the archive; fitdecode and fitparse read a sample of K of them and
their time for all of them is extrapolated from their MB/s (the table says so).
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
import zipfile
from datetime import UTC, date, datetime
from pathlib import Path

from bench_fit import DECODERS, archive, timed

from runlift.io.activities import DEFAULT_LIMITS, listing
from runlift.io.fit import decode
from runlift.tracking import Store, profile
from runlift.tracking.activities import import_activities
from runlift.tracking.profiles import create_from_file

ROOT = Path(__file__).resolve().parents[1]
GOAL_RATIO, GOAL_SECONDS, GOAL_MB = 50.0, 30.0, 500.0
TODAY = date(2026, 12, 1)


def _stamp(unix: float) -> str:
    return f"{datetime.fromtimestamp(unix, UTC):%Y-%m-%dT%H:%M:%SZ}"


def as_gpx(data: bytes, title: str) -> bytes:
    """The FIT run as Strava writes a GPX: one segment, heart rate and cadence per point."""
    r = decode(data).records
    rows = [
        f'<trkpt lat="{lat:.7f}" lon="{lon:.7f}"><ele>{ele:.1f}</ele><time>{_stamp(t)}</time>'
        f"<extensions><gpxtpx:TrackPointExtension><gpxtpx:hr>{hr:.0f}</gpxtpx:hr>"
        f"<gpxtpx:cad>{cad:.0f}</gpxtpx:cad></gpxtpx:TrackPointExtension></extensions></trkpt>"
        for t, lat, lon, ele, hr, cad in zip(
            r.timestamp, r.position_lat, r.position_long, r.altitude, r.heart_rate, r.cadence,
            strict=True,
        )
    ]  # fmt: skip
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<gpx creator="StravaGPX" version="1.1" '
        'xmlns="http://www.topografix.com/GPX/1/1" '
        'xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">\n'
        f"<metadata><time>{_stamp(r.timestamp[0])}</time></metadata>\n"
        f"<trk><name>{title}</name><type>running</type><trkseg>\n"
        + "\n".join(rows)
        + "\n</trkseg></trk></gpx>\n"
    ).encode()


def as_tcx(data: bytes) -> bytes:
    """The FIT run as Garmin writes a TCX: its laps, each with its track points."""
    fit = decode(data)
    r = fit.records
    laps = []
    first = 0
    for lap in fit.laps:
        end = lap.timestamp.timestamp() if lap.timestamp else r.timestamp[-1]
        last = int((r.timestamp <= end).sum())
        points = "".join(
            f"<Trackpoint><Time>{_stamp(r.timestamp[i])}</Time><Position><LatitudeDegrees>"
            f"{r.position_lat[i]:.7f}</LatitudeDegrees><LongitudeDegrees>{r.position_long[i]:.7f}"
            f"</LongitudeDegrees></Position><AltitudeMeters>{r.altitude[i]:.1f}</AltitudeMeters>"
            f"<DistanceMeters>{r.distance[i]:.1f}</DistanceMeters><HeartRateBpm><Value>"
            f"{r.heart_rate[i]:.0f}</Value></HeartRateBpm><Cadence>{r.cadence[i]:.0f}</Cadence>"
            "</Trackpoint>"
            for i in range(first, last)
        )
        started = lap.start_time.timestamp() if lap.start_time else r.timestamp[first]
        laps.append(
            f'<Lap StartTime="{_stamp(started)}"><TotalTimeSeconds>{lap.total_timer_time:.1f}'
            f"</TotalTimeSeconds><DistanceMeters>{lap.total_distance:.1f}</DistanceMeters>"
            f"<AverageHeartRateBpm><Value>{lap.avg_heart_rate}</Value></AverageHeartRateBpm>"
            f"<MaximumHeartRateBpm><Value>{lap.max_heart_rate}</Value></MaximumHeartRateBpm>"
            "<Intensity>Active</Intensity><TriggerMethod>Distance</TriggerMethod>"
            f"<Track>{points}</Track></Lap>\n"
        )
        first = last
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<TrainingCenterDatabase '
        'xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"><Activities>'
        f'<Activity Sport="Running"><Id>{_stamp(r.timestamp[0])}</Id>\n'
        + "".join(laps)
        + "</Activity></Activities></TrainingCenterDatabase>\n"
    ).encode()


def export_zip(runs: int) -> Path:
    """A Strava bulk export of the generated runs, written once per size."""
    path = Path(tempfile.gettempdir()) / f"runlift-bench-import-v1-{runs}" / "export_bench.zip"
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".part")
    table = io.StringIO()
    writer = csv.writer(table)
    writer.writerow(["Activity ID", "Activity Date", "Activity Name", "Activity Type",
                     "Elapsed Time", "Distance", "Filename"])  # fmt: skip
    with zipfile.ZipFile(tmp, "w") as out:
        for n, fit_path in enumerate(archive(runs)):
            data = fit_path.read_bytes()
            ident = 9_000_000_000 + n
            title = f"Morning Run {n}"
            if n % 20 == 7:
                name, blob, how = f"activities/{ident}.gpx", as_gpx(data, title), "deflate"
            elif n % 20 == 14:
                name, blob, how = f"activities/{ident}.tcx.gz", gzip.compress(as_tcx(data)), "store"
            else:
                name, blob, how = f"activities/{ident}.fit.gz", gzip.compress(data), "store"
            kind = zipfile.ZIP_DEFLATED if how == "deflate" else zipfile.ZIP_STORED
            out.writestr(name, blob, compress_type=kind)
            writer.writerow([ident, "", title, "Run", "", "", name])
        out.writestr("activities.csv", table.getvalue(), compress_type=zipfile.ZIP_DEFLATED)
        out.writestr("profile.csv", "Email Address\nrunner@example.com\n")  # ignored
    tmp.replace(path)
    return path


def inflated(path: Path) -> tuple[list[bytes], int]:
    """The FIT files of the export (decompressed), and all activity bytes once inflated."""
    fits, total = [], 0
    with zipfile.ZipFile(path) as archive_zip:
        for info in archive_zip.infolist():
            if not info.filename.startswith("activities/"):
                continue
            data = archive_zip.read(info)
            if info.filename.endswith(".gz"):
                data = gzip.decompress(data)
            total += len(data)
            if ".fit" in info.filename:
                fits.append(data)
    return fits, total


def fresh_store(folder: Path, label: str) -> str:
    url = f"sqlite:///{folder}/{label}.db"
    store = Store(url)
    create_from_file(store, str(ROOT / "examples" / "build-intermediate.yaml"), TODAY)
    store.engine.dispose()
    return url


def import_in_process(path: Path, url: str) -> tuple[float, dict[str, int]]:
    store = Store(url)
    began = time.perf_counter()
    with listing([str(path)], DEFAULT_LIMITS) as found, store.transaction() as conn:
        report = import_activities(conn, profile(conn, None).id, found, DEFAULT_LIMITS, TODAY, UTC)
    seconds = time.perf_counter() - began
    store.engine.dispose()
    counts = {s: report.count(s) for s in ("imported", "duplicate", "skipped", "error")}
    return seconds, counts


def import_process(path: Path, url: str) -> tuple[float, float, dict[str, int]]:
    """`runlift import` as its own process: seconds, its peak RSS in MB, the counts."""
    runlift = str(Path(sys.executable).with_name("runlift"))
    began = time.perf_counter()
    done = subprocess.run(
        [runlift, "import", str(path), "--db", url, "--tz", "UTC", "--format", "json"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    seconds = time.perf_counter() - began
    if done.returncode != 0:
        sys.exit(f"runlift import failed ({done.returncode}): {done.stderr[-2000:]}")
    # The only child this process has waited for so far: its own peak.
    rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    answer = json.loads(done.stdout)
    counts = {k: answer[k] for k in ("imported", "duplicates", "skipped", "errors")}
    return seconds, rss, counts


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1000)
    parser.add_argument("--sample", type=int, default=10, help="files fitdecode/fitparse read")
    parser.add_argument("--quick", action="store_true", help="30 runs, 1 sampled")
    args = parser.parse_args()
    runs, sample = (30, 1) if args.quick else (args.runs, args.sample)
    began = time.perf_counter()
    path = export_zip(runs)
    fits, total = inflated(path)
    zip_mb, mb = path.stat().st_size / 1e6, total / 1e6
    print(f"export of {runs} runs ready in {time.perf_counter() - began:.1f} s: {path.name}, "
          f"{zip_mb:.1f} MB zipped, {mb:.1f} MB of activity files inflated "
          f"({len(fits)} FIT, {runs - len(fits)} GPX and TCX)")  # fmt: skip
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        proc_s, proc_rss, proc_counts = import_process(path, fresh_store(work, "process"))
        in_s, counts = import_in_process(path, fresh_store(work, "in-process"))
        tracemalloc.start()
        import_in_process(path, fresh_store(work, "traced"))
        traced = tracemalloc.get_traced_memory()[1] / 1e6
        tracemalloc.stop()
    own_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    rows = decoding(fits, sample)
    rate = {name: r[3] for name, *r in rows}
    ratio = rate["runlift.io.fit"] / rate["fitdecode 0.11"]
    worst_s = max(proc_s, in_s)

    print(f"\nImport of {runs} runs (Strava export zip, {zip_mb:.1f} MB; "
          f"{mb:.1f} MB inflated) into a fresh SQLite file")  # fmt: skip
    print(f"{'how':<38}{'seconds':>9}{'MB/s':>8}{'peak MB':>9}  imported/dup/skipped/errors")
    print(
        f"{'`runlift import` (whole process)':<38}{proc_s:>9.2f}{mb / proc_s:>8.1f}"
        f"{proc_rss:>9.0f}  {'/'.join(map(str, proc_counts.values()))}  (peak RSS)"
    )
    print(
        f"{'in process':<38}{in_s:>9.2f}{mb / in_s:>8.1f}{'':>9}  "
        f"{'/'.join(map(str, counts.values()))}"
    )
    print(f"{'in process, under tracemalloc':<38}{'-':>9}{'-':>8}{traced:>9.0f}  "
          "(tracemalloc peak)")  # fmt: skip
    print(
        f"(this benchmark process's own peak RSS, the archive's FIT bytes held: {own_rss:.0f} MB)"
    )

    print(f"\nFIT decoding, CRC checked, the export's {len(fits)} FIT files ({mb_of(fits):.1f} MB)")
    print(f"{'decoder':<16}{'files read':>12}{'MB read':>9}{'seconds':>9}{'MB/s':>9}"
          f"{'all FIT s':>11}{'x fitdecode':>13}{'records':>9}")  # fmt: skip
    for name, files, use_mb, seconds, mbs, all_s, mark, records in rows:
        print(f"{name:<16}{files:>12}{use_mb:>9.2f}{seconds:>9.2f}{mbs:>9.2f}{all_s:>10.1f}"
              f"{mark:1}{mbs / rate['fitdecode 0.11']:>13.1f}{records:>9}")  # fmt: skip
    if any(r[6] for r in rows):
        print("* extrapolated from the sample's MB/s to all the FIT files")

    xml_reading(fits[: 3 if args.quick else XML_RUNS])  # the quick mode only shows it runs

    print("\nGoals")
    print(f"  {verdict(ratio >= GOAL_RATIO)}  decoding {ratio:.0f}x fitdecode, CRCs checked "
          f"(goal >= {GOAL_RATIO:.0f}x)")  # fmt: skip
    print(f"  {verdict(worst_s <= GOAL_SECONDS)}  whole import {worst_s:.1f} s "
          f"(goal <= {GOAL_SECONDS:.0f} s; the slower of process and in process)")  # fmt: skip
    print(f"  {verdict(proc_rss <= GOAL_MB)}  peak memory {proc_rss:.0f} MB RSS of the import "
          f"process, {traced:.0f} MB traced (goal <= {GOAL_MB:.0f} MB)")  # fmt: skip


XML_RUNS = 20


def xml_reading(fits: list[bytes]) -> None:
    """The same runs as GPX and TCX: runlift's readers (defusedxml on the prolog, lxml
    streaming the body, the stream signals worked out) against defusedxml parsing alone."""
    from defusedxml.ElementTree import fromstring

    from runlift.io.activities import read_activity

    print(f"\nGPX and TCX reading, {len(fits)} of the runs written as each (whole reader, "
          "stream signals included)")  # fmt: skip
    print(f"{'reader':<44}{'MB':>7}{'ms a run':>10}{'MB/s':>8}{'1,000 runs s':>14}")
    for kind, convert in (("gpx", lambda d: as_gpx(d, "run")), ("tcx", as_tcx)):
        blobs = [convert(d) for d in fits]
        use_mb = mb_of(blobs)
        for label, read in (
            (f"runlift read_activity ({kind})", lambda b, k=kind: read_activity(b, "run", k)),
            (f"defusedxml fromstring alone ({kind}, no data)", fromstring),
        ):
            read(blobs[0])
            began = time.perf_counter()
            for blob in blobs:
                read(blob)
            seconds = time.perf_counter() - began
            each = seconds / len(blobs)
            print(f"{label:<44}{use_mb:>7.1f}{each * 1000:>10.1f}{use_mb / seconds:>8.1f}"
                  f"{each * 1000:>14.0f}")  # fmt: skip


def mb_of(blobs: list[bytes]) -> float:
    return sum(map(len, blobs)) / 1e6


def decoding(
    fits: list[bytes], sample: int
) -> list[tuple[str, str, float, float, float, float, str, int]]:
    """Per decoder: files, MB read, seconds, MB/s, seconds for all, extrapolated?, records."""
    some = fits[:: max(1, len(fits) // sample)][:sample]
    rows = []
    for name, decoder in DECODERS.items():
        whole = name.startswith("runlift") or len(some) == len(fits)
        use = fits if whole else some
        decoder(use[0])  # imports and caches warm
        seconds, records = timed(decoder, use)
        mbs = mb_of(use) / seconds
        files = f"{len(use)}" if whole else f"{len(use)} (sample)"
        rows.append(
            (name, files, mb_of(use), seconds, mbs, mb_of(fits) / mbs, "" if whole else "*",
             records)
        )  # fmt: skip
    return rows


if __name__ == "__main__":
    main()
