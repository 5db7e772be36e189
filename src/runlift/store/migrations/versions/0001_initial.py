"""The first schema: athletes, maxes, races, seasons, week changes and the training log.

Revision ID: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _athlete_fk() -> sa.Column:  # type: ignore[type-arg]
    return sa.Column(
        "athlete_id", sa.Integer, sa.ForeignKey("athletes.id", ondelete="CASCADE"), nullable=False
    )


def upgrade() -> None:
    op.create_table(
        "athletes",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(100), nullable=False, unique=True),
        sa.Column("experience", sa.String(20), nullable=False),
        sa.Column("phase", sa.String(20), nullable=False),
        sa.Column("units", sa.String(2), nullable=False),
        sa.Column("equipment", sa.JSON, nullable=False),
        sa.Column("heavy_sessions", sa.Integer),
        sa.Column("formula", sa.String(20), nullable=False),
        sa.Column("usual_run_start", sa.String(5), nullable=False),
        sa.Column("available", sa.JSON),
        sa.Column("kit", sa.JSON),
        sa.Column("typical_week", sa.JSON, nullable=False),
    )
    op.create_table(
        "maxes",
        sa.Column("id", sa.Integer, primary_key=True),
        _athlete_fk(),
        sa.Column("exercise_id", sa.String(60), nullable=False),
        sa.Column("tested_on", sa.Date, nullable=False),
        sa.Column("load", sa.Float, nullable=False),
        sa.Column("reps", sa.Integer, nullable=False),
    )
    op.create_table(
        "races",
        sa.Column("id", sa.Integer, primary_key=True),
        _athlete_fk(),
        sa.Column("date", sa.Date, nullable=False),
        sa.Column("distance_km", sa.Float, nullable=False),
        sa.Column("goal", sa.Boolean, nullable=False),
        sa.Column("name", sa.String(100)),
    )
    op.create_table(
        "seasons",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "athlete_id",
            sa.Integer,
            sa.ForeignKey("athletes.id", ondelete="CASCADE"),
            nullable=False,
            unique=True,
        ),
        sa.Column("start", sa.Date, nullable=False),
        sa.Column(
            "race_id", sa.Integer, sa.ForeignKey("races.id", ondelete="CASCADE"), nullable=False
        ),
    )
    op.create_table(
        "week_changes",
        sa.Column("id", sa.Integer, primary_key=True),
        _athlete_fk(),
        sa.Column("week_start", sa.Date, nullable=False),
        sa.Column("days", sa.JSON),
        sa.Column("cutback", sa.Boolean),
        sa.Column("no_gym", sa.Boolean, nullable=False),
        sa.Column("note", sa.Text),
        sa.UniqueConstraint("athlete_id", "week_start"),
    )
    op.create_table(
        "strength_logs",
        sa.Column("id", sa.Integer, primary_key=True),
        _athlete_fk(),
        sa.Column("date", sa.Date, nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("minutes", sa.Integer),
        sa.Column("skipped", sa.Boolean, nullable=False),
        sa.Column("reason", sa.Text),
    )
    op.create_table(
        "strength_sets",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "log_id",
            sa.Integer,
            sa.ForeignKey("strength_logs.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("exercise_id", sa.String(60), nullable=False),
        sa.Column("reps", sa.Integer, nullable=False),
        sa.Column("load", sa.Float),
        sa.Column("reps_in_reserve", sa.Integer),
        sa.Column("rpe", sa.Float),
    )
    op.create_table(
        "run_logs",
        sa.Column("id", sa.Integer, primary_key=True),
        _athlete_fk(),
        sa.Column("date", sa.Date, nullable=False),
        sa.Column("type", sa.String(20), nullable=False),
        sa.Column("minutes", sa.Float, nullable=False),
        sa.Column("distance_km", sa.Float),
        sa.Column("avg_hr", sa.Integer),
        sa.Column("rpe", sa.Float),
    )
    op.create_table(
        "results",
        sa.Column("id", sa.Integer, primary_key=True),
        _athlete_fk(),
        sa.Column("date", sa.Date, nullable=False),
        sa.Column("distance_km", sa.Float, nullable=False),
        sa.Column("seconds", sa.Float, nullable=False),
        sa.Column("time_trial", sa.Boolean, nullable=False),
        sa.Column("name", sa.String(100)),
    )
    for table in ("maxes", "races", "strength_logs", "run_logs", "results"):
        op.create_index(f"ix_{table}_athlete_id", table, ["athlete_id"])
    op.create_index("ix_strength_sets_log_id", "strength_sets", ["log_id"])


def downgrade() -> None:
    for table in (
        "results", "run_logs", "strength_sets", "strength_logs", "week_changes", "seasons",
        "races", "maxes", "athletes",
    ):  # fmt: skip
        op.drop_table(table)
