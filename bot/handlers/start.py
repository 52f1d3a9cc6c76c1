"""/start, /help and /cancel."""

from telegram import Update

from bot import crisis, texts
from bot.context import Ctx
from bot.handlers import onboarding
from bot.handlers.replies import Reply, send
from models import users

HELP = (
    "<b>Steady</b> reminds you of the small steps that help treatment work, at your times.\n\n"
    "/habits — see and change your reminders\n"
    "/checkin — log something now (or just type, e.g. <i>slept 7h</i>, <i>30 min walk</i>)\n"
    "/summary — how the last week went (<i>/summary 30</i> for a month)\n"
    "/report — a PDF to take to your doctor\n"
    "/phq9 — the nine-question mood check doctors use\n"
    "/settings — time zone, weekly summary, pause\n"
    "/export — all your data · /deletedata — erase it\n"
    "/cancel — stop what we're doing\n\n"
)


async def start_command(update: Update, context: Ctx) -> None:
    """Onboard a new user; welcome back (and unpause) someone who returns."""
    sender, now = update.effective_user, context.deps.clock()
    async with context.deps.db.session() as session:
        user = await users.ensure_user(
            session, user_id=sender.id, first_name=sender.first_name or "", now=now
        )
        replies = await onboarding.start(session, user, now)
    await send(update, replies)


async def help_command(update: Update, context: Ctx) -> None:
    """List the commands and always show where to find help in a crisis."""
    async with context.deps.db.session() as session:
        user = await users.get_user(session, update.effective_user.id)
    tz = user.tz if user else "UTC"
    await send(
        update, [Reply(HELP + texts.NOT_A_DOCTOR + "\n\n" + crisis.crisis_resources_text(tz))]
    )


async def cancel_command(update: Update, context: Ctx) -> None:
    """Leave whatever step the user is in; nothing half-done is kept."""
    async with context.deps.db.session() as session:
        user = await users.get_user(session, update.effective_user.id)
        if user is not None and user.flow is not None:
            await users.set_flow(session, user, None)
    await send(update, [Reply("Okay, stopped. Nothing else changed. /help if you need me.")])
