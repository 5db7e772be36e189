"""Importing activity files into the log: each run read from a FIT, GPX or TCX file becomes a
logged run (so it feeds monitoring like a run logged by hand), typed by its intensity; other
sports are listed as skipped; a file seen before is skipped as a duplicate; a file that cannot
be read is one error line and saves nothing, while the rest go on.

Reading (the slow part) happens before the database is touched; each run is then stored in
a savepoint of its own."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, date, tzinfo
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.exc import SQLAlchemyError

from runlift.domain.activity import (
    Activity,
    RaceCall,
    Reading,
    Thresholds,
    UsualDay,
    classify,
    race_call,
    sport_call,
    sport_named,
    threshold_pace_from_race,
    typical_week,
)
from runlift.domain.log import RaceResult, RunDone
from runlift.domain.model import WEEKDAYS, RunType
from runlift.domain.runclass import RunWords
from runlift.domain.runsignals import zone_minutes
from runlift.io.activities import ActivityError, Entry, Limits, Listing, read_activity
from runlift.io.planimport import load_run_words
from runlift.store import activityrepo
from runlift.store import repository as repo
from runlift.tracking.usual_week import USUAL_WEEKS, keep_usual_week

RACE_WINDOW_DAYS = 365  # a race older than a year says little about today's threshold
MIN_RUNS_FOR_MAX_HR = 3  # one run's peak says little about the runner's maximum


@dataclass(frozen=True, slots=True)
class Read:
    """One entry after reading: its activity or its error, and the hash of its bytes."""

    entry: Entry
    activity: Activity | None
    error: str | None = None
    digest: str = ""


@dataclass(frozen=True, slots=True)
class Outcome:
    name: str
    status: str  # imported, duplicate, skipped or error
    reason: str
    summary: dict[str, Any] | None = None
    run_id: int | None = None


@dataclass
class ImportReport:
    outcomes: list[Outcome] = field(default_factory=list)
    thresholds: Thresholds = field(default_factory=Thresholds)
    usual_week: tuple[UsualDay, ...] = ()
    ignored: int = 0
    week_kept: bool = False  # the usual week was stored as the typical week

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)


def read_all(
    found: Listing, limits: Limits, step: Callable[[Entry], None] | None = None
) -> list[Read]:
    """Read every entry of the listing, one at a time; `step` is called after each."""
    out = []
    for entry in found.entries:
        out.append(read_one(entry, limits))
        if step is not None:
            step(entry)
    return out


def read_one(entry: Entry, limits: Limits) -> Read:
    try:
        data = entry.load()
        digest = hashlib.sha256(data).hexdigest()
        activity = read_activity(data, entry.name, entry.kind, limits)
    except ActivityError as error:
        return Read(entry, None, error.reason)
    except (ValueError, ArithmeticError, LookupError, RecursionError, MemoryError) as error:
        # A reader's own bug must stay one file's error too; the message says what it was.
        return Read(entry, None, f"could not be read ({type(error).__name__}: {error})"[:300])
    if activity.sport is None and entry.sport:
        activity = replace(activity, sport=sport_named(entry.sport))
    if entry.title and not activity.name:
        activity = replace(activity, name=entry.title)
    return Read(entry, activity, None, digest)


def max_hr_for(
    conn: Connection, athlete_id: int, runs: list[Activity], max_hr: float | None
) -> tuple[float | None, str | None]:
    """The runner's maximum heart rate, as given or the highest seen in their runs (imported
    now and before, once three or more have one), and where it came from."""
    if max_hr is not None:
        return max_hr, "max heart rate as given"
    seen = [a.max_hr for a in runs if a.max_hr]
    seen += [s["max_hr"] for s in activityrepo.imported_summaries(conn, athlete_id)
             if s.get("max_hr")]  # fmt: skip
    if len(seen) < MIN_RUNS_FOR_MAX_HR:
        return None, None
    highest = max(seen)
    return highest, f"max heart rate {highest:.0f}, the highest seen in {len(seen)} of your runs"


def thresholds_for(
    conn: Connection,
    athlete_id: int,
    runs: list[Activity],
    today: date,
    max_hr: float | None = None,
    threshold_pace: float | None = None,
    races: list[RaceResult] | None = None,
) -> Thresholds:
    """The runner's maximum heart rate and threshold pace: as given; else the pace from the
    best recent race or time trial (logged, or found in this import: `races`), and the
    highest heart rate seen in their runs."""
    max_hr, source = max_hr_for(conn, athlete_id, runs, max_hr)
    sources = [source] if source else []
    if threshold_pace is not None:
        sources.append("threshold pace as given")
    else:
        known = repo.list_results(conn, athlete_id) + (races or [])
        recent = [r for r in known
                  if 0 <= (today - r.date).days <= RACE_WINDOW_DAYS and r.seconds > 0]  # fmt: skip
        if recent:
            paces = [(threshold_pace_from_race(r.distance_km, r.seconds), r) for r in recent]
            threshold_pace, best = min(paces, key=lambda p: p[0])
            sources.append(f"threshold pace from your {best.distance_km:g} km on {best.date}")
    return Thresholds(max_hr, threshold_pace, "; ".join(sources) or "none known")


def stream_summary(activity: Activity, max_hr: float | None) -> dict[str, Any]:
    """What the record stream gave, for the stored summary: drift, best efforts (metres by
    seconds) and, when the maximum heart rate is known, minutes in each zone."""
    stream = activity.stream
    if stream is None:
        return {"drift_pct": None, "best_efforts": {}, "zone_minutes": None}
    zones = zone_minutes(stream.hr_seconds, max_hr) if max_hr and stream.hr_seconds else None
    return {
        "drift_pct": stream.drift_pct,
        "best_efforts": {str(seconds): metres for seconds, metres in stream.efforts},
        "zone_minutes": None if zones is None else list(zones),
    }


def summary_of(
    activity: Activity, reading: Reading | None, day: date | None, max_hr: float | None = None
) -> dict[str, Any]:
    pace = activity.pace
    return {
        "start": None if activity.start is None else activity.start.isoformat(),
        "date": None if day is None else day.isoformat(),
        "sport": activity.sport,
        "name": activity.name,
        "minutes": round(activity.seconds / 60, 1),
        "distance_km": None
        if activity.distance_m is None
        else round(activity.distance_m / 1000, 2),
        "pace_s_per_km": None if pace is None else round(pace),
        "avg_hr": None if activity.avg_hr is None else round(activity.avg_hr),
        "max_hr": None if activity.max_hr is None else round(activity.max_hr),
        "laps": [
            {
                "minutes": round(lap.seconds / 60, 2),
                "distance_km": None if lap.distance_m is None else round(lap.distance_m / 1000, 3),
                "avg_hr": None if lap.avg_hr is None else round(lap.avg_hr),
            }
            for lap in activity.laps
        ],
        "type": None if reading is None else reading.type.value,
        "hard": None if reading is None else reading.hard,
        "why": None if reading is None else reading.reason,
        "repeats": None if reading is None else reading.repeats,
        **stream_summary(activity, max_hr),
    }


def _started(activity: Activity) -> str | None:
    if activity.start is None:
        return None
    return activity.start.astimezone(UTC).replace(microsecond=0).isoformat()


def store_all(
    conn: Connection,
    athlete_id: int,
    reads: list[Read],
    thresholds: Thresholds,
    zone: tzinfo | None,
    races: dict[int, RaceFound] | None = None,
) -> list[Outcome]:
    """Log each readable run in a savepoint of its own; list the rest with their reason. A
    run named as a race (`races`, by its place in `reads`) is typed a race and, when it is
    the day's fastest at its distance, logs its result (unless one is logged already)."""
    races = races if races is not None else {}
    activityrepo.begin_writing(conn, athlete_id)
    out = []
    for index, read in enumerate(reads):
        name = read.entry.name
        if read.activity is None:
            out.append(Outcome(name, "error", read.error or "could not be read"))
            continue
        activity = read.activity
        call = sport_call(activity)
        if not call.run:
            out.append(Outcome(name, "skipped", call.reason, summary_of(activity, None, None)))
            continue
        if activity.start is None or activity.seconds <= 0:
            out.append(Outcome(name, "skipped", "no start time or no moving time recorded"))
            continue
        day = activity.start.astimezone(zone).date()
        found_race = races.get(index)
        race = None if found_race is None else found_race.call
        reading = classify(activity, thresholds)
        if race is not None:
            reading = Reading(RunType.RACE, True, race.reason)
        summary = summary_of(activity, reading, day, thresholds.max_hr)
        if race is not None:
            summary["race"] = {
                "distance_km": race.result.distance_km,
                "seconds": race.result.seconds,
                "time_trial": race.result.time_trial,
            }
        started = _started(activity)
        before = activityrepo.imported_already(conn, athlete_id, read.digest, started)
        if before is not None:
            out.append(Outcome(name, "duplicate", f"imported before from {before}", summary))
            continue
        run = RunDone(
            day,
            reading.type,
            round(activity.seconds / 60, 1),
            None if activity.distance_m is None else round(activity.distance_m / 1000, 2),
            None if activity.avg_hr is None else round(activity.avg_hr),
        )
        try:
            with conn.begin_nested():
                run_id = activityrepo.add_imported_run(
                    conn, athlete_id, run, read.digest, started, name, summary
                )
                if found_race is not None and found_race.fastest:
                    _log_result(conn, athlete_id, found_race.call)
        except SQLAlchemyError as error:
            reason = str(getattr(error, "orig", None) or error).splitlines()[0][:160]
            out.append(Outcome(name, "error", f"could not be stored ({reason})", summary))
            continue
        out.append(Outcome(name, "imported", reading.reason, summary, run_id))
    return out


