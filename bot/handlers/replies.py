"""What a step answers, decided inside the unit of work and sent after it commits."""

from dataclasses import dataclass

from telegram import InlineKeyboardMarkup, Message, ReplyKeyboardMarkup, ReplyKeyboardRemove, Update
from telegram.error import BadRequest

Markup = InlineKeyboardMarkup | ReplyKeyboardMarkup | ReplyKeyboardRemove


@dataclass(frozen=True)
class Reply:
    text: str
    markup: Markup | None = None
    edit: bool = False  # replace the message whose button was pressed, instead of a new one
    toast: bool = False  # a button's short notice, shown as a pop-up rather than a message


def notice(text: str) -> Reply:
    """Return a short notice that changes nothing: a pop-up for a button, a message for text."""
    return Reply(text, toast=True)


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


async def answer(update: Update, replies: list[Reply]) -> None:
    """Answer a button press (always), showing a notice as its pop-up; then send the rest."""
    query = update.callback_query
    if query is None:
        await send(update, replies)
        return
    toasts = [reply for reply in replies if reply.toast]
    await query.answer(toasts[0].text if toasts else None)
    await send(update, [reply for reply in replies if not reply.toast])
