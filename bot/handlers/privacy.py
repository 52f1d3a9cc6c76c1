"""/export and /deletedata: the user's data is theirs to take and to erase."""

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot import texts
from bot.callback_data import button, parse
from bot.context import Ctx
from bot.export_csv import build_export_zip
from bot.handlers.replies import Reply, answer_button, send
from models import reports, users

DELETE_ASK = (
    "This erases <b>everything</b> Steady keeps about you: your habits, reminders, check-ins "
    "and settings. It can't be undone. (Tip: /export first if you'd like a copy.)\n\nErase it all?"
)
DELETED = (
    "Done — everything is erased. If you ever want to start again, just send /start. Take care 💙"
)
KEPT = "Okay, nothing was erased."


async def export_command(update: Update, context: Ctx) -> None:
    """Send all of the user's data as a zip of CSV files."""
    now = context.deps.clock()
    async with context.deps.db.session() as session:
        user = await users.get_user(session, update.effective_user.id)
        rows = None if user is None else await reports.export_rows(session, user_id=user.id)
    if rows is None:
        await send(update, [Reply("I don't keep any data about you.")])
        return
    await update.effective_chat.send_document(
        build_export_zip(rows, at=now),
        filename=f"steady-export-{now:%Y-%m-%d}.zip",
        caption="All your data, one CSV file per kind. It's yours.",
    )


async def deletedata_command(update: Update, context: Ctx) -> None:
    """Ask once before erasing everything."""
    buttons = [
        [
            InlineKeyboardButton("Yes, erase everything", callback_data=button("s", "delok")),
            InlineKeyboardButton("No, keep it", callback_data=button("s", "delno")),
        ]
    ]
    await send(update, [Reply(DELETE_ASK, InlineKeyboardMarkup(buttons))])


async def delete_button(update: Update, context: Ctx) -> None:
    """Erase every row of the user, or keep it all."""
    choice = parse(update.callback_query.data)
    if choice is None or choice.op not in ("delok", "delno"):
        await answer_button(update, [Reply(texts.BUTTON_EXPIRED)])
        return
    if choice.op == "delno":
        await answer_button(update, [Reply(KEPT, edit=True)])
        return
    async with context.deps.db.session() as session:
        await reports.delete_user_data(session, user_id=update.callback_query.from_user.id)
    await answer_button(update, [Reply(DELETED, edit=True)])
