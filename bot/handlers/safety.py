"""The safety net: crisis resources first, before anything else done with the message."""

import logging

from telegram import Update

from bot import crisis
from bot.context import Ctx
from bot.handlers.replies import Reply, send
from models import users

log = logging.getLogger(__name__)
ANSWERED_BY_SAFETY = "answered_by_safety"


async def safety_check(update: Update, context: Ctx) -> None:
    """Answer talk of suicide or self-harm warmly with resources; the chat then carries on."""
    message = update.effective_message
    text = (message.text or message.caption or "") if message else ""
    if not text or not crisis.mentions_crisis(text):
        return
    now = context.deps.clock()
    async with context.deps.db.session() as session:
        user = await users.ensure_user(
            session,
            user_id=update.effective_user.id,
            first_name=update.effective_user.first_name or "",
            now=now,
        )
        await users.record_safety_event(session, user_id=user.id, now=now)
        tz = user.tz
    await send(update, [Reply(crisis.crisis_reply(tz))])
    # The same message is not then read as a check-in or an answer to a step: replying
    # "I didn't catch that" to someone in crisis would be cold. The conversation stays put.
    context.user_data[ANSWERED_BY_SAFETY] = update.update_id
    log.info("crisis resources sent")  # counted; the text is never logged


def answered(update: Update, context: Ctx) -> bool:
    """Tell whether the safety net has answered this update already (nothing may follow)."""
    return context.user_data.get(ANSWERED_BY_SAFETY) == update.update_id
