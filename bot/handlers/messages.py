"""Route typed text, buttons of multi-step flows, locations and non-text to the right step."""

from datetime import datetime

from sqlmodel.ext.asyncio.session import AsyncSession
from telegram import Update

from bot import texts
from bot.callback_data import Button
from bot.context import Ctx
from bot.handlers import checkins, flow, habits, onboarding, phq9, safety, settings
from bot.handlers.replies import Reply, run_button, send
from models import users
from models.tables import User

# users.flow -> the step function that takes the user's typed text.
TEXT_STEPS = {
    "tz": onboarding.on_zone_text,
    "add": flow.on_text,
    "habit": habits.on_text,
    "settings": settings.on_text,
    "checkin": checkins.on_flow_text,
    "phq9": phq9.on_text,
}


async def text_message(update: Update, context: Ctx) -> None:
    """Answer typed text: the current step's question, else a free-text check-in."""
    if context.user_data.get(safety.ANSWERED_BY_SAFETY) == update.update_id:
        return  # the safety net has answered this message; the step waits, unchanged
    text, now = update.effective_message.text or "", context.deps.clock()
    async with context.deps.db.session() as session:
        user = await users.get_user(session, update.effective_user.id)
        if user is None:
            replies = [Reply(texts.NOT_STARTED)]
        elif user.flow in TEXT_STEPS:
            replies = await TEXT_STEPS[user.flow](session, user, text, now)
        elif user.flow == "pick":
            replies = [Reply(texts.PICK_AT_LEAST_ONE)]
        elif user.onboarded_at is None:
            replies = [Reply(texts.FINISH_SETUP)]
        else:
            replies = await checkins.on_free_text(session, user, text, now)
    await send(update, replies)


async def flow_button(update: Update, context: Ctx) -> None:
    """Handle a button of onboarding or of adding a habit; stale ones change nothing."""
    await run_button(update, context, _flow_step)


async def _flow_step(
    session: AsyncSession, user: User, choice: Button, now: datetime
) -> list[Reply]:
    if user.flow == "pick":
        return await onboarding.on_pick_button(session, user, choice.op, choice.arg, now)
    if user.flow == "add":
        return await flow.on_button(session, user, choice.op, choice.arg, now)
    if user.flow == "tz" and choice.op == "tz":
        return await onboarding.on_zone_text(session, user, choice.arg.replace(".", "/"), now)
    return [Reply(texts.BUTTON_EXPIRED)]


async def location_message(update: Update, context: Ctx) -> None:
    """Use a shared location to set the time zone."""
    location, now = update.effective_message.location, context.deps.clock()
    async with context.deps.db.session() as session:
        user = await users.get_user(session, update.effective_user.id)
        if user is None:
            replies = [Reply(texts.NOT_STARTED)]
        else:
            replies = await onboarding.on_location(
                session, user, location.latitude, location.longitude, now
            )
    await send(update, replies)


async def other_message(update: Update, context: Ctx) -> None:
    """Answer a sticker, photo, voice note... kindly; nothing changes."""
    async with context.deps.db.session() as session:
        user = await users.get_user(session, update.effective_user.id)
    hint = {
        "tz": texts.ASK_ZONE,
        "pick": texts.PICK_AT_LEAST_ONE,
        "add": "Please type your answer, or use the buttons above.",
        "phq9": phq9.TAP_AN_ANSWER,
    }.get(user.flow if user else "", "Type <i>/help</i> to see what I can do.")
    await send(update, [Reply(f"{texts.TEXT_ONLY} {hint}")])


async def unknown_command(update: Update, context: Ctx) -> None:
    await send(update, [Reply(texts.UNKNOWN_COMMAND)])


async def stale_button(update: Update, context: Ctx) -> None:
    """Answer a button we no longer understand; nothing changes."""
    await update.callback_query.answer(texts.BUTTON_EXPIRED)
