"""python -m bot: read the settings, then run the bot (or a local terminal chat without a token)."""

import asyncio
import contextlib
import functools
import gc
import logging
import sys
from dataclasses import replace

from pydantic import SecretStr, ValidationError

from bot.app import build_application, on_shutdown, start_dispatching, stop_dispatching
from bot.config import Settings, describe_error
from bot.context import Deps
from bot.serve import CannotStart, serve
from jobs.clock import system_clock
from models.db import Database

log = logging.getLogger(__name__)
NO_TOKEN = (
    "Steady needs a bot token: in Telegram, message @BotFather, send /newbot, and put the "
    "token it gives you in .env as TELEGRAM_BOT_TOKEN=... (see .env.example)."
)


def main() -> int:
    try:
        settings = Settings()
    except ValidationError as error:
        print(describe_error(error), file=sys.stderr)
        return 2
    local = settings.telegram_bot_token is None
    if local and not sys.stdin.isatty():
        print(NO_TOKEN, file=sys.stderr)
        return 2
    logging.basicConfig(
        level="WARNING" if local else settings.log_level,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    # httpx logs every request URL at INFO, and those URLs carry the token.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
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
