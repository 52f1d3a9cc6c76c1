"""The operator's tasks on real `python -m bot` processes: a backup taken while the bot runs and
restored after it stops; metrics of two processes in one scrape; JSON logs without users' words."""

import json
import os
import signal
import socket
import sqlite3
import stat
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
from prometheus_client.parser import text_string_to_metric_families

from localchat.server import LocalBotApi
from tests.e2e.conftest import ROOT, BotProcess

WELCOME = "not a doctor or a crisis service"
WORDS = "Quetiazorb Lindwurm"


def _command(env: dict[str, str], *arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", *arguments],
        cwd=ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
    )


def _counts(path: Path) -> dict[str, int]:
    """Return the number of rows of every table."""
    with sqlite3.connect(path) as connection:
        names = [row[0] for row in connection.execute("SELECT name FROM sqlite_master")]
        tables = [n for n in names if not n.startswith("sqlite_") and _is_table(connection, n)]
        return {t: connection.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}


def _is_table(connection: sqlite3.Connection, name: str) -> bool:
    query = "SELECT type FROM sqlite_master WHERE name = ?"
    return connection.execute(query, (name,)).fetchone()[0] == "table"


def _users(path: Path) -> list[int]:
    with sqlite3.connect(path) as connection:
        return sorted(row[0] for row in connection.execute("SELECT id FROM users"))


def test_backup_while_running_then_restore_after_stop(bot_process, bot_env, tmp_path):
    api, env = bot_env
    database = tmp_path / "steady.db"
    bot_process.start()
    for user_id in (42, 43):
        api.push_update(api.message_update(user_id, "/start"))
    api.wait_for(lambda: all(api.sent_to(u) for u in (42, 43)), 20)

    (tmp_path / "backups").mkdir()
    made = _command(env, "backup", str(tmp_path / "backups"))  # a folder: a dated file in it
    assert made.returncode == 0, made.stderr
    [copy] = (tmp_path / "backups").iterdir()
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    assert _users(copy) == [42, 43]  # rows still in the running bot's WAL are in the copy
    backed_up = _counts(copy)

    api.push_update(api.message_update(44, "/start"))  # after the backup: not in it
    api.wait_for(lambda: api.sent_to(44), 20)
    refused = _command(env, "restore", str(copy))
    assert refused.returncode == 2
    [line] = refused.stderr.strip().splitlines()
    assert "stop it first" in line
    assert _users(database) == [42, 43, 44]  # nothing changed

    bot_process.stop()
    restored = _command(env, "restore", str(copy))
    assert restored.returncode == 0, restored.stderr
    [kept] = tmp_path.glob("steady.db.before-restore-????????-??????")
    assert _users(kept) == [42, 43, 44]  # the replaced database is kept, whole
    with sqlite3.connect(database) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert _counts(database) == backed_up

    bot_process.start()  # the bot starts on the restored database, with every row
    answered = len(api.sent_to(43))
    api.push_update(api.message_update(43, "Berlin"))  # the time zone /start asked for
    api.wait_for(lambda: len(api.sent_to(43)) > answered, 20)
    assert "Berlin" in api.sent_to(43)[-1]["text"]
    assert _users(database) == [42, 43]


def test_a_bad_backup_is_refused_and_changes_nothing(bot_env, tmp_path):
    _, env = bot_env
    not_a_database = tmp_path / "notes.db"
    not_a_database.write_text("shopping list")
    database = tmp_path / "steady.db"
    result = _command(env, "restore", str(not_a_database))
    assert result.returncode == 2
    assert "not a SQLite database" in result.stderr
    assert not database.exists()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(port: int, path: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as answer:
            return answer.status, answer.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def _value(exposition: str, name: str, **labels: str) -> float:
    return sum(
        found.value
        for family in text_string_to_metric_families(exposition)
        for found in family.samples
        if found.name == name and all(found.labels.get(k) == v for k, v in labels.items())
    )


@pytest.fixture
def two_bots(tmp_path):
    """Two bot processes (each its own stand-in and SQLite file) sharing a metrics folder."""
    shared = tmp_path / "metrics"
    shared.mkdir()
    bots = []
    with LocalBotApi() as first, LocalBotApi() as second:
        for index, api in enumerate((first, second)):
            env = {k: v for k, v in os.environ.items() if not k.startswith("TELEGRAM_")}
            env |= {
                "TELEGRAM_BOT_TOKEN": api.token,
                "TELEGRAM_API_BASE_URL": api.base_url,
                "DATABASE_URL": f"sqlite:///{tmp_path / f'bot{index}.db'}",
                "PROMETHEUS_MULTIPROC_DIR": str(shared),
                "ADMIN_PORT": str(_free_port()),
                "LOG_FORMAT": "json",
                "PYTHONUNBUFFERED": "1",
            }
            bots.append(BotProcess(api, env))
        try:
            yield bots
        finally:
            for bot in bots:
                if bot.proc is not None and bot.proc.poll() is None:
                    bot.proc.kill()
                    bot.proc.wait(10)


def test_one_scrape_sees_both_processes_and_logs_are_json(two_bots):
    first, second = two_bots
    for bot in two_bots:
        bot.start()
        bot.say("/start")
        bot.wait_text(WELCOME)
        bot.say(f"I feel like {WORDS} today")
    first_port, second_port = (int(bot.env["ADMIN_PORT"]) for bot in two_bots)
    first.api.wait_for(lambda: _get(first_port, "/healthz")[0] == 200, 20)
    second.api.wait_for(lambda: _get(second_port, "/healthz")[0] == 200, 20)
    second.api.wait_for(
        lambda: _value(_get(first_port, "/metrics")[1], "steady_update_seconds_count") == 4, 20
    )

    status, scraped = _get(first_port, "/metrics")
    assert status == 200
    assert _value(scraped, "steady_update_seconds_count", kind="command_start") == 2
    assert _value(scraped, "steady_update_seconds_count", kind="text") == 2
    assert _value(scraped, "steady_dispatcher_leader") == 2  # both dispatchers run
    assert _get(second_port, "/metrics")[1].count("command_start") == scraped.count("command_start")

    output = second.stop(signal.SIGTERM)
    scraped = _get(first_port, "/metrics")[1]
    assert _value(scraped, "steady_update_seconds_count", kind="command_start") == 2  # kept
    assert _value(scraped, "steady_dispatcher_leader") == 1  # its live gauge went with it

    output += first.stop(signal.SIGTERM)
    lines = [line for line in output.splitlines() if line.strip()]
    assert lines, "nothing was logged at INFO"
    for line in lines:
        entry = json.loads(line)
        assert {"time", "level", "logger", "message"} <= entry.keys()
    assert "Quetiazorb" not in output and "Lindwurm" not in output
