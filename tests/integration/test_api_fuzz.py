"""schemathesis against the app's own OpenAPI document, in process, with every check it has:
no server error, every status code, content type, header and body as documented, data the
schema allows accepted, data it forbids refused, auth that is declared enforced, 405 with an
Allow header for methods a path does not have.

It runs signed in: an auth provider keeps one account with one athlete alive (signing in
again after a sign-out, signing up again after the account was deleted, creating the athlete
again after it was deleted) and puts its session cookie and CSRF header on every request.
A generated athlete id is swapped for that athlete's, so the routes' happy paths run too,
not just their 404s. The test is parametrized over the whole document, so a route added
later is fuzzed without a change here.

One allowance: a plan file, a set like `back_squat:3x6@80` or a run that crosses midnight
obey rules a JSON schema cannot state, so a request the schema allows may still be refused
with 400 (a value not allowed). 422, the answer for a request of the wrong shape, stays a
failure for a request the schema allows."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import schemathesis
import yaml
from fastapi.testclient import TestClient
from schemathesis.config import SchemathesisConfig

from runlift.web.app import create_app
from runlift.web.deps import COOKIE, CSRF_HEADER
from runlift.web.fields import MAX_ID

ROOT = Path(__file__).resolve().parents[2]
PLAN = json.loads(
    json.dumps(
        yaml.safe_load((ROOT / "examples" / "build-intermediate.yaml").read_text()), default=str
    )
)
EMAIL, PASSWORD = "fuzzer@example.com", "a long enough password"
PLAN["athlete"]["name"] = "Fuzzed"  # the document's example athlete (Alex) can then be created
_DB = tempfile.mkdtemp(prefix="runlift-fuzz-")
APP = create_app(f"sqlite:///{_DB}/fuzz.db", fast_hashing=True)
CONFIG = SchemathesisConfig.from_dict(
    {
        "checks": {
            "positive_data_acceptance": {
                "expected-statuses": ["2xx", "3xx", "400", "401", "403", "404", "409", "429"]
            }
        },
        "generation": {"max-examples": 12},
        "suppress-health-check": ["too_slow", "filter_too_much", "data_too_large"],
    }
)
schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", APP, config=CONFIG)


class Account:
    """The fuzzer's own account and athlete, brought back whenever a request removed them."""

    def __init__(self) -> None:
        self.client = TestClient(APP)
        self.csrf = ""
        self.athlete = 0

    def ensure(self) -> tuple[str, str]:
        me = self.client.get("/api/v1/me")
        if me.status_code != 200:
            self.client.cookies.clear()
            answer = self.client.post("/api/v1/signin", json={"email": EMAIL, "password": PASSWORD})
            if answer.status_code != 200:
                answer = self.client.post(
                    "/api/v1/signup", json={"email": EMAIL, "password": PASSWORD}
                )
            assert answer.status_code in (200, 201), answer.text
            me = self.client.get("/api/v1/me")
        self.csrf = me.json()["csrf"]
        owned = [a["id"] for a in me.json()["athletes"] if a["role"] == "owner"]
        if not owned:
            created = self.client.post(
                "/api/v1/athletes", json=PLAN, headers={CSRF_HEADER: self.csrf}
            )
            assert created.status_code == 201, created.text
            owned = [created.json()["id"]]
        self.athlete = owned[0]
        return self.client.cookies[COOKIE], self.csrf


ACCOUNT = Account()


@schema.auth(refresh_interval=None)
class SignedIn:
    """Every request goes out signed in, with the CSRF header (the auth the document names)."""

    def get(self, case: Any, context: Any) -> tuple[str, str]:
        return ACCOUNT.ensure()

    def set(self, case: Any, data: tuple[str, str], context: Any) -> None:
        token, csrf = data
        case.cookies = {**(case.cookies or {}), COOKIE: token}
        case.headers = {**(case.headers or {}), CSRF_HEADER: csrf}


@schema.parametrize()
def test_every_route_answers_as_its_document_says(case):
    athlete = case.path_parameters.get("athlete_id") if case.path_parameters else None
    if isinstance(athlete, int) and not isinstance(athlete, bool) and 1 <= athlete <= MAX_ID:
        ACCOUNT.ensure()
        case.path_parameters["athlete_id"] = ACCOUNT.athlete
    case.call_and_validate()


def test_values_the_database_cannot_hold_are_a_400_not_a_500(db_url):
    """Found probing PostgreSQL: it refuses a NUL character in text and ids past its
    integers, SQLite refuses ids past 64 bits; both were 500s. Now a NUL is refused before
    any route on both engines, and an id or date out of range is a 400 (or the route's 422),
    with nothing stored."""
    app = create_app(db_url, fast_hashing=True)
    client = TestClient(app)
    nul = {"email": "nul\x00@example.com", "password": PASSWORD}
    assert client.post("/api/v1/signup", json=nul).status_code == 400
    assert client.post("/api/v1/signin", json=nul).status_code == 400
    csrf = client.post("/api/v1/signup", json={"email": EMAIL, "password": PASSWORD}).json()
    headers = {CSRF_HEADER: csrf["csrf"]}
    named = {**PLAN, "athlete": {**PLAN["athlete"], "name": "Al\x00ex"}}
    assert client.post("/api/v1/athletes", json=named, headers=headers).status_code == 400
    athlete = client.post("/api/v1/athletes", json=PLAN, headers=headers).json()["id"]
    base = f"/api/v1/athletes/{athlete}"
    skipped = {"date": "2026-11-20", "skipped": True, "reason": "ill\x00"}
    assert client.post(f"{base}/log/strength", json=skipped, headers=headers).status_code == 400
    race = {"distance_km": 5, "time": "25:00", "name": "park\x00run"}
    assert client.post(f"{base}/log/races", json=race, headers=headers).status_code == 400
    coach = {"email": "coach\x00@example.com"}
    assert client.post(f"{base}/coaches", json=coach, headers=headers).status_code == 400
    assert client.patch(base, json={"name": "B\x00"}, headers=headers).status_code == 400
    huge = 2**63
    assert client.get(f"/api/v1/athletes/{huge}/week/try?on=2026-12-01&kind=heavy").status_code in (
        400,
        422,
    )
    assert client.get(f"/athletes/{huge}/week").status_code in (400, 404, 422)
    assert client.get(f"{base}/log").json() == {"strength": [], "runs": [], "results": []}
    typed = {"date": "2026-11-20", "skipped": True, "reason": "typed \\u0000 as text"}
    assert client.post(f"{base}/log/strength", json=typed, headers=headers).status_code == 201
    assert client.get(base).json()["name"] == "Fuzzed"
    app.state.store.engine.dispose()
