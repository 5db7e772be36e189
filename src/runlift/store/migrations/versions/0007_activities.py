"""Imported activity files: one row per run logged from a file, keyed by the hash of the
file's content (and its start time), so the same file or the same run imported again is
skipped. Deleting the logged run deletes the row, so the file can be imported again.

Revision ID: 0007
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "activities",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "athlete_id",
            sa.Integer,
            sa.ForeignKey("athletes.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column(
            "run_log_id",
            sa.Integer,
            sa.ForeignKey("run_logs.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("started_at", sa.String(32)),
        sa.Column("source", sa.String(300), nullable=False),
        sa.Column("summary", sa.JSON, nullable=False),
        sa.UniqueConstraint("athlete_id", "content_hash", name="uq_activities_athlete_id"),
    )
    op.create_index("ix_activities_athlete_id", "activities", ["athlete_id"])
    op.create_index("ix_activities_run_log_id", "activities", ["run_log_id"])


def downgrade() -> None:
    op.drop_table("activities")
