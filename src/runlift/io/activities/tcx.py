"""TCX (Garmin Training Center) activities: the Sport attribute, each Lap's own totals
(TotalTimeSeconds, DistanceMeters, heart rate), and the trackpoints where a lap lacks them.
Points without a position (treadmill runs) are kept: their time and heart rate still count.
Only the first <Activity> of a file is read. Streamed: see xmlsafe."""

from __future__ import annotations

from lxml import etree

from runlift.domain.activity import Activity, Lap, sport_named
from runlift.domain.runsignals import signals_of
from runlift.io.activities.errors import DEFAULT_LIMITS, ActivityError, Limits
from runlift.io.activities.track import (
    NAN,
    Points,
    columns,
    joined,
    lap_of,
    moment,
    trace_of,
    when,
)
from runlift.io.activities.xmlsafe import local, namespace, number, root_tag, safe_events, text

# The leaves of a trackpoint, by local name: what each holds.
LEAVES = ("Time", "LatitudeDegrees", "LongitudeDegrees", "DistanceMeters", "Value")


def _value(lap: etree._Element, ns: str, tag: str, name: str) -> float | None:
    return number(text(lap.find(ns + tag), ns + "Value"), name, tag)


def _lap(node: etree._Element, ns: str, name: str, points: Points, first: int, last: int) -> Lap:
    """The lap's own totals where it wrote them, else those of its trackpoints."""
    from_points = (
        lap_of(columns(points, first, last), 0, last - first) if last > first else Lap(0.0)
    )
    seconds = number(text(node, ns + "TotalTimeSeconds"), name, "TotalTimeSeconds")
    distance = number(text(node, ns + "DistanceMeters"), name, "DistanceMeters")
    return Lap(
        seconds if seconds is not None else from_points.seconds,
        distance if distance is not None else from_points.distance_m,
        _value(node, ns, "AverageHeartRateBpm", name) or from_points.avg_hr,
        _value(node, ns, "MaximumHeartRateBpm", name) or from_points.max_hr,
    )


def read_tcx(data: bytes, name: str, limits: Limits = DEFAULT_LIMITS) -> Activity:
    root = root_tag(data, name)
    if local(root) != "TrainingCenterDatabase":
        raise ActivityError(name, f"the root element is <{local(root)}>, not a TCX file")
    ns = namespace(root)
    point, lap_tag, activity_tag = ns + "Trackpoint", ns + "Lap", ns + "Activity"
    leaves = {ns + leaf: leaf for leaf in LEAVES}
    points = Points()
    laps: list[Lap] = []
    starts: list[float] = []
    held: dict[str, str | None] = {}
    lap_from = 0
    activity = None
    # A lap's own totals (DistanceMeters, heart rate Values) come before its trackpoints and
    # end with <Intensity>, which the schema requires: there the held leaves are dropped.
    intensity = ns + "Intensity"
    wanted = (point, lap_tag, activity_tag, intensity, *leaves)
    for _, element in safe_events(data, name, wanted, sweep=point):
        tag = element.tag
        if tag == intensity:
            held = {}
        elif tag in leaves:
            held[leaves[tag]] = element.text
        elif tag == point:
            if len(points) >= limits.points:
                raise ActivityError(name, "too many trackpoints")
            points.add(
                when(held.get("Time"), name),
                _or_nan(number(held.get("LatitudeDegrees"), name, "LatitudeDegrees")),
                _or_nan(number(held.get("LongitudeDegrees"), name, "LongitudeDegrees")),
                _or_nan(number(held.get("Value"), name, "HeartRateBpm")),
                _or_nan(number(held.get("DistanceMeters"), name, "DistanceMeters")),
            )
            held = {}
        elif tag == lap_tag:
            laps.append(_lap(element, ns, name, points, lap_from, len(points)))
            starts.append(when(element.get("StartTime"), name, "StartTime"))
            points.breaks.append(len(points))
            lap_from = len(points)
        elif tag == activity_tag:
            activity = element
            break
    if activity is None:
        raise ActivityError(name, "no <Activity> in the TCX file")
    if not laps:
        raise ActivityError(name, "the activity has no laps")
    total = joined(laps)
    known = [s for s in starts if s == s]
    start = min(known) if known else when(text(activity, ns + "Id"), name, "Id")
    cols = columns(points)
    trace = trace_of(cols.time, cols.along, cols.hr) if len(points) else None
    return Activity(
        sport=sport_named(activity.get("Sport")),
        start=moment(start),
        seconds=total.seconds,
        distance_m=total.distance_m,
        avg_hr=total.avg_hr,
        max_hr=total.max_hr,
        laps=tuple(laps) if len(laps) > 1 else (),
        name=text(activity, ns + "Notes"),
        stream=None if trace is None else signals_of(trace),
    )


def _or_nan(value: float | None) -> float:
    return NAN if value is None else value
