"""Refuse a NUL character anywhere in a request, before any route sees it.

PostgreSQL cannot store or even compare text holding NUL, SQLite can; no field of runlift has
a use for one. Refusing it up front gives one answer on both engines (400, the usual error
shape) instead of a database error on one of them."""

from __future__ import annotations

import json
import re
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

# "\u0000" in JSON text, not "\\u0000" (an escaped backslash followed by the letters)
JSON_NUL = re.compile(rb"(?<!\\)(?:\\\\)*\\u0000")
BODY = {"error": "a NUL character (\\u0000) is not allowed in a request", "field": None}


def _has_nul(scope: Scope, body: bytes) -> bool:
    if b"%00" in scope.get("query_string", b"") or "\x00" in scope.get("path", ""):
        return True
    headers = dict(scope.get("headers", []))
    kind = headers.get(b"content-type", b"").split(b";")[0].strip().lower()
    if kind == b"application/json" or kind.endswith(b"+json"):
        return JSON_NUL.search(body) is not None
    if kind == b"application/x-www-form-urlencoded":
        return b"%00" in body or b"\x00" in body
    return False


class RefuseNul:
    """ASGI middleware: reads the body once, refuses it or hands it on unchanged."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        chunks: list[bytes] = []
        while True:
            message = await receive()
            if message["type"] != "http.request":  # the client went away
                await self.app(scope, receive, send)
                return
            chunks.append(message.get("body", b""))
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        if _has_nul(scope, body):
            await _refuse(send)
            return
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


async def _refuse(send: Send) -> None:
    payload: Any = json.dumps(BODY).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 400,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(payload)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": payload})
