"""/export and /deletedata: the user's data is theirs to take and to erase."""

from telegram import InlineKeyboardMarkup, Update

from bot import privacy_texts
from bot.callback_data import Area, parse
from bot.context import Ctx
from bot.export_csv import build_export_zip
from bot.handlers.replies import Reply, answer, notice, send
from bot.keyboards import b
from bot.texts import button_expired
from models import reports, users


async def export_command(update: Update, context: Ctx) -> None:
    """Send all of the user's data as a zip of CSV files."""
    now = context.deps.clock()
    async with context.deps.db.session() as session:
        user = await users.get_user(session, update.effective_user.id)
        rows = None if user is None else await reports.export_rows(session, user_id=user.id)
    if rows is None:
        await send(update, [Reply(privacy_texts.no_data())])
        return
    await update.effective_chat.send_document(
        build_export_zip(rows, at=now),
        filename=f"steady-export-{now:%Y-%m-%d}.zip",
        caption=privacy_texts.export_caption(),
    )


async def deletedata_command(update: Update, context: Ctx) -> None:
    """Ask once before erasing everything."""
    buttons = [
        [
            b(privacy_texts.erase_button(), Area.ERASE, "yes"),
            b(privacy_texts.keep_button(), Area.ERASE, "no"),
        ]
    ]
    await send(update, [Reply(privacy_texts.delete_ask(), InlineKeyboardMarkup(buttons))])


async def delete_button(update: Update, context: Ctx) -> None:
    """Erase every row of the user, or keep it all."""
    query = update.callback_query
    choice = parse(query.data)
    if choice is None:
        await answer(update, [notice(button_expired())])
        return
    if choice.op == "no":
        await answer(update, [Reply(privacy_texts.kept(), edit=True)])
        return
    async with context.deps.db.session() as session:
        await reports.delete_user_data(session, user_id=query.from_user.id)
    context.deps.on_user_erased(query.from_user.id)
    await answer(update, [Reply(privacy_texts.deleted(), edit=True)])
