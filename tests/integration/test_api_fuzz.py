"""schemathesis against the app's own OpenAPI document, in process: whatever the generated
requests hold, no route answers with a server error. (Full conformance of every documented
response is still to come; see docs/web-api.md.)"""

from __future__ import annotations

import tempfile

import schemathesis
from schemathesis.checks import not_a_server_error

from runlift.web.app import create_app

_DB = tempfile.mkdtemp(prefix="runlift-fuzz-")
schema = schemathesis.openapi.from_asgi(
    "/api/v1/openapi.json", create_app(f"sqlite:///{_DB}/fuzz.db", fast_hashing=True)
)


@schema.parametrize()
def test_no_route_answers_with_a_server_error(case):
    case.call_and_validate(checks=[not_a_server_error])
