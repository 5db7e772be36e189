"""One way to read an uploaded file from an API request, however the client sent it: as the
form field `file` (multipart), as JSON (each route says which keys), or as the raw body.
The size is bounded before anything is read (the declared length) and while reading."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from fastapi import HTTPException, Request

from runlift.io.planfile import InputError

JSON_SLACK = 64 * 1024  # room for the JSON or multipart around the file itself


@dataclass(frozen=True, slots=True)
class Upload:
    data: bytes
    filename: str | None  # as the client named it, when it did
    kind: str  # the request's media type, lower case


async def read_upload(
    request: Request,
    *,
    limit: int,
    too_large: str,
    field_hint: str,
    from_json: Callable[[Any], tuple[bytes, str | None]],
    encoded_growth: float = 1.0,
) -> Upload:
    """The upload's bytes, at most `limit`, else 413 with `too_large`. `from_json` takes the
    parsed JSON body and gives the bytes and a name (InputError for a body it cannot use);
    `encoded_growth` is how much larger the JSON form may be (4/3 for base64)."""
    declared = request.headers.get("content-length", "")
    wrapped = int(limit * encoded_growth) + JSON_SLACK
    if declared.isdigit() and int(declared) > wrapped:
        raise HTTPException(413, too_large)
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    filename: str | None
    if kind == "multipart/form-data":
        form = await request.form(max_part_size=wrapped)
        upload = form.get("file")
        if upload is None or isinstance(upload, str):
            raise InputError("file", f"missing; upload {field_hint} as the form field `file`")
        data = await upload.read(limit + 1)
        filename = upload.filename
    elif kind == "application/json":
        try:
            body = json.loads(await request.body())
        except (ValueError, UnicodeDecodeError):
            body = None
        data, filename = from_json(body)
    else:
        data, filename = await request.body(), None
    if len(data) > limit:
        raise HTTPException(413, too_large)
    return Upload(data, filename, kind)


def base_name(name: str | None, longest: int = 120) -> str:
    """A client's file name without its folders, for messages and file kinds."""
    return (name or "").replace("\\", "/").rsplit("/", 1)[-1][:longest]
