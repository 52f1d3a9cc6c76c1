"""checkins.source_message_id

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-30

A typed check-in remembers the message that made it, so that editing the message corrects the
entry instead of adding a second one. Existing check-ins have none (nothing to correct).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("checkins") as batch:
        batch.add_column(sa.Column("source_message_id", sa.BigInteger(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("checkins") as batch:
        batch.drop_column("source_message_id")
