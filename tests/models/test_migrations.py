"""The Alembic migrations and the SQLModel tables agree: autogenerate finds nothing to do."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlmodel import SQLModel

import models.tables  # noqa: F401  (registers the tables)


def _diff(connection) -> list:
    options = {"compare_type": True, "render_as_batch": True}
    return compare_metadata(MigrationContext.configure(connection, opts=options), SQLModel.metadata)


async def test_sqlite_schema_matches_tables(db):
    async with db.engine.connect() as connection:
        assert await connection.run_sync(_diff) == []


async def test_postgresql_schema_matches_tables(pg_db):
    async with pg_db.engine.connect() as connection:
        assert await connection.run_sync(_diff) == []
