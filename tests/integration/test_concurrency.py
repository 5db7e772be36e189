"""Many requests at once, over a real server, on SQLite and PostgreSQL: more than the
connection pool holds must queue in threads, never stall the event loop (a lookup once waited
for a pooled connection on the loop, and the server froze)."""

from __future__ import annotations

import socket
import threading
import time
from collections import Counter

import httpx2 as httpx
import uvicorn

from runlift.web.app import create_app
from tests.integration.test_web import PLAN

CLIENTS = 60


def test_sixty_requests_at_once_are_all_answered(db_url):
    app = create_app(db_url, fast_hashing=True)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    base = f"http://127.0.0.1:{port}"
    try:
        owner = httpx.Client(base_url=base, timeout=30)
        csrf = owner.post(
            "/api/v1/signup", json={"email": "many@example.com", "password": "long enough pw"}
        ).json()["csrf"]
        athlete = owner.post("/api/v1/athletes", json=PLAN, headers={"X-CSRF-Token": csrf})
        athlete_id = athlete.json()["id"]
        cookies = dict(owner.cookies)
        answers: list[int | str] = []

        def ask(path: str) -> None:
            try:
                got = httpx.get(base + path, cookies=cookies, timeout=30)
                answers.append(got.status_code)
            except httpx.HTTPError as error:
                answers.append(type(error).__name__)

        paths = [f"/api/v1/athletes/{athlete_id}/week", f"/api/v1/athletes/{athlete_id}",
                 f"/athletes/{athlete_id}/week"]  # fmt: skip
        threads = [
            threading.Thread(target=ask, args=(paths[i % len(paths)],)) for i in range(CLIENTS)
        ]
        started = time.monotonic()
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=60)
        assert Counter(answers) == Counter({200: CLIENTS})
        assert time.monotonic() - started < 20
    finally:
        server.should_exit = True
        thread.join(timeout=10)
