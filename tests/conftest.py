"""Database fixtures: every store test runs on SQLite and on PostgreSQL.

PostgreSQL is the server on 127.0.0.1:5432 (trust auth). Each test session makes its own
database and drops it at the end. When it cannot be reached, the PostgreSQL cases skip on a
developer's machine but fail under CI=true, so a green CI always means both engines ran.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, create_engine, text

PG_SERVER = os.environ.get(
    "RUNLIFT_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    name = f"runlift_test_{uuid.uuid4().hex[:10]}"
    try:
        admin = create_engine(PG_SERVER, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as error:
        if os.environ.get("CI") == "true":
            pytest.fail(f"PostgreSQL is required under CI=true and could not be used: {error}")
        pytest.skip(f"PostgreSQL not reachable: {error}")
    yield PG_SERVER.rsplit("/", 1)[0] + f"/{name}"
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """A URL to an empty database, one of each engine."""
    if request.param == "sqlite":
        path = tmp_path_factory.mktemp("db") / "runlift.db"
        yield f"sqlite:///{path}"
        return
    url = request.getfixturevalue("pg_url")
    engine = create_engine(url)
    _clean(engine)
    yield url
    _clean(engine)
    engine.dispose()


def _clean(engine: Engine) -> None:
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
