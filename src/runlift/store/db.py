"""Engines and connections: the embedded SQLite file by default, PostgreSQL by URL."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event

ENV_URL = "RUNLIFT_DATABASE_URL"
# SQLite, set on every connection:
# - WAL: readers never block the writer, and a crash mid-write leaves the file intact;
# - foreign keys on (SQLite leaves them off by default);
# - a busy timeout, so two runlift processes wait for each other instead of failing;
# - synchronous=FULL: every commit reaches the disk before runlift says "saved". A training
#   log is written a few times a day, so the cost is nothing, and a power cut or a kill -9
#   loses no entry the runner was told was saved (NORMAL can lose the last commits on power
#   loss in WAL mode).
SQLITE_PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA foreign_keys=ON",
    "PRAGMA busy_timeout=5000",
    "PRAGMA synchronous=FULL",
)


# A SQLite file's connections are cheap and SQLite does its own locking, so its pool never
# makes a checkout wait: the web app holds a request's connection while the request waits for
# a thread, and with the default limit (5 + 10 overflow) 55 concurrent requests could leave
# every thread waiting for a connection that only a waiting request can give back (a 30 s
# stall, then errors). 40 kept open: one per thread of the web app's pool, so a busy server
# does not open and close a connection per request.
SQLITE_FILE_POOL: dict[str, Any] = {"pool_size": 40, "max_overflow": -1}


def data_dir() -> Path:
    """The user's data directory for runlift (XDG_DATA_HOME, else ~/.local/share)."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "runlift"


def default_url() -> str:
    return f"sqlite:///{data_dir() / 'runlift.db'}"


def database_url(explicit: str | None = None) -> str:
    return explicit or os.environ.get(ENV_URL) or default_url()


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    for pragma in SQLITE_PRAGMAS:
        cursor.execute(pragma)
    cursor.close()


def make_engine(url: str | None = None) -> Engine:
    """An engine for `url` (or RUNLIFT_DATABASE_URL, or the default SQLite file)."""
    url = database_url(url)
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    if url.startswith("sqlite"):
        path = url.split("///", 1)[1] if "///" in url else ""
        pool: dict[str, Any] = {}
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
            pool = SQLITE_FILE_POOL
        engine = create_engine(url, **pool)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True)
