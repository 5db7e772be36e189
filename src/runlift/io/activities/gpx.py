"""GPX 1.0/1.1 tracks (Strava, Garmin, phone apps): the track's type, its points' times,
positions and heart rate (from any `hr` extension, Garmin's TrackPointExtension included).
Each track segment is a lap when there are several."""

from __future__ import annotations

from runlift.domain.activity import Activity, sport_named
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


def read_gpx(data: bytes, name: str, limits: Limits = DEFAULT_LIMITS) -> Activity:
    root = parse_xml(data, name)
    if local(root.tag) != "gpx":
        raise ActivityError(name, f"the root element is <{local(root.tag)}>, not <gpx>")
    tracks = list(children(root, "trk"))
    if not tracks:
        raise ActivityError(name, "no track (<trk>) in the GPX file")
    segments: list[list[Point]] = []
    count = 0
    for track in tracks:
        for segment in children(track, "trkseg"):
            points = []
            for node in children(segment, "trkpt"):
                count += 1
                if count > limits.points:
                    raise ActivityError(name, f"more than {limits.points} track points")
                hr = next((n.text for n in descendants(node, "hr") if n.text), None)
                points.append(
                    Point(
                        when(text_of(node, "time"), name),
                        number(node.get("lat"), name, "lat"),
                        number(node.get("lon"), name, "lon"),
                        number(hr, name, "heart rate"),
                    )
                )
            if points:
                segments.append(points)
    if not segments:
        raise ActivityError(name, "the track has no points")
    laps = [lap_of(points) for points in segments]
    total = joined(laps)
    times = [p.time for points in segments for p in points if p.time is not None]
    first = tracks[0]
    kind = text_of(first, "type")
    return Activity(
        sport=sport_named(kind),
        start=min(times) if times else None,
        seconds=total.seconds,
        distance_m=total.distance_m,
        avg_hr=total.avg_hr,
        max_hr=total.max_hr,
        laps=tuple(laps) if len(laps) > 1 else (),
        elapsed_seconds=(max(times) - min(times)).total_seconds() if times else None,
        name=text_of(first, "name") or text_of(child(root, "metadata"), "name"),
    )
