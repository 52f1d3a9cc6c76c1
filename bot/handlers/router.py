"""Route typed text, step buttons, locations and anything else to the user's current step.

FLOWS is the one table of conversations: for each flow, what takes typed text, what takes a
tap on one of its buttons, and the hint shown when something else (a sticker, a photo) comes.
"""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from telegram import Update

from bot import checkin_texts, setup_texts, texts
from bot.ask_texts import ask_question
from bot.callback_data import Button, parse
from bot.context import Ctx
from bot.conversation import Flow
from bot.handlers import (
    adding,
    ask,
    details,
    free_text,
    habits,
    meds_steps,
    onboarding,
    phq9,
    safety_plan,
    settings,
)
from bot.handlers.replies import Reply, answer, notice, send
from bot.handlers.turn import Turn, reply_turn, run_turn
from bot.phq9_texts import tap_an_answer
from models.types import storable_text

TextStep = Callable[[Turn, Any, str], Awaitable[list[Reply]]]
ButtonStep = Callable[[Turn, Any, Button], Awaitable[list[Reply]]]


async def _no_buttons(turn: Turn, data: object, choice: Button) -> list[Reply]:
    return [notice(texts.stale_step())]


@dataclass(frozen=True)
class FlowSpec:
    on_text: TextStep
    on_button: ButtonStep
    hint: Callable[[], str]  # what to do here, said when something other than text comes


FLOWS: dict[Flow, FlowSpec] = {
    Flow.ZONE: FlowSpec(onboarding.zone_text, onboarding.zone_button, setup_texts.ask_zone),
    Flow.PICK: FlowSpec(
        onboarding.pick_text, onboarding.pick_button, setup_texts.pick_at_least_one
    ),
    Flow.ADD_HABIT: FlowSpec(adding.on_text, adding.on_button, texts.type_or_tap),
    Flow.EDIT_HABIT: FlowSpec(habits.edit_text, habits.edit_button, texts.type_or_tap),
    Flow.SETTING: FlowSpec(settings.setting_text, _no_buttons, setup_texts.ask_one_time),
    Flow.NOTE: FlowSpec(details.note_text, _no_buttons, texts.type_or_tap),
    Flow.TAKEN_AT: FlowSpec(free_text.taken_at_text, _no_buttons, texts.type_or_tap),
    Flow.PHQ9: FlowSpec(phq9.on_text, phq9.on_button, tap_an_answer),
    Flow.SAFETY_PLAN: FlowSpec(safety_plan.on_text, safety_plan.on_button, texts.type_or_tap),
    Flow.MEDS: FlowSpec(meds_steps.on_text, meds_steps.on_button, texts.type_or_tap),
    Flow.ASK: FlowSpec(ask.on_text, _no_buttons, ask_question),
}


async def text_message(update: Update, context: Ctx) -> None:
    """Answer typed text: the current step's question, else a free-text check-in.

    Text the safety net answered never gets here (it stops the update), so the step waits.
    """
    message = update.effective_message
    if message is None:
        return
    text = storable_text(message.text or "")  # no NUL or lone surrogate reaches a query

    async def step(turn: Turn) -> list[Reply]:
        if turn.state is not None:
            return await FLOWS[turn.state.flow].on_text(turn, turn.state.data, text)
        if turn.user.onboarded_at is None:
            return [Reply(texts.finish_setup())]
        if message.forward_origin is not None:
            return [Reply(checkin_texts.forwarded())]  # someone else's words, not their dose
        return await free_text.free_text(turn, text, message.message_id)

    await reply_turn(update, context, step)


async def edited_text(update: Update, context: Ctx) -> None:
    """Correct the entry an edited message made; other edits change nothing, and say so."""
    message = update.edited_message
    if message is None:
        return  # an edit the safety net answered never gets here either

    async def step(turn: Turn) -> list[Reply]:
        return await free_text.edited(turn, storable_text(message.text or ""), message.message_id)

    await reply_turn(update, context, step)


async def step_button(update: Update, context: Ctx) -> None:
    """Handle a button of a conversation step; one from an earlier step changes nothing."""
    choice = parse(update.callback_query.data if update.callback_query else None)

    async def step(turn: Turn) -> list[Reply]:
        state = turn.state
        if choice is None or state is None or choice.ref != state.step:
            return [notice(texts.stale_step())]
        return await FLOWS[state.flow].on_button(turn, state.data, choice)

    await reply_turn(update, context, step)


async def location_message(update: Update, context: Ctx) -> None:
    """Use a shared location to set the time zone."""
    location = update.effective_message.location if update.effective_message else None
    if location is None:
        return

    async def step(turn: Turn) -> list[Reply]:
        return await onboarding.location(turn, location.latitude, location.longitude)

    await reply_turn(update, context, step)


async def other_message(update: Update, context: Ctx) -> None:
    """Answer a sticker, photo... kindly, with what the current step needs."""

    async def step(turn: Turn) -> list[Reply]:
        hint = FLOWS[turn.state.flow].hint() if turn.state else texts.what_i_can_do()
        return [Reply(texts.text_only(hint))]

    replies = await run_turn(update, context, step)
    await send(update, replies or [Reply(texts.text_only(texts.not_started()))])


async def end_step_on_command(update: Update, context: Ctx) -> None:
    """End any open step before a command runs, so later text is not read as its answer."""

    async def step(turn: Turn) -> list[Reply]:
        await turn.end()
        return []

    await run_turn(update, context, step)


async def ignore_edit(update: Update, context: Ctx) -> None:
    """An edited photo, sticker or location changes nothing, and needs no answer."""


async def unknown_command(update: Update, context: Ctx) -> None:
    await send(update, [Reply(texts.unknown_command())])


async def stale_button(update: Update, context: Ctx) -> None:
    """Answer a button we no longer understand; nothing changes."""
    await answer(update, [notice(texts.button_expired())])
