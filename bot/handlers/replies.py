"""What a conversation step answers, decided inside the unit of work and sent after it."""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime

from sqlmodel.ext.asyncio.session import AsyncSession
from telegram import InlineKeyboardMarkup, Message, ReplyKeyboardMarkup, ReplyKeyboardRemove, Update
from telegram.error import BadRequest

from bot import texts
from bot.callback_data import Button, parse
from bot.context import Ctx
from models import users
from models.tables import User

Markup = InlineKeyboardMarkup | ReplyKeyboardMarkup | ReplyKeyboardRemove
NOTICES = frozenset({texts.BUTTON_EXPIRED, texts.NOT_YOURS})


@dataclass(frozen=True)
class Reply:
    text: str
    markup: Markup | None = None
    edit: bool = False  # replace the message whose button was pressed, instead of a new one


async def send(update: Update, replies: list[Reply]) -> None:
    """Send the replies in order, editing the pressed message where asked."""
    query = update.callback_query
    for reply in replies:
        if reply.edit and query is not None and isinstance(query.message, Message):
            markup = reply.markup if isinstance(reply.markup, InlineKeyboardMarkup) else None
            try:
                await query.edit_message_text(reply.text, reply_markup=markup)
            except BadRequest as error:
                # A second tap on the same answer edits nothing; Telegram calls that an error.
                if "not modified" not in str(error).lower():
                    raise
        elif update.effective_chat is not None:
            await update.effective_chat.send_message(reply.text, reply_markup=reply.markup)


async def answer_button(
    update: Update, replies: list[Reply], notices: frozenset[str] = NOTICES
) -> None:
    """Answer the button press: a lone notice shows as a toast, anything else as messages."""
    query = update.callback_query
    if len(replies) == 1 and replies[0].text in notices:
        await query.answer(replies[0].text)
        return
    await query.answer()
    await send(update, replies)


ButtonStep = Callable[[AsyncSession, User, Button, datetime], Awaitable[list[Reply]]]


async def run_button(update: Update, context: Ctx, step: ButtonStep) -> None:
    """Parse the pressed button, run the step for its user in one unit of work, and answer."""
    query = update.callback_query
    choice = parse(query.data)
    async with context.deps.db.session() as session:
        user = await users.get_user(session, query.from_user.id)
        replies = [Reply(texts.BUTTON_EXPIRED)]
        if choice is not None and user is not None:
            replies = await step(session, user, choice, context.deps.clock())
    await answer_button(update, replies)
