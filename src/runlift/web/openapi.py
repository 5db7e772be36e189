"""The OpenAPI document says every answer a route can give. FastAPI writes the successes;
this adds, for every route (new ones too), the refusals that follow from its kind:

- a route with parameters or a body: 400 (a value not allowed) and 422 (wrong shape);
- a route with a path parameter: 404 (not found, or not yours);
- a route that needs a session: 401, and the `session` cookie as its security;
- one that also changes something: 403 and the `csrf` header, both needed together.

Codes only some routes give (409, 429, a 403 for a wrong password) are declared on the
route itself with `responses=refusals(...)`."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute, iter_route_contexts

from runlift.web.deps import COOKIE, CSRF_HEADER, UNSAFE, signed_in
from runlift.web.errors import REASONS

SECURITY_SCHEMES = {
    "session": {
        "type": "apiKey",
        "in": "cookie",
        "name": COOKIE,
        "description": "The session cookie that POST /api/v1/signup and /signin set.",
    },
    "csrf": {
        "type": "apiKey",
        "in": "header",
        "name": CSRF_HEADER,
        "description": "The `csrf` token that signup, signin and GET /api/v1/me answer with; "
        "every request that changes something must carry it.",
    },
}
ERROR_REF = {"$ref": "#/components/schemas/ErrorBody"}


def needs_session(dependant: Dependant) -> bool:
    return any(d.call is signed_in or needs_session(d) for d in dependant.dependencies)


def _refusal(code: int) -> dict[str, Any]:
    return {"description": REASONS[code], "content": {"application/json": {"schema": ERROR_REF}}}


def _document(operation: dict[str, Any], method: str, route: APIRoute) -> None:
    responses = operation.setdefault("responses", {})
    codes: list[int] = []
    parameters = operation.get("parameters", [])
    if parameters or "requestBody" in operation:
        codes += [400, 422]
    if any(p.get("in") == "path" for p in parameters):
        codes.append(404)
    if needs_session(route.dependant):
        codes.append(401)
        operation["security"] = [{"session": []}]
        if method.upper() in UNSAFE:
            codes.append(403)
            operation["security"] = [{"session": [], "csrf": []}]
    for code in codes:
        if code == 422 or str(code) not in responses:  # FastAPI's own 422 has another shape
            responses[str(code)] = _refusal(code)


def methods_of(app: FastAPI, path: str) -> list[str]:
    """Every method some route answers on this path (for a 405's Allow header)."""
    found: set[str] = set()
    for context in iter_route_contexts(app.routes):
        regex = getattr(context, "path_regex", None)
        if regex is not None and regex.match(path):
            found |= context.methods or set()
    return sorted(found)


def install(app: FastAPI) -> None:
    """Make app.openapi() return the document with every refusal listed."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is not None:
            return app.openapi_schema
        document = build()
        components = document.setdefault("components", {})
        components.setdefault("securitySchemes", {}).update(SECURITY_SCHEMES)
        schemas = components.setdefault("schemas", {})
        for unused in ("HTTPValidationError", "ValidationError"):
            schemas.pop(unused, None)
        from runlift.web.errors import ErrorBody

        schemas["ErrorBody"] = ErrorBody.model_json_schema()
        for context in iter_route_contexts(app.routes):
            route = context.original_route
            if not isinstance(route, APIRoute):
                continue
            path = document["paths"].get(context.path_format, {})
            for method in context.methods or ():
                if method.lower() in path:
                    _document(path[method.lower()], method, route)
        return document

    app.openapi = openapi  # type: ignore[method-assign]
