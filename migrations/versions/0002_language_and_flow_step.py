"""users.language and users.flow_step

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-30

The language follows the user's Telegram language_code (texts fall back to English); the step
number lets a step's buttons say which step they belong to. Existing users get English and
step 0, and a step they are in stays where it was.
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(
            sa.Column(
                "language",
                sqlmodel.sql.sqltypes.AutoString(length=16),
                nullable=False,
                server_default="en",
            )
        )
        batch.add_column(
            sa.Column("flow_step", sa.Integer(), nullable=False, server_default="0")
        )


def downgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.drop_column("flow_step")
        batch.drop_column("language")
