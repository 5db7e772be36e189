"""All data as one JSON document, and back: `runlift export` / `runlift restore`.

Rows keep their ids, so a round trip is exact: export, restore into an empty database, export
again, and the two documents are the same. Tables are written in the order of tables.ALL
(a table after those it refers to) and removed in reverse; a table an older export lacks
(activities, before it was exported) is restored empty.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, Date, DateTime, delete, func, insert, select, text, update
from sqlalchemy.exc import SQLAlchemyError

from runlift.store.tables import ALL, athletes

FORMAT = "runlift-export"
VERSION = 1


class RestoreError(ValueError):
    """The document cannot be restored; nothing was written."""


# Not data but cache tokens (store/revisions.py): a restore gives fresh ones.
NOT_EXPORTED = frozenset({("athletes", "revision"), ("athletes", "instance")})


def export_all(conn: Connection) -> dict[str, Any]:
    tables: dict[str, list[dict[str, Any]]] = {}
    for table in ALL:
        rows = conn.execute(select(table).order_by(table.c.id)).mappings()
        tables[table.name] = [
            {
                key: value.isoformat() if isinstance(value, date) else value
                for key, value in row.items()
                if (table.name, key) not in NOT_EXPORTED
            }
            for row in rows
        ]
    return {"format": FORMAT, "version": VERSION, "tables": tables}


def is_empty(conn: Connection) -> bool:
    return all(conn.execute(select(func.count()).select_from(t)).scalar_one() == 0 for t in ALL)


def restore_all(conn: Connection, document: Any, *, replace: bool = False) -> int:
    """Write every row of `document`; returns how many. Refuses a non-empty database unless
    `replace`, in which case the old rows go in the same transaction."""
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise RestoreError(f'not a runlift export (expected "format": "{FORMAT}")')
    if document.get("version") != VERSION:
        raise RestoreError(
            f"export version {document.get('version')!r} is not supported; use {VERSION}"
        )
    tables = document.get("tables")
    if not isinstance(tables, dict):
        raise RestoreError('the export has no "tables"')
    seen = 0  # the highest revision a running server may have kept a week under
    if not is_empty(conn):
        if not replace:
            raise RestoreError("the database already holds data; use --replace to overwrite it")
        seen = conn.execute(select(func.max(athletes.c.revision))).scalar() or 0
        for table in reversed(ALL):
            conn.execute(delete(table))
    unknown = set(tables) - {t.name for t in ALL}
    if unknown:
        raise RestoreError(f"unknown tables in the export: {', '.join(sorted(unknown))}")
    _check_athletes(tables.get("athletes", []))
    try:
        count = _write(conn, tables)
        # Restored athletes start past every revision this database has had, so a server
        # using it works their weeks out again instead of serving what it kept.
        conn.execute(update(athletes).values(revision=athletes.c.revision + seen + 1))
        return count
    except (SQLAlchemyError, ValueError, TypeError) as error:
        reason = str(getattr(error, "orig", None) or error).splitlines()[0][:200]
        raise RestoreError(f"a row cannot be stored ({reason}); nothing was restored") from None


def _check_athletes(rows: Any) -> None:
    """Every athlete must still be a valid athlete, or nothing could be done with it later."""
    from runlift.catalog import load_library
    from runlift.io.planfile import InputError, parse_athlete

    library = load_library()
    if not isinstance(rows, list):
        raise RestoreError("tables.athletes: expected a list of rows")
    keys = ("name", "experience", "phase", "units", "equipment", "heavy_sessions", "formula",
            "usual_run_start", "available", "kit")  # fmt: skip
    for index, row in enumerate(rows):
        if not isinstance(row, dict):
            raise RestoreError(f"tables.athletes[{index}]: expected a row")
        fields = {k: row[k] for k in keys if row.get(k) is not None}
        try:
            parse_athlete(fields, library)
        except InputError as error:
            raise RestoreError(f"tables.athletes[{index}]: {error}") from None


def _write(conn: Connection, tables: dict[str, Any]) -> int:
    count = 0
    for table in ALL:
        rows = tables.get(table.name, [])
        if not isinstance(rows, list):
            raise RestoreError(f"tables.{table.name}: expected a list of rows")
        columns = {c.name: c for c in table.columns}
        prepared = []
        for index, row in enumerate(rows):
            if not isinstance(row, dict) or set(row) - set(columns):
                raise RestoreError(f"tables.{table.name}[{index}]: unexpected columns")
            values = dict(row)
            for name, column in columns.items():
                if isinstance(column.type, DateTime) and isinstance(values.get(name), str):
                    values[name] = datetime.fromisoformat(values[name])
                elif isinstance(column.type, Date) and isinstance(values.get(name), str):
                    values[name] = date.fromisoformat(values[name])
            prepared.append(values)
        if prepared:
            conn.execute(insert(table), prepared)
            count += len(prepared)
    if conn.dialect.name == "postgresql":
        for table in ALL:
            conn.execute(
                text(
                    f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                    f"COALESCE((SELECT MAX(id) FROM {table.name}), 0) + 1, false)"
                )
            )
    return count
