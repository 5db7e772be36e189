"""One refusal, in the form the asker reads: JSON {"error", "field"} for the API and the
calendar feed, a page for a browser, a fragment for an htmx request (which swaps it in)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.templating import Jinja2Templates
from markupsafe import escape

TEMPLATES = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))
MACHINE_PATHS = ("/api/", "/calendar/", "/static/")
TITLES = {400: "That did not work", 403: "Not allowed", 404: "Not found", 422: "That did not work"}


def json_error(
    status: int, message: str, field: str | None = None, headers: Mapping[str, str] | None = None
) -> JSONResponse:
    body: dict[str, Any] = {"error": message, "field": field}
    return JSONResponse(body, status_code=status, headers=headers)


def refusal(
    request: Request,
    status: int,
    message: str,
    field: str | None = None,
    headers: Mapping[str, str] | None = None,
) -> Response:
    if request.url.path.startswith(MACHINE_PATHS):
        return json_error(status, message, field, headers)
    if request.headers.get("HX-Request"):
        fragment = f'<p class="error" role="alert">{escape(message)}</p>'
        return HTMLResponse(fragment, status_code=status, headers=headers)
    context = {"title": TITLES.get(status, "That did not work"), "message": message,
               "status": status, "user": None, "csrf": ""}  # fmt: skip
    return TEMPLATES.TemplateResponse(
        request, "refused.html", context, status_code=status, headers=headers
    )
