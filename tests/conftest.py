"""Shared fixtures: real SQLite files migrated once per session, a clock tests move, and the
local Bot API stand-in."""

import asyncio
import os
import shutil
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import create_async_engine

from localchat.server import LocalBotApi
from models.db import Database, async_url
from tests.factories import FixedClock


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


@pytest.fixture
def fake_api() -> Iterator[LocalBotApi]:
    """Serve a local Bot API on 127.0.0.1 for one test, stopping it afterwards."""
    with LocalBotApi() as api:
        yield api


@pytest.fixture
def clock() -> FixedClock:
    """A clock that stands still until a test moves it (Thursday 26 Nov 2026, 12:00 UTC)."""
    return FixedClock(datetime(2026, 11, 26, 12, 0, tzinfo=UTC))


@pytest.fixture
async def pg_db():
    """Yield a Database on a new, migrated PostgreSQL database (TEST_DATABASE_URL), or skip."""
    url = os.environ.get("TEST_DATABASE_URL", "")
    if not url.startswith("postgresql"):
        pytest.skip("TEST_DATABASE_URL is not set to a PostgreSQL database")
    name = f"steady_test_{uuid.uuid4().hex[:12]}"
    admin = create_async_engine(async_url(url), isolation_level="AUTOCOMMIT")
    async with admin.connect() as connection:
        await connection.execute(text(f'CREATE DATABASE "{name}"'))
    database = Database(make_url(url).set(database=name).render_as_string(hide_password=False))
    await database.migrate()
    yield database
    await database.dispose()
    async with admin.connect() as connection:
        await connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
    await admin.dispose()


@pytest.fixture
def no_errors(caplog: pytest.LogCaptureFixture):
    """Fail the test if anything was logged at ERROR (PTB routes handler errors to logs)."""
    yield
    # At teardown caplog.records holds only the teardown's records: read the test's own.
    records = [*caplog.get_records("setup"), *caplog.get_records("call")]
    errors = [r for r in records if r.levelname in ("ERROR", "CRITICAL")]
    assert not errors, [f"{r.name}: {r.getMessage()}" for r in errors]
