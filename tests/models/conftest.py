"""Real SQLite files for model tests: migrated once per session, copied per test."""

import asyncio
import shutil
from pathlib import Path

import pytest

from models.db import Database


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Migrate one SQLite file with Alembic; tests copy it instead of migrating again."""
    path = tmp_path_factory.mktemp("template") / "template.db"
    database = Database(f"sqlite:///{path}")

    async def migrate() -> None:
        await database.migrate()
        await database.dispose()

    asyncio.run(migrate())
    return path


@pytest.fixture
async def db(template_db: Path, tmp_path: Path):
    """Yield a Database on a fresh copy of the migrated template."""
    path = tmp_path / "test.db"
    shutil.copyfile(template_db, path)
    database = Database(f"sqlite:///{path}")
    yield database
    await database.dispose()
