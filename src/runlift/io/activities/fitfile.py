"""FIT activity files through runlift's own decoder: the session's totals and sport, the laps,
and the record stream where a file has no session message."""

from __future__ import annotations

import math

import numpy as np

from runlift.domain.activity import FIT_SPORTS, Activity, Lap
from runlift.domain.runsignals import StreamSignals, signals_of
from runlift.io.activities.errors import ActivityError
from runlift.io.activities.track import trace_of
from runlift.io.fit import FitError, Records, Summary, decode


def _lap(summary: Summary) -> Lap:
    seconds = summary.total_timer_time or summary.total_elapsed_time or 0.0
    return Lap(
        seconds,
        summary.total_distance,
        None if summary.avg_heart_rate is None else float(summary.avg_heart_rate),
        None if summary.max_heart_rate is None else float(summary.max_heart_rate),
    )


def _finite(value: float) -> float | None:
    return None if math.isnan(value) else float(value)


def _stream(records: Records) -> StreamSignals | None:
    """The record stream's signals; distance from the speed where a device wrote no distance."""
    distance = records.distance
    if np.all(np.isnan(distance)) and np.any(~np.isnan(records.speed)):
        steps = np.diff(records.timestamp, prepend=records.timestamp[:1])
        moved = np.nan_to_num(records.speed) * np.clip(np.nan_to_num(steps), 0, 60)
        distance = np.cumsum(moved)
    trace = trace_of(records.timestamp, distance, records.heart_rate)
    return None if trace is None else signals_of(trace)


def read_fit(data: bytes, name: str) -> Activity:
    try:
        fit = decode(data)
    except FitError as error:
        raise ActivityError(name, f"not a readable FIT file ({error})") from None
    if fit.file_id is not None and fit.file_id.type not in (None, 4):
        raise ActivityError(name, f"a FIT file of type {fit.file_id.type}, not an activity (4)")
    laps = tuple(_lap(lap) for lap in fit.laps)
    if fit.sessions:
        sports = {
            FIT_SPORTS.get(s.sport, f"sport {s.sport}") for s in fit.sessions if s.sport is not None
        }
        sport = sports.pop() if len(sports) == 1 else ("multisport" if sports else None)
        total = [_lap(s) for s in fit.sessions]
        seconds = sum(t.seconds for t in total)
        distances = [t.distance_m for t in total if t.distance_m is not None]
        rates = [(t.avg_hr, t.seconds) for t in total if t.avg_hr is not None]
        weight = sum(s for _, s in rates)
        peaks = [t.max_hr for t in total if t.max_hr is not None]
        starts = [s.start_time for s in fit.sessions if s.start_time is not None]
        elapsed = [s.total_elapsed_time for s in fit.sessions if s.total_elapsed_time]
        # Some watches leave the session's heart rate out though every record has one.
        beats = fit.records.heart_rate[fit.records.heart_rate > 0]
        return Activity(
            sport=sport,
            start=min(starts) if starts else None,
            seconds=seconds,
            distance_m=sum(distances) if distances else None,
            avg_hr=sum(hr * s for hr, s in rates) / weight
            if weight > 0
            else (float(beats.mean()) if len(beats) else None),
            max_hr=max(peaks, default=None) or (float(beats.max()) if len(beats) else None),
            laps=laps if len(laps) > 1 else (),
            elapsed_seconds=sum(elapsed) if elapsed else None,
            stream=_stream(fit.records),
        )
    records = fit.records
    stamps = records.timestamp[~np.isnan(records.timestamp)]
    if len(stamps) < 2:
        raise ActivityError(name, "no session and too few timed records to sum up")
    from datetime import UTC, datetime

    steps = np.diff(stamps)
    distance = records.distance[~np.isnan(records.distance)]
    hr = records.heart_rate[~np.isnan(records.heart_rate)]
    lap_sports = {FIT_SPORTS.get(lap.sport) for lap in fit.laps if lap.sport is not None}
    return Activity(
        sport=lap_sports.pop() if len(lap_sports) == 1 else None,
        start=datetime.fromtimestamp(float(stamps.min()), UTC),
        seconds=float(steps[(steps > 0) & (steps <= 60)].sum()),
        distance_m=_finite(float(distance.max() - distance.min())) if len(distance) else None,
        avg_hr=float(hr.mean()) if len(hr) else None,
        max_hr=float(hr.max()) if len(hr) else None,
        laps=laps if len(laps) > 1 else (),
        elapsed_seconds=float(stamps.max() - stamps.min()),
        stream=_stream(records),
    )
