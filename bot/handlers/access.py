"""The optional allow-list: anyone else gets one polite refusal and nothing is stored."""

from telegram import Update
from telegram.ext import ApplicationHandlerStop

from bot import crisis, texts
from bot.context import Ctx


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
        if user.id not in refused:  # once per process, so we never spam a stranger
            refused.add(user.id)
            await update.effective_chat.send_message(texts.refused())
        message = update.effective_message
        if message is not None and crisis.mentions_crisis(message.text or message.caption or ""):
            # Even a stranger in crisis gets the resources; still nothing is stored.
            await update.effective_chat.send_message(crisis.crisis_reply("UTC"))
    raise ApplicationHandlerStop
