"""The one error the activity readers raise, and the limits that keep hostile files small."""

from __future__ import annotations

from dataclasses import dataclass

MB = 1024 * 1024


class ActivityError(ValueError):
    """A file that cannot be read as an activity: the message names the file and the reason."""

    def __init__(self, name: str, reason: str) -> None:
        super().__init__(f"{name}: {reason}")
        self.name = name
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Limits:
    """How much any one import may take in.

    ``upload`` bounds the bytes given (one file or an archive, before inflating); ``inflated``
    bounds each activity file once decompressed and ``total`` all of them together; ``ratio``
    is the most a compressed entry may grow (checked past ``ratio_floor`` bytes, since tiny
    files of repeated XML legitimately shrink a lot); ``entries`` bounds an archive's entries
    and ``points`` the track points of one GPX or TCX file."""

    upload: int = 256 * MB
    inflated: int = 64 * MB
    total: int = 2048 * MB
    ratio: int = 100
    ratio_floor: int = 4 * MB
    entries: int = 20_000
    points: int = 500_000
    depth: int = 2  # an archive inside an archive (Garmin's exports), no deeper


DEFAULT_LIMITS = Limits()
