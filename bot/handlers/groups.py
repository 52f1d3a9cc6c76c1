"""Steady works in private chats only: in a group it says so once and leaves."""

from telegram import Chat, ChatMemberUpdated, Update
from telegram.constants import ChatMemberStatus
from telegram.ext import ApplicationHandlerStop

from bot import texts
from bot.context import Ctx

_JOINED = (ChatMemberStatus.MEMBER, ChatMemberStatus.ADMINISTRATOR)


async def added_to_group(update: Update, context: Ctx) -> None:
    """Say once, in the group, that Steady talks one to one; then leave it."""
    change: ChatMemberUpdated | None = update.my_chat_member
    if change is None or change.chat.type == Chat.PRIVATE:
        return
    if change.new_chat_member.status in _JOINED:
        await context.bot.send_message(change.chat.id, texts.private_only(context.bot.username))
        await context.bot.leave_chat(change.chat.id)
    raise ApplicationHandlerStop


async def outside_private_chats(update: Update, context: Ctx) -> None:
    """Answer a button pressed outside a private chat; nothing else happens there."""
    chat = update.effective_chat
    if chat is None or chat.type == Chat.PRIVATE:
        return
    if update.callback_query is not None:
        await update.callback_query.answer(texts.private_only(context.bot.username))
    raise ApplicationHandlerStop
