"""decode(bytes) -> FitFile: file headers, CRCs and chained files; fields into the model."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from datetime import UTC, datetime

import numpy as np

from runlift.io.fit.crc import crc16
from runlift.io.fit.errors import FitError
from runlift.io.fit.gather import Floats, gather
from runlift.io.fit.model import FileId, FitFile, Records, Summary
from runlift.io.fit.walk import Layout, walk

# Seconds from the Unix epoch to the FIT epoch, 1989-12-31 00:00:00 UTC.
FIT_EPOCH = 631065600
MAX_BYTES = 1 << 30  # a FIT file past 1 GiB is not an activity: refuse it before reading
DEGREES = 180.0 / 2**31  # semicircles to degrees

FILE_ID, SESSION, LAP, RECORD = 0, 18, 19, 20
# Field numbers of the profile (Profile.xlsx), record message.
_REC = {
    "timestamp": 253, "position_lat": 0, "position_long": 1, "altitude": 2, "heart_rate": 3,
    "cadence": 4, "distance": 5, "speed": 6, "power": 7, "enhanced_speed": 73,
    "enhanced_altitude": 78,
}  # fmt: skip
# start_time, total_elapsed_time, total_timer_time, total_distance, avg/max HR, sport, sub_sport
_SESSION = (2, 7, 8, 9, 16, 17, 5, 6)
_LAP = (2, 7, 8, 9, 15, 16, 25, 39)


def decode(data: bytes, *, check_crc: bool = True) -> FitFile:
    """Decode a FIT file; chained FIT files in one input come back joined, in order.

    Raises FitError (with the byte offset) for anything that is not a well-formed FIT file.
    """
    parts = decode_parts(data, check_crc=check_crc)
    if len(parts) == 1:
        return parts[0]
    counts: Counter[int] = Counter()
    for part in parts:
        counts.update(part.message_counts)
    return FitFile(
        file_id=next((p.file_id for p in parts if p.file_id is not None), None),
        sessions=tuple(s for p in parts for s in p.sessions),
        laps=tuple(lap for p in parts for lap in p.laps),
        records=Records.join([p.records for p in parts]),
        message_counts=dict(counts),
        parts=len(parts),
    )


def decode_parts(data: bytes, *, check_crc: bool = True) -> list[FitFile]:
    """Each FIT file of a chain on its own (most inputs hold exactly one)."""
    buf = bytes(data)
    if len(buf) > MAX_BYTES:
        raise FitError(f"{len(buf)} bytes is past the {MAX_BYTES}-byte limit", 0)
    arr = np.frombuffer(buf, dtype=np.uint8)
    out: list[FitFile] = []
    pos = 0
    while pos < len(buf) or not out:
        start, end = _header(buf, pos, check_crc)
        out.append(_build(buf, walk(buf, arr, start, end)))
        pos = end + 2
    return out


def _header(buf: bytes, pos: int, check_crc: bool) -> tuple[int, int]:
    """Check the file header at ``pos`` (and the file CRC); return where its data lies."""
    size = len(buf)
    if size - pos < 12:
        raise FitError(f"file header cut short: {size - pos} bytes left, 12 needed", pos)
    header_size = buf[pos]
    if header_size not in (12, 14):
        raise FitError(f"header size {header_size}; a FIT header has 12 or 14 bytes", pos)
    if pos + header_size > size:
        raise FitError("file header cut short", pos)
    if buf[pos + 8 : pos + 12] != b".FIT":
        raise FitError("no '.FIT' signature in the file header", pos + 8)
    data_size = int.from_bytes(buf[pos + 4 : pos + 8], "little")
    if header_size == 14 and check_crc:
        stored = int.from_bytes(buf[pos + 12 : pos + 14], "little")
        if stored and stored != crc16(buf[pos : pos + 12]):
            raise FitError(f"header CRC {stored:#06x} does not match the header", pos + 12)
    start = pos + header_size
    end = start + data_size
    if end + 2 > size:
        raise FitError(
            f"data size {data_size} and CRC run past the end of the file ({size} bytes)", pos + 4
        )
    if check_crc:
        stored = int.from_bytes(buf[end : end + 2], "little")
        computed = crc16(memoryview(buf)[pos:end])
        if stored != computed:
            raise FitError(f"file CRC {stored:#06x} does not match the data ({computed:#06x})", end)
    return start, end


def _build(buf: bytes, layouts: list[Layout]) -> FitFile:
    by_num: dict[int, list[Layout]] = {}
    counts: Counter[int] = Counter()
    for layout in layouts:
        by_num.setdefault(layout.global_num, []).append(layout)
        if layout.starts:
            counts[layout.global_num] += layout.total
    file_ids = _rows(buf, by_num.get(FILE_ID, []), (0, 1, 2, 3, 4))
    file_id = None
    if file_ids:
        kind, maker, product, serial, created = file_ids[0]
        file_id = FileId(_int(kind), _int(maker), _int(product), _int(serial), _time(created))
    return FitFile(
        file_id=file_id,
        sessions=_summaries(buf, by_num.get(SESSION, []), _SESSION),
        laps=_summaries(buf, by_num.get(LAP, []), _LAP),
        records=_records(buf, by_num.get(RECORD, [])),
        message_counts=dict(counts),
    )


def _rows(buf: bytes, layouts: list[Layout], nums: Sequence[int]) -> list[list[float]]:
    if not any(layout.starts for layout in layouts):
        return []
    columns = gather(buf, layouts, nums)
    return [list(row) for row in zip(*(columns[n].tolist() for n in nums), strict=True)]


def _summaries(buf: bytes, layouts: list[Layout], nums: Sequence[int]) -> tuple[Summary, ...]:
    out = []
    for row in _rows(buf, layouts, (253, *nums)):
        stamp, start, elapsed, timer, distance, avg_hr, max_hr, sport, sub_sport = row
        out.append(
            Summary(
                start_time=_time(start),
                timestamp=_time(stamp),
                total_elapsed_time=_scaled(elapsed, 1000),
                total_timer_time=_scaled(timer, 1000),
                total_distance=_scaled(distance, 100),
                avg_heart_rate=_int(avg_hr),
                max_heart_rate=_int(max_hr),
                sport=_int(sport),
                sub_sport=_int(sub_sport),
            )
        )
    return tuple(out)


def _records(buf: bytes, layouts: list[Layout]) -> Records:
    if not any(layout.starts for layout in layouts):
        return Records.empty()
    raw = gather(buf, layouts, list(_REC.values()))
    col = {name: raw[num] for name, num in _REC.items()}
    return Records(
        timestamp=col["timestamp"] + FIT_EPOCH,
        heart_rate=col["heart_rate"],
        cadence=col["cadence"],
        distance=col["distance"] / 100.0,
        speed=_prefer(col["enhanced_speed"], col["speed"]) / 1000.0,
        altitude=_prefer(col["enhanced_altitude"], col["altitude"]) / 5.0 - 500.0,
        position_lat=col["position_lat"] * DEGREES,
        position_long=col["position_long"] * DEGREES,
        power=col["power"],
    )


def _prefer(first: Floats, second: Floats) -> Floats:
    """``first`` where it has a value, else ``second``."""
    return np.where(np.isnan(first), second, first)


def _int(value: float) -> int | None:
    return None if math.isnan(value) else int(value)


def _scaled(value: float, scale: float) -> float | None:
    return None if math.isnan(value) else value / scale


def _time(value: float) -> datetime | None:
    if math.isnan(value):
        return None
    return datetime.fromtimestamp(FIT_EPOCH + int(value), tz=UTC)
