"""The one shape of every refusal, {"error": ..., "field": ...}, as documented responses, and
the JSON names of the fields the shared use cases call by their command-line flags."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from pydantic import BaseModel, Field

from runlift.io.planfile import InputError


class ErrorBody(BaseModel):
    """A refusal: what was wrong and what is allowed, and the field at fault."""

    error: str = Field(description="what was wrong, and what is allowed instead")
    field: str | None = Field(description="the request field at fault, when there is one")


REASONS = {
    400: "A value that is not allowed; `field` names it and `error` says what is allowed.",
    401: "Not signed in (no session cookie, or one that has expired).",
    403: "The X-CSRF-Token header is missing or wrong (every request that changes something "
    "needs it).",
    404: "Not found, or not yours: the same answer either way.",
    409: "Conflicts with what is stored (a name or email already taken).",
    422: "A body or parameter of the wrong shape or type; `field` says where.",
    429: "Too many failed sign-ins for this email; wait for the window to pass.",
}


def refusals(*codes: int, **reasons: str) -> dict[int | str, dict[str, Any]]:
    """`responses=` entries for the given status codes; `reasons` (e.g. r403="...") replace
    the generic description of one code."""
    out: dict[int | str, dict[str, Any]] = {}
    for code in codes:
        reason = reasons.get(f"r{code}", REASONS[code])
        out[code] = {"model": ErrorBody, "description": reason}
    return out


# What the shared use cases (written for the command line) call a field, and its JSON name.
FLAG_NAMES = {"km": "distance_km", "hr": "avg_hr", "set": "sets", "file": "days", "id": "entry_id"}


def json_field(field: str) -> str:
    """`--units` -> `units`, `athlete.phase` -> `phase`, `--set[0]` -> `sets[0]`."""
    name = field.removeprefix("--").removeprefix("athlete.")
    head, bracket, rest = name.partition("[")
    head = head.replace("-", "_")
    return FLAG_NAMES.get(head.lower(), head) + bracket + rest


@contextmanager
def json_fields() -> Iterator[None]:
    """Refusals raised inside name the request's JSON fields rather than command-line flags."""
    try:
        yield
    except InputError as error:
        raise InputError(json_field(error.field), error.message) from None
