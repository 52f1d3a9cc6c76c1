"""What a conversation step answers, decided inside the unit of work and sent after it."""

from dataclasses import dataclass

from telegram import InlineKeyboardMarkup, Message, ReplyKeyboardMarkup, ReplyKeyboardRemove, Update
from telegram.error import BadRequest

from bot import texts

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
