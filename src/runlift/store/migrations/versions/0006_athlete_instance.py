"""Each athlete gets a token of its own, drawn when it is created: SQLite hands a deleted
athlete's id to the next one, so id and revision alone could name two different athletes in
a server's cache of worked-out weeks.

Revision ID: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("athletes") as batch:
        batch.add_column(sa.Column("instance", sa.String(32)))


def downgrade() -> None:
    with op.batch_alter_table("athletes") as batch:
        batch.drop_column("instance")
