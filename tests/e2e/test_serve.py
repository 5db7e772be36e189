"""`runlift serve --demo` (what `make run` does) as a runner meets it: the URL and a sign-in
are printed, the demo runner's week, season and log are there, and a second start keeps the
data but changes the password."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx2 as httpx
import pytest

RUNLIFT = str(Path(sys.executable).with_name("runlift"))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _start(db: str, port: int) -> tuple[subprocess.Popen[str], str]:
    server = subprocess.Popen(
        [RUNLIFT, "serve", "--demo", "--port", str(port), "--db", db],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    assert server.stdout is not None
    printed = ""
    deadline = time.monotonic() + 30
    while "password" not in printed and time.monotonic() < deadline:
        printed += server.stdout.readline()
    found = re.search(r"sign in as (\S+) with password (\S+)", printed)
    assert found, printed
    assert f"http://localhost:{port}/" in printed
    for _ in range(100):
        try:
            httpx.get(f"http://127.0.0.1:{port}/api/v1/health", timeout=1)
            break
        except httpx.TransportError:
            time.sleep(0.1)
    return server, found.group(2)


def _sign_in(port: int, password: str) -> httpx.Client:
    client = httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=10)
    answer = client.post(
        "/api/v1/signin", json={"email": "demo@runlift.local", "password": password}
    )
    assert answer.status_code == 200, answer.text
    return client


@pytest.fixture
def db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'demo.db'}"


def test_the_demo_runner_has_a_season_a_log_and_a_week_to_look_at(db):
    port = _free_port()
    server, password = _start(db, port)
    try:
        client = _sign_in(port, password)
        athletes = client.get("/api/v1/athletes").json()
        assert [a["name"] for a in athletes] == ["Sam (demo)"]
        athlete = athletes[0]["id"]
        week = client.get(f"/athletes/{athlete}/week")
        assert week.status_code == 200 and "Sam (demo)" in week.text
        assert "your season to" in week.text
        progress = client.get(f"/api/v1/athletes/{athlete}/progress").json()
        assert progress["lifts"] and len(progress["weeks"]) >= 5
    finally:
        server.terminate()
        server.wait(timeout=10)
    again, new_password = _start(db, port)
    try:
        assert new_password != password
        client = _sign_in(port, new_password)
        assert len(client.get("/api/v1/athletes").json()) == 1  # seeded once, not twice
        old = httpx.post(
            f"http://127.0.0.1:{port}/api/v1/signin",
            json={"email": "demo@runlift.local", "password": password},
        )
        assert old.status_code == 401
    finally:
        again.terminate()
        again.wait(timeout=10)


def test_a_port_in_use_is_one_clear_line_and_exit_2(db):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run(
            [RUNLIFT, "serve", "--port", str(port), "--db", db],
            capture_output=True,
            text=True,
            timeout=30,
        )
    assert done.returncode == 2
    assert done.stderr.startswith("runlift: error: --port:")
    assert "Traceback" not in done.stderr
