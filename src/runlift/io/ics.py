"""Planned strength sessions as an iCalendar feed (RFC 5545) that Google, Apple and Outlook
calendars can subscribe to. Times are floating local times: the runner's own clock."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from runlift.domain.model import Day, Prescription, StrengthSession

PRODUCT = "-//runlift//strength for runners//EN"


def escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold(line: str) -> str:
    """Lines of at most 75 octets, continued with a leading space (RFC 5545 §3.1)."""
    data = line.encode("utf-8")
    if len(data) <= 75:
        return line
    parts, start = [], 0
    limit = 75
    while start < len(data):
        end = min(start + limit, len(data))
        while end < len(data) and (data[end] & 0xC0) == 0x80:  # never split a character
            end -= 1
        parts.append(data[start:end].decode("utf-8"))
        start, limit = end, 74
    return "\r\n ".join(parts)


def _dose(item: Prescription) -> str:
    amount = f"{item.seconds} s" if item.seconds is not None else f"{item.reps}"
    side = " per side" if item.unilateral else ""
    if item.load is not None:
        each = " in each hand" if item.implements == 2 else ""
        how = f" @ {item.load:g} {item.unit}{each}"
    elif item.reps_in_reserve is not None:
        how = f", leave {item.reps_in_reserve} in reserve"
    else:
        how = ""
    return f"{item.name}: {item.sets} x {amount}{side}{how}"


def _stamp(moment: datetime) -> str:
    return moment.strftime("%Y%m%dT%H%M%SZ")


def _local(day: Day, minute: int) -> str:
    """A floating local time (no zone on purpose: the runner's own clock, wherever they are)."""
    hours, minutes = divmod(minute, 60)
    return f"{day.date:%Y%m%d}T{hours:02d}{minutes:02d}00"


def feed(
    name: str, uid_prefix: str, days: Iterable[Day], now_utc: datetime, reasons: dict[str, str]
) -> str:
    """One VEVENT per strength session; the description holds the exercises and the reason."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODUCT}",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{escape(f'runlift - {name}')}",
    ]
    for day in days:
        for session in day.strength:
            lines += _event(
                uid_prefix, day, session, now_utc, reasons.get(day.date.isoformat(), "")
            )
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


def _event(
    prefix: str, day: Day, session: StrengthSession, now_utc: datetime, why: str
) -> list[str]:
    title = f"{session.kind.value.capitalize()} strength ({session.minutes} min)"
    body = "\n".join(_dose(x) for x in session.exercises)
    if why:
        body += f"\n\nWhy this day: {why}"
    return [
        "BEGIN:VEVENT",
        f"UID:{prefix}-{day.date.isoformat()}-{session.start}-{session.kind.value}@runlift",
        f"DTSTAMP:{_stamp(now_utc)}",
        f"DTSTART:{_local(day, session.start)}",
        f"DTEND:{_local(day, session.end)}",
        f"SUMMARY:{escape(title)}",
        f"DESCRIPTION:{escape(body)}",
        "END:VEVENT",
    ]
