"""The actors and the data the access matrix (test_access_matrix.py) works with: four
signed-in runners and a signed-out visitor, one app per database engine, and what the owner
makes so that a route can succeed (an athlete with a coach and a former coach, log entries,
a season, an invitation, a calendar URL)."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import select

from runlift.services import local_today
from runlift.store.tables import metadata
from runlift.tracking import monday_of
from runlift.web.deps import COOKIE, CSRF_HEADER
from runlift.web.fields import EXAMPLE_PLAN

PASSWORD = "a long enough password"
TODAY = local_today()
NEXT_MONDAY = monday_of(TODAY) + timedelta(days=7)
NEXT_TUESDAY = NEXT_MONDAY + timedelta(days=1)  # a heavy session in the example week
PAST = TODAY - timedelta(days=3)
RACE_DAY = NEXT_MONDAY + timedelta(weeks=16)
NOT_COMPARED = {"web_sessions", "sign_in_attempts"}  # signing in writes these, by design


# -- the actors and their world ---------------------------------------------------------
@dataclass
class Actor:
    name: str
    cookie: str | None = None
    csrf: str = ""
    email: str = ""


@dataclass
class Call:
    """One request: the face decides how the CSRF token travels (header or form field)."""

    method: str
    path: str
    params: dict[str, Any] | None = None
    json: Any = None
    form: dict[str, Any] | None = None


@dataclass
class World:
    app: Any
    actors: dict[str, Actor] = field(default_factory=dict)
    serial: Iterator[int] = field(default_factory=itertools.count)

    def client(self, actor: Actor) -> TestClient:
        """A client of its own per request, so a sign-in or sign-out it answers with does not
        change the actor's session for the next route."""
        cookies = {COOKIE: actor.cookie} if actor.cookie else None
        return TestClient(self.app, cookies=cookies, follow_redirects=False)

    def send(self, actor: Actor, call: Call) -> Any:
        headers = {CSRF_HEADER: actor.csrf} if actor.csrf else {}
        form = None if call.form is None else {**call.form, "csrf": actor.csrf}
        return self.client(actor).request(
            call.method, call.path, params=call.params, json=call.json, data=form, headers=headers
        )

    def user(self, name: str) -> Actor:
        email = f"{name}-{next(self.serial)}@example.com"
        answer = TestClient(self.app).post(
            "/api/v1/signup", json={"email": email, "password": PASSWORD}
        )
        assert answer.status_code == 201, answer.text
        return Actor(name, answer.cookies[COOKIE], answer.json()["csrf"], email)

    def owner_call(self, call: Call) -> Any:
        answer = self.send(self.actors["owner"], call)
        assert answer.status_code < 300, (call, answer.status_code, answer.text)
        return answer.json() if answer.content else None

    # what a route needs to exist before it can succeed, made by the owner
    def athlete(self) -> int:
        """The owner's new athlete: the coach invited, the former coach invited and revoked."""
        plan = {**EXAMPLE_PLAN, "athlete": {**EXAMPLE_PLAN["athlete"], "name": self.name()}}
        athlete = self.owner_call(Call("POST", "/api/v1/athletes", json=plan))["id"]
        for who in ("coach", "former"):
            email = self.actors[who].email
            made = self.owner_call(Call("POST", f"/api/v1/athletes/{athlete}/coaches",
                                        json={"email": email}))  # fmt: skip
        self.owner_call(Call("DELETE", f"/api/v1/athletes/{athlete}/coaches/{made['id']}"))
        return athlete

    def name(self) -> str:
        return f"Runner {next(self.serial)}"

    def entry(self, athlete: int, kind: str) -> int:
        body, path = {
            "strength": ({"date": PAST.isoformat(), "sets": ["back_squat:3x6@70"]}, "strength"),
            "run": ({"date": PAST.isoformat(), "type": "easy", "minutes": 40}, "runs"),
            "race": ({"date": PAST.isoformat(), "distance_km": 5, "time": "25:00"}, "races"),
        }[kind]
        return int(self.owner_call(Call("POST", f"/api/v1/athletes/{athlete}/log/{path}",
                                        json=body))["id"])  # fmt: skip

    def season(self, athlete: int) -> None:
        body = {"race_date": RACE_DAY.isoformat(), "distance_km": 42.2,
                "start": NEXT_MONDAY.isoformat()}  # fmt: skip
        self.owner_call(Call("POST", f"/api/v1/athletes/{athlete}/season", json=body))

    def invite(self, athlete: int) -> int:
        email = f"invited-{next(self.serial)}@example.com"
        made = self.owner_call(Call("POST", f"/api/v1/athletes/{athlete}/coaches",
                                    json={"email": email}))  # fmt: skip
        return int(made["id"])

    def feed(self, athlete: int) -> str:
        url = self.owner_call(Call("POST", f"/api/v1/athletes/{athlete}/calendar"))["url"]
        return "/calendar/" + url.rsplit("/calendar/", 1)[1]

    def snapshot(self) -> dict[str, list[tuple[Any, ...]]]:
        """Every row the app keeps, but sessions and sign-in attempts."""
        with self.app.state.store.transaction() as conn:
            return {
                table.name: sorted(tuple(map(repr, row)) for row in conn.execute(select(table)))
                for table in metadata.sorted_tables
                if table.name not in NOT_COMPARED
            }
