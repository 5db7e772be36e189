"""Write the small FIT files of this folder (run: .venv/bin/python tests/data/fit/make_samples.py).

- run-fittool.fit: a 10-minute run written by fit-tool (PyPI): records with heart rate,
  cadence, distance, speed, altitude and position; two laps; a session.
- run-bigendian-ctime-dev.fit: written by runlift's own writer: big-endian definitions,
  records with compressed-timestamp headers, a developer field, a 12-byte header, a
  redefinition of the record message half-way.
- chained.fit: two short runs chained in one file.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
from fit_tool.fit_file_builder import FitFileBuilder
from fit_tool.profile.messages.event_message import EventMessage
from fit_tool.profile.messages.file_id_message import FileIdMessage
from fit_tool.profile.messages.lap_message import LapMessage
from fit_tool.profile.messages.record_message import RecordMessage
from fit_tool.profile.messages.session_message import SessionMessage
from fit_tool.profile.profile_type import Event, EventType, FileType, Manufacturer, Sport

from runlift.io.fit.encode import ENUM, STRING, UINT8, UINT16, UINT32, FitWriter

HERE = Path(__file__).resolve().parent
START_MS = 1_700_000_000_000  # 2023-11-14 22:13:20 UTC
FIT_EPOCH = 631065600


def fittool_run(seconds: int = 600) -> bytes:
    builder = FitFileBuilder(auto_define=True, min_string_size=50)
    file_id = FileIdMessage()
    file_id.type = FileType.ACTIVITY
    file_id.manufacturer = Manufacturer.GARMIN.value
    file_id.product = 2697
    file_id.serial_number = 0x12345678
    file_id.time_created = START_MS
    builder.add(file_id)
    event = EventMessage()
    event.event, event.event_type, event.timestamp = Event.TIMER, EventType.START, START_MS
    builder.add(event)
    distance = 0.0
    for i in range(seconds):
        speed = 3.0 + 0.5 * math.sin(i / 60)
        distance += speed
        record = RecordMessage()
        record.timestamp = START_MS + i * 1000
        record.heart_rate = 120 + (i * 7) % 50
        record.cadence = 85 + i % 5
        record.distance = distance
        record.speed = speed
        record.altitude = 40 + 5 * math.sin(i / 100)
        record.position_lat = 52.37 + i * 1e-5
        record.position_long = 4.89 - i * 1e-5
        builder.add(record)
    half = seconds // 2
    for n, (first, last) in enumerate(((0, half), (half, seconds))):
        lap = LapMessage()
        lap.message_index = n
        lap.timestamp = START_MS + (last - 1) * 1000
        lap.start_time = START_MS + first * 1000
        lap.total_elapsed_time = last - first
        lap.total_timer_time = last - first - 1.5
        lap.total_distance = 1500.0 + n * 100
        lap.avg_heart_rate = 140 + n
        lap.max_heart_rate = 169
        lap.sport = Sport.RUNNING
        builder.add(lap)
    session = SessionMessage()
    session.timestamp = START_MS + (seconds - 1) * 1000
    session.start_time = START_MS
    session.total_elapsed_time = seconds
    session.total_timer_time = seconds - 3
    session.total_distance = distance
    session.avg_heart_rate = 144
    session.max_heart_rate = 169
    session.sport = Sport.RUNNING
    builder.add(session)
    return bytes(builder.build_bytes())


def own_run(
    seconds: int, *, start: int, big_endian: bool, compressed: bool, header_size: int
) -> bytes:
    """A run from runlift's writer; ``start`` in FIT seconds."""
    w = FitWriter(big_endian=big_endian)
    w.define(0, 0, [(0, 1, ENUM), (1, 2, UINT16), (2, 2, UINT16), (4, 4, UINT32)])
    w.write(0, [[4], [32], [28], [start]])
    # developer_data_id and field_description: one developer field "stride", uint8
    w.define(1, 207, [(3, 1, UINT8)])
    w.write(1, [[0]])
    w.define(1, 206, [(0, 1, UINT8), (1, 1, UINT8), (2, 1, UINT8), (3, 8, STRING)])
    w.write(1, [[0], [0], [UINT8], [b"stride"]])
    t = np.arange(seconds)
    hr = 110 + (t * 3) % 60
    hr[5] = 0xFF  # one invalid heart rate
    dist = np.cumsum(np.full(seconds, 285))  # 2.85 m a second, in centimetres
    half = seconds // 2
    fields = [(253, 4, UINT32), (3, 1, UINT8), (4, 1, UINT8), (5, 4, UINT32), (6, 2, UINT16)]
    w.define(2, 20, fields, dev_fields=[(0, 1, 0)])
    cols = [start + t, hr, 80 + t % 7, dist, np.full(seconds, 2850)]
    w.write(2, [c[:half] for c in cols] + [np.full(half, 7, dtype="S1")])
    if compressed:
        # the same records, timestamps in the headers (5 bits of offset each)
        w.define(3, 20, fields[1:], dev_fields=[(0, 1, 0)])
        rest = [c[half:] for c in cols[1:]] + [np.full(seconds - half, 7, dtype="S1")]
        w.write(3, rest, time_offsets=(start + t[half:]) & 0x1F)
    else:
        w.define(3, 20, fields[::-1])
        w.write(3, [c[half:] for c in cols[::-1]])
    w.define(4, 19, [(253, 4, UINT32), (2, 4, UINT32), (7, 4, UINT32), (9, 4, UINT32)])
    w.write(4, [[start + seconds - 1], [start], [seconds * 1000], [int(dist[-1])]])
    w.define(5, 18, [(253, 4, UINT32), (2, 4, UINT32), (7, 4, UINT32), (16, 1, UINT8)])
    w.write(5, [[start + seconds - 1], [start], [seconds * 1000], [140]])
    return w.finish(header_size=header_size)


def main() -> None:
    start = START_MS // 1000 - FIT_EPOCH
    files = {
        "run-fittool.fit": fittool_run(),
        "run-bigendian-ctime-dev.fit": own_run(
            300, start=start, big_endian=True, compressed=True, header_size=12
        ),
        "chained.fit": own_run(120, start=start, big_endian=False, compressed=False, header_size=14)
        + own_run(90, start=start + 3600, big_endian=True, compressed=False, header_size=14),
    }
    for name, data in files.items():
        (HERE / name).write_bytes(data)
        print(f"{name}: {len(data)} bytes")


if __name__ == "__main__":
    main()