def _log_result(conn: Connection, athlete_id: int, race: RaceCall) -> None:
    """The race's result, unless the runner logged one that day at about that distance."""
    if not any(_same_race(old, race.result) for old in repo.list_results(conn, athlete_id)):
        repo.add_result(conn, athlete_id, race.result)


@dataclass(frozen=True, slots=True)
class RaceFound:
    call: RaceCall
    fastest: bool  # the day's fastest result at this distance in the import: the one logged


def races_found(
    reads: list[Read], zone: tzinfo | None, words: RunWords, max_hr: float | None
) -> dict[int, RaceFound]:
    """The runs named as races, by their place in `reads`; of two on one day at about one
    distance (the same race recorded twice, a jog called after it) the faster is logged."""
    calls: dict[int, RaceCall] = {}
    for index, read in enumerate(reads):
        activity = read.activity
        if activity is None or activity.start is None or not sport_call(activity).run:
            continue
        call = race_call(activity, activity.start.astimezone(zone).date(), words, max_hr)
        if call is not None:
            calls[index] = call
    out = {}
    for index, call in calls.items():
        rivals = [
            other.result.seconds for other in calls.values()
            if _same_race(other.result, call.result)
        ]  # fmt: skip
        out[index] = RaceFound(call, call.result.seconds <= min(rivals))
    return out


