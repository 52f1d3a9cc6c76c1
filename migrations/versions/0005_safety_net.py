"""The safety net: safety plans, the caring follow-up, the helpline country, event kinds

Revision ID: 0005
Revises: 0004_summary_parts
Create Date: 2026-12-02

- safety_plans: one row per user, the six steps of a Stanley-Brown safety plan.
- users.country (the crisis lines' country, None follows the time zone) and
  users.safety_follow_up (the next-day caring message, on unless turned off).
- safety_events.kind: what the safety moment was; existing rows were all crisis replies
  with the resources, so they become RESOURCES.
- Purpose SAFETY_CARE for the follow-up's schedule row and its delivery. On PostgreSQL the
  enum column is a native ENUM whose labels are the member names. PostgreSQL 12+ accepts
  ALTER TYPE ... ADD VALUE inside a transaction (the new label only cannot be used before the
  commit, and this migration does not use it), so it runs in the migration's own transaction.
  Alembic's autocommit_block() cannot be used here: Database.migrate hands Alembic a connection
  that is already inside a transaction, which the block cannot commit. On SQLite the enum is a
  plain VARCHAR(11), the longest name then: a longer name would need batch mode to copy
  schedules and deliveries, and SQLite's DROP TABLE of the old copy runs the ON DELETE CASCADE
  of checkins.delivery_id while foreign keys are on (they are, in Database.migrate), deleting
  every check-in answered from a reminder. So the name fits in 11 letters.
- users.safety_follow_up's default is the string '1', which SQLite adds with ALTER TABLE (an
  expression such as true() makes batch mode copy the users table, with the same cascade).
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

import models.types

revision: str = "0005"
down_revision: str | None = "0004_summary_parts"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

EVENT_KINDS = ("RESOURCES", "ASKED", "PHQ9", "SAID_SAFE", "SAID_NOT_SAFE", "NUMBERS")
PLAN_STEPS = (
    "warning_signs",
    "coping_alone",
    "distractions",
    "people_to_ask",
    "professionals",
    "safer_surroundings",
)


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        op.execute("ALTER TYPE purpose ADD VALUE IF NOT EXISTS 'SAFETY_CARE'")
    event_kind = sa.Enum(*EVENT_KINDS, name="safetyeventkind")
    event_kind.create(bind, checkfirst=True)
    with op.batch_alter_table("safety_events") as batch:
        batch.add_column(sa.Column("kind", event_kind, nullable=False, server_default="RESOURCES"))
    with op.batch_alter_table("users") as batch:
        batch.add_column(
            sa.Column("country", sqlmodel.sql.sqltypes.AutoString(length=2), nullable=True)
        )
        batch.add_column(
            sa.Column("safety_follow_up", sa.Boolean(), nullable=False, server_default="1")
        )
    op.create_table(
        "safety_plans",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        *(
            sa.Column(step, sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True)
            for step in PLAN_STEPS
        ),
        sa.Column("in_report", sa.Boolean(), nullable=False),
        sa.Column("updated_at", models.types.UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_safety_plans_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_safety_plans")),
        sa.UniqueConstraint("user_id", name=op.f("uq_safety_plans_user_id")),
    )


def downgrade() -> None:
    op.drop_table("safety_plans")
    with op.batch_alter_table("users") as batch:
        batch.drop_column("safety_follow_up")
        batch.drop_column("country")
    with op.batch_alter_table("safety_events") as batch:
        batch.drop_column("kind")
    bind = op.get_bind()
    sa.Enum(name="safetyeventkind").drop(bind, checkfirst=True)
    # PostgreSQL cannot drop one label of an enum: the follow-ups go, the label stays unused.
    op.execute("DELETE FROM deliveries WHERE purpose = 'SAFETY_CARE'")
    op.execute("DELETE FROM schedules WHERE purpose = 'SAFETY_CARE'")
