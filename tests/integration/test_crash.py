"""kill -9 in the middle of writes loses no acknowledged entry and leaves the file intact."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import create_engine, text

from runlift.tracking import Store
from runlift.tracking.profiles import create_from_file

ROOT = Path(__file__).resolve().parents[2]
WRITER = """
import sys
from datetime import date, timedelta
from runlift.domain.log import RunDone
from runlift.domain.model import RunType
from runlift.tracking import Store
from runlift.tracking import logbook

store = Store(sys.argv[1])
day = date(2026, 1, 1)
for n in range(100000):
    entry_id = logbook.add(store, None, RunDone(day + timedelta(days=n % 300), RunType.EASY, 30 + n % 60, 5.0, 140, 3))
    print(f"ACK {entry_id}", flush=True)
"""


def test_kill_9_mid_write_loses_no_acknowledged_entry(tmp_path):
    url = f"sqlite:///{tmp_path / 'crash.db'}"
    store = Store(url)
    create_from_file(
        store,
        str(ROOT / "examples" / "build-intermediate.yaml"),
        __import__("datetime").date(2026, 11, 25),
    )
    store.engine.dispose()
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, url], stdout=subprocess.PIPE, text=True, cwd=ROOT
    )
    acked: list[int] = []
    assert writer.stdout is not None
    deadline = time.monotonic() + 60
    while len(acked) < 150 and time.monotonic() < deadline:
        line = writer.stdout.readline()
        if line.startswith("ACK "):
            acked.append(int(line.split()[1]))
    writer.send_signal(signal.SIGKILL)
    writer.wait(timeout=10)
    assert len(acked) >= 150, "the writer should have acknowledged entries before the kill"
    engine = create_engine(url)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        stored = {row[0] for row in conn.execute(text("SELECT id FROM run_logs"))}
    assert set(acked) <= stored
    engine.dispose()
