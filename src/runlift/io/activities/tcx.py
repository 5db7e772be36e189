"""TCX (Garmin Training Center) activities: the Sport attribute, each Lap's own totals
(TotalTimeSeconds, DistanceMeters, heart rate), and the trackpoints where a lap lacks them.
Points without a position (treadmill runs) are kept: their time and heart rate still count."""

from __future__ import annotations

from xml.etree.ElementTree import Element

from runlift.domain.activity import Activity, Lap, sport_named
from runlift.io.activities.errors import DEFAULT_LIMITS, ActivityError, Limits
from runlift.io.activities.track import Point, joined, lap_of, when
from runlift.io.activities.xmlsafe import (
    child,
    children,
    descendants,
    local,
    number,
    parse_xml,
    text_of,
)


def _value(element: Element, tag: str, name: str) -> float | None:
    found = child(element, tag)
    return None if found is None else number(text_of(found, "Value"), name, tag)


def _points(lap: Element, name: str, budget: list[int]) -> list[Point]:
    points = []
    for node in descendants(lap, "Trackpoint"):
        budget[0] -= 1
        if budget[0] < 0:
            raise ActivityError(name, "too many trackpoints")
        position = child(node, "Position")
        hr = child(node, "HeartRateBpm")
        points.append(
            Point(
                when(text_of(node, "Time"), name),
                number(text_of(position, "LatitudeDegrees"), name, "LatitudeDegrees"),
                number(text_of(position, "LongitudeDegrees"), name, "LongitudeDegrees"),
                number(text_of(hr, "Value"), name, "HeartRateBpm"),
                number(text_of(node, "DistanceMeters"), name, "DistanceMeters"),
            )
        )
    return points


def _lap(node: Element, name: str, budget: list[int]) -> Lap:
    from_points = lap_of(_points(node, name, budget))
    seconds = number(text_of(node, "TotalTimeSeconds"), name, "TotalTimeSeconds")
    distance = number(text_of(node, "DistanceMeters"), name, "DistanceMeters")
    return Lap(
        seconds if seconds is not None else from_points.seconds,
        distance if distance is not None else from_points.distance_m,
        _value(node, "AverageHeartRateBpm", name) or from_points.avg_hr,
        _value(node, "MaximumHeartRateBpm", name) or from_points.max_hr,
    )


def read_tcx(data: bytes, name: str, limits: Limits = DEFAULT_LIMITS) -> Activity:
    root = parse_xml(data, name)
    if local(root.tag) != "TrainingCenterDatabase":
        raise ActivityError(name, f"the root element is <{local(root.tag)}>, not a TCX file")
    activity = next(descendants(root, "Activity"), None)
    if activity is None:
        raise ActivityError(name, "no <Activity> in the TCX file")
    budget = [limits.points]
    nodes = list(children(activity, "Lap"))
    if not nodes:
        raise ActivityError(name, "the activity has no laps")
    laps = [_lap(node, name, budget) for node in nodes]
    total = joined(laps)
    starts = [when(node.get("StartTime"), name, "StartTime") for node in nodes]
    start = min((s for s in starts if s is not None), default=None)
    if start is None:
        start = when(text_of(activity, "Id"), name, "Id")
    return Activity(
        sport=sport_named(activity.get("Sport")),
        start=start,
        seconds=total.seconds,
        distance_m=total.distance_m,
        avg_hr=total.avg_hr,
        max_hr=total.max_hr,
        laps=tuple(laps) if len(laps) > 1 else (),
        name=text_of(activity, "Notes"),
    )
