"""The FastAPI app: routers, and one JSON error shape for every refusal."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from sqlalchemy.exc import DataError
from starlette.exceptions import HTTPException as StarletteHTTPException

from runlift.domain.prescription import EstimateError
from runlift.io.planfile import InputError
from runlift.tracking import Store
from runlift.web import (
    api_account,
    api_athletes,
    api_log,
    api_me,
    api_profile,
    api_public,
    api_season,
    api_weeks,
    openapi,
    pages,
    pages_account,
    pages_season,
    pages_session,
    pages_tests,
    pages_week,
)
from runlift.web.access import NoAccess
from runlift.web.guards import RefuseNul
from runlift.web.security import AuthError, hasher

STATIC = Path(__file__).parent / "static"


def _error(
    status: int, message: str, field: str | None = None, headers: Mapping[str, str] | None = None
) -> JSONResponse:
    body: dict[str, Any] = {"error": message, "field": field}
    return JSONResponse(body, status_code=status, headers=headers)


def create_app(
    database_url: str | None = None, *, secure_cookies: bool = False, fast_hashing: bool = False
) -> FastAPI:
    """The app on a database (RUNLIFT_DATABASE_URL or the SQLite default when None)."""
    app = FastAPI(
        title="runlift", version="1", docs_url="/api/docs", openapi_url="/api/v1/openapi.json"
    )
    app.state.store = Store(database_url)
    app.state.hasher = hasher(fast=fast_hashing)
    app.state.secure_cookies = secure_cookies
    for module in (api_public, api_account, api_me, api_athletes, api_weeks):
        app.include_router(module.router)
    app.include_router(api_profile.router)
    app.include_router(api_log.router)
    app.include_router(api_season.router)
    app.include_router(api_athletes.calendar_router)
    app.include_router(pages.router)
    app.include_router(pages_week.router)
    app.include_router(pages_session.router)
    app.include_router(pages_season.router)
    app.include_router(pages_tests.router)
    app.include_router(pages_account.router)
    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")
    openapi.install(app)
    app.add_middleware(RefuseNul)

    @app.exception_handler(InputError)
    def bad_input(_: Request, error: InputError) -> JSONResponse:
        return _error(400, str(error), error.field)

    @app.exception_handler(EstimateError)
    def bad_estimate(_: Request, error: EstimateError) -> JSONResponse:
        return _error(400, str(error), error.field)

    @app.exception_handler(AuthError)
    def refused(_: Request, error: AuthError) -> JSONResponse:
        return _error(error.status, f"{error.field}: {error.message}", error.field)

    @app.exception_handler(NoAccess)
    def not_found(_: Request, error: NoAccess) -> JSONResponse:
        return _error(404, str(error))

    @app.exception_handler(StarletteHTTPException)
    def http_error(request: Request, error: StarletteHTTPException) -> JSONResponse:
        # FastAPI's HTTPException is a subclass; the router's own 404 and 405 come as
        # Starlette's. A 405's Allow lists every method of the path, not just one route's.
        headers = dict(error.headers or {})
        if error.status_code == 405:
            headers["Allow"] = ", ".join(openapi.methods_of(app, request.url.path))
        return _error(error.status_code, str(error.detail), headers=headers)

    @app.exception_handler(OverflowError)
    @app.exception_handler(DataError)
    def cannot_store(_: Request, error: Exception) -> JSONResponse:
        # What the database itself refuses (PostgreSQL: a NUL character in text, a number
        # past its integers; SQLite: an id past 64 bits), or a date past year 9999. The
        # transaction is rolled back, so nothing changed.
        return _error(400, "a value in the request cannot be stored or looked up (a NUL "
                      "character, or a number or date out of range)")  # fmt: skip

    @app.exception_handler(RequestValidationError)
    def invalid(_: Request, error: RequestValidationError) -> JSONResponse:
        first = error.errors()[0] if error.errors() else {"loc": (), "msg": "invalid request"}
        where = ".".join(str(p) for p in first.get("loc", ()) if p != "body") or "body"
        return _error(422, f"{where}: {first.get('msg', 'invalid')}", where)

    return app
