"""/summary [days] and /report: how it went, as text with a chart, or a PDF for the doctor."""

import asyncio

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot import texts
from bot.callback_data import button, parse
from bot.context import Ctx
from bot.handlers.replies import Reply, send
from bot.summary_send import send_summary
from models import reports, users
from models.reports import REPORT_WEEKS

BAD_DAYS = "Try <i>/summary</i> for the last week, or <i>/summary 30</i> — any number of days from 1 to 365."
REPORT_ASK = (
    "A PDF of what you logged, to take to your doctor or therapist. How far back should it go?"
)


def _days(args: list[str]) -> int | None:
    """Read the optional number of days; None when it is not 1-365."""
    if not args:
        return 7
    word = args[0].strip()
    return int(word) if len(args) == 1 and word.isdigit() and 1 <= int(word) <= 365 else None


async def summary_command(update: Update, context: Ctx) -> None:
    """Send the summary of the last 7 days, or of as many days as asked."""
    days = _days(context.args or [])
    if days is None:
        await send(update, [Reply(BAD_DAYS)])
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
        await send(update, [Reply(texts.NOT_STARTED)])
        return
    if data.checkins:  # a chart is coming: show that something is on its way
        await update.effective_chat.send_action("upload_photo")
    await send_summary(context.bot, update.effective_chat.id, data, weekly=False)


async def report_command(update: Update, context: Ctx) -> None:
    """Offer the report's length: 4, 8 or 12 weeks."""
    row = [
        InlineKeyboardButton(f"{w} weeks", callback_data=button("s", "report", None, w))
        for w in REPORT_WEEKS
    ]
    await send(update, [Reply(REPORT_ASK, InlineKeyboardMarkup([row]))])


async def report_button(update: Update, context: Ctx) -> None:
    """Build the PDF for the chosen weeks and send it as a document."""
    query = update.callback_query
    choice = parse(query.data)
    weeks = int(choice.arg) if choice and choice.arg.isdigit() else 0
    if weeks not in REPORT_WEEKS:
        await query.answer(texts.BUTTON_EXPIRED)
        return
    await query.answer("Making your report…")
    now = context.deps.clock()
    async with context.deps.db.session() as session:
        user = await users.get_user(session, query.from_user.id)
        data = (
            None
            if user is None
            else await reports.report_data(session, user_id=user.id, weeks=weeks, now=now)
        )
    if data is None:
        await send(update, [Reply(texts.NOT_STARTED)])
        return
    from bot.report_pdf import render_report  # fpdf2 loads on first use, not at start-up

    pdf = await asyncio.to_thread(render_report, data)  # CPU-bound: keep the loop free
    await update.effective_chat.send_document(
        pdf,
        filename=f"steady-report-{now:%Y-%m-%d}.pdf",
        caption=f"Your last {weeks} weeks. Self-reported through Steady — worth talking through with your doctor.",
    )
