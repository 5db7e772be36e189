"""GPX 1.0/1.1 tracks (Strava, Garmin, phone apps): the track's type, its points' times,
positions and heart rate (from any `hr` extension, Garmin's TrackPointExtension included).
Each track segment is a lap when there are several. Streamed: see xmlsafe."""

from __future__ import annotations

from runlift.domain.activity import Activity, sport_named
from runlift.domain.runsignals import signals_of
from runlift.io.activities.errors import DEFAULT_LIMITS, ActivityError, Limits
from runlift.io.activities.track import (
    Points,
    columns,
    joined,
    laps_of,
    moment,
    trace_of,
)
from runlift.io.activities.xmlsafe import local, namespace, root_tag, safe_events, text

HEART_RATE_TAGS = ("{*}hr", "{*}heartrate")  # Garmin's TrackPointExtension, and others'


def read_gpx(data: bytes, name: str, limits: Limits = DEFAULT_LIMITS) -> Activity:
    root = root_tag(data, name)
    if local(root) != "gpx":
        raise ActivityError(name, f"the root element is <{local(root)}>, not <gpx>")
    ns = namespace(root)
    trkpt, trkseg, trk, time, about, wpt, rtept = (
        ns + t for t in ("trkpt", "trkseg", "trk", "time", "metadata", "wpt", "rtept")
    )
    points = Points()
    tracks = 0
    title = kind = about_name = None
    # Leaves come up before their point: a point's time and heart rate wait for its end tag.
    # Only a track point's own time counts (a waypoint's or the file's is not the run's), and
    # a heart rate seen in a waypoint or route point is dropped with it.
    stamp: str | None = None
    beat: str | None = None
    wanted = (time, *HEART_RATE_TAGS, trkpt, trkseg, trk, about, wpt, rtept)
    for _, element in safe_events(data, name, wanted, sweep=trkpt):
        tag = element.tag
        if tag == time:
            parent = element.getparent()
            if parent is not None and parent.tag == trkpt:
                stamp = element.text
        elif tag == trkpt:
            if len(points) >= limits.points:
                raise ActivityError(name, f"more than {limits.points} track points")
            points.time.append(stamp)
            points.lat.append(element.get("lat"))
            points.lon.append(element.get("lon"))
            points.hr.append(beat)
            points.distance.append(None)
            stamp = beat = None
        elif tag == trkseg:
            points.breaks.append(len(points))
        elif tag == trk:
            tracks += 1
            if tracks == 1:
                title, kind = text(element, ns + "name"), text(element, ns + "type")
        elif tag == about:
            about_name = text(element, ns + "name")
        elif tag in (wpt, rtept):
            beat = None
        else:
            beat = element.text
    if not tracks:
        raise ActivityError(name, "no track (<trk>) in the GPX file")
    if not len(points):
        raise ActivityError(name, "the track has no points")
    cols = columns(points, name)
    laps = laps_of(cols, points.breaks)
    total = joined(laps)
    timed = cols.time[cols.time == cols.time]
    trace = trace_of(cols.time, cols.along, cols.hr)
    return Activity(
        sport=sport_named(kind),
        start=moment(float(timed.min())) if len(timed) else None,
        seconds=total.seconds,
        distance_m=total.distance_m,
        avg_hr=total.avg_hr,
        max_hr=total.max_hr,
        laps=tuple(laps) if len(laps) > 1 else (),
        elapsed_seconds=float(timed.max() - timed.min()) if len(timed) else None,
        name=title or about_name,
        stream=None if trace is None else signals_of(trace),
    )
