"""python -m bot: read the settings, then run the bot (or a local terminal chat without a token).

`python -m bot backup PATH`, `restore PATH` and `migrate` are the operator's commands
(bot/commands.py).
"""

import argparse
import asyncio
import contextlib
import functools
import gc
import logging
import sys
from dataclasses import replace
from pathlib import Path

from pydantic import SecretStr, ValidationError

from bot import commands, logs
from bot.app import build_application, on_shutdown, start_dispatching, stop_dispatching
from bot.config import Settings, describe_error
from bot.context import Deps
from bot.serve import CannotStart, serve
from jobs.clock import system_clock
from models import backup
from models.db import Database

log = logging.getLogger(__name__)
NO_TOKEN = (
    "Steady needs a bot token: in Telegram, message @BotFather, send /newbot, and put the "
    "token it gives you in .env as TELEGRAM_BOT_TOKEN=... (see .env.example)."
)


def main(argv: list[str] | None = None) -> int:
    arguments = _parser().parse_args(argv)
    try:
        settings = Settings()
    except ValidationError as error:
        print(describe_error(error), file=sys.stderr)
        return 2
    if arguments.command == "backup":
        return commands.backup_command(settings, arguments.path)
    if arguments.command == "restore":
        return commands.restore_command(settings, arguments.path)
    if arguments.command == "migrate":
        return commands.migrate_command(settings)
    database = backup.sqlite_file(settings.database_url)
    if database is None:
        return run(settings)
    try:
        # One process per SQLite file; a restore waits for it to stop (models/backup.py).
        with backup.exclusive_use(database):
            return run(settings)
    except backup.InUse:
        print(f"Steady cannot start: another Steady process uses {database}.", file=sys.stderr)
        return 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bot", description="Run Steady.")
    verbs = parser.add_subparsers(dest="command", metavar="[command]")
    verbs.add_parser("run", help="run the bot (the default)")
    copy = verbs.add_parser("backup", help="copy the SQLite database, also while the bot runs")
    copy.add_argument("path", type=Path, help="a new file, or an existing folder for a dated file")
    put_back = verbs.add_parser("restore", help="put a backup in place (stop the bot first)")
    put_back.add_argument("path", type=Path, help="the backup file")
    verbs.add_parser("migrate", help="bring the database schema up to date, then stop")
    return parser


def run(settings: Settings) -> int:
    """Run the bot by polling or webhook, or the local terminal chat without a token."""
    local = settings.telegram_bot_token is None
    if local and not sys.stdin.isatty():
        print(NO_TOKEN, file=sys.stderr)
        return 2
    logs.configure("WARNING" if local else settings.log_level, settings.log_format)
    if local:
        # Ctrl-C ends the chat itself; a second one during shutdown needs no traceback either.
        with contextlib.suppress(KeyboardInterrupt):
            asyncio.run(run_local_chat(settings))
        return 0
    app = build_application(_deps(settings))
    # Start-up objects live for the whole run: keep them out of every later full collection,
    # which would otherwise pause a busy bot for tens of milliseconds at a time.
    gc.freeze()
    try:
        asyncio.run(serve(app, settings))
    except CannotStart as reason:
        print(f"Steady cannot start: {reason}.", file=sys.stderr)
        return 2
    except Exception:  # logged, so the traceback is the safe one (bot/log_safety.py)
        log.critical("Steady stopped on an unexpected error", exc_info=True)
        return 1
    return 0


def _deps(settings: Settings) -> Deps:
    return Deps(settings=settings, db=Database(settings.database_url), clock=system_clock)


async def run_local_chat(settings: Settings) -> None:
    """Run the same bot against a local Bot API stand-in and chat with it in this terminal."""
    from localchat import files, terminal
    from localchat.server import LocalBotApi

    with LocalBotApi() as api:
        local = settings.model_copy(
            update={
                "telegram_bot_token": SecretStr(api.token),
                "telegram_api_base_url": api.base_url,
            }
        )
        erase_files = functools.partial(files.erase_user_files, files.DEFAULT_ROOT)
        app = build_application(replace(_deps(local), on_user_erased=erase_files))
        await app.initialize()
        await start_dispatching(app)
        await app.start()
        await app.updater.start_polling(poll_interval=0.0, timeout=1)
        try:
            await terminal.chat(api)
        finally:
            await app.updater.stop()
            await stop_dispatching(app)
            await app.stop()
            await app.shutdown()
            await on_shutdown(app)


if __name__ == "__main__":
    sys.exit(main())
