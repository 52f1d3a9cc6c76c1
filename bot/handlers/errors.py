"""The last resort: log what broke (never message text) and apologise to the user."""

import logging

from telegram import Update
from telegram.error import BadRequest, Forbidden, NetworkError

from bot import texts
from bot.context import Ctx

log = logging.getLogger(__name__)


async def apologise_and_log(update: object, context: Ctx) -> None:
    """Log the error with the update id only, and say sorry if there is a chat to say it in."""
    error = context.error
    update_id = update.update_id if isinstance(update, Update) else None
    about = {"update_id": update_id}  # a field of its own in JSON logs
    if isinstance(error, Forbidden):
        log.warning("user blocked the bot (update %s)", update_id, extra=about)
        return
    # BadRequest is a NetworkError in python-telegram-bot, but it is our fault (bad HTML, a
    # message too long, a button in the wrong chat), not passing trouble: log it and apologise.
    if isinstance(error, NetworkError) and not isinstance(error, BadRequest):
        kind = type(error).__name__
        log.warning("network error while handling update %s: %s", update_id, kind, extra=about)
        return
    log.error("error while handling update %s", update_id, exc_info=error, extra=about)
    if isinstance(update, Update) and update.effective_chat is not None:
        try:
            await update.effective_chat.send_message(texts.something_wrong())
        except Exception:  # the apology is best-effort; the error is already logged
            log.warning("could not send the apology for update %s", update_id, extra=about)
