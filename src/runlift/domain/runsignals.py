"""What a run's record stream says beyond its totals (guidelines §5): how far pace per
heartbeat drifted from the first half to the second, the best distance covered in a few
set durations (the raw material of critical speed), and the time spent in each heart-rate
zone.

The stream comes in as a Trace, already put on a regular clock by the reader in
runlift.io.activities; nothing here reads a file. Traces are plain tuples, so these
functions stay in the standard library and take a few milliseconds a run.
"""

from __future__ import annotations

import math
import operator
import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from runlift.domain.model import RunType

TRACE_STEP_S = 5.0  # readers sample the stream every 5 s: fine enough for 3-min efforts
WARM_UP_S = 600.0  # heart rate lags the pace for the first minutes: left out of the drift
MIN_DRIFT_S = 1800.0  # the drift needs at least 30 min of steady running after the warm-up
MOVING_M_S = 1.0  # slower than this between two samples is standing, not running
STEADY_PACE = 0.10  # halves whose speeds differ more than this were not one steady run
EFFORT_SECONDS = (180, 300, 600, 720, 1200, 1800)  # 3, 5, 10, 12, 20 and 30 min
CS_SECONDS = (180, 1200)  # critical speed is fitted on the efforts of 3 to 20 minutes
CS_MIN_EFFORTS = 3
CS_WEEKS = 6  # the best efforts of the last six weeks make one estimate
# Heart-rate zones as shares of maximum heart rate: the lower bound of zones 2 to 5.
ZONE_FLOORS = (0.70, 0.80, 0.87, 0.93)
STEADY_TYPES = frozenset({RunType.EASY, RunType.RECOVERY, RunType.LONG})


@dataclass(frozen=True, slots=True)
class Trace:
    """A run on a regular clock: every `step` seconds of elapsed time from the start, the
    distance covered so far (metres) and the heart rate (0 where none was recorded). Either
    series may be missing; when both are there they are of one length."""

    step: float
    distance_m: tuple[float, ...] | None = None
    heart_rate: tuple[float, ...] | None = None


@dataclass(frozen=True, slots=True)
class StreamSignals:
    """What one run's stream gave: the drift of pace per heartbeat in percent (positive when
    the second half took more beats for the pace; None when the run was too short or had no
    heart rate), the best distance for each duration in EFFORT_SECONDS that the run lasted,
    and the seconds spent at each heart rate (rounded to the beat)."""

    drift_pct: float | None = None
    efforts: tuple[tuple[int, float], ...] = ()
    hr_seconds: tuple[tuple[int, float], ...] = ()


def _moving(trace: Trace) -> list[tuple[float, float]]:
    """(speed m/s, heart rate) of each step where the runner moved and the watch read a pulse."""
    assert trace.distance_m is not None and trace.heart_rate is not None
    d, hr, step = trace.distance_m, trace.heart_rate, trace.step
    return [
        ((d[i + 1] - d[i]) / step, hr[i + 1])
        for i in range(len(d) - 1)
        if hr[i + 1] > 0 and d[i + 1] - d[i] >= MOVING_M_S * step
    ]


def drift(trace: Trace) -> float | None:
    """Aerobic decoupling: pace per heartbeat in the first half of the run against the second
    half, in percent of the first, after the warm-up. Under about 5 % on a steady run means
    the pace was well within the runner's aerobic fitness. None when the halves' speeds
    differ by more than STEADY_PACE (a workout, or a walk home): drift compares like with
    like, and a fade at one heart rate stays well within that."""
    if trace.distance_m is None or trace.heart_rate is None:
        return None
    skip = round(WARM_UP_S / trace.step)
    steady = _moving(
        Trace(trace.step, trace.distance_m[skip:], trace.heart_rate[skip:]),
    )
    if len(steady) * trace.step < MIN_DRIFT_S:
        return None
    half = len(steady) // 2
    parts = (steady[:half], steady[half:])
    speeds = [math.fsum(s for s, _ in part) / len(part) for part in parts]
    if abs(speeds[1] - speeds[0]) > STEADY_PACE * speeds[0]:
        return None
    beats = [math.fsum(h for _, h in part) / len(part) for part in parts]
    first, second = speeds[0] / beats[0], speeds[1] / beats[1]
    return round((first - second) / first * 100, 2) + 0.0  # never "-0.0"


