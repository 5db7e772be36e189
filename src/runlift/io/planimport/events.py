"""What every importer hands on: one event of the running plan, in the runner's local time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, tzinfo

from runlift.io.planfile import InputError

MAX_BYTES = 2 * 1024 * 1024
MAX_OCCURRENCES = 2000  # events after repeats are expanded; a plan is weeks, not decades


@dataclass(frozen=True, slots=True)
class RawEvent:
    line: int  # where the event starts in the file (1-based), for messages and the runner
    title: str
    description: str
    day: date
    start: int | None  # minutes after local midnight; None for an all-day event
    minutes: int | None  # from the event's own end or duration; None when it has none
    category: str = ""  # a CSV's activity type ("Running", "Cycling"), read with the title


@dataclass(frozen=True, slots=True)
class Span:
    """The days to import, both ends included; None leaves that end to the file."""

    first: date | None = None
    last: date | None = None

    def holds(self, day: date) -> bool:
        return (self.first is None or day >= self.first) and (self.last is None or day <= self.last)


def local(moment: datetime, zone: tzinfo | None) -> datetime:
    """A time with a zone (TZID or UTC 'Z') on the runner's clock; a floating time as it is."""
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(zone) if zone is not None else moment.astimezone()


def text_of(data: bytes, name: str) -> str:
    if len(data) > MAX_BYTES:
        raise InputError(
            name, f"{len(data) // 1024} KB is too large; a plan file may be at most 2 MB"
        )
    if not data.strip():
        raise InputError(name, "the file is empty; give an iCalendar (.ics) or a CSV file")
    if b"\x00" in data[:4096]:
        raise InputError(name, "not a text file; give an iCalendar (.ics) or a CSV file")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")  # spreadsheets on Windows save so
