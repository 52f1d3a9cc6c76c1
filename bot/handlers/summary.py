"""/summary [days] and /report: how it went, as text with a chart, or a PDF for the doctor."""

import asyncio

from telegram import InlineKeyboardMarkup, Update

from bot import report_texts, texts
from bot.callback_data import Area, parse, small_int
from bot.context import Ctx
from bot.handlers.replies import Reply, answer, notice, send
from bot.keyboards import b
from bot.summary_send import send_summary
from models import reports, safety, users
from models.reports import REPORT_WEEKS

DEFAULT_DAYS = 7


def read_days(args: list[str]) -> int | None:
    """Read the optional number of days; None when it is not one number from 1 to 365."""
    if not args:
        return DEFAULT_DAYS
    return small_int(args[0], 1, 365) if len(args) == 1 else None


async def summary_command(update: Update, context: Ctx) -> None:
    """Send the summary of the last 7 days, or of as many days as asked."""
    days = read_days(context.args or [])
    if days is None:
        await send(update, [Reply(report_texts.bad_days())])
        return
    async with context.deps.db.session() as session:
        user = await users.get_user(session, update.effective_user.id)
        data = (
            None
            if user is None
            else await reports.summary_data(
                session, user_id=user.id, days=days, now=context.deps.clock()
            )
        )
    if data is None:
        await send(update, [Reply(texts.not_started())])
        return
    if data.checkins:  # a chart is coming: show that something is on its way
        await update.effective_chat.send_action("upload_photo")
    await send_summary(context.bot, update.effective_chat.id, data, weekly=False)


async def report_command(update: Update, context: Ctx) -> None:
    """Offer the report's length: 4, 8 or 12 weeks."""
    row = [b(report_texts.weeks(w), Area.REPORT, "weeks", None, w) for w in REPORT_WEEKS]
    await send(update, [Reply(report_texts.report_ask(), InlineKeyboardMarkup([row]))])


async def report_button(update: Update, context: Ctx) -> None:
    """Build the PDF for the chosen weeks and send it as a document."""
    query = update.callback_query
    choice = parse(query.data)
    weeks = small_int(choice.arg, 1, 52) if choice else None
    if weeks not in REPORT_WEEKS:
        await answer(update, [notice(texts.button_expired())])
        return
    await query.answer(report_texts.making_report())
    now = context.deps.clock()
    async with context.deps.db.session() as session:
        user = await users.get_user(session, query.from_user.id)
        if user is not None:
            data = await reports.report_data(session, user_id=user.id, weeks=weeks, now=now)
            plan = await safety.plan_for_report(session, user_id=user.id)
    if user is None:
        await send(update, [Reply(texts.not_started())])
        return
    from bot.report_pdf import render_report  # fpdf2 loads on first use, not at start-up

    pdf = await asyncio.to_thread(render_report, data, plan)  # CPU-bound: keep the loop free
    await update.effective_chat.send_document(
        pdf,
        filename=f"steady-report-{now:%Y-%m-%d}.pdf",
        caption=report_texts.report_caption(weeks),
    )
