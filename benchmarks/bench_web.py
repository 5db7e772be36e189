"""The week page and its API under 50 concurrent clients on loopback.

Target (issue 4): p99 <= 100 ms, no errors, and throughput at least 40 % of a bare endpoint of
the same framework measured in the same run. Prints its figures.
Run: .venv/bin/python benchmarks/bench_web.py [--quick] [--weeks N] [--clients N]

The app is served by uvicorn (one worker, the settings of `runlift serve`) in a separate
process pinned to one core; the load generator runs in this process, pinned to the other
core. The bare endpoint, GET /bare (an `async def` returning a constant dict), is added to the
runlift app in the server process, so it goes through the same framework, middleware, router,
server and settings as the week. Two reference rows show where a signed-in request's time
goes before the week is planned: GET /bare-sync (the same as a plain `def`, run in the thread
pool as the week handlers are) and GET /api/v1/me (the session cookie looked up as well).
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.util
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PLAN_FILE = ROOT / "examples" / "build-intermediate.yaml"
HOST = "127.0.0.1"
CLIENTS = 50
P99_TARGET_MS = 100.0
RATIO_TARGET = 0.40
STUCK_S = 10.0
LOOP = "uvloop" if importlib.util.find_spec("uvloop") else "asyncio"
HTTP = "httptools" if importlib.util.find_spec("httptools") else "h11"


# --- the server process -------------------------------------------------------------------


def serve(database_url: str, cpu: int | None, threads: int | None) -> None:
    """Runs in the child: the runlift app plus GET /bare and /bare-sync, on a port it
    reports on stdout."""
    if cpu is not None:
        os.sched_setaffinity(0, {cpu})
    import uvicorn

    from runlift.web.app import create_app

    # fast_hashing only makes the benchmark's own sign-up quick: no request measured here
    # hashes a password (the session cookie is looked up by its SHA-256).
    app = create_app(database_url, fast_hashing=True)

    @app.get("/bare", include_in_schema=False)
    async def bare() -> dict[str, Any]:
        return {"ok": True, "service": "runlift"}

    @app.get("/bare-sync", include_in_schema=False)
    def bare_sync() -> dict[str, Any]:
        return {"ok": True, "service": "runlift"}

    @app.get("/cold-week/{athlete_id}", include_in_schema=False)
    def cold_week(athlete_id: int) -> Any:
        # A reference, not a target: the week worked out on every request (what the first
        # request after a change costs), without the session lookup.
        from fastapi import Response

        from runlift.services import local_today
        from runlift.tracking import monday_of
        from runlift.web.api_athletes import _week_body

        body = _week_body(app.state.store, athlete_id, monday_of(local_today()))
        return Response(body, media_type="application/json")

    # IPPROTO_TCP given explicitly: asyncio sets TCP_NODELAY only on sockets whose proto says
    # TCP, and without it every response would wait 40 ms for a delayed ACK (Nagle).
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind((HOST, 0))
    port = listener.getsockname()[1]

    class Server(uvicorn.Server):
        async def startup(self, sockets: list[socket.socket] | None = None) -> None:
            await super().startup(sockets)
            if threads:
                import anyio.to_thread

                anyio.to_thread.current_default_thread_limiter().total_tokens = threads
            loop = type(asyncio.get_running_loop())
            print(f"READY {port} {loop.__module__}.{loop.__name__}", flush=True)

    # As `runlift serve`: log_level="warning" (so no access log line per request), one worker.
    config = uvicorn.Config(
        app, host=HOST, port=port, loop=LOOP, http=HTTP, log_level="warning", workers=1
    )
    Server(config).run(sockets=[listener])


@dataclass
class ServerProcess:
    process: subprocess.Popen[str]
    port: int
    loop: str

    def cpu_seconds(self) -> float:
        """User + system CPU time of the server process so far (all its threads)."""
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def start_server(database_url: str, cpu: int | None, threads: int | None = None) -> ServerProcess:
    command = [sys.executable, __file__, "--serve", database_url]
    if threads:
        command += ["--threads", str(threads)]
    if cpu is not None:
        command += ["--cpu", str(cpu)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, cwd=ROOT)
    assert process.stdout is not None
    line = process.stdout.readline()
    if not line.startswith("READY"):
        process.kill()
        raise SystemExit(f"the server did not start: {line!r}")
    _, port, loop = line.split()
    return ServerProcess(process, int(port), loop)


# --- set-up through the API ---------------------------------------------------------------


@dataclass
class Seeded:
    cookie: str
    athlete_id: int
    runs: int
    lifts: int


def seed(base: str, weeks: int) -> Seeded:
    """One runner signed up, the example athlete, and `weeks` weeks of runs and strength."""
    import httpx2
    import yaml

    from runlift.services import local_today

    plan = json.loads(json.dumps(yaml.safe_load(PLAN_FILE.read_text()), default=str))
    with httpx2.Client(base_url=base, timeout=30) as client:
        response = client.post(
            "/api/v1/signup", json={"email": "bench@example.com", "password": "long enough pw"}
        )
        response.raise_for_status()
        headers = {"X-CSRF-Token": response.json()["csrf"]}
        response = client.post("/api/v1/athletes", json=plan, headers=headers)
        response.raise_for_status()
        athlete_id = response.json()["id"]
        log = f"/api/v1/athletes/{athlete_id}/log"
        today = local_today()  # the day the week endpoints default to
        monday = today - timedelta(days=today.weekday())
        runs = lifts = 0
        for week in range(weeks, -1, -1):
            start = monday - timedelta(weeks=week)
            load = 70 + 2.5 * (weeks - week)
            for offset, kind, minutes in (
                (1, "hills", 60),
                (2, "easy", 40),
                (3, "threshold", 55),
                (4, "easy", 45),
                (5, "easy", 30),
                (6, "progression", 110),
            ):
                day = start + timedelta(days=offset)
                if day > today:
                    continue
                km = round(minutes / 5.5, 1)
                body = {"date": day.isoformat(), "type": kind, "minutes": minutes,
                        "distance_km": km, "avg_hr": 145, "rpe": 5}  # fmt: skip
                client.post(f"{log}/runs", json=body, headers=headers).raise_for_status()
                runs += 1
            for offset, kind, sets in (
                (1, "heavy", [f"back_squat:3x5@{load:g}:rir2", "romanian_deadlift:3x6@60:rir3"]),
                (3, "plyometric", ["box_jump:3x5", "pogo_hops:3x10"]),
                (
                    5,
                    "heavy",
                    [f"back_squat:3x5@{load:g}:rir2", "bulgarian_split_squat:3x8@20:rir3"],
                ),
            ):
                day = start + timedelta(days=offset)
                if day > today:
                    continue
                body = {"date": day.isoformat(), "kind": kind, "sets": sets, "minutes": 45}
                response = client.post(f"{log}/strength", json=body, headers=headers)
                if response.status_code == 400:  # an exercise or kind the catalog lacks
                    raise SystemExit(f"seeding refused {body}: {response.text}")
                response.raise_for_status()
                lifts += 1
        cookie = client.cookies.get("runlift_session")
    assert cookie, "no session cookie after sign-up"
    return Seeded(cookie, athlete_id, runs, lifts)


# --- the load generator -------------------------------------------------------------------


@dataclass
class Phase:
    latencies: list[float] = field(default_factory=list)  # every answer, errors included
    ok: int = 0
    errors: int = 0
    seconds: float = 0.0
    client_cpu: float = 0.0
    server_cpu: float = 0.0

    def rate(self) -> float:
        """Answers with status 200 per second."""
        return self.ok / self.seconds if self.seconds else 0.0


class RawClient:
    """One keep-alive HTTP/1.1 connection over asyncio streams, one request at a time."""

    def __init__(self, port: int, path: str, cookie: str) -> None:
        self.port = port
        self.request = (
            f"GET {path} HTTP/1.1\r\nHost: {HOST}:{port}\r\nCookie: runlift_session={cookie}\r\n"
            "Accept: */*\r\nUser-Agent: bench_web\r\n\r\n"
        ).encode()
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self) -> bool:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(HOST, self.port)
        assert self.reader is not None
        self.writer.write(self.request)
        head = await self.reader.readuntil(b"\r\n\r\n")
        length = head.lower().split(b"content-length:", 1)
        if len(length) != 2:
            raise ValueError("no Content-Length in the response")
        await self.reader.readexactly(int(length[1].split(b"\r\n", 1)[0]))
        return head[9:12] == b"200"

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            try:
                await self.writer.wait_closed()
            except OSError:
                pass
            self.reader = self.writer = None


class HttpxClient:
    """The same through httpx2.AsyncClient (one connection per client, keep-alive)."""

    def __init__(self, port: int, path: str, cookie: str) -> None:
        import httpx2

        self.url = f"http://{HOST}:{port}{path}"
        self.client = httpx2.AsyncClient(
            cookies={"runlift_session": cookie},
            limits=httpx2.Limits(max_connections=1, max_keepalive_connections=1),
            timeout=30,
        )

    async def get(self) -> bool:
        response = await self.client.get(self.url)
        return response.status_code == 200

    async def close(self) -> None:
        await self.client.aclose()


async def hammer(clients: list[Any], seconds: float, server: ServerProcess) -> Phase:
    """Every client sends its next request as soon as the last answer is in, for `seconds`."""
    phase = Phase()
    deadline = time.perf_counter() + seconds

    async def one(client: Any) -> None:
        while True:
            started = time.perf_counter()
            if started >= deadline:
                return
            try:
                ok = await client.get()
            except Exception:
                ok = False
                await client.close()
            phase.latencies.append(time.perf_counter() - started)
            if ok:
                phase.ok += 1
            else:
                phase.errors += 1

    cpu, server_cpu, wall = time.process_time(), server.cpu_seconds(), time.perf_counter()
    tasks = [asyncio.ensure_future(one(c)) for c in clients]
    # Bounded: a request still unanswered STUCK_S after the end is an error, and is dropped.
    _, stuck = await asyncio.wait(tasks, timeout=seconds + STUCK_S)
    for task in stuck:
        task.cancel()
    phase.errors += len(stuck)
    phase.seconds = time.perf_counter() - wall
    phase.client_cpu = (time.process_time() - cpu) / phase.seconds
    phase.server_cpu = (server.cpu_seconds() - server_cpu) / phase.seconds
    return phase


async def measure(server: ServerProcess, clients: list[Any], warm: float, seconds: float) -> Phase:
    """A warm-up, then the measured phase, on the same keep-alive connections."""
    try:
        await hammer(clients, warm, server)
        return await hammer(clients, seconds, server)
    finally:
        for client in clients:
            await client.close()


# --- figures ------------------------------------------------------------------------------


def percentile(sorted_values: list[float], fraction: float) -> float:
    if not sorted_values:
        return float("nan")
    index = min(len(sorted_values) - 1, max(0, round(fraction * len(sorted_values)) - 1))
    return sorted_values[index]


@dataclass
class Figures:
    label: str
    rounds: list[Phase]

    def rate(self) -> float:
        return statistics.median(p.rate() for p in self.rounds)

    def ms(self, fraction: float) -> float:
        return statistics.median(
            percentile(sorted(p.latencies), fraction) * 1000 for p in self.rounds
        )

    def max_ms(self) -> float:
        return max((max(p.latencies) for p in self.rounds if p.latencies), default=0.0) * 1000

    def errors(self) -> int:
        return sum(p.errors for p in self.rounds)

    def of(self, bare: Figures) -> float:
        return self.rate() / bare.rate() if bare.rate() else 0.0

    def cpu(self) -> tuple[float, float]:
        return (
            statistics.median(p.server_cpu for p in self.rounds),
            statistics.median(p.client_cpu for p in self.rounds),
        )


def row(fig: Figures, bare: Figures) -> str:
    server, client = fig.cpu()
    return (
        f"{fig.label:<34} {fig.rate():>7,.0f} {fig.ms(0.50):>7.1f} {fig.ms(0.95):>7.1f} "
        f"{fig.ms(0.99):>7.1f} {fig.max_ms():>7.1f} {fig.errors():>6} "
        f"{fig.of(bare):>7.0%} {server:>6.0%} {client:>6.0%}"
    )


def endpoints(athlete_id: int) -> list[tuple[str, str]]:
    """(label, path): the bare floor, two references, and the two endpoints with a target."""
    return [
        ("GET /bare (async def)", "/bare"),
        ("GET /bare-sync (def: thread pool)", "/bare-sync"),
        ("GET /api/v1/me (session lookup)", "/api/v1/me"),
        ("week JSON worked out every time", f"/cold-week/{athlete_id}"),
        ("GET /athletes/{id}/week (HTML)", f"/athletes/{athlete_id}/week"),
        ("GET /api/v1/athletes/{id}/week", f"/api/v1/athletes/{athlete_id}/week"),
    ]


def report(figures: list[Figures], httpx_bare: Phase | None) -> None:
    bare, week_page, week_api = figures[0], figures[-2], figures[-1]
    print()
    print(
        f"{'endpoint':<34} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} "
        f"{'max ms':>7} {'errors':>6} {'vs bare':>7} {'server':>6} {'client':>6}"
    )
    for fig in figures:
        print(row(fig, bare))
    print("(req/s and percentiles: median of rounds; max and errors: all rounds; server and")
    print(" client: how busy the server process and the load generator kept their core)")
    if len(bare.rounds) > 1:
        for fig in figures:
            rates = ", ".join(f"{p.rate():,.0f}" for p in fig.rounds)
            print(f"  {fig.label}: req/s by round {rates}")
    if httpx_bare is not None:
        print(
            f"/bare through httpx2.AsyncClient instead of raw sockets: {httpx_bare.rate():,.0f} "
            f"req/s; server {httpx_bare.server_cpu:.0%} busy, load generator "
            f"{httpx_bare.client_cpu:.0%}\n  (raw sockets: {bare.rate():,.0f} req/s; server "
            f"{bare.cpu()[0]:.0%}, load generator {bare.cpu()[1]:.0%})"
        )
    print()
    for fig in (week_page, week_api):
        p99, errors, ratio = fig.ms(0.99), fig.errors(), fig.of(bare)
        print(f"{fig.label}:")
        for text, ok in (
            (f"p99 {p99:.1f} ms (target <= {P99_TARGET_MS:.0f} ms)", p99 <= P99_TARGET_MS),
            (f"errors {errors} (target 0)", errors == 0),
            (
                f"throughput {ratio:.0%} of bare (target >= {RATIO_TARGET:.0%})",
                ratio >= RATIO_TARGET,
            ),
        ):
            print(f"  {'PASS' if ok else 'FAIL'}  {text}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--quick", action="store_true", help="a few seconds, for the tests")
    parser.add_argument("--client", choices=["raw", "httpx"], default="raw")
    parser.add_argument("--clients", type=int, default=CLIENTS, help="concurrent clients")
    parser.add_argument("--weeks", type=int, help="weeks of log before this one (default 8)")
    parser.add_argument(
        "--threads", type=int, help="the server's thread pool size (default: anyio's 40)"
    )
    parser.add_argument("--serve", metavar="DATABASE_URL", help=argparse.SUPPRESS)
    parser.add_argument("--cpu", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.serve, args.cpu, args.threads)
        return
    warm, seconds, rounds, weeks = (0.3, 0.6, 1, 2) if args.quick else (2.0, 10.0, 3, 8)
    weeks = args.weeks if args.weeks is not None else weeks
    cpus = sorted(os.sched_getaffinity(0))
    server_cpu, client_cpu = (cpus[0], cpus[1]) if len(cpus) >= 2 else (None, None)
    if client_cpu is not None:
        os.sched_setaffinity(0, {client_cpu})
    loop_factory = None
    if LOOP == "uvloop":
        import uvloop

        loop_factory = uvloop.new_event_loop
    import uvicorn

    with tempfile.TemporaryDirectory() as folder, asyncio.Runner(loop_factory=loop_factory) as aio:
        server = start_server(f"sqlite:///{folder}/bench.db", server_cpu, args.threads)
        try:
            data = seed(f"http://{HOST}:{server.port}", weeks)
            pinned = (
                f"server pinned to CPU {server_cpu}, load generator to CPU {client_cpu}"
                if server_cpu is not None
                else "only one CPU available: nothing pinned"
            )
            threads = args.threads or "anyio's 40"
            print(f"uvicorn {uvicorn.__version__}, 1 worker, loop {server.loop}, http {HTTP},")
            print(f"  thread pool {threads}; {pinned} (of {os.cpu_count()})")
            print("  app built with fast_hashing=True: only the benchmark's sign-up is faster;")
            print("  no measured request hashes a password (the cookie is looked up by SHA-256)")
            print(f"data: one runner, example athlete, {data.runs} runs and {data.lifts} strength")
            print(f"  sessions logged over {weeks + 1} weeks up to today (SQLite file, WAL)")
            client_name = "raw asyncio sockets" if args.client == "raw" else "httpx2.AsyncClient"
            print(f"load: {args.clients} clients signed in, keep-alive, {client_name} ({LOOP});")
            print(f"  {rounds} round(s) of {warm:g} s warm-up + {seconds:g} s per endpoint,")
            print("  endpoints interleaved (the machine is shared: figures are noisy)")
            targets = endpoints(data.athlete_id)
            phases: dict[str, list[Phase]] = {label: [] for label, _ in targets}
            for _ in range(rounds):
                for label, path in targets:
                    clients = [
                        (RawClient if args.client == "raw" else HttpxClient)(
                            server.port, path, data.cookie
                        )
                        for _ in range(args.clients)
                    ]
                    phases[label].append(aio.run(measure(server, clients, warm, seconds)))
            httpx_bare = None
            if args.client == "raw":
                clients = [
                    HttpxClient(server.port, "/bare", data.cookie) for _ in range(args.clients)
                ]
                httpx_bare = aio.run(measure(server, clients, warm, min(seconds, 3.0)))
        finally:
            server.stop()
    report([Figures(label, phases[label]) for label, _ in targets], httpx_bare)


if __name__ == "__main__":
    main()
