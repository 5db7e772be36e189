"""Imported events read as run types (with the runner's confirmations) and gathered into
Monday-start weeks in plan-file form (contract.md, `week.days`)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from runlift.domain.model import MINUTES_PER_DAY, WEEKDAYS, RunType, format_clock
from runlift.domain.runclass import (
    SKIP_KINDS,
    Length,
    Reading,
    RunWords,
    needs_confirmation,
    read_event,
    session_length,
)
from runlift.io.planfile import InputError
from runlift.io.planimport.events import RawEvent

MAX_WEEKS = 26
SKIP = "skip"
RUN_TYPES = tuple(t.value for t in RunType)


@dataclass(frozen=True, slots=True)
class ImportedEvent:
    id: str
    raw: RawEvent
    reading: Reading
    kind: str | None  # a run type, a skip kind, or None while unknown
    confirmed: bool
    length: Length | None  # for runs only

    @property
    def is_run(self) -> bool:
        return self.kind in RUN_TYPES

    @property
    def unresolved(self) -> bool:
        return self.kind is None

    def asks(self, words: RunWords) -> bool:
        """Listed for the runner to confirm: unknown, or read with low confidence."""
        return not self.confirmed and needs_confirmation(self.reading, words)


@dataclass(frozen=True, slots=True)
class Imported:
    name: str
    format: str
    first: date
    last: date
    events: tuple[ImportedEvent, ...]
    usual_start: int
    words: RunWords

    @property
    def mondays(self) -> list[date]:
        monday = self.first - timedelta(days=self.first.weekday())
        out = []
        while monday <= self.last:
            out.append(monday)
            monday += timedelta(days=7)
        return out

    def week_events(self, monday: date) -> list[ImportedEvent]:
        return [e for e in self.events if 0 <= (e.raw.day - monday).days <= 6]

    def days(self, monday: date) -> dict[str, Any]:
        """The week's runs in plan-file form; every day listed (rest when it has no run)."""
        days: dict[str, Any] = {day: "rest" for day in WEEKDAYS}
        for event in self.week_events(monday):
            if not event.is_run or event.length is None:
                continue
            item: dict[str, Any] = {"run": event.kind, "minutes": event.length.minutes}
            if event.raw.start is not None:
                item["start"] = format_clock(event.raw.start)
            if event.reading.distance_km is not None:
                item["distance_km"] = round(event.reading.distance_km, 2)
            note = event.raw.title or event.raw.description
            if note:
                item["note"] = note[:120]
            key = WEEKDAYS[event.raw.day.weekday()]
            days[key] = [*([] if days[key] == "rest" else days[key]), item]
        return days

    def waiting(self) -> list[ImportedEvent]:
        return [e for e in self.events if e.asks(self.words)]

    def assumptions(self) -> list[str]:
        notes = []
        pace = {e.length.note for e in self.events if e.length and e.length.source == "distance"}
        if pace:
            notes.append(
                f"{len(pace)} run(s) gave only a distance: minutes worked out at an assumed "
                f"easy pace of {_pace(self.words.easy_pace_min_per_km)} min/km"
            )
        if any(e.length and e.length.source == "default" for e in self.events):
            notes.append("run(s) with neither a time nor a distance got the usual length of "
                         "their kind (see each event's minutes_from)")  # fmt: skip
        if any(e.is_run and e.raw.start is None for e in self.events):
            notes.append(f"all-day events and rows without a time start at the runner's usual "
                         f"run start, {format_clock(self.usual_start)}")  # fmt: skip
        return notes


def _pace(value: float) -> str:
    return f"{int(value)}:{round(value % 1 * 60):02d}"


def parse_confirms(values: Iterable[str], field: str = "--confirm") -> dict[str, str]:
    """`e4=tempo` (or `e4=skip`) pairs, as typed on the command line or sent in a form."""
    found: dict[str, str] = {}
    allowed = ", ".join((*RUN_TYPES, SKIP))
    for value in values:
        event, sign, kind = value.partition("=")
        event, kind = event.strip().lower(), kind.strip().lower()
        if not sign or not event or not kind:
            raise InputError(field, f"{value!r} is not EVENT_ID=TYPE; e.g. e4=tempo ({allowed})")
        found[event] = kind
    return found


