"""Alembic's environment: runs on the connection runlift hands it (see store/schema.py)."""

from __future__ import annotations

from alembic import context

from runlift.store.tables import metadata

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=True,  # SQLite changes columns by copying the table
)
with context.begin_transaction():
    context.run_migrations()
