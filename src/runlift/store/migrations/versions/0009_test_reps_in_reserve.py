"""A rep test keeps the reps the runner had left when the set stopped (0 for a set to
failure, as every test stored before), so the estimate can count them.

Revision ID: 0009
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("maxes") as batch:
        batch.add_column(
            sa.Column("reps_in_reserve", sa.Integer, nullable=False, server_default="0")
        )


def downgrade() -> None:
    with op.batch_alter_table("maxes") as batch:
        batch.drop_column("reps_in_reserve")