def _checked(confirms: dict[str, str], ids: Sequence[str], field: str) -> None:
    allowed = ", ".join((*RUN_TYPES, SKIP))
    for event, kind in confirms.items():
        if event not in ids:
            shown = f"{ids[0]} to {ids[-1]}" if ids else "none in the imported days"
            raise InputError(field, f"there is no event {event!r}; the events are {shown}")
        if kind not in RUN_TYPES and kind not in (SKIP, *SKIP_KINDS):
            raise InputError(field, f"{kind!r} is not a run type; use one of {allowed}")


def import_plan(
    name: str,
    fmt: str,
    raw: list[RawEvent],
    words: RunWords,
    usual_start: int,
    confirms: dict[str, str] | None = None,
    bare_unit: str | None = None,
    field: str = "--confirm",
) -> Imported:
    """Every event read as a run type (or a skip), with the runner's confirmations applied."""
    if not raw:
        raise InputError(name, "no events in the days imported; check the file, --from and --to")
    ordered = sorted(
        raw, key=lambda e: (e.day, usual_start if e.start is None else e.start, e.line)
    )
    ids = [f"e{i}" for i in range(1, len(ordered) + 1)]
    confirms = confirms or {}
    _checked(confirms, ids, field)
    events = []
    for event_id, event in zip(ids, ordered, strict=True):
        title = f"{event.category} {event.title}".strip()
        reading = read_event(title, event.description, words, bare_unit)
        kind, confirmed = reading.kind, event_id in confirms
        if confirmed:
            chosen = confirms[event_id]
            kind = "rest" if chosen == SKIP else chosen
        length = None
        if kind in RUN_TYPES:
            length = session_length(reading, str(kind), event.minutes, words)
            begins = usual_start if event.start is None else event.start
            if begins + length.minutes > MINUTES_PER_DAY:
                cut = MINUTES_PER_DAY - begins
                length = Length(cut, length.source, f"{length.note}; cut to end by midnight")
        events.append(ImportedEvent(event_id, event, reading, kind, confirmed, length))
    first, last = ordered[0].day, ordered[-1].day
    weeks = (last - first).days // 7 + 1
    if weeks > MAX_WEEKS:
        raise InputError(name, f"the events span {first} to {last}, more than {MAX_WEEKS} "
                         "weeks; import fewer at a time with --from and --to")  # fmt: skip
    return Imported(name, fmt, first, last, tuple(events), usual_start, words)


def event_json(event: ImportedEvent, imported: Imported) -> dict[str, Any]:
    raw, length = event.raw, event.length
    start = imported.usual_start if raw.start is None else raw.start
    return {
        "id": event.id,
        "line": raw.line,
        "date": raw.day.isoformat(),
        "weekday": WEEKDAYS[raw.day.weekday()],
        "title": raw.title,
        "description": raw.description,
        "type": event.kind,
        "skip": event.kind is not None and not event.is_run,
        "start": format_clock(start) if event.is_run else None,
        "start_from": "event" if raw.start is not None else "usual run start",
        "minutes": length.minutes if length else None,
        "minutes_from": length.source if length else None,
        "minutes_note": length.note if length else None,
        "distance_km": event.reading.distance_km,
        "guess": event.reading.kind,
        "confidence": 1.0 if event.confirmed else event.reading.confidence,
        "reason": "confirmed by the runner" if event.confirmed else event.reading.reason,
        "confirmed": event.confirmed,
        "needs_confirmation": event.asks(imported.words),
    }


def imported_json(imported: Imported) -> dict[str, Any]:
    """The imported weeks and events as the CLI (--format json) and the API give them."""
    events = [event_json(e, imported) for e in imported.events]
    return {
        "source": {"name": imported.name, "format": imported.format, "events": len(events)},
        "from": imported.first.isoformat(),
        "to": imported.last.isoformat(),
        "assumptions": imported.assumptions(),
        "weeks": [
            {
                "week_start": monday.isoformat(),
                "days": imported.days(monday),
                "events": [e.id for e in imported.week_events(monday)],
            }
            for monday in imported.mondays
        ],
        "events": events,
        "needs_confirmation": [e for e in events if e["needs_confirmation"]],
        "skipped": [e for e in events if e["skip"]],
    }
