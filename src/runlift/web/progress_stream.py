"""Progress of a long job (an archive of a thousand runs) streamed to the page as it runs.

The job runs in a worker thread and reports through a callback; each report becomes one
line of NDJSON (`{"phase": "reading", "done": 412, "of": 1000}`), at most every
REPORT_EVERY seconds, and the last line carries the finished page (`{"phase": "done",
"status": 200, "html": ...}`). The page's script shows the lines on a progress bar and then
puts the finished page in place; without the script the form is a plain post and none of
this is used."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

from fastapi.responses import StreamingResponse

NDJSON = "application/x-ndjson"
REPORT_EVERY = 0.1  # seconds: enough for a smooth bar, few enough lines for a phone

Report = Callable[[dict[str, Any]], None]


def wants_progress(accept: str | None) -> bool:
    """Whether the request asked for the streamed answer (the page's script does)."""
    return NDJSON in (accept or "")


class Throttled:
    """Passes a report on at most every REPORT_EVERY seconds, and always the last of a phase."""

    def __init__(self, send: Report) -> None:
        self._send = send
        self._last = 0.0

    def __call__(self, event: dict[str, Any], final: bool = False) -> None:
        now = time.monotonic()
        if final or now - self._last >= REPORT_EVERY:
            self._last = now
            self._send(event)


def stream_job(
    job: Callable[[Throttled], Any],
    finish: Callable[[Any | BaseException], Awaitable[tuple[int, str]]],
) -> StreamingResponse:
    """Run `job(report)` in a worker thread, streaming its reports; then `finish(result or the
    exception it raised)` gives the status and HTML of the page to show, sent as the last
    line. A client that leaves early does not stop the job: it finishes and commits."""

    async def lines() -> AsyncIterator[bytes]:
        loop = asyncio.get_running_loop()
        queue: asyncio.Queue[dict[str, Any] | None] = asyncio.Queue()

        def send(event: dict[str, Any]) -> None:
            loop.call_soon_threadsafe(queue.put_nowait, event)

        def run() -> Any:
            try:
                return job(Throttled(send))
            finally:
                loop.call_soon_threadsafe(queue.put_nowait, None)

        running = loop.run_in_executor(None, run)
        while (event := await queue.get()) is not None:
            yield (json.dumps(event) + "\n").encode()
        outcome: Any | BaseException
        try:
            outcome = await running
        except Exception as error:  # handed to `finish`, which knows which ones are the user's
            outcome = error
        status, html = await finish(outcome)
        yield (json.dumps({"phase": "done", "status": status, "html": html}) + "\n").encode()

    return StreamingResponse(lines(), media_type=NDJSON, headers={"Cache-Control": "no-store"})
