"""Medication details and the sleep diary

Revision ID: 0007_med_clarity
Revises: 0006
Create Date: 2026-12-01

habits: as_needed (no set times), follow_ups (0-3 gentle nudges, 1 as before), and the pill
count behind the refill forecast. deliveries.follow_ups_sent counts the nudges a reminder had.
checkins: taken_at (when a dose was really taken), bedtime_minute and awakenings (the
Consensus Sleep Diary's core items). Two new schedule purposes: REFILL and CATCH_UP.
Existing rows keep every value; new columns start empty (or at the old behaviour's value).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import models.types

revision: str = "0007_med_clarity"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# PostgreSQL keeps the enum's labels, which are the members' names.
NEW_PURPOSES = ("REFILL", "CATCH_UP")


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for name in NEW_PURPOSES:
            op.execute(f"ALTER TYPE purpose ADD VALUE IF NOT EXISTS '{name}'")
    with op.batch_alter_table("habits") as batch:
        batch.add_column(
            sa.Column("as_needed", sa.Boolean(), nullable=False, server_default="0")
        )
        batch.add_column(sa.Column("follow_ups", sa.Integer(), nullable=False, server_default="1"))
        batch.add_column(sa.Column("pills_left", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("pills_counted_on", sa.Date(), nullable=True))
        batch.add_column(sa.Column("pack_size", sa.Integer(), nullable=True))
    with op.batch_alter_table("deliveries") as batch:
        batch.add_column(
            sa.Column("follow_ups_sent", sa.Integer(), nullable=False, server_default="0")
        )
    with op.batch_alter_table("checkins") as batch:
        batch.add_column(sa.Column("taken_at", models.types.UtcDateTime(), nullable=True))
        batch.add_column(sa.Column("bedtime_minute", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("awakenings", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("checkins") as batch:
        batch.drop_column("awakenings")
        batch.drop_column("bedtime_minute")
        batch.drop_column("taken_at")
    with op.batch_alter_table("deliveries") as batch:
        batch.drop_column("follow_ups_sent")
    with op.batch_alter_table("habits") as batch:
        batch.drop_column("pack_size")
        batch.drop_column("pills_counted_on")
        batch.drop_column("pills_left")
        batch.drop_column("follow_ups")
        batch.drop_column("as_needed")
    # PostgreSQL cannot drop an enum label; REFILL and CATCH_UP stay, unused.
