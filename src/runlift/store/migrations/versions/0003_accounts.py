"""Web accounts: users, sessions, sign-in attempts, coach invitations; athletes get an owner.

Revision ID: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

NAMES = {"uq": "uq_%(table_name)s_%(column_0_name)s"}

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("email", sa.String(254), nullable=False, unique=True),
        sa.Column("password_hash", sa.String(200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "web_sessions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column(
            "user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("csrf", sa.String(64), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_web_sessions_user_id", "web_sessions", ["user_id"])
    op.create_table(
        "sign_in_attempts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("email", sa.String(254), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_sign_in_attempts_email", "sign_in_attempts", ["email"])
    op.create_table(
        "coach_invites",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "athlete_id",
            sa.Integer,
            sa.ForeignKey("athletes.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("coach_email", sa.String(254), nullable=False),
        sa.Column("revoked", sa.Boolean, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_coach_invites_athlete_id", "coach_invites", ["athlete_id"])
    # Names are unique per owner now, not across the whole database.
    with op.batch_alter_table("athletes", naming_convention=NAMES) as batch:
        batch.drop_constraint("uq_athletes_name", type_="unique")
    with op.batch_alter_table("athletes") as batch:
        batch.add_column(sa.Column("owner_id", sa.Integer, nullable=True))
        batch.create_foreign_key(
            "fk_athletes_owner_id_users", "users", ["owner_id"], ["id"], ondelete="CASCADE"
        )
        batch.create_index("ix_athletes_owner_id", ["owner_id"])
        batch.create_unique_constraint("uq_athletes_owner_id", ["owner_id", "name"])


def downgrade() -> None:
    with op.batch_alter_table("athletes") as batch:
        batch.drop_constraint("uq_athletes_owner_id", type_="unique")
        batch.drop_index("ix_athletes_owner_id")
        batch.drop_constraint("fk_athletes_owner_id_users", type_="foreignkey")
        batch.drop_column("owner_id")
        batch.create_unique_constraint("uq_athletes_name", ["name"])
    for table in ("coach_invites", "sign_in_attempts", "web_sessions", "users"):
        op.drop_table(table)
