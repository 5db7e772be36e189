"""Each athlete carries a revision that every change to their data raises, so a server can
keep what it worked out for a week (the plan, the page) until something changes.

Revision ID: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("athletes") as batch:
        batch.add_column(sa.Column("revision", sa.Integer, nullable=False, server_default="0"))


def downgrade() -> None:
    with op.batch_alter_table("athletes") as batch:
        batch.drop_column("revision")
