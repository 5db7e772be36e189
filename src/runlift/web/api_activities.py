"""Importing recorded runs, like `runlift import`: one FIT, GPX or TCX file (gzipped or not)
or a zip archive of them (a Strava or Garmin export), uploaded as multipart `file`, as the
raw body (with `name` saying what it is), or as JSON with the bytes in base64. Each run is
logged, duplicates and other sports are listed, and a file that cannot be read is one entry
of the answer while the rest import. Owner or invited coach; the CSRF header is needed."""

from __future__ import annotations

import base64
import binascii
from datetime import tzinfo
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool

from runlift.io.activities import ActivityError, Limits, upload_listing
from runlift.io.activities.errors import MB
from runlift.io.planfile import InputError
from runlift.web.access import athlete_for
from runlift.web.api_import import zone_of
from runlift.web.deps import SignedIn, get_store
from runlift.web.errors import ErrorBody, json_fields, refusals
from runlift.web.fields import AthleteId
from runlift.web.uploads import base_name, read_upload

router = APIRouter(prefix="/api/v1/athletes", tags=["activity import"])

UPLOAD_LIMIT = 64 * MB  # one request; the archive's entries are bounded by DEFAULT_LIMITS
LIMITS = Limits(upload=UPLOAD_LIMIT)
TOO_LARGE = f"the upload is larger than {UPLOAD_LIMIT // MB} MB; send fewer activities at once"
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
        "application/octet-stream": {"schema": {"type": "string", "format": "binary"}},
        "application/json": {
            "schema": {
                "type": "object",
                "properties": {
                    "content_base64": {"type": "string", "description": "the file, base64"},
                    "name": {"type": "string", "description": "its name: run.fit, export.zip"},
                },
                "required": ["content_base64", "name"],
            }
        },
    },
}


def _base64_body(body: Any) -> tuple[bytes, str | None]:
    try:
        data = base64.b64decode(body["content_base64"], validate=True)
    except (ValueError, KeyError, TypeError, binascii.Error):
        raise InputError(
            "content_base64", 'send {"content_base64": "...", "name": "run.fit"}'
        ) from None
    name = body.get("name")
    return data, name if isinstance(name, str) else None


async def upload_of(request: Request, name: str | None) -> tuple[bytes, str]:
    """The uploaded bytes and the file's name, however they were sent; 413 past the limit."""
    upload = await read_upload(
        request, limit=UPLOAD_LIMIT, too_large=TOO_LARGE, field_hint="the activity",
        from_json=_base64_body, encoded_growth=4 / 3,
    )  # fmt: skip
    chosen = base_name(name or upload.filename)
    if not chosen:
        raise InputError("name", "missing; say what the file is, e.g. name=run.fit or export.zip")
    return upload.data, chosen


@router.post(
    "/{athlete_id}/activities",
    responses={
        **refusals(400, 403, 404),
        413: {"model": ErrorBody, "description": f"Too large: {TOO_LARGE}."},
    },
    openapi_extra={"requestBody": BODY},
)
async def import_activities_route(
    athlete_id: AthleteId,
    request: Request,
    session: SignedIn,
    name: Annotated[
        str | None, Query(max_length=200, description="the file's name (for a raw body)")
    ] = None,
    max_hr: Annotated[
        int | None, Query(ge=100, le=240, description="the runner's maximum heart rate")
    ] = None,
    threshold_pace: Annotated[
        int | None, Query(ge=120, le=900, description="threshold pace, seconds a km")
    ] = None,
    tz: Annotated[
        str | None, Query(description="the runner's time zone (default: the server's)")
    ] = None,
    set_week: Annotated[
        bool,
        Query(
            description="keep the usual week of the last 4 weeks as the typical week (400, "
            "and nothing imported, when it holds no run day)"
        ),
    ] = False,
) -> dict[str, Any]:
    """Log the runs in the upload (each typed by intensity with its reason), list what was
    skipped and why, and the usual week (kept as the typical week with `set_week=true`): the
    same JSON as `runlift import --format json`."""
    from runlift.services import local_today
    from runlift.tracking.activities import import_activities, report_json

    data, filename = await upload_of(request, name)
    zone: tzinfo | None = zone_of(tz)
    store = get_store(request)

    def work() -> dict[str, Any]:
        try:
            with upload_listing(data, filename, LIMITS) as found, store.transaction() as conn:
                with json_fields():
                    row = athlete_for(conn, session.user, athlete_id)
                    report = import_activities(
                        conn, row.id, found, LIMITS, local_today(), zone,
                        None if max_hr is None else float(max_hr),
                        None if threshold_pace is None else float(threshold_pace), None,
                        "set_week" if set_week else None,
                    )  # fmt: skip
                    return report_json(report)
        except ActivityError as error:  # the upload itself is no activity file or archive
            raise InputError("file", str(error)) from None

    return await run_in_threadpool(work)
