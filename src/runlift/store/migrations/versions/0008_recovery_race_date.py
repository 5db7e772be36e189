"""An athlete in the recovery phase can say when their race was, when no season or stored
race holds it: the planner keeps the 7 days after it to gentle core work.

Revision ID: 0008
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("athletes") as batch:
        batch.add_column(sa.Column("race_date", sa.Date))


def downgrade() -> None:
    with op.batch_alter_table("athletes") as batch:
        batch.drop_column("race_date")
