"""The SQLite folder and files hold health data: owner-only, erased rows overwritten, and where
the operator meant them to be."""

import shutil
import stat
import uuid
from pathlib import Path

from sqlalchemy import text

from models.db import Database

PROJECT = Path(__file__).resolve().parents[2]  # the Steady folder


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


async def _write_something(database: Database) -> None:
    async with database.session() as session:
        await session.exec(text("CREATE TABLE IF NOT EXISTS probe (x TEXT)"))
        await session.exec(text("INSERT INTO probe VALUES ('sertraline')"))


async def test_a_new_database_gets_an_owner_only_folder_and_files(tmp_path):
    path = tmp_path / "data" / "steady" / "steady.db"
    database = Database(f"sqlite:///{path}")
    try:
        await database.migrate()
        await _write_something(database)
        # While a connection is open, WAL mode keeps the -wal and -shm files beside the database.
        async with database.engine.connect() as connection:
            await connection.exec_driver_sql("SELECT count(*) FROM probe")
            files = [path, path.with_name("steady.db-wal"), path.with_name("steady.db-shm")]
            assert {f.name: mode(f) for f in files} == {f.name: 0o600 for f in files}
    finally:
        await database.dispose()
    assert mode(tmp_path / "data") == 0o700
    assert mode(tmp_path / "data" / "steady") == 0o700


async def test_files_an_earlier_release_left_readable_become_owner_only(tmp_path):
    path = tmp_path / "steady.db"
    for name in ("steady.db", "steady.db-wal", "steady.db-shm"):
        (tmp_path / name).touch(mode=0o644)
        (tmp_path / name).chmod(0o644)
    database = Database(f"sqlite:///{path}")
    await database.dispose()
    assert {p.name: mode(p) for p in tmp_path.iterdir()} == {
        "steady.db": 0o600,
        "steady.db-wal": 0o600,
        "steady.db-shm": 0o600,
    }


async def test_erased_rows_are_overwritten_on_disk(tmp_path):
    path = tmp_path / "steady.db"
    database = Database(f"sqlite:///{path}")
    try:
        async with database.engine.connect() as connection:
            assert (await connection.exec_driver_sql("PRAGMA secure_delete")).scalar() == 1
        await _write_something(database)
        async with database.session() as session:
            await session.exec(text("DELETE FROM probe"))
        async with database.engine.connect() as connection:
            await connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        await database.dispose()
    assert b"sertraline" not in path.read_bytes()


async def test_a_relative_path_lives_in_the_steady_folder_not_at_the_root(monkeypatch):
    # A service manager starts the bot from /: "data/..." must not become /data/... there.
    folder = f"data/test-{uuid.uuid4().hex[:12]}"
    at_root, in_project = Path("/") / folder, PROJECT / folder
    existed = {folder: folder.exists() for folder in (at_root.parent, in_project.parent)}
    monkeypatch.chdir("/")
    try:
        database = Database(f"sqlite:///{folder}/steady.db")
        await database.migrate()
        await database.dispose()
        assert not at_root.exists()
        assert (in_project / "steady.db").is_file()
        assert mode(in_project) == 0o700
    finally:
        for made in (at_root, in_project):
            shutil.rmtree(made, ignore_errors=True)
        for folder, was_there in existed.items():
            if not was_there and folder.exists():
                folder.rmdir()


async def test_an_absolute_path_is_used_as_given(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    target = tmp_path / "elsewhere" / "steady.db"
    database = Database(f"sqlite:///{target}")
    await database.migrate()
    await database.dispose()
    assert target.is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["elsewhere"]
