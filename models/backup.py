"""SQLite backups while the bot runs, and restores while it does not.

A backup goes through SQLite's online backup API in one step: one read transaction, so the copy
is the database as of one moment, and in WAL mode the bot keeps writing meanwhile. The bot holds
a lock file beside the database for as long as it runs; restore takes it first, so it never
replaces a database under a running bot, and a bot cannot start in the middle of a restore.
"""

import fcntl
import os
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.engine import make_url

from models.db import async_url

PRIVATE_FILE = 0o600  # health data: the account the bot runs as, no one else
# What SQLite keeps beside a database: the journals hold committed data, the -shm only an index.
_JOURNALS, _INDEX = ("-wal", "-journal"), "-shm"


class InUse(Exception):
    """Another process (a running bot, or a restore) holds the database."""


class BadBackup(Exception):
    """The file is not a sound Steady database."""


@dataclass(frozen=True, slots=True)
class Copied:
    path: Path
    size: int
    tables: int


def sqlite_file(url: str) -> Path | None:
    """Return the SQLite file a database URL names, or None (PostgreSQL, in memory)."""
    parsed = make_url(async_url(url))
    database = parsed.database
    if parsed.get_backend_name() != "sqlite" or not database or database == ":memory:":
        return None
    return None if database.startswith("file:") else Path(database).expanduser().resolve()


@contextmanager
def exclusive_use(database: Path) -> Iterator[None]:
    """Hold the database's lock file while inside; raise InUse if another process holds it."""
    lock = database.with_name(database.name + ".lock")
    database.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    descriptor = os.open(lock, os.O_RDWR | os.O_CREAT, PRIVATE_FILE)
    _give_to_folder_owner(descriptor, database.parent)
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise InUse(str(database)) from None
        yield  # the lock goes with the descriptor, also when the process dies
    finally:
        os.close(descriptor)


def backup(database: Path, target: Path, *, now: datetime | None = None) -> Copied:
    """Copy a live database to target (a new file, or a folder to put a dated file in)."""
    if not database.is_file():
        raise FileNotFoundError(f"no database at {database}")
    if target.is_dir():
        stamp = (now or datetime.now(UTC)).strftime("%Y%m%d-%H%M%S")
        target = target / f"{database.stem}-{stamp}.db"
    if target.exists():
        raise FileExistsError(f"{target} exists already: choose a new name")
    partial = target.with_name(f".{target.name}.partial")
    _private_file(partial)
    try:
        _copy(database, partial)
        tables = check(partial)
        os.replace(partial, target)
    finally:
        with suppress(FileNotFoundError):
            partial.unlink()
    return Copied(target, target.stat().st_size, tables)


def restore(copy: Path, database: Path, *, now: datetime | None = None) -> Path | None:
    """Put a checked backup in place of the database; return where the old one was kept.

    The caller holds exclusive_use(database). The old database (if any) is kept beside it.
    """
    check(copy)
    incoming = database.with_name(f".{database.name}.restoring")
    _private_file(incoming)
    with open(incoming, "rb") as made:
        _give_to_folder_owner(made.fileno(), database.parent)
    kept = None
    try:
        _copy(copy, incoming)
        check(incoming)
        if database.exists():
            stamp = (now or datetime.now(UTC)).strftime("%Y%m%d-%H%M%S")
            kept = database.with_name(f"{database.name}.before-restore-{stamp}")
        # The old journals go with the old database (they hold some of its data); one left
        # beside the new file would be replayed into it.
        for end in ("", *_JOURNALS):
            old = database.with_name(database.name + end)
            if kept is not None and old.exists():
                os.replace(old, kept.with_name(kept.name + end))
        with suppress(FileNotFoundError):
            database.with_name(database.name + _INDEX).unlink()
        os.replace(incoming, database)
    finally:
        with suppress(FileNotFoundError):
            incoming.unlink()
    return kept


def check(path: Path) -> int:
    """Return how many tables a sound Steady database holds; raise BadBackup otherwise."""
    if not path.is_file():  # sqlite3.connect would create it
        raise BadBackup(f"no file at {path}")
    try:
        with closing(sqlite3.connect(path)) as connection:
            [verdict] = connection.execute("PRAGMA integrity_check").fetchone()
            query = "SELECT name FROM sqlite_master WHERE type = 'table'"
            names = {row[0] for row in connection.execute(query)}
    except sqlite3.DatabaseError as error:
        raise BadBackup(f"{path} is not a SQLite database ({error})") from None
    if verdict != "ok":
        raise BadBackup(f"{path} fails SQLite's integrity check ({verdict})")
    if "alembic_version" not in names:
        raise BadBackup(f"{path} is not a Steady database (no schema version)")
    return len(names)


def _copy(source: Path, target: Path) -> None:
    """Copy a database with SQLite's backup API into one self-contained file."""
    with closing(sqlite3.connect(source)) as reading, closing(sqlite3.connect(target)) as copy:
        reading.backup(copy)  # all pages in one step: the database as of one moment
        # The copy inherits WAL mode; a backup is one file, with no -wal to travel with it.
        copy.execute("PRAGMA journal_mode=DELETE")


def _give_to_folder_owner(descriptor: int, folder: Path) -> None:
    """Let the bot's account own what root makes in its folder (a restore run with sudo)."""
    if os.geteuid() == 0:
        owner = folder.stat()
        os.fchown(descriptor, owner.st_uid, owner.st_gid)


def _private_file(path: Path) -> None:
    """Create an empty file only the owner may read, whatever the umask."""
    with suppress(FileNotFoundError):
        path.unlink()
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
    os.fchmod(descriptor, PRIVATE_FILE)
    os.close(descriptor)
