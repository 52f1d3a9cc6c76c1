"""A schema change that copies a table on SQLite never deletes the rows that refer to it."""

from alembic.migration import MigrationContext
from alembic.operations import Operations
from sqlalchemy import String, text
from sqlalchemy.engine import Connection

from models import checkins, users
from models.checkins import Entry
from models.types import Answer, HabitKind
from tests import factories


def _copy_deliveries_and_habits(connection: Connection) -> None:
    """What a batch migration does: rebuild parent tables by copy, drop and rename."""
    operations = Operations(MigrationContext.configure(connection))
    for table, column in (("deliveries", "purpose"), ("habits", "name")):
        with operations.batch_alter_table(table, recreate="always") as batch:
            batch.alter_column(column, type_=String(120))


async def test_rebuilding_parent_tables_keeps_their_children(db, clock):
    await factories.user(db, now=clock())
    habit = await factories.habit(db, kind=HabitKind.MOOD, times=[(20, 0)], now=clock())
    async with db.session() as session:
        user = await users.get_user(session, 42)
        await checkins.log_checkin(
            session, user=user, kind=HabitKind.MOOD, entry=Entry(Answer.DONE, 6.0), now=clock()
        )
    await db.change_schema(_copy_deliveries_and_habits)
    async with db.engine.connect() as connection:
        count = (await connection.execute(text("SELECT count(*) FROM checkins"))).scalar()
        keys = (await connection.exec_driver_sql("PRAGMA foreign_keys")).scalar()
    assert count == 1 and habit.id is not None
    assert keys == 1  # back on for the bot's own sessions
