"""Write the small activity files of this folder (.venv/bin/python tests/data/activities/make_files.py).

Each workout is a list of segments (seconds, pace in s/km, heart rate), written one point
every 10 s:

- easy-run.gpx: 40 min easy at 6:00/km, heart rate 135-140 (Strava's GPX layout, type running)
- easy-run.gpx.gz: the same, gzipped
- intervals.tcx: 15 min warm-up, 6 x (3 min at 4:00/km, 2 min jog), 10 min cool-down; a lap each
- tempo.fit: 10 min easy, 25 min at 4:30/km at heart rate 172, 10 min easy (fit-tool), 3 laps
- ride.gpx: an hour at 30 km/h with no sport written (too fast to be a run)
- strava-export.zip: Strava's bulk export layout, `activities.csv` and `activities/` holding
  a .gpx, a .tcx.gz, a .fit.gz and a ride whose sport only the CSV names
"""

from __future__ import annotations

import csv
import gzip
import io
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from fit_tool.fit_file_builder import FitFileBuilder
from fit_tool.profile.messages.file_id_message import FileIdMessage
from fit_tool.profile.messages.lap_message import LapMessage
from fit_tool.profile.messages.record_message import RecordMessage
from fit_tool.profile.messages.session_message import SessionMessage
from fit_tool.profile.profile_type import FileType, Manufacturer, Sport

HERE = Path(__file__).resolve().parent
STEP = 10
Segments = list[tuple[int, float, int]]

EASY: Segments = [(2400, 360, 138)]
INTERVALS: Segments = [(900, 360, 135)] + [(180, 240, 175), (120, 420, 145)] * 6 + [(600, 380, 140)]
TEMPO: Segments = [(600, 360, 140), (1500, 270, 172), (600, 380, 145)]
RIDE: Segments = [(3600, 120, 130)]


def points(start: datetime, segments: Segments) -> list[list[tuple[datetime, float, int]]]:
    """Per segment: (time, distance so far in m, heart rate) every STEP seconds."""
    out = []
    t, distance = start, 0.0
    for seconds, pace, hr in segments:
        seg = []
        for _ in range(seconds // STEP):
            seg.append((t, distance, hr))
            t += timedelta(seconds=STEP)
            distance += STEP * 1000 / pace
        seg.append((t, distance, hr))
        out.append(seg)
    return out


def gpx(start: datetime, segments: Segments, kind: str | None, name: str) -> bytes:
    rows = []
    for seg in points(start, segments):
        for t, d, hr in seg:
            lat = 52.0 + d / 111_195
            rows.append(
                f'<trkpt lat="{lat:.6f}" lon="4.900000"><time>{t:%Y-%m-%dT%H:%M:%SZ}</time>'
                f"<extensions><gpxtpx:TrackPointExtension><gpxtpx:hr>{hr}</gpxtpx:hr>"
                "</gpxtpx:TrackPointExtension></extensions></trkpt>"
            )
    kind_tag = f"<type>{kind}</type>" if kind else ""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<gpx creator="runlift tests" version="1.1" xmlns="http://www.topografix.com/GPX/1/1" '
        'xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">\n'
        f"<trk><name>{name}</name>{kind_tag}<trkseg>\n"
        + "\n".join(rows)
        + "\n</trkseg></trk></gpx>\n"
    ).encode()


def tcx(start: datetime, segments: Segments) -> bytes:
    laps = []
    for seg in points(start, segments):
        (t0, d0, hr), (t1, d1, _) = seg[0], seg[-1]
        track = "".join(
            f"<Trackpoint><Time>{t:%Y-%m-%dT%H:%M:%SZ}</Time><DistanceMeters>{d:.1f}</DistanceMeters>"
            f"<HeartRateBpm><Value>{h}</Value></HeartRateBpm></Trackpoint>"
            for t, d, h in seg
        )
        laps.append(
            f'<Lap StartTime="{t0:%Y-%m-%dT%H:%M:%SZ}"><TotalTimeSeconds>{(t1 - t0).seconds}'
            f"</TotalTimeSeconds><DistanceMeters>{d1 - d0:.1f}</DistanceMeters>"
            f"<AverageHeartRateBpm><Value>{hr}</Value></AverageHeartRateBpm>"
            f"<MaximumHeartRateBpm><Value>{hr + 3}</Value></MaximumHeartRateBpm>"
            f"<Intensity>Active</Intensity><TriggerMethod>Manual</TriggerMethod>"
            f"<Track>{track}</Track></Lap>\n"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2">'
        f'<Activities><Activity Sport="Running"><Id>{start:%Y-%m-%dT%H:%M:%SZ}</Id>\n'
        + "".join(laps)
        + "</Activity></Activities></TrainingCenterDatabase>\n"
    ).encode()


