"""Running plans from other tools: an iCalendar (.ics) or CSV export in, events read as
runlift's run types out, gathered into Monday-start weeks in plan-file form.

`read_events` takes the file's bytes (no database, no clock); `import_plan` classifies the
events and builds the weeks. Every problem is an `InputError` naming the line and field.
"""

from __future__ import annotations

import tomllib
from datetime import tzinfo
from functools import lru_cache
from importlib import resources

from runlift.domain.runclass import RunWords, run_words_from_data
from runlift.io.planimport.events import MAX_BYTES, RawEvent, Span, text_of
from runlift.io.planimport.weeks import (
    Imported,
    ImportedEvent,
    import_plan,
    imported_json,
    parse_confirms,
)

__all__ = [
    "MAX_BYTES",
    "Imported",
    "ImportedEvent",
    "RawEvent",
    "Span",
    "import_plan",
    "imported_json",
    "load_run_words",
    "parse_confirms",
    "read_events",
    "sniff_format",
]


def raw_run_words() -> dict[str, object]:
    """catalog/run_words.toml as written (for the test that keeps it whole)."""
    text = resources.files("runlift.catalog").joinpath("run_words.toml").read_text("utf-8")
    return tomllib.loads(text)


@lru_cache(maxsize=1)
def load_run_words() -> RunWords:
    return run_words_from_data(raw_run_words())


def sniff_format(text: str) -> str:
    return "ics" if text.lstrip().upper().startswith("BEGIN:VCALENDAR") else "csv"


def read_events(
    data: bytes, name: str, span: Span | None = None, zone: tzinfo | None = None
) -> tuple[str, list[RawEvent]]:
    """The file's format ("ics" or "csv") and its events within `span`, on the runner's
    clock (`zone`, or this machine's when None)."""
    from runlift.io.planimport.csvfile import read_csv
    from runlift.io.planimport.icsfile import read_ics

    text = text_of(data, name)
    span = span or Span()
    kind = sniff_format(text)
    if kind == "ics":
        return kind, read_ics(text, name, span, zone)
    return kind, read_csv(text, name, span)
