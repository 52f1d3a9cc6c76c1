"""The operator's commands besides running the bot: backup, restore and migrate.

Each prints one line saying what it did, or why it did nothing, and returns the exit status.
"""

import asyncio
import sys
from pathlib import Path

from bot.config import Settings
from models import backup
from models.db import Database

POSTGRES_BACKUP = "PostgreSQL: use pg_dump and pg_restore (README, 'Backups')"


def backup_command(settings: Settings, target: Path) -> int:
    """Copy the SQLite database, while the bot runs or not, to a new owner-only file."""
    database = backup.sqlite_file(settings.database_url)
    if database is None:
        return _fail(f"nothing to copy here: {POSTGRES_BACKUP}")
    try:
        copied = backup.backup(database, target)
    except (OSError, backup.BadBackup) as error:
        return _fail(f"backup failed: {error}")
    print(f"Backed up {database} to {copied.path} ({copied.size:,} bytes, integrity ok).")
    return 0


def restore_command(settings: Settings, copy: Path) -> int:
    """Put a backup in place of the SQLite database; refuse while the bot runs."""
    database = backup.sqlite_file(settings.database_url)
    if database is None:
        return _fail(f"nothing to restore here: {POSTGRES_BACKUP}")
    try:
        with backup.exclusive_use(database):
            kept = backup.restore(copy, database)
    except backup.InUse:
        return _fail(
            f"Steady is running on {database}: stop it first "
            "(e.g. systemctl stop 'steady@*'), then restore again"
        )
    except (OSError, backup.BadBackup) as error:
        return _fail(f"restore refused: {error}")
    old = f"; the previous database is kept as {kept}" if kept else ""
    print(f"Restored {copy} to {database} (integrity ok){old}; the bot may start again.")
    return 0


def migrate_command(settings: Settings) -> int:
    """Bring the database's schema to this version's, then stop (before starting N processes)."""
    asyncio.run(_migrate(settings))
    print("The database schema is up to date.")
    return 0


async def _migrate(settings: Settings) -> None:
    database = Database(settings.database_url)
    try:
        await database.migrate()
    finally:
        await database.dispose()


def _fail(reason: str) -> int:
    print(f"Steady: {reason}.", file=sys.stderr)
    return 2
