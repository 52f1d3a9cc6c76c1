"""The safety net: a reply that fits the risk, before anything else is done with the message.

High risk (intent, a plan, means, an attempt) gets the crisis resources at once; a passive or
ambiguous message gets a warm "are you safe?" with buttons. Either way nothing else answers
the message (no step's reply, no "I can only read text"), the step the user was in waits
unchanged, the moment is counted (never its words), and a caring follow-up is planned for the
next day. A voice or video note, which we cannot read, gets a kind request to type.
"""

import logging

from telegram import Update
from telegram.ext import ApplicationHandlerStop

from bot import crisis_texts, keyboards, plan_texts
from bot.callback_data import parse
from bot.context import Ctx
from bot.conversation import Flow
from bot.crisis_lines import country_of
from bot.handlers import safety_plan
from bot.handlers.replies import Reply, notice, send
from bot.handlers.turn import Turn, reply_turn, run_turn
from bot.safety import Risk, assess
from bot.texts import button_expired
from models import safety, users
from models.types import SafetyEventKind

log = logging.getLogger(__name__)


async def safety_check(update: Update, context: Ctx) -> None:
    """Answer talk of suicide or self-harm first; then stop, so nothing else answers it."""
    message = update.effective_message
    level = assess((message.text or message.caption or "") if message else "")
    if level is Risk.NONE:
        if message is not None and (message.voice or message.video_note):
            await _ask_to_type(update, context)
        return
    kind = SafetyEventKind.RESOURCES if level is Risk.HIGH else SafetyEventKind.ASKED
    writing_plan = False

    async def step(turn: Turn) -> list[Reply]:
        nonlocal writing_plan
        writing_plan = _writes_the_plan(update, turn)
        if writing_plan and level is Risk.CONCERN:
            return []  # a safety plan speaks of such thoughts: the step takes it as written
        return await respond(turn, kind)

    replies = await run_turn(update, context, step, create=True) or []
    if replies:
        await send(update, replies)
        log.info("safety net answered a message (%s)", level.name)  # counted; never the text
    if not writing_plan:
        raise ApplicationHandlerStop


def _writes_the_plan(update: Update, turn: Turn) -> bool:
    """Tell whether the message is typed into the safety plan (then it is also saved there)."""
    typed = (update.message.text if update.message else None) or ""
    in_plan = turn.state is not None and turn.state.flow is Flow.SAFETY_PLAN
    return in_plan and bool(typed) and not typed.startswith("/")


async def respond(turn: Turn, kind: SafetyEventKind) -> list[Reply]:
    """Count the moment, plan tomorrow's caring follow-up, and say what fits it."""
    await safety.record_safety_event(turn.session, user_id=turn.user.id, kind=kind, now=turn.now)
    turn.safety_reply(kind)
    if await safety.plan_follow_up(turn.session, user=turn.user, now=turn.now):
        turn.reschedule()
    country = country_of(turn.user.tz, turn.user.country)
    if kind is SafetyEventKind.ASKED:
        return [Reply(crisis_texts.concern_question(country), keyboards.safety_question())]
    if kind is SafetyEventKind.PHQ9:
        return [Reply(crisis_texts.phq9_reply(country), keyboards.safety_plan_offer())]
    if kind is SafetyEventKind.SAID_NOT_SAFE:
        return [Reply(crisis_texts.not_safe_reply(country)), *await _the_plan(turn)]
    return [Reply(crisis_texts.high_reply(country), keyboards.safety_plan_offer())]


async def _the_plan(turn: Turn) -> list[Reply]:
    """Show the user's safety plan, or offer to start one."""
    plan = await safety.get_plan(turn.session, user_id=turn.user.id)
    if plan is None:
        return [Reply(plan_texts.no_plan_yet(), keyboards.safety_plan_offer())]
    return [safety_plan.overview(plan)]


async def safety_button(update: Update, context: Ctx) -> None:
    """Take an answer to "are you safe?" or to the follow-up, or open the safety plan."""
    choice = parse(update.callback_query.data if update.callback_query else None)

    async def step(turn: Turn) -> list[Reply]:
        if choice is None:
            return [notice(button_expired())]
        if choice.op == "plan":
            return await safety_plan.open_plan(turn)
        if choice.op == "unsafe":
            return await respond(turn, SafetyEventKind.SAID_NOT_SAFE)
        country = country_of(turn.user.tz, turn.user.country)
        if choice.op == "safe":
            kind, reply = SafetyEventKind.SAID_SAFE, Reply(crisis_texts.safe_reply())
        else:
            numbers = crisis_texts.resources(country)
            kind, reply = SafetyEventKind.NUMBERS, Reply(numbers, keyboards.safety_plan_offer())
        await safety.record_safety_event(
            turn.session, user_id=turn.user.id, kind=kind, now=turn.now
        )
        turn.safety_reply(kind)
        return [reply]

    await reply_turn(update, context, step, create=True)


async def _ask_to_type(update: Update, context: Ctx) -> None:
    """Ask kindly for text (we cannot listen), with the way to the numbers; nothing else."""
    sender = update.effective_user
    async with context.deps.db.session() as session:
        user = await users.get_user(session, sender.id) if sender else None
    country = country_of(user.tz, user.country) if user else None
    await send(update, [Reply(crisis_texts.voice_reply(country), keyboards.numbers_offer())])
    raise ApplicationHandlerStop
