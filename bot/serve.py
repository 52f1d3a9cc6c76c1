"""Run the Application until SIGINT or SIGTERM, taking updates by long polling or by webhook.

The same steps as python-telegram-bot's run_polling/run_webhook (initialize, post_init, start,
receive, stop, post_stop, shutdown, post_shutdown), with two differences: webhook posts go
through Steady's own server (bot/webhook.py), and a bad token or an unreachable Bot API at
start-up becomes one line (CannotStart) instead of a traceback that quotes the token.
"""

import asyncio
import signal
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from urllib.parse import urlsplit

from telegram import Update
from telegram.error import InvalidToken, NetworkError
from telegram.ext import Application

from bot import webhook
from bot.config import Settings


class CannotStart(Exception):
    """Start-up failed for a reason one line explains; the line never holds the token."""


async def serve(app: Application, settings: Settings) -> None:
    """Run until SIGINT or SIGTERM, then stop cleanly."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for number in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(number, stop.set)
    with explained(settings):
        await app.initialize()
    try:
        if app.post_init:
            await app.post_init(app)
        await app.start()
        try:
            async with receiving(app, settings):
                await stop.wait()
        finally:
            await app.stop()
            if app.post_stop:
                await app.post_stop(app)
    finally:
        await app.shutdown()
        if app.post_shutdown:
            await app.post_shutdown(app)


@asynccontextmanager
async def receiving(app: Application, settings: Settings) -> AsyncIterator[None]:
    """Take updates while inside: by webhook when WEBHOOK_URL is set, else by long polling."""
    if settings.webhook_url is None:
        with explained(settings):
            await app.updater.start_polling(allowed_updates=Update.ALL_TYPES)
        try:
            yield
        finally:
            await app.updater.stop()
        return
    secret = settings.webhook_secret_token.get_secret_value()
    server = webhook.webhook_server(app, secret)
    try:
        server.listen(settings.webhook_port, address=settings.webhook_listen)
    except OSError as error:
        where = f"{settings.webhook_listen}:{settings.webhook_port}"
        raise CannotStart(f"cannot listen on {where} ({error.strerror})") from None
    try:
        with explained(settings):
            await app.bot.set_webhook(
                f"{settings.webhook_url}{webhook.PATH}",
                allowed_updates=Update.ALL_TYPES,
                secret_token=secret,
            )
        yield
    finally:
        server.stop()
        await server.close_all_connections()


@contextmanager
def explained(settings: Settings) -> Iterator[None]:
    """Turn a refused token or an unreachable Bot API into CannotStart."""
    try:
        yield
    except InvalidToken:
        raise CannotStart(
            "the Bot API refused the token: check TELEGRAM_BOT_TOKEN (from @BotFather)"
        ) from None
    except NetworkError as error:
        host = urlsplit(settings.telegram_api_base_url).netloc
        raise CannotStart(f"cannot reach the Bot API at {host} ({type(error).__name__})") from None
