"""The engine, the session factory and the schema upgrade."""

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import event
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine
from sqlmodel.ext.asyncio.session import AsyncSession

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"
_ASYNC_DRIVERS = {"sqlite": "sqlite+aiosqlite", "postgresql": "postgresql+asyncpg"}


def async_url(url: str) -> str:
    """Return the URL with the async driver Steady uses for its database."""
    parsed = make_url(url)
    backend = parsed.get_backend_name()
    if backend not in _ASYNC_DRIVERS:
        raise ValueError(f"unsupported database {backend!r}: use sqlite:/// or postgresql://")
    return parsed.set(drivername=_ASYNC_DRIVERS[backend]).render_as_string(hide_password=False)


def _tune_sqlite(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    # WAL lets readers and the one writer overlap; the timeout waits out a busy writer.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA cache_size=-65536")
    cursor.execute("PRAGMA mmap_size=268435456")
    cursor.close()


class Database:
    """One engine per process; one session per update and per tick."""

    def __init__(self, url: str, *, echo: bool = False) -> None:
        self.url = async_url(url)
        self.is_sqlite = self.url.startswith("sqlite")
        if self.is_sqlite:
            _ensure_sqlite_folder(self.url)
        self.engine: AsyncEngine = create_async_engine(self.url, echo=echo)
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


def _ensure_sqlite_folder(url: str) -> None:
    database = make_url(url).database
    if database and database != ":memory:" and not database.startswith("file:"):
        Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
