"""The engine, the session factory and the schema upgrade."""

import os
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager, suppress
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import event
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine
from sqlmodel.ext.asyncio.session import AsyncSession

PROJECT = Path(__file__).resolve().parent.parent
MIGRATIONS = PROJECT / "migrations"
_ASYNC_DRIVERS = {"sqlite": "sqlite+aiosqlite", "postgresql": "postgresql+asyncpg"}
# Health data: only the account the bot runs as may read the SQLite folder and files.
PRIVATE_FOLDER, PRIVATE_FILE = 0o700, 0o600
_SQLITE_COMPANIONS = ("-wal", "-shm", "-journal")


def async_url(url: str) -> str:
    """Return the URL with the async driver Steady uses, and a SQLite path made absolute.

    A relative SQLite path is read from the Steady folder, not from wherever the process was
    started: a service started from / would otherwise put data/ at the filesystem root.
    """
    parsed = make_url(url)
    backend = parsed.get_backend_name()
    if backend not in _ASYNC_DRIVERS:
        raise ValueError(f"unsupported database {backend!r}: use sqlite:/// or postgresql://")
    if backend == "sqlite" and _is_sqlite_file(parsed.database):
        parsed = parsed.set(database=str(PROJECT / Path(parsed.database).expanduser()))
    return parsed.set(drivername=_ASYNC_DRIVERS[backend]).render_as_string(hide_password=False)


def _is_sqlite_file(database: str | None) -> bool:
    return bool(database) and database != ":memory:" and not database.startswith("file:")


def _tune_sqlite(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    # WAL lets readers and the one writer overlap; the timeout waits out a busy writer.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA cache_size=-65536")
    cursor.execute("PRAGMA mmap_size=268435456")
    # Deleted rows (an erased user, a removed medicine) are overwritten, not left in free pages.
    cursor.execute("PRAGMA secure_delete=ON")
    cursor.close()


class Database:
    """One engine per process; one session per update and per tick."""

    def __init__(self, url: str, *, echo: bool = False) -> None:
        self.url = async_url(url)
        self.is_sqlite = self.url.startswith("sqlite")
        if self.is_sqlite:
            _prepare_private_file(make_url(self.url).database)
        # Bound parameters are what users typed: errors and logs must never show them.
        self.engine: AsyncEngine = create_async_engine(self.url, echo=echo, hide_parameters=True)
        if self.is_sqlite:
            event.listen(self.engine.sync_engine, "connect", _tune_sqlite)

    @asynccontextmanager
    async def session(self) -> AsyncIterator[AsyncSession]:
        """Yield a session that commits once at the end, or rolls back on error."""
        async with AsyncSession(self.engine, expire_on_commit=False) as session:
            try:
                yield session
                await session.commit()
            except BaseException:
                await session.rollback()
                raise

    async def migrate(self) -> None:
        """Bring the schema to the newest Alembic revision."""
        await self.change_schema(_upgrade)

    async def change_schema(self, change: Callable[[Connection], None]) -> None:
        """Run a schema change in one transaction; on SQLite with foreign keys off meanwhile.

        SQLite alters a table by copying it and dropping the old one (Alembic's batch mode);
        with foreign keys on, that drop would cascade-delete every child row. The pragma only
        takes effect outside a transaction, and the keys are checked before the commit.
        """
        async with self.engine.connect() as connection:
            if self.is_sqlite:
                await connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
                await connection.commit()
            async with connection.begin():
                await connection.run_sync(change)
                if self.is_sqlite:
                    broken = (await connection.exec_driver_sql("PRAGMA foreign_key_check")).all()
                    if broken:
                        raise RuntimeError(f"schema change broke {len(broken)} foreign keys")
            if self.is_sqlite:
                await connection.exec_driver_sql("PRAGMA foreign_keys=ON")
                await connection.commit()

    async def dispose(self) -> None:
        await self.engine.dispose()


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def _upgrade(connection) -> None:
    config = alembic_config()
    config.attributes["connection"] = connection
    command.upgrade(config, "head")


def _prepare_private_file(database: str | None) -> None:
    """Create the SQLite folder (0700) and file (0600); make existing files owner-only."""
    if not _is_sqlite_file(database):
        return
    path = Path(database)
    missing = [folder for folder in path.parents if not folder.exists()]
    for folder in reversed(missing):
        folder.mkdir(mode=PRIVATE_FOLDER)
    # SQLite gives its -wal and -shm files the database file's mode, so that one decides.
    with suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE))
    for name in (path, *(path.with_name(path.name + end) for end in _SQLITE_COMPANIONS)):
        if name.exists() and name.stat().st_mode & 0o777 != PRIVATE_FILE:
            name.chmod(PRIVATE_FILE)
