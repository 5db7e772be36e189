"""runlift.io.fit against fitdecode, field by field, on real device files and on our samples."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import fitdecode
import numpy as np
import pytest

from runlift.io.fit import FitFile, Summary, decode
from tests.shared_data import activities_folder, require

REPO = Path(__file__).resolve().parents[2]
ACTIVITIES = activities_folder()
SAMPLES = REPO / "tests" / "data" / "fit"
# The real files SOURCES.md lists; any other .fit put in that folder is checked too.
REAL = [
    "garmin-fenix-5-run.fit",
    "activity-small-fenix2-run.fit",
    "garmin-fr935-cr.fit",
    "garmin-edge-500-activity.fit",
    "2019-02-17-062644-ELEMNT-297E-195-0.fit",
    "activity-large-fenxi2-multisport.fit",
]
REAL += sorted({p.name for p in ACTIVITIES.glob("*.fit")} - set(REAL))
OWN = ["run-fittool.fit", "run-bigendian-ctime-dev.fit", "chained.fit"]
DEGREES = 180.0 / 2**31


@dataclass
class Reference:
    """What fitdecode reads from a file, in the shape runlift gives."""

    records: dict[str, list[float]] = field(default_factory=dict)
    laps: list[dict[str, object]] = field(default_factory=list)
    sessions: list[dict[str, object]] = field(default_factory=list)
    file_ids: list[dict[str, object]] = field(default_factory=list)


def _fields(message: fitdecode.FitDataMessage) -> dict[object, object]:
    """Profile fields by number (as written) and by name (expanded ones too); no dev fields."""
    out: dict[object, object] = {}
    for data in message.fields:
        if type(data.field_def).__name__ == "DevFieldDefinition":
            continue
        if not data.is_expanded:
            out.setdefault(data.def_num, data)
        out.setdefault(data.name, data)
    return out


def _value(fields: dict[object, object], key: object, raw: bool = False) -> object:
    data = fields.get(key)
    if data is None:
        return None
    return data.raw_value if raw else data.value  # type: ignore[attr-defined]


def _num(value: object) -> float:
    if value is None:
        return math.nan
    if hasattr(value, "timestamp"):
        return float(value.timestamp())
    return float(value)  # type: ignore[arg-type]


RECORD_KEYS = ("timestamp", "heart_rate", "cadence", "distance", "speed", "altitude",
               "position_lat", "position_long", "power")  # fmt: skip


def _record_row(f: dict[object, object]) -> dict[str, float]:
    speed = _value(f, "enhanced_speed")
    altitude = _value(f, "enhanced_altitude")
    lat, long = _value(f, 0, raw=True), _value(f, 1, raw=True)
    return {
        # a compressed-timestamp header gives fitdecode a "timestamp" field with no number
        "timestamp": _num(_value(f, 253) or _value(f, "timestamp")),
        "heart_rate": _num(_value(f, 3, raw=True)),
        "cadence": _num(_value(f, 4, raw=True)),
        "distance": _num(_value(f, 5)),
        "speed": _num(speed if speed is not None else _value(f, 6)),
        "altitude": _num(altitude if altitude is not None else _value(f, 2)),
        "position_lat": _num(lat) * DEGREES,
        "position_long": _num(long) * DEGREES,
        "power": _num(_value(f, 7, raw=True)),
    }


def _summary(f: dict[object, object], lap: bool) -> dict[str, object]:
    avg, top, sport, sub = (15, 16, 25, 39) if lap else (16, 17, 5, 6)
    return {
        "start_time": _value(f, 2),
        "timestamp": _value(f, 253),
        "total_elapsed_time": _value(f, 7),
        "total_timer_time": _value(f, 8),
        "total_distance": _value(f, 9),
        "avg_heart_rate": _value(f, avg, raw=True),
        "max_heart_rate": _value(f, top, raw=True),
        "sport": _value(f, sport, raw=True),
        "sub_sport": _value(f, sub, raw=True),
    }


@cache
def reference(path: Path) -> Reference:
    ref = Reference(records={key: [] for key in RECORD_KEYS})
    with fitdecode.FitReader(str(path), check_crc=fitdecode.CrcCheck.RAISE) as reader:
        for frame in reader:
            if not isinstance(frame, fitdecode.FitDataMessage):
                continue
            f = _fields(frame)
            if frame.global_mesg_num == 20:
                for key, value in _record_row(f).items():
                    ref.records[key].append(value)
            elif frame.global_mesg_num in (18, 19):
                lap = frame.global_mesg_num == 19
                (ref.laps if lap else ref.sessions).append(_summary(f, lap))
            elif frame.global_mesg_num == 0:
                ref.file_ids.append({k: _value(f, n, raw=True) for k, n in
                                     (("type", 0), ("manufacturer", 1), ("product", 2))})  # fmt: skip
    return ref


def _path(folder: Path, name: str) -> Path:
    return require(folder / name)


def _assert_same(ours: FitFile, ref: Reference) -> None:
    records = ours.records
    assert len(records) == len(ref.records["timestamp"])
    for key in RECORD_KEYS:
        expected = np.array(ref.records[key], dtype=np.float64)
        got = getattr(records, key)
        np.testing.assert_allclose(got, expected, rtol=1e-12, atol=1e-9, err_msg=key)
    for kind, theirs in (("laps", ref.laps), ("sessions", ref.sessions)):
        mine: tuple[Summary, ...] = getattr(ours, kind)
        assert len(mine) == len(theirs), kind
        for a, b in zip(mine, theirs, strict=True):
            for key, value in b.items():
                got = getattr(a, key)
                if isinstance(value, float):
                    assert got == pytest.approx(value), (kind, key)
                else:
                    assert got == value, (kind, key)
    assert ref.file_ids, "fitdecode found no file_id"
    assert ours.file_id is not None
    for key, value in ref.file_ids[0].items():
        assert getattr(ours.file_id, key) == value, key


@pytest.mark.parametrize("name", REAL)
def test_real_device_file_decodes_as_fitdecode_reads_it(name):
    path = _path(ACTIVITIES, name)
    _assert_same(decode(path.read_bytes(), check_crc=True), reference(path))


@pytest.mark.parametrize("name", OWN)
def test_sample_file_decodes_as_fitdecode_reads_it(name):
    path = _path(SAMPLES, name)
    _assert_same(decode(path.read_bytes(), check_crc=True), reference(path))


def test_the_fr935_swim_file_is_seven_chained_files():
    fit = decode(_path(ACTIVITIES, "garmin-fr935-cr.fit").read_bytes())
    assert fit.parts == 7
    assert fit.sessions[0].sport == 5  # swimming


def test_the_multisport_file_has_one_session_per_leg():
    fit = decode(_path(ACTIVITIES, "activity-large-fenxi2-multisport.fit").read_bytes())
    assert len(fit.records) == 24239
    assert len(fit.sessions) == len(fit.laps) == 7


def test_the_sample_with_compressed_timestamps_keeps_one_second_steps():
    fit = decode((SAMPLES / "run-bigendian-ctime-dev.fit").read_bytes())
    assert np.all(np.diff(fit.records.timestamp) == 1)
    assert np.isnan(fit.records.heart_rate[5])
    assert fit.message_counts[20] == 300
