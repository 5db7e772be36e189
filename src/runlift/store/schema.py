"""Bringing a database to the current schema with Alembic, from inside runlift."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, inspect, text
from sqlalchemy.exc import SQLAlchemyError

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
HEAD = "0009"  # the newest revision; tests/integration keeps it equal to Alembic's head


def _config(connection: object) -> Any:
    from alembic.config import Config  # only when a migration has to run: it is slow to import

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


MIGRATION_LOCK = 7_271_101  # any constant: PostgreSQL's advisory lock for schema changes


@contextmanager
def _migrating(engine: Engine) -> Iterator[Connection]:
    """A connection in one transaction for Alembic. On SQLite, foreign keys are off while it
    runs: batch mode rebuilds a table by copying it, and dropping the old copy would cascade
    to every row that refers to it (a downgrade of `athletes` emptied `maxes`). The keys are
    checked before the transaction commits."""
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            connection.exec_driver_sql("PRAGMA foreign_keys=OFF")  # only outside a transaction
            connection.commit()
        try:
            with connection.begin():
                yield connection
                if sqlite and connection.exec_driver_sql("PRAGMA foreign_key_check").first():
                    raise RuntimeError("the migration left rows whose references are gone")
        finally:
            if sqlite:
                connection.exec_driver_sql("PRAGMA foreign_keys=ON")
                connection.commit()


def upgrade(engine: Engine, revision: str = "head") -> None:
    from alembic import command

    with _migrating(engine) as connection:
        if connection.dialect.name == "postgresql":
            # Two processes starting on a fresh database: one migrates, the other waits.
            connection.execute(text(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK})"))
        command.upgrade(_config(connection), revision)


def downgrade(engine: Engine, revision: str) -> None:
    from alembic import command

    with _migrating(engine) as connection:
        command.downgrade(_config(connection), revision)


def ensure_current(engine: Engine, attempts: int = 5) -> None:
    """Bring the database to HEAD, running Alembic only when it is behind. When another
    process migrates at the same moment (SQLite has no lock to wait on), look again."""
    for attempt in range(attempts):
        if current(engine) == HEAD:
            return
        try:
            upgrade(engine)
            return
        except SQLAlchemyError:
            if attempt == attempts - 1:
                raise
            time.sleep(0.2 * (attempt + 1))


def alembic_head() -> str:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    head = ScriptDirectory.from_config(config).get_current_head()
    return str(head)


def current(engine: Engine) -> str | None:
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        row = connection.exec_driver_sql("SELECT version_num FROM alembic_version").first()
        return None if row is None else str(row[0])
