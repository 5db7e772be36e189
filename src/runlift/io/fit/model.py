"""What a decoded FIT file holds: plain frozen values and numpy arrays."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import datetime

import numpy as np
import numpy.typing as npt

Floats = npt.NDArray[np.float64]


@dataclass(frozen=True)
class FileId:
    """The file_id message: what kind of file, and which device wrote it when.

    ``type`` is the FIT ``file`` enum (4 = activity); ``manufacturer`` the FIT manufacturer
    number (1 = Garmin, 32 = Wahoo); ``product`` the manufacturer's own product number.
    """

    type: int | None
    manufacturer: int | None
    product: int | None
    serial_number: int | None
    time_created: datetime | None


@dataclass(frozen=True)
class Summary:
    """A lap or a session: its start, its end (``timestamp``) and its totals.

    Times in seconds, distance in metres, heart rates in beats a minute; ``sport`` and
    ``sub_sport`` are the FIT enums (1 = running, 2 = cycling, 5 = swimming, 18 = multisport).
    None where the device left the field out or marked it invalid.
    """

    start_time: datetime | None
    timestamp: datetime | None
    total_elapsed_time: float | None
    total_timer_time: float | None
    total_distance: float | None
    avg_heart_rate: int | None
    max_heart_rate: int | None
    sport: int | None
    sub_sport: int | None


@dataclass(frozen=True, eq=False)
class Records:
    """The record stream, one float64 array per quantity, all of one length; NaN = no value.

    ``timestamp`` is in Unix seconds (UTC); distance in metres, speed in m/s (enhanced_speed
    where the device wrote it), altitude in metres (enhanced_altitude where written), positions
    in degrees, heart rate in beats a minute, cadence in the device's unit (steps a minute per
    foot for running, revolutions a minute for cycling), power in watts.
    """

    timestamp: Floats
    heart_rate: Floats
    cadence: Floats
    distance: Floats
    speed: Floats
    altitude: Floats
    position_lat: Floats
    position_long: Floats
    power: Floats

    def __len__(self) -> int:
        return len(self.timestamp)

    def times(self) -> npt.NDArray[np.datetime64]:
        """The timestamps as numpy datetime64 (seconds, UTC); NaT where missing."""
        out = np.full(len(self), np.datetime64("NaT"), dtype="datetime64[s]")
        known = ~np.isnan(self.timestamp)
        out[known] = self.timestamp[known].astype(np.int64).astype("datetime64[s]")
        return out

    @classmethod
    def empty(cls) -> Records:
        return cls(**{f.name: np.empty(0) for f in fields(cls)})

    @classmethod
    def join(cls, parts: list[Records]) -> Records:
        """The records of several chained FIT files, one after the other."""
        if len(parts) == 1:
            return parts[0]
        return cls(
            **{f.name: np.concatenate([getattr(p, f.name) for p in parts]) for f in fields(cls)}
        )


@dataclass(frozen=True, eq=False)
class FitFile:
    """One decoded FIT file (or several chained ones, joined in order).

    ``message_counts`` maps each global message number met to how many data messages it had,
    so callers can tell what else the file carried without decoding it.
    """

    file_id: FileId | None
    sessions: tuple[Summary, ...]
    laps: tuple[Summary, ...]
    records: Records
    message_counts: Mapping[int, int]
    parts: int = 1