def best_efforts(trace: Trace, durations: Sequence[int] = EFFORT_SECONDS) -> dict[int, float]:
    """The most distance covered in any window of each duration (metres), for the durations
    the run lasted. Time counts as it passed: a stop inside the window stays in it."""
    if trace.distance_m is None:
        return {}
    d = trace.distance_m
    out = {}
    for seconds in durations:
        k = round(seconds / trace.step)
        if k >= len(d):
            continue
        out[seconds] = round(max(map(operator.sub, d[k:], d)), 1)
    return out


def heart_rate_seconds(trace: Trace) -> dict[int, float]:
    """Seconds at each heart rate, to the beat (readings of 0 left out)."""
    counts = Counter(round(beat) for beat in trace.heart_rate or () if beat > 0)
    return {beat: count * trace.step for beat, count in counts.items()}


def signals_of(trace: Trace) -> StreamSignals:
    return StreamSignals(
        drift(trace),
        tuple(sorted(best_efforts(trace).items())),
        tuple(sorted(heart_rate_seconds(trace).items())),
    )


def zone_minutes(hr_seconds: Iterable[tuple[int, float]], max_hr: float) -> tuple[float, ...]:
    """Minutes in each of the five zones (shares of maximum heart rate, ZONE_FLOORS)."""
    minutes = [0.0] * (len(ZONE_FLOORS) + 1)
    for beat, seconds in hr_seconds:
        share = beat / max_hr
        zone = sum(1 for floor in ZONE_FLOORS if share >= floor)
        minutes[zone] += seconds / 60
    return tuple(round(m, 1) for m in minutes)


@dataclass(frozen=True, slots=True)
class CriticalSpeed:
    """The speed a runner can hold for a long while without tiring quickly (m/s), and D',
    the metres they can run above it before they must slow down, fitted on their best
    efforts of 3 to 20 minutes (distance = D' + CS x time)."""

    speed: float
    d_prime: float
    efforts: tuple[tuple[int, float], ...]

    @property
    def pace(self) -> float:
        """Seconds a kilometre at critical speed."""
        return 1000 / self.speed


def critical_speed(efforts: Iterable[tuple[int, float]]) -> CriticalSpeed | None:
    """Critical speed from best efforts (duration in seconds, metres): the best distance for
    each duration from 3 to 20 minutes, fitted by least squares. None with fewer than three
    durations, or when the fit makes no sense (D' below zero: the shorter efforts were not
    run hard, so they say nothing about the runner's limit)."""
    best: dict[int, float] = {}
    for seconds, metres in efforts:
        if CS_SECONDS[0] <= seconds <= CS_SECONDS[1] and metres > best.get(seconds, 0.0):
            best[seconds] = metres
    if len(best) < CS_MIN_EFFORTS:
        return None
    times = sorted(best)
    fit = statistics.linear_regression(times, [best[t] for t in times])
    if fit.slope <= 0 or fit.intercept < 0:
        return None
    return CriticalSpeed(
        round(fit.slope, 3), round(fit.intercept), tuple((t, best[t]) for t in times)
    )


@dataclass(frozen=True, slots=True)
class RunStream:
    """A logged run's stream signals, as monitoring reads them week by week."""

    date: date
    type: RunType
    drift_pct: float | None
    efforts: tuple[tuple[int, float], ...] = ()

    @property
    def steady(self) -> bool:
        """Drift only means something on an even, easy run."""
        return self.type in STEADY_TYPES
