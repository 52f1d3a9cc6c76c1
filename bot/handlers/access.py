"""The optional allow-list: anyone else gets one polite refusal and nothing is stored."""

from telegram import Update
from telegram.ext import ApplicationHandlerStop

from bot import crisis_texts, texts
from bot.context import Ctx
from bot.metrics import STRANGER
from bot.safety import Risk, assess


async def allow_list_guard(update: Update, context: Ctx) -> None:
    """Stop every update from someone not on ALLOWED_USER_IDS, when that list is set."""
    allowed = context.deps.settings.allowed_user_ids
    user = update.effective_user
    if not allowed or (user is not None and user.id in allowed):
        return
    if update.callback_query is not None:
        await update.callback_query.answer(texts.refused())
    elif user is not None and update.effective_chat is not None:
        refused: set[int] = context.bot_data.setdefault("refused", set())
        if await _resources_for_a_stranger(update):
            context.deps.metrics.crisis_reply(STRANGER)
        elif user.id not in refused:
            refused.add(user.id)  # once per process, so we never spam a stranger
            await update.effective_chat.send_message(texts.refused())
    raise ApplicationHandlerStop


async def _resources_for_a_stranger(update: Update) -> bool:
    """Even a stranger in crisis gets the resources, and only them; still nothing is stored.

    Whatever the level, the resources themselves: a stranger's buttons would be refused, so a
    question would lead nowhere. We know nothing of their country: the directories it is.
    """
    message, chat = update.effective_message, update.effective_chat
    if message is None or chat is None:
        return False
    if message.voice or message.video_note:
        await chat.send_message(crisis_texts.voice_reply(None))
        return True
    if assess(message.text or message.caption or "") is not Risk.NONE:
        await chat.send_message(crisis_texts.high_reply(None))
        return True
    return False
