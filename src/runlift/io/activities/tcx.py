"""TCX (Garmin Training Center) activities: the Sport attribute, each Lap's own totals
(TotalTimeSeconds, DistanceMeters, heart rate), and the trackpoints where a lap lacks them.
Points without a position (treadmill runs) are kept: their time and heart rate still count.
Only the first <Activity> of a file is read. Streamed: see xmlsafe."""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from runlift.domain.activity import Activity, Lap, sport_named
from runlift.domain.runsignals import signals_of
from runlift.io.activities.errors import DEFAULT_LIMITS, ActivityError, Limits
from runlift.io.activities.track import (
    Columns,
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


@dataclass(frozen=True, slots=True)
class _LapHead:
    """A lap's own totals, as it wrote them, and where its trackpoints are."""

    own: Lap  # 0 / None where the lap did not write a total
    wrote_time: bool
    first: int
    last: int


def _head(node: etree._Element, ns: str, name: str, first: int, last: int) -> _LapHead:
    seconds = number(text(node, ns + "TotalTimeSeconds"), name, "TotalTimeSeconds")
    own = Lap(
        seconds or 0.0,
        number(text(node, ns + "DistanceMeters"), name, "DistanceMeters"),
        _value(node, ns, "AverageHeartRateBpm", name),
        _value(node, ns, "MaximumHeartRateBpm", name),
    )
    return _LapHead(own, seconds is not None, first, last)


def _lap(head: _LapHead, cols: Columns) -> Lap:
    """The lap's own totals where it wrote them, else those of its trackpoints."""
    points = lap_of(cols, head.first, head.last) if head.last > head.first else Lap(0.0)
    own = head.own
    return Lap(
        own.seconds if head.wrote_time else points.seconds,
        own.distance_m if own.distance_m is not None else points.distance_m,
        own.avg_hr or points.avg_hr,
        own.max_hr or points.max_hr,
    )


def read_tcx(data: bytes, name: str, limits: Limits = DEFAULT_LIMITS) -> Activity:
    root = root_tag(data, name)
    if local(root) != "TrainingCenterDatabase":
        raise ActivityError(name, f"the root element is <{local(root)}>, not a TCX file")
    ns = namespace(root)
    point, lap_tag, activity_tag = ns + "Trackpoint", ns + "Lap", ns + "Activity"
    leaves = {ns + leaf: leaf for leaf in LEAVES}
    points = Points()
    heads: list[_LapHead] = []
    starts: list[float] = []
    held: dict[str, str | None] = {}
    lap_from = 0
    activity = None
    # A lap's own totals (DistanceMeters, heart rate Values) come before its trackpoints and
    # end with <Intensity> and <TriggerMethod>, which the schema requires: there the held
    # leaves are dropped.
    lap_ends = (ns + "Intensity", ns + "TriggerMethod")
    wanted = (point, lap_tag, activity_tag, *lap_ends, *leaves)
    for _, element in safe_events(data, name, wanted, sweep=point):
        tag = element.tag
        if tag in lap_ends:
            held = {}
        elif tag in leaves:
            held[leaves[tag]] = element.text
        elif tag == point:
            if len(points) >= limits.points:
                raise ActivityError(name, "too many trackpoints")
            points.time.append(held.get("Time"))
            points.lat.append(held.get("LatitudeDegrees"))
            points.lon.append(held.get("LongitudeDegrees"))
            points.hr.append(held.get("Value"))
            points.distance.append(held.get("DistanceMeters"))
            held = {}
        elif tag == lap_tag:
            heads.append(_head(element, ns, name, lap_from, len(points)))
            starts.append(when(element.get("StartTime"), name, "StartTime"))
            points.breaks.append(len(points))
            lap_from = len(points)
        elif tag == activity_tag:
            activity = element
            break
    if activity is None:
        raise ActivityError(name, "no <Activity> in the TCX file")
    if not heads:
        raise ActivityError(name, "the activity has no laps")
    cols = columns(points, name)
    laps = [_lap(head, cols) for head in heads]
    total = joined(laps)
    known = [s for s in starts if s == s]
    start = min(known) if known else when(text(activity, ns + "Id"), name, "Id")
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
