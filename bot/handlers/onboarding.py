"""/start: welcome, the time zone, then the habits to remind of (the steps of Flow.ZONE/PICK)."""

import asyncio

from telegram import ReplyKeyboardRemove

from bot import keyboards, setup_texts, timezones
from bot.callback_data import Button
from bot.conversation import PickStep, ZoneStep
from bot.handlers import adding
from bot.handlers.replies import Reply, notice
from bot.handlers.turn import Turn
from bot.texts import button_expired, too_long
from models import users
from models.types import HabitKind

MAX_TEXT = 500
# Ticked when the picker opens, so one tap on Done starts a sensible plan.
USUAL = (HabitKind.MEDICATION, HabitKind.SLEEP, HabitKind.MOOD)


async def start(turn: Turn) -> list[Reply]:
    """Begin onboarding, or welcome back someone who already set things up."""
    replies = []
    if await users.unblock(turn.session, user=turn.user, now=turn.now):
        turn.reschedule()
        replies.append(Reply(setup_texts.unblocked()))
    if turn.user.onboarded_at is not None:
        await turn.end()
        lines = await adding.habit_lines(turn)
        return [*replies, Reply(setup_texts.welcome_back(turn.user.first_name, lines))]
    await turn.go(ZoneStep(then="onboard"))
    return [
        *replies,
        Reply(setup_texts.welcome(turn.user.first_name)),
        Reply(setup_texts.ask_zone(), keyboards.share_location()),
    ]


async def zone_text(turn: Turn, data: ZoneStep, text: str) -> list[Reply]:
    """Set the zone from a typed city, zone name or UTC offset, or offer the nearest matches."""
    if len(text) > MAX_TEXT:
        return [Reply(too_long())]
    # The first city look-up loads ~30,000 cities (a third of a second): keep the loop free.
    tz = await asyncio.to_thread(timezones.resolve_zone, text)
    if tz is None:
        suggestions = keyboards.zone_suggestions(turn.step, timezones.suggest_zones(text))
        return [Reply(setup_texts.zone_unknown(), suggestions)]
    return await zone_chosen(turn, data, tz)


async def zone_button(turn: Turn, data: ZoneStep, choice: Button) -> list[Reply]:
    """Take a suggested zone."""
    if choice.op != "tz":
        return [notice(button_expired())]
    tz = timezones.resolve_zone(choice.arg.replace(".", "/"))
    return await zone_chosen(turn, data, tz) if tz else [notice(button_expired())]


async def location(turn: Turn, lat: float, lon: float) -> list[Reply]:
    """Set the zone from a shared location, resolved offline."""
    tz = timezones.zone_for_location(lat, lon)
    if tz is None:
        return [Reply(setup_texts.zone_unknown())]
    data = turn.state.data if turn.state and isinstance(turn.state.data, ZoneStep) else None
    return await zone_chosen(turn, data or ZoneStep(), tz)


async def zone_chosen(turn: Turn, data: ZoneStep, tz: str) -> list[Reply]:
    """Save the zone and go on with whatever asked for it."""
    changed = turn.user.tz != tz and turn.user.onboarded_at is not None
    await users.set_timezone(turn.session, user=turn.user, tz=tz, now=turn.now)
    turn.reschedule()
    text = setup_texts.zone_changed if changed else setup_texts.zone_set
    done = Reply(text(tz, turn.now), ReplyKeyboardRemove())
    if data.then == "onboard":
        await turn.go(PickStep(picked=USUAL))
        return [done, Reply(setup_texts.pick_habits(), keyboards.habit_picker(turn.step, USUAL))]
    await turn.end()
    return [done]


async def pick_text(turn: Turn, data: PickStep, text: str) -> list[Reply]:
    """Point to the picker: it takes taps."""
    return [Reply(setup_texts.pick_at_least_one())]


async def pick_button(turn: Turn, data: PickStep, choice: Button) -> list[Reply]:
    """Tick or untick a habit, or go on to set up the ticked ones."""
    kind = HabitKind(choice.arg) if choice.arg in HabitKind.__members__.values() else None
    if choice.op in ("pick", "unpick") and kind is not None:
        picked = set(data.picked) - {kind} if choice.op == "unpick" else {*data.picked, kind}
        ordered = tuple(k for k in HabitKind if k in picked)  # catalog order
        await turn.stay(PickStep(picked=ordered))
        markup = keyboards.habit_picker(turn.step, ordered)
        return [Reply(setup_texts.pick_habits(), markup, edit=True)]
    if choice.op == "go":
        chosen = list(data.picked)
        return [
            Reply(setup_texts.picked(chosen), edit=True),
            *await adding.start_adding(turn, chosen, onboarding=True),
        ]
    return [notice(button_expired())]
