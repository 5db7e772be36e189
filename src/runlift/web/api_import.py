"""Importing a running plan, like `runlift import-plan`: an ICS or CSV file (uploaded as
multipart, sent as the raw body, or as JSON text) read into run types, every imported week
planned, and kept when `save` is set. Owner or invited coach; the CSRF header is needed."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool

from runlift.io.planfile import InputError
from runlift.io.planimport import MAX_BYTES, Span, parse_confirms
from runlift.io.planimport.service import plan_import, planned_import_json
from runlift.tracking import profile_of
from runlift.web.access import athlete_for
from runlift.web.deps import SignedIn, get_store
from runlift.web.errors import ErrorBody, json_fields, refusals
from runlift.web.fields import AthleteId, IsoDate
from runlift.web.uploads import read_upload

router = APIRouter(prefix="/api/v1/athletes", tags=["plan import"])

TOO_LARGE = f"the file is larger than {MAX_BYTES // (1024 * 1024)} MB; import fewer weeks"
BODY = {
    "required": True,
    "content": {
        "multipart/form-data": {
            "schema": {
                "type": "object",
                "properties": {"file": {"type": "string", "format": "binary"}},
                "required": ["file"],
            }
        },
        "text/calendar": {"schema": {"type": "string"}},
        "text/csv": {"schema": {"type": "string"}},
        "application/json": {
            "schema": {
                "type": "object",
                "properties": {
                    "content": {"type": "string", "description": "the file's text"},
                    "name": {"type": "string", "description": "its name, for messages"},
                },
                "required": ["content"],
            },
            "example": {"content": "Date,Title\n2026-12-08,Tempo 40'\n", "name": "plan.csv"},
        },
    },
}


def zone_of(value: str | None) -> Any:
    if value is None:
        return None
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise InputError(
            "tz", f"{value!r} is not a time zone; use a name like Europe/London"
        ) from None


def _text_body(body: Any) -> tuple[bytes, str | None]:
    if not isinstance(body, dict):
        raise InputError("body", 'not valid JSON; send {"content": "..."}')
    content = body.get("content")
    if not isinstance(content, str):
        raise InputError("content", "missing; give the file's text as a string")
    given = body.get("name")
    return content.encode("utf-8"), given if isinstance(given, str) and given.strip() else "plan"


async def file_of(request: Request) -> tuple[bytes, str]:
    """The file's bytes and a name for messages, however the client sent it; 413 past 2 MB."""
    upload = await read_upload(
        request, limit=MAX_BYTES, too_large=TOO_LARGE, field_hint="the plan",
        from_json=_text_body,
    )  # fmt: skip
    if upload.filename:
        return upload.data, upload.filename[:80]
    return upload.data, "plan.ics" if upload.kind == "text/calendar" else "plan"


@router.post(
    "/{athlete_id}/plan-import",
    responses={
        **refusals(400, 403, 404),
        413: {"model": ErrorBody, "description": f"Too large: {TOO_LARGE}."},
    },
    openapi_extra={"requestBody": BODY},
)
async def import_a_plan(
    athlete_id: AthleteId,
    request: Request,
    session: SignedIn,
    save: Annotated[
        bool, Query(description="keep the imported weeks (refused while unknown)")
    ] = False,
    first: Annotated[IsoDate | None, Query(alias="from", description="first day to import")] = None,
    last: Annotated[IsoDate | None, Query(alias="to", description="last day to import")] = None,
    confirm: Annotated[list[str] | None, Query(description="EVENT_ID=TYPE, e.g. e4=tempo")] = None,
    tz: Annotated[
        str | None, Query(description="the runner's time zone (default: the server's)")
    ] = None,
) -> dict[str, Any]:
    """Read the plan's events as run types (each with its confidence and the words that
    decided it), list the ones to confirm, and plan strength work around each imported week:
    the same JSON as `runlift import-plan --format json`."""
    data, name = await file_of(request)
    store = get_store(request)

    def work() -> dict[str, Any]:
        with store.transaction() as conn, json_fields():
            prof = profile_of(conn, athlete_for(conn, session.user, athlete_id))
            confirms = parse_confirms(confirm or [], "confirm")
            if first is not None and last is not None and last < first:
                raise InputError("to", f"{last} is before from {first}")
            result = plan_import(conn, prof, data, name, span=Span(first, last),
                                 zone=zone_of(tz), confirms=confirms, save=save,
                                 field="confirm")  # fmt: skip
            return planned_import_json(result)

    return await run_in_threadpool(work)
