"""Request fields shared by the API modules: ids in range, days in range, strict bodies.

Bodies are strict (a number is not a string, a date is an ISO date string), so what the
OpenAPI document says is exactly what the shape check accepts; rules the document cannot say
(a day in the future, an exercise that does not exist) are refused with 400."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Annotated, Any

from fastapi import Path
from pydantic import BeforeValidator, ConfigDict

from runlift.domain.prescription import MAX_TEST_RESERVE
from runlift.io.planfile import ISO_DAY, InputError
from runlift.services import local_today

MAX_ID = 2**31 - 1
AthleteId = Annotated[int, Path(ge=1, le=MAX_ID, description="the athlete's id")]
EntryId = Annotated[int, Path(ge=1, le=MAX_ID, description="the entry's id (see GET .../log)")]
STRICT = ConfigDict(strict=True, extra="forbid")


def _iso_day(value: Any) -> Any:
    """Only YYYY-MM-DD: not a number taken as a timestamp, nor a time at midnight."""
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not ISO_DAY.fullmatch(value):
        raise ValueError("not a date; use YYYY-MM-DD")
    return date.fromisoformat(value)


IsoDate = Annotated[date, BeforeValidator(_iso_day)]


def integral(value: Any) -> Any:
    """JSON Schema counts 3.0 as an integer; a strict body would not. A string stays wrong."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


Whole = Annotated[int, BeforeValidator(integral)]

# A rep test's reps in reserve: the schema states the range, the shared check (the CLI's)
# enforces it with its reason, so the API and `runlift` refuse the same values the same way.
RESERVE_HELP = (
    f"reps left when you stopped the set, 0-{MAX_TEST_RESERVE} (0: to failure); the estimate "
    "counts them through the RPE chart. Past 5 nobody judges them well. Reps plus reps in "
    "reserve at most 20."
)
RESERVE_RANGE: dict[str, Any] = {"minimum": 0, "maximum": MAX_TEST_RESERVE}


def email_address(value: str, field: str = "email") -> str:
    """The email as stored (trimmed, lower case), or a 400: the document only says it has an
    @, since regular expressions differ on what counts as white space. (An AuthError, which
    the account page's forms show as a notice.)"""
    from runlift.web.security import AuthError

    email = value.strip().lower()
    if "@" not in email or len(email) > 254 or email.startswith("@") or email.endswith("@"):
        raise AuthError(400, field, "not an email address")
    return email


EARLIEST, LATEST = date(1950, 1, 1), date(2200, 12, 31)


def day_in_range(day: date, field: str = "date") -> date:
    if not EARLIEST <= day <= LATEST:
        raise InputError(field, f"{day} is out of range; use a date from {EARLIEST} to {LATEST}")
    return day


def done_day(day: date | None, field: str = "date") -> date:
    """A day something was done: today when left out, never in the future (a day's grace
    for time zones), as the command line has it."""
    if day is None:
        return local_today()
    day_in_range(day, field)
    if day > local_today() + timedelta(days=1):
        raise InputError(field, f"{day} is in the future; log what was done, on the day it was")
    return day


# A plan file for the document's examples: the README's runner, in short.
EXAMPLE_PLAN = {
    "athlete": {
        "name": "Alex", "experience": "intermediate", "phase": "build",
        "equipment": ["barbell", "rack", "bench", "dumbbells", "kettlebell", "bands"],
        "one_rep_max": {"back_squat": 90},
        "rep_tests": [{"exercise": "romanian_deadlift", "load": 60, "reps": 6}],
    },
    "week": {
        "days": {
            "mon": "rest",
            "tue": [{"run": "hills", "start": "06:30", "minutes": 60}],
            "wed": [{"run": "easy", "start": "06:30", "minutes": 40}],
            "thu": [{"run": "threshold", "start": "06:30", "minutes": 55}],
            "fri": [{"run": "easy", "start": "06:30", "minutes": 45}],
            "sat": [{"run": "easy", "start": "07:00", "minutes": 30}],
            "sun": [{"run": "progression", "start": "08:00", "minutes": 110}],
        }
    },
}  # fmt: skip


def examples(*values: Any) -> dict[str, Any]:
    """`json_schema_extra` for a body model: example requests for the document (and for
    schemathesis, which sends them)."""
    return {"examples": list(values)}
