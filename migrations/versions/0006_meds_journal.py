"""The treatment journal (/meds) and the questions for the doctor (/ask)

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30 12:58:13.762917

- medications, dose_changes, side_effects, med_reviews: the journal; doctor_questions: /ask.
- Purpose MED_REVIEW: the six- and eight-week "How is it going with X?" schedule rows. On
  PostgreSQL the column is a native ENUM whose labels are the member names. PostgreSQL 12+
  accepts ALTER TYPE ... ADD VALUE inside a transaction as long as the new label is not used
  before the commit (this migration does not use it), so it runs in the migration's own
  transaction: Database.migrate hands Alembic a connection already inside one, which
  autocommit_block() could not commit. On SQLite the column is a VARCHAR as long as the
  longest name (11); MED_REVIEW fits, so no table is copied.
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes  # noqa: F401
from alembic import op

import models.types  # noqa: F401


revision: str = '0006'
down_revision: str | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TYPE purpose ADD VALUE IF NOT EXISTS 'MED_REVIEW'")
    op.create_table('doctor_questions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.BigInteger(), nullable=False),
    sa.Column('text', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.Column('created_at', models.types.UtcDateTime(timezone=True), nullable=False),
    sa.Column('asked_at', models.types.UtcDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_doctor_questions_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_doctor_questions'))
    )
    with op.batch_alter_table('doctor_questions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_doctor_questions_user_id'), ['user_id'], unique=False)

    op.create_table('medications',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.BigInteger(), nullable=False),
    sa.Column('habit_id', sa.Integer(), nullable=True),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
    sa.Column('started_on', sa.Date(), nullable=False),
    sa.Column('stopped_on', sa.Date(), nullable=True),
    sa.Column('stop_reason', sa.Enum('SIDE_EFFECTS', 'NO_EFFECT', 'COST', 'DOCTOR', 'OTHER', name='stopreason'), nullable=True),
    sa.Column('created_at', models.types.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['habit_id'], ['habits.id'], name=op.f('fk_medications_habit_id_habits'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_medications_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_medications'))
    )
    with op.batch_alter_table('medications', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_medications_habit_id'), ['habit_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_medications_user_id'), ['user_id'], unique=False)

    op.create_table('dose_changes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.BigInteger(), nullable=False),
    sa.Column('medication_id', sa.Integer(), nullable=False),
    sa.Column('dose', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('from_on', sa.Date(), nullable=False),
    sa.Column('recorded_at', models.types.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['medication_id'], ['medications.id'], name=op.f('fk_dose_changes_medication_id_medications'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_dose_changes_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dose_changes'))
    )
    with op.batch_alter_table('dose_changes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_dose_changes_medication_id'), ['medication_id'], unique=False)

    op.create_table('med_reviews',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.BigInteger(), nullable=False),
    sa.Column('medication_id', sa.Integer(), nullable=False),
    sa.Column('weeks', sa.Integer(), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('schedule_id', sa.BigInteger(), nullable=True),
    sa.Column('answer', sa.Enum('BETTER', 'A_LITTLE', 'NO_CHANGE', 'WORSE', name='reviewanswer'), nullable=True),
    sa.Column('note', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True),
    sa.Column('answered_at', models.types.UtcDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['medication_id'], ['medications.id'], name=op.f('fk_med_reviews_medication_id_medications'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_med_reviews_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_med_reviews'))
    )
    with op.batch_alter_table('med_reviews', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_med_reviews_medication_id'), ['medication_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_med_reviews_schedule_id'), ['schedule_id'], unique=False)

    op.create_table('side_effects',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.BigInteger(), nullable=False),
    sa.Column('medication_id', sa.Integer(), nullable=False),
    sa.Column('effects', sa.JSON(), nullable=False),
    sa.Column('note', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True),
    sa.Column('noted_on', sa.Date(), nullable=False),
    sa.Column('recorded_at', models.types.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['medication_id'], ['medications.id'], name=op.f('fk_side_effects_medication_id_medications'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_side_effects_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_side_effects'))
    )
    with op.batch_alter_table('side_effects', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_side_effects_medication_id'), ['medication_id'], unique=False)



def downgrade() -> None:
    # PostgreSQL cannot drop one label of an enum: the reviews go, the label stays unused.
    op.execute("DELETE FROM deliveries WHERE purpose = 'MED_REVIEW'")
    op.execute("DELETE FROM schedules WHERE purpose = 'MED_REVIEW'")
    with op.batch_alter_table('side_effects', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_side_effects_medication_id'))

    op.drop_table('side_effects')
    with op.batch_alter_table('med_reviews', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_med_reviews_schedule_id'))
        batch_op.drop_index(batch_op.f('ix_med_reviews_medication_id'))

    op.drop_table('med_reviews')
    with op.batch_alter_table('dose_changes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_dose_changes_medication_id'))

    op.drop_table('dose_changes')
    with op.batch_alter_table('medications', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_medications_user_id'))
        batch_op.drop_index(batch_op.f('ix_medications_habit_id'))

    op.drop_table('medications')
    with op.batch_alter_table('doctor_questions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_doctor_questions_user_id'))

    op.drop_table('doctor_questions')
    bind = op.get_bind()
    for name in ("stopreason", "reviewanswer"):
        sa.Enum(name=name).drop(bind, checkfirst=True)
