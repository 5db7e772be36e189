"""Watching the running while strength load changes (guidelines §5): the weekly signals.

Signals, robust first: VDOT from races and time trials; critical speed from the best
efforts in the runs' record streams; pace per heartbeat on easy runs (efficiency factor) and
its drift within steady runs; session-RPE load; weekly volume. What they say about lifting
(`reassess-when-running-declines` among the answers) is in runningcheck.py.
"""

from __future__ import annotations

import math
import statistics
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from runlift.domain.log import RaceResult, RunDone, StrengthDone
from runlift.domain.model import RunType
from runlift.domain.runsignals import CS_WEEKS, RunStream, critical_speed

EASY_TYPES = frozenset({RunType.EASY, RunType.RECOVERY})


def vdot(distance_km: float, seconds: float) -> float:
    """Daniels & Gilbert VDOT of a race or time trial (5 km in 24:34 gives 39.1)."""
    minutes = seconds / 60
    velocity = distance_km * 1000 / minutes
    vo2 = -4.60 + 0.182258 * velocity + 0.000104 * velocity**2
    fraction = (
        0.8 + 0.1894393 * math.exp(-0.012778 * minutes) + 0.2989558 * math.exp(-0.1932605 * minutes)
    )
    return vo2 / fraction


def efficiency(run: RunDone) -> float | None:
    """Pace per heartbeat: metres a minute per beat a minute, on easy runs with HR and distance."""
    if run.type not in EASY_TYPES or not run.distance_km or not run.avg_hr or run.minutes <= 0:
        return None
    return run.distance_km * 1000 / run.minutes / run.avg_hr


def monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


@dataclass(frozen=True, slots=True)
class WeekSignals:
    week: date
    run_minutes: float = 0.0
    run_km: float = 0.0
    run_load: float = 0.0  # session-RPE
    efficiency: float | None = None  # mean of the week's easy runs
    vdot: float | None = None  # best race or time trial
    strength_load: float = 0.0  # sets x reps x load
    strength_sessions: int = 0
    drift: float | None = None  # mean drift of pace per heartbeat on the week's steady runs, %
    critical_speed: float | None = None  # m/s, from the best efforts of the last CS_WEEKS weeks


def _critical_speeds(streams: Sequence[RunStream], weeks: list[date]) -> dict[date, float]:
    """Critical speed each week from the best efforts of the CS_WEEKS weeks ending with it."""
    by_week: dict[date, list[tuple[int, float]]] = defaultdict(list)
    for run in streams:
        by_week[monday(run.date)].extend(run.efforts)
    out = {}
    for week in weeks:
        window = [week - timedelta(weeks=k) for k in range(CS_WEEKS)]
        fit = critical_speed(e for w in window for e in by_week.get(w, ()))
        if fit is not None:
            out[week] = fit.speed
    return out


def weekly_signals(
    runs: Sequence[RunDone],
    lifts: Sequence[StrengthDone],
    races: Sequence[RaceResult] = (),
    streams: Sequence[RunStream] = (),
) -> list[WeekSignals]:
    """One row per week from the first logged week to the last, empty weeks included.
    `streams` are the signals of runs imported from files (drift, best efforts)."""
    by_week: dict[date, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    for run in runs:
        row = by_week[monday(run.date)]
        row["minutes"].append(run.minutes)
        row["km"].append(run.distance_km or 0)
        if run.load is not None:
            row["load"].append(run.load)
        value = efficiency(run)
        if value is not None:
            row["ef"].append(value)
    for lift in lifts:
        if lift.skipped:
            continue
        row = by_week[monday(lift.date)]
        row["strength"].append(lift.volume())
        row["sessions"].append(1)
    for race in races:
        by_week[monday(race.date)]["vdot"].append(vdot(race.distance_km, race.seconds))
    for stream in streams:
        if stream.steady and stream.drift_pct is not None:
            by_week[monday(stream.date)]["drift"].append(stream.drift_pct)
    if not by_week:
        return []
    first, last = min(by_week), max(by_week)
    mondays = [first + timedelta(weeks=k) for k in range((last - first).days // 7 + 1)]
    speeds = _critical_speeds(streams, mondays)
    weeks = []
    for current in mondays:
        row = by_week.get(current, {})
        weeks.append(
            WeekSignals(
                week=current,
                run_minutes=sum(row.get("minutes", [])),
                run_km=sum(row.get("km", [])),
                run_load=sum(row.get("load", [])),
                efficiency=statistics.fmean(row["ef"]) if row.get("ef") else None,
                vdot=max(row["vdot"]) if row.get("vdot") else None,
                strength_load=sum(row.get("strength", [])),
                strength_sessions=len(row.get("sessions", [])),
                drift=round(statistics.fmean(row["drift"]), 2) if row.get("drift") else None,
                critical_speed=speeds.get(current),
            )
        )
    return weeks
