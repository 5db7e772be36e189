"""Events of an iCalendar file (RFC 5545) as coaching platforms and run apps export them:
timed and all-day events, DTEND or DURATION, TZID and UTC times, repeats (RRULE, RDATE,
EXDATE and moved occurrences) expanded over the imported days."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo
from typing import Any

from runlift.io.planfile import InputError
from runlift.io.planimport.events import MAX_OCCURRENCES, RawEvent, Span, local


@dataclass
class _Block:
    """Where one VEVENT and each of its properties begin in the file."""

    line: int
    props: dict[str, int] = field(default_factory=dict)


def _scan(text: str, name: str) -> list[_Block]:
    """Check the file's shape line by line (so an error can name its line) and note where
    each event and its properties are."""
    logical: list[tuple[int, str]] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        if raw[:1] in (" ", "\t") and logical:  # a folded line continues the one before
            logical[-1] = (logical[-1][0], logical[-1][1] + raw[1:])
        elif raw.strip():
            logical.append((number, raw))
    if not logical or logical[0][1].strip().upper() != "BEGIN:VCALENDAR":
        raise InputError(name, "line 1: expected BEGIN:VCALENDAR; give an iCalendar (.ics) file")
    blocks: list[_Block] = []
    stack: list[tuple[str, int]] = []
    for number, line in logical:
        head, colon, value = line.partition(":")
        prop = head.split(";", 1)[0].strip().upper()
        if not colon or not prop:
            shown = line if len(line) <= 40 else line[:40] + "..."
            raise InputError(f"{name}: line {number}", f"{shown!r} is not a NAME:value line")
        if prop == "BEGIN":
            stack.append((value.strip().upper(), number))
            if value.strip().upper() == "VEVENT":
                blocks.append(_Block(number))
        elif prop == "END":
            if not stack or stack[-1][0] != value.strip().upper():
                raise InputError(
                    f"{name}: line {number}", f"END:{value.strip()} without a matching BEGIN"
                )
            stack.pop()
        elif stack and stack[-1][0] == "VEVENT":
            blocks[-1].props.setdefault(prop, number)
    if stack:
        kind, number = stack[-1]
        raise InputError(f"{name}: line {number}", f"BEGIN:{kind} is never closed with END:{kind}")
    return blocks


def _where(name: str, block: _Block, prop: str) -> str:
    return f"{name}: line {block.props.get(prop, block.line)}: {prop}"


def _moment(value: Any) -> date | datetime:
    moment = value.dt if hasattr(value, "dt") else value
    if not isinstance(moment, date):
        raise ValueError(f"{moment!r} is not a date or a time")
    return moment


def _minutes(start: date | datetime, end: date | datetime | None) -> int | None:
    if end is None or not isinstance(start, datetime) or not isinstance(end, datetime):
        return None  # an all-day event's end is the next day, not the run's length
    if (start.tzinfo is None) != (end.tzinfo is None):
        return None
    minutes = round((end - start).total_seconds() / 60)
    return minutes if minutes > 0 else None


def _dates(values: Any) -> list[date | datetime]:
    """EXDATE and RDATE: one property or several, each with one or more values."""
    found: list[date | datetime] = []
    for item in values if isinstance(values, list) else [values]:
        found += [_moment(x) for x in getattr(item, "dts", [])]
    return found


def _same(a: date | datetime, b: date | datetime) -> bool:
    if isinstance(a, datetime) and isinstance(b, datetime):
        if (a.tzinfo is None) != (b.tzinfo is None):
            return a.replace(tzinfo=None) == b.replace(tzinfo=None)
        return a == b
    return (a.date() if isinstance(a, datetime) else a) == (
        b.date() if isinstance(b, datetime) else b
    )


def _occurrences(
    event: Any, start: date | datetime, span: Span, where: str
) -> list[date | datetime]:
    """The starts of a repeating event within the span, as its rules and exceptions say."""
    from dateutil.rrule import rrulestr  # type: ignore[import-untyped]

    rule = event.get("RRULE")
    anchor = start if isinstance(start, datetime) else datetime.combine(start, time())
    starts: list[date | datetime] = [start]
    if rule is not None:
        text = rule.to_ical().decode()
        if "COUNT=" not in text and "UNTIL=" not in text and span.last is None:
            raise InputError(
                f"{where}: RRULE", "repeats without end; give the last day to import (--to, "
                "or `to` in the API) to expand it over the imported weeks",
            )  # fmt: skip
        try:
            repeats = rrulestr(text, dtstart=anchor)
        except (ValueError, TypeError) as error:
            raise InputError(f"{where}: RRULE", f"cannot be read ({error})") from None
        starts = []
        for moment in repeats:
            if span.last is not None and moment.date() > span.last:
                break
            starts.append(moment if isinstance(start, datetime) else moment.date())
            if len(starts) > MAX_OCCURRENCES:
                raise InputError(f"{where}: RRULE", "repeats too often; import fewer weeks")
    starts += _dates(event.get("RDATE", []))
    skipped = _dates(event.get("EXDATE", []))
    return [s for s in starts if not any(_same(s, x) for x in skipped)]


def _text(event: Any, prop: str) -> str:
    value = event.get(prop)
    return " ".join(str(value).split()) if value is not None else ""


def read_ics(text: str, name: str, span: Span, zone: tzinfo | None) -> list[RawEvent]:
    """Every event of the calendar that falls in `span`, repeats expanded, on the runner's
    clock. An error names the file's line and property."""
    import icalendar

    blocks = _scan(text, name)
    try:
        calendar = icalendar.Calendar.from_ical(text)
    except (ValueError, IndexError, KeyError, TypeError) as error:
        raise InputError(name, f"not a calendar that can be read ({error})") from None
    events = list(calendar.walk("VEVENT"))
    if len(events) != len(blocks):  # nested or odd components: fall back to event numbers
        blocks = [_Block(b.line, b.props) for b in blocks][: len(events)]
        blocks += [_Block(0) for _ in range(len(events) - len(blocks))]
    moved = {
        (str(e.get("UID")), _moment(e.get("RECURRENCE-ID")))
        for e in events
        if e.get("RECURRENCE-ID") is not None and e.get("UID") is not None
    }
    found: list[RawEvent] = []
    for event, block in zip(events, blocks, strict=True):
        where = f"{name}: line {block.line}"
        for prop, message in getattr(event, "errors", []):
            raise InputError(
                _where(name, block, str(prop).upper()),
                f"{message}; use YYYYMMDD or YYYYMMDDTHHMMSS[Z]",
            )
        if str(event.get("STATUS", "")).upper() == "CANCELLED":
            continue
        if event.get("DTSTART") is None:
            raise InputError(f"{where}: DTSTART", "missing; every event needs a start")
        try:
            start = _moment(event.get("DTSTART"))
            end = _moment(event["DTEND"]) if event.get("DTEND") is not None else None
            length = event.decoded("DURATION") if event.get("DURATION") is not None else None
        except (ValueError, KeyError, TypeError) as error:
            raise InputError(where, f"a start, end or duration cannot be read ({error})") from None
        minutes = _minutes(start, end)
        if isinstance(length, timedelta) and isinstance(start, datetime):
            minutes = round(length.total_seconds() / 60) or None
        uid = str(event.get("UID", ""))
        starts = [start]
        if event.get("RRULE") is not None or event.get("RDATE") is not None:
            starts = [
                s
                for s in _occurrences(event, start, span, where)
                if not any(u == uid and _same(s, r) for u, r in moved)
            ]
        for moment in starts:
            title, notes = _text(event, "SUMMARY"), _text(event, "DESCRIPTION")
            if isinstance(moment, datetime):
                on = local(moment, zone)
                clock = on.hour * 60 + on.minute
                found.append(RawEvent(block.line, title, notes, on.date(), clock, minutes))
            else:
                found.append(RawEvent(block.line, title, notes, moment, None, None))
    return [e for e in found if span.holds(e.day)]
