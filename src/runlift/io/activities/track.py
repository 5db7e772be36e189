"""From track points (time, position, heart rate, the device's distance) to what runlift
keeps of a run: the totals of each lap and the run's stream on a regular clock (a
domain Trace), worked out with numpy. Shared by the GPX, TCX and FIT readers."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import pairwise

import numpy as np
import numpy.typing as npt

from runlift.domain.activity import Lap
from runlift.domain.runsignals import TRACE_STEP_S, Trace
from runlift.io.activities.errors import ActivityError
from runlift.io.activities.xmlsafe import number

Floats = npt.NDArray[np.float64]
EARTH_RADIUS_M = 6_371_000.0
PAUSE_S = 60.0  # a gap longer than this between two points is a pause, not moving time
MOVING_SPEED = 1.0  # m/s: over a longer gap, at least this speed still counts as moving
HR_GAP_S = 10.0  # a sample further than this from a heart-rate reading has none
FASTEST_M_S = 10.0  # over 5 s no runner covers more than this a second (36 km/h)
LONGEST_S = 48 * 3600.0  # a stream longer than two days is not put on a clock
NAN = float("nan")


def when(value: str | None, name: str, what: str = "time") -> float:
    """An ISO 8601 time as written in GPX and TCX files, in Unix seconds (naive times are
    UTC); NaN when there is none."""
    if value is None or not value:
        return NAN
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        raise ActivityError(name, f"{what} {value[:40]!r} is not an ISO 8601 time") from None
    return (moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment).timestamp()


def moment(unix: float) -> datetime | None:
    return None if unix != unix else datetime.fromtimestamp(unix, UTC)


Text = str | None


@dataclass
class Points:
    """Track points as their text, one list a quantity (None where a point lacks a value),
    turned into numbers in one go by `columns`; `breaks` are the indexes where a new lap (or
    track segment) starts."""

    time: list[Text] = field(default_factory=list)
    lat: list[Text] = field(default_factory=list)
    lon: list[Text] = field(default_factory=list)
    hr: list[Text] = field(default_factory=list)
    distance: list[Text] = field(default_factory=list)
    breaks: list[int] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.time)


@dataclass(frozen=True, slots=True)
class Columns:
    time: Floats
    along: Floats  # metres from the first point: the device's distance, else the positions'
    hr: Floats
    own_distance: bool  # the device wrote its distance (else `along` is from positions)


LONGEST_TEXT = 40  # characters: longer is no number or time (and would widen numpy's array)


def _too_long(values: list[Text], name: str, what: str) -> None:
    """Refuse a value no number or time is as long as: numpy sizes every cell of a text
    array by its longest, so one padded value in a long track would take gigabytes."""
    bad = next((v for v in values if v is not None and len(v) > LONGEST_TEXT), None)
    if bad is not None:
        raise ActivityError(
            name, f"a {what} value {len(bad)} characters long (at most {LONGEST_TEXT} are read)"
        )


def numbers(values: list[Text], name: str, what: str) -> Floats:
    """Text as numbers in bulk (NaN where missing); ActivityError names the first bad one."""
    _too_long(values, name, what)
    try:
        out = np.array(["nan" if v is None else v for v in values]).astype(np.float64)
    except ValueError:
        read = [number(v, name, what) for v in values]  # raises, naming the bad one
        out = np.array([NAN if v is None else v for v in read], dtype=np.float64)
    if np.isinf(out).any():
        bad = next(v for v in values if v is not None and math.isinf(float(v)))
        raise ActivityError(name, f"{what} {bad[:40]!r} is not a number")
    return out


def _plain_form(value: str) -> bool:
    """`2026-11-02T06:00:00`, with fractions, without a zone: what numpy reads as it is (and
    not its words, `now` and `today`)."""
    return value[:4].isdigit() and value[4:5] == "-" and "+" not in value and value.count("-") == 2


def times(values: list[Text], name: str) -> Floats:
    """ISO 8601 times as Unix seconds in bulk (naive ones are UTC); NaN where missing. The
    usual form (`...Z` or no zone) goes through numpy; others one by one."""
    _too_long(values, name, "time")
    plain = [None if v is None else v.strip().removesuffix("Z") for v in values]
    if all(v is None or _plain_form(v) for v in plain):
        try:
            stamps = np.array(["NaT" if v is None else v for v in plain], dtype="datetime64[ms]")
        except ValueError:
            pass
        else:
            out = stamps.astype(np.int64).astype(np.float64) / 1000.0
            out[np.isnat(stamps)] = np.nan
            return out
    return np.array([when(v, name) for v in values], dtype=np.float64)


def columns(points: Points, name: str) -> Columns:
    """The points as arrays."""
    time = times(points.time, name)
    own = numbers(points.distance, name, "DistanceMeters")
    hr = numbers(points.hr, name, "heart rate")
    if np.count_nonzero(~np.isnan(own)) >= 2:
        return Columns(time, own, hr, True)
    lat = np.radians(numbers(points.lat, name, "lat"))
    lon = np.radians(numbers(points.lon, name, "lon"))
    step = np.zeros(len(lat))
    if len(lat) > 1:
        dp, dl = np.diff(lat), np.diff(lon)
        h = np.sin(dp / 2) ** 2 + np.cos(lat[:-1]) * np.cos(lat[1:]) * np.sin(dl / 2) ** 2
        step[1:] = 2 * EARTH_RADIUS_M * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0)))
    along = np.cumsum(np.nan_to_num(step, nan=0.0))
    if np.all(np.isnan(lat)):
        along = np.full(len(lat), NAN)
    return Columns(time, along, hr, False)


def lap_of(cols: Columns, start: int, stop: int) -> Lap:
    """Moving time (gaps over a minute left out unless the runner covered ground), distance
    and heart rate of the points from `start` to `stop`."""
    time, along, hr = cols.time[start:stop], cols.along[start:stop], cols.hr[start:stop]
    seconds = 0.0
    if len(time) > 1:
        steps = np.diff(time)
        moved = np.nan_to_num(np.diff(along), nan=0.0)
        with np.errstate(divide="ignore", invalid="ignore"):
            moving = (steps > 0) & ((steps <= PAUSE_S) | (moved / steps >= MOVING_SPEED))
        seconds = float(np.sum(steps[moving]))
    known = along[~np.isnan(along)]
    distance = float(known.max() - known.min()) if len(known) >= 2 else None
    if distance == 0.0 and not cols.own_distance:
        distance = None
    rates = hr[(hr > 0) & ~np.isnan(hr)]
    return Lap(
        seconds,
        distance,
        float(rates.mean()) if len(rates) else None,
        float(rates.max()) if len(rates) else None,
    )


def laps_of(cols: Columns, breaks: list[int]) -> list[Lap]:
    edges = sorted({0, *breaks, len(cols.time)})
    return [lap_of(cols, a, b) for a, b in pairwise(edges) if b > a]


def trace_of(time: Floats, distance: Floats, hr: Floats) -> Trace | None:
    """The stream every TRACE_STEP_S seconds from the first timed point: distance run so far
    (kept from going backwards, each step at most FASTEST_M_S) and heart rate (0 more than
    HR_GAP_S from any reading, as in a pause). None without two timed points or past two
    days."""
    timed = ~np.isnan(time)
    if np.count_nonzero(timed) < 2:
        return None
    order = np.argsort(time[timed], kind="stable")
    t, d, h = time[timed][order], distance[timed][order], hr[timed][order]
    span = float(t[-1] - t[0])
    if span < 2 * TRACE_STEP_S or span > LONGEST_S:
        return None
    grid = t[0] + np.arange(0.0, span + 1e-9, TRACE_STEP_S)
    out_distance = None
    have = ~np.isnan(d)
    if np.count_nonzero(have) >= 2:
        ran = np.fmax.accumulate(d[have])
        steps = np.diff(np.interp(grid, t[have], ran), prepend=ran[0])
        # A jump faster than anyone runs is the GPS, or the gap between two track segments.
        steps = np.minimum(steps, FASTEST_M_S * TRACE_STEP_S)
        out_distance = tuple(np.cumsum(steps).tolist())
    out_hr = None
    have = (h > 0) & ~np.isnan(h)
    if np.count_nonzero(have) >= 2:
        read_at = t[have]
        beats = np.interp(grid, read_at, h[have])
        after = np.clip(np.searchsorted(read_at, grid), 1, len(read_at) - 1)
        nearest = np.minimum(np.abs(grid - read_at[after - 1]), np.abs(read_at[after] - grid))
        beats[nearest > HR_GAP_S] = 0.0
        out_hr = tuple(np.round(beats, 1).tolist())
    if out_distance is None and out_hr is None:
        return None
    return Trace(TRACE_STEP_S, out_distance, out_hr)


def joined(laps: list[Lap]) -> Lap:
    """The totals of several laps: times and distances added, heart rate weighted by time."""
    seconds = sum(lap.seconds for lap in laps)
    distances = [lap.distance_m for lap in laps if lap.distance_m is not None]
    timed = [(lap.avg_hr, lap.seconds) for lap in laps if lap.avg_hr is not None]
    weight = sum(s for _, s in timed)
    avg = sum(hr * s for hr, s in timed) / weight if weight > 0 else None
    if avg is None and timed:
        avg = sum(hr for hr, _ in timed) / len(timed)
    peaks = [lap.max_hr for lap in laps if lap.max_hr is not None]
    return Lap(seconds, sum(distances) if distances else None, avg, max(peaks, default=None))