def fit(start: datetime, segments: Segments) -> bytes:
    ms = int(start.timestamp() * 1000)
    builder = FitFileBuilder(auto_define=True, min_string_size=50)
    file_id = FileIdMessage()
    file_id.type = FileType.ACTIVITY
    file_id.manufacturer = Manufacturer.GARMIN.value
    file_id.product = 2697
    file_id.serial_number = 0x1234
    file_id.time_created = ms
    builder.add(file_id)
    segs = points(start, segments)
    for seg in segs:
        for t, d, hr in seg[:-1]:
            record = RecordMessage()
            record.timestamp = int(t.timestamp() * 1000)
            record.distance = d
            record.heart_rate = hr
            builder.add(record)
    total_hr = 0.0
    for n, seg in enumerate(segs):
        (t0, d0, hr), (t1, d1, _) = seg[0], seg[-1]
        lap = LapMessage()
        lap.message_index = n
        lap.start_time = int(t0.timestamp() * 1000)
        lap.timestamp = int(t1.timestamp() * 1000)
        lap.total_elapsed_time = lap.total_timer_time = (t1 - t0).seconds
        lap.total_distance = d1 - d0
        lap.avg_heart_rate = hr
        lap.max_heart_rate = hr + 3
        lap.sport = Sport.RUNNING
        builder.add(lap)
        total_hr += hr * (t1 - t0).seconds
    seconds = (segs[-1][-1][0] - start).seconds
    session = SessionMessage()
    session.start_time = ms
    session.timestamp = ms + seconds * 1000
    session.total_elapsed_time = session.total_timer_time = seconds
    session.total_distance = segs[-1][-1][1]
    session.avg_heart_rate = round(total_hr / seconds)
    session.max_heart_rate = max(hr for _, _, hr in segments) + 3
    session.sport = Sport.RUNNING
    builder.add(session)
    return bytes(builder.build_bytes())


def at(day: int, hour: int = 6) -> datetime:
    return datetime(2026, 11, day, hour, 30, tzinfo=UTC)


def strava_zip() -> bytes:
    files = {
        "activities/1001.gpx": ("Run", "Easy Monday", gpx(at(2), EASY, "running", "Easy Monday")),
        "activities/1002.tcx.gz": (
            "Run",
            "Track 6x3'",
            gzip.compress(tcx(at(3), INTERVALS), mtime=0),
        ),
        "activities/1003.fit.gz": ("Run", "Tempo", gzip.compress(fit(at(5), TEMPO), mtime=0)),
        "activities/1004.gpx": ("Ride", "Commute", gpx(at(6), RIDE, None, "Commute")),
    }
    table = io.StringIO()
    writer = csv.writer(table)
    writer.writerow(["Activity ID", "Activity Date", "Activity Name", "Activity Type", "Filename"])
    for path, (kind, name, _) in files.items():
        writer.writerow([path.split("/")[1].split(".")[0], "Nov 2, 2026", name, kind, path])
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("activities.csv", table.getvalue())
        archive.writestr("profile.csv", "Athlete ID\n1\n")
        for path, (_, _, data) in files.items():
            archive.writestr(zipfile.ZipInfo(path, (2026, 11, 7, 0, 0, 0)), data)
    return out.getvalue()


def main() -> None:
    easy = gpx(at(9), EASY, "running", "Easy run")
    (HERE / "easy-run.gpx").write_bytes(easy)
    (HERE / "easy-run.gpx.gz").write_bytes(
        gzip.compress(gpx(at(10), EASY, "running", "Easy"), mtime=0)
    )
    (HERE / "intervals.tcx").write_bytes(tcx(at(11), INTERVALS))
    (HERE / "tempo.fit").write_bytes(fit(at(12), TEMPO))
    (HERE / "ride.gpx").write_bytes(gpx(at(13), RIDE, None, "Ride"))
    (HERE / "strava-export.zip").write_bytes(strava_zip())


if __name__ == "__main__":
    main()
