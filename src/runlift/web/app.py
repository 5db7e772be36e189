"""The FastAPI app: routers, and one JSON error shape for every refusal."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from sqlalchemy.exc import DataError
from starlette.exceptions import HTTPException as StarletteHTTPException

from runlift.domain.prescription import EstimateError
from runlift.io.planfile import InputError
from runlift.tracking import Store
from runlift.web import (
    api_account,
    api_activities,
    api_athletes,
    api_export,
    api_import,
    api_log,
    api_me,
    api_profile,
    api_public,
    api_season,
    api_weeks,
    openapi,
    pages,
    pages_account,
    pages_activities,
    pages_import,
    pages_season,
    pages_session,
    pages_tests,
    pages_week,
)
from runlift.web.access import NoAccess
from runlift.web.guards import RefuseNul
from runlift.web.pages import SignInFirst
from runlift.web.respond import MACHINE_PATHS, refusal
from runlift.web.security import AuthError, hasher
from runlift.web.weekcache import RenderCache

STATIC = Path(__file__).parent / "static"


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
    app.state.week_cache = RenderCache()
    for module in (api_public, api_account, api_me, api_athletes, api_weeks):
        app.include_router(module.router)
    app.include_router(api_profile.router)
    app.include_router(api_log.router)
    app.include_router(api_season.router)
    app.include_router(api_import.router)
    app.include_router(api_activities.router)
    app.include_router(api_export.router)
    app.include_router(api_athletes.calendar_router)
    app.include_router(pages.router)
    app.include_router(pages_week.router)
    app.include_router(pages_session.router)
    app.include_router(pages_season.router)
    app.include_router(pages_tests.router)
    app.include_router(pages_import.router)
    app.include_router(pages_activities.router)
    app.include_router(pages_account.router)
    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")
    openapi.install(app)
    app.add_middleware(RefuseNul)

    @app.exception_handler(InputError)
    def bad_input(request: Request, error: InputError) -> Response:
        return refusal(request, 400, str(error), error.field)

    @app.exception_handler(EstimateError)
    def bad_estimate(request: Request, error: EstimateError) -> Response:
        return refusal(request, 400, str(error), error.field)

    @app.exception_handler(AuthError)
    def refused(request: Request, error: AuthError) -> Response:
        return refusal(request, error.status, f"{error.field}: {error.message}", error.field)

    @app.exception_handler(SignInFirst)
    def sign_in_first(request: Request, error: SignInFirst) -> Response:
        if request.url.path.startswith(MACHINE_PATHS) or request.headers.get("HX-Request"):
            return refusal(request, 401, str(error))
        return RedirectResponse("/signin", status_code=303)

    @app.exception_handler(NoAccess)
    def not_found(request: Request, error: NoAccess) -> Response:
        return refusal(request, 404, str(error))

    @app.exception_handler(StarletteHTTPException)
    def http_error(request: Request, error: StarletteHTTPException) -> Response:
        # FastAPI's HTTPException is a subclass; the router's own 404 and 405 come as
        # Starlette's. A 405's Allow lists every method of the path, not just one route's.
        headers = dict(error.headers or {})
        if error.status_code == 405:
            headers["Allow"] = ", ".join(openapi.methods_of(app, request.url.path))
        return refusal(request, error.status_code, str(error.detail), headers=headers)

    @app.exception_handler(OverflowError)
    @app.exception_handler(DataError)
    def cannot_store(request: Request, error: Exception) -> Response:
        # What the database itself refuses (PostgreSQL: a NUL character in text, a number
        # past its integers; SQLite: an id past 64 bits), or a date past year 9999. The
        # transaction is rolled back, so nothing changed.
        return refusal(request, 400, "a value in the request cannot be stored or looked up "
                       "(a NUL character, or a number or date out of range)")  # fmt: skip

    @app.exception_handler(RequestValidationError)
    def invalid(request: Request, error: RequestValidationError) -> Response:
        first = error.errors()[0] if error.errors() else {"loc": (), "msg": "invalid request"}
        where = ".".join(str(p) for p in first.get("loc", ()) if p != "body") or "body"
        return refusal(request, 422, f"{where}: {first.get('msg', 'invalid')}", where)

    return app