def _same_race(a: RaceResult, b: RaceResult) -> bool:
    return a.date == b.date and abs(a.distance_km - b.distance_km) <= 0.05 * b.distance_km


def import_activities(
    conn: Connection,
    athlete_id: int,
    found: Listing,
    limits: Limits,
    today: date,
    zone: tzinfo | None = None,
    max_hr: float | None = None,
    threshold_pace: float | None = None,
    step: Callable[[Entry], None] | None = None,
    set_week: str | None = None,
) -> ImportReport:
    """Read every file found, log the runs, and work out the usual week from the log.
    `set_week` (the option's name as the caller spells it: --set-week) keeps that week as
    the athlete's typical week; when it holds no run day, InputError names the option and
    the caller's transaction keeps nothing of the import."""
    reads = read_all(found, limits, step)
    runs = [r.activity for r in reads if r.activity is not None and sport_call(r.activity).run]
    # The maximum heart rate first: it tells a race from a jog named after one.
    known_max, _ = max_hr_for(conn, athlete_id, runs, max_hr)
    races = races_found(reads, zone, load_run_words(), known_max)
    results = [r.call.result for r in races.values() if r.fastest]
    thresholds = thresholds_for(conn, athlete_id, runs, today, max_hr, threshold_pace, results)
    outcomes = [Outcome(p.name, "error", p.reason) for p in found.problems]
    outcomes += store_all(conn, athlete_id, reads, thresholds, zone, races)
    logged = repo.list_runs(conn, athlete_id)
    usual: tuple[UsualDay, ...] = ()
    if logged:
        last = max(r.date for r in logged)
        usual = typical_week([(r.date, r.type, r.minutes) for r in logged], last, USUAL_WEEKS)
    report = ImportReport(outcomes, thresholds, usual, found.ignored)
    if set_week is not None:
        keep_usual_week(conn, athlete_id, usual, today, set_week)
        report.week_kept = True
    return report


def report_json(report: ImportReport) -> dict[str, Any]:
    return {
        "imported": report.count("imported"),
        "duplicates": report.count("duplicate"),
        "skipped": report.count("skipped"),
        "errors": report.count("error"),
        "ignored_files": report.ignored,
        "thresholds": {
            "max_hr": report.thresholds.max_hr,
            "threshold_pace_s_per_km": None
            if report.thresholds.threshold_pace is None
            else round(report.thresholds.threshold_pace),
            "from": report.thresholds.source,
        },
        "usual_week": [
            {
                "day": WEEKDAYS[d.weekday],
                "type": None if d.type is None else d.type.value,
                "weeks_run": d.weeks_run,
                "weeks": d.weeks,
                "minutes": d.minutes,
            }
            for d in report.usual_week
        ],
        "typical_week_set": report.week_kept,
        "files": [
            {
                "file": o.name,
                "status": o.status,
                "reason": o.reason,
                "run_id": o.run_id,
                "activity": o.summary,
            }
            for o in report.outcomes
        ],
    }
