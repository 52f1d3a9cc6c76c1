"""Where python-telegram-bot is measured: each update's handling time, and every 429."""

import time
from http import HTTPStatus

from telegram import Update
from telegram.ext import Application
from telegram.request import HTTPXRequest

from bot.callback_data import Area
from bot.handlers import COMMANDS
from bot.metrics import Metrics

KNOWN_COMMANDS = frozenset(name for name, _ in COMMANDS) | {"cancel"}
AREA_NAMES = {area.value: area.name.lower() for area in Area}


class MeasuredApplication(Application):
    """The Application, timing each update from the first handler to the last."""

    async def process_update(self, update: object) -> None:
        started = time.perf_counter()
        try:
            await super().process_update(update)
        finally:
            metrics: Metrics = self.bot_data["deps"].metrics
            metrics.update_handled(update_kind(update), time.perf_counter() - started)


class CountingRequest(HTTPXRequest):
    """python-telegram-bot's HTTP client, counting each 429 (also those its limiter retries)."""

    def __init__(self, metrics: Metrics, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.metrics = metrics

    async def do_request(self, *args: object, **kwargs: object) -> tuple[int, bytes]:
        status, payload = await super().do_request(*args, **kwargs)  # type: ignore[arg-type]
        if status == HTTPStatus.TOO_MANY_REQUESTS:
            self.metrics.rate_limited()
        return status, payload


def update_kind(update: object) -> str:
    """Name what an update asks for, from a closed set: never the user's words or ids."""
    if not isinstance(update, Update):
        return "other"
    if update.callback_query is not None:
        area = (update.callback_query.data or "").partition(":")[0]
        return f"button_{AREA_NAMES.get(area, 'other')}"
    if update.edited_message is not None:
        return "edited"
    message = update.message
    if message is None:
        return "member" if update.my_chat_member is not None else "other"
    command = _command(message.text or "")
    if command is not None:
        return f"command_{command if command in KNOWN_COMMANDS else 'other'}"
    if message.text:
        return "text"
    return "location" if message.location is not None else "message_other"


def _command(text: str) -> str | None:
    """Return the command a message starts with ("" for a bare slash), or None."""
    if not text.startswith("/"):
        return None
    words = text[1:].split(maxsplit=1)
    return words[0].partition("@")[0].lower() if words else ""
