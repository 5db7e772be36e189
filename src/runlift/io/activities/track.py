"""From track points (time, position, heart rate) to the totals of a lap: moving time,
distance along the ground, heart rate. Shared by the GPX and TCX readers."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime

from runlift.domain.activity import Lap
from runlift.io.activities.errors import ActivityError

EARTH_RADIUS_M = 6_371_000.0
PAUSE_S = 60.0  # a gap longer than this between two points is a pause, not moving time
MOVING_SPEED = 1.0  # m/s: over a longer gap, at least this speed still counts as moving


@dataclass(frozen=True, slots=True)
class Point:
    time: datetime | None
    lat: float | None = None
    lon: float | None = None
    hr: float | None = None
    distance_m: float | None = None  # the device's own running distance, when it gives one


def when(value: str | None, name: str, what: str = "time") -> datetime | None:
    """An ISO 8601 time as written in GPX and TCX files; naive times are taken as UTC."""
    if value is None or not value:
        return None
    from datetime import UTC

    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        raise ActivityError(name, f"{what} {value[:40]!r} is not an ISO 8601 time") from None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _metres(a: Point, b: Point) -> float:
    assert a.lat is not None and a.lon is not None and b.lat is not None and b.lon is not None
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dp, dl = p2 - p1, math.radians(b.lon - a.lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(h)))


def lap_of(points: list[Point]) -> Lap:
    """Moving time (gaps over a minute left out), distance (the device's own when it wrote
    one, else along the positions) and heart rate of a run of points."""
    seconds = 0.0
    along = 0.0
    last: Point | None = None
    for point in points:
        moved = 0.0
        if last is not None and None not in (last.lat, last.lon, point.lat, point.lon):
            moved = _metres(last, point)
            along += moved
        if last is not None and last.time and point.time:
            step = (point.time - last.time).total_seconds()
            # A long gap is a pause unless the runner covered ground meanwhile (sparse points).
            if 0 < step <= PAUSE_S or (step > 0 and moved / step >= MOVING_SPEED):
                seconds += step
        last = point
    own = [p.distance_m for p in points if p.distance_m is not None]
    distance = (max(own) - min(own)) if len(own) >= 2 else (along or None)
    rates = [p.hr for p in points if p.hr is not None and p.hr > 0]
    avg = sum(rates) / len(rates) if rates else None
    return Lap(seconds, distance, avg, max(rates) if rates else None)


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
