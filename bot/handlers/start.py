"""/start, /help and /cancel."""

from telegram import Update

from bot import crisis_texts, texts
from bot.context import Ctx
from bot.crisis_lines import country_of
from bot.handlers import onboarding
from bot.handlers.replies import Reply, send
from bot.handlers.turn import Turn, run_turn
from bot.i18n import _
from models import users


def help_text() -> str:
    return "\n".join(
        [
            _(
                "<b>Steady</b> reminds you of the small steps that help treatment work, at your times."
            ),
            "",
            _("/habits — see and change your reminders"),
            _(
                "/checkin — log something now (or just type, e.g. <i>slept 7h</i>, <i>30 min walk</i>)"
            ),
            _("/summary — how the last week went (<i>/summary 30</i> for a month)"),
            _("/report — a PDF to take to your doctor"),
            _("/phq9 — the nine-question mood check doctors use"),
            _("/safetyplan — your own plan for the hardest moments"),
            _("/settings — time zone, weekly summary, pause, helplines"),
            _("/meds — your treatment journal: doses, changes, side effects"),
            _("/ask — questions for your doctor, ready for your next appointment"),
            _("/export — all your data · /deletedata — erase it"),
            _("/cancel — stop what we're doing"),
            "",
        ]
    )


async def start_command(update: Update, context: Ctx) -> None:
    """Onboard a new user; welcome back (and unpause) someone who returns."""
    sender, deps = update.effective_user, context.deps
    if sender is None:
        return
    async with deps.db.session() as session:
        user = await users.ensure_user(
            session,
            user_id=sender.id,
            first_name=sender.first_name or "",
            now=deps.clock(),
            language=sender.language_code,
        )
        turn = Turn(session, user, deps.clock())
        replies = await onboarding.start(turn)
    if turn.wake:
        deps.dispatcher.wake()
    await send(update, replies)


async def help_command(update: Update, context: Ctx) -> None:
    """List the commands and always show where to find help in a crisis."""
    async with context.deps.db.session() as session:
        user = await users.get_user(session, update.effective_user.id)
    country = country_of(user.tz, user.country) if user else None
    resources = crisis_texts.help_resources(country)
    text = help_text() + "\n" + texts.not_a_doctor() + "\n\n" + resources
    await send(update, [Reply(text)])


async def cancel_command(update: Update, context: Ctx) -> None:
    """Leave whatever step the user is in; nothing half-done is kept."""

    async def step(turn: Turn) -> list[Reply]:
        await turn.end()
        return []

    await run_turn(update, context, step)
    await send(update, [Reply(texts.stopped())])
