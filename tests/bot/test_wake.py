"""Every handler that changes when something fires wakes the dispatcher: it is sent on time."""

from dataclasses import replace
from datetime import datetime, timedelta

import pytest
from sqlmodel import select

from models import users
from models.tables import Delivery
from models.types import DeliveryStatus, HabitKind
from tests import factories

# Long, so that a handler that forgets to wake the dispatcher shows: it would send an hour late.
MAX_WAIT = timedelta(hours=1)


async def run_planned_ticks(dispatcher, clock, until: datetime) -> None:
    """Tick when Dispatcher.run() would tick, up to `until`, jumping the clock between ticks."""
    while (at := dispatcher.next_tick_at()) <= until:
        clock.set(max(at, clock()))
        await dispatcher.tick()


class LoopingChat:
    """A user whose every message or tap is followed by what the dispatcher's loop does at once,
    so that one handler's wake never stands in for another's."""

    def __init__(self, chat, clock) -> None:
        self.chat, self.clock = chat, clock
        self.app, self.api = chat.app, chat.api
        self.dispatcher = chat.app.bot_data["deps"].dispatcher

    async def say(self, text: str) -> None:
        await self.chat.say(text)
        await run_planned_ticks(self.dispatcher, self.clock, self.clock())

    async def tap_label(self, label: str) -> None:
        await self.chat.tap_label(label)
        await run_planned_ticks(self.dispatcher, self.clock, self.clock())

    async def choose(self, *labels: str) -> None:
        await self.chat.choose(*labels)
        await run_planned_ticks(self.dispatcher, self.clock, self.clock())

    async def share_location(self, lat: float, lon: float) -> None:
        await self.chat._feed(self.api.location_update(42, lat, lon))
        await run_planned_ticks(self.dispatcher, self.clock, self.clock())


async def _add_with_typed_time(chat, db, clock):
    await chat.say("/habits")
    await chat.tap_label("Add")
    await chat.tap_label("Mood")
    await chat.tap_label("Change time")
    await chat.say("12:01")
    return clock() + timedelta(minutes=1)


async def _add_with_proposed_time(chat, db, clock):
    clock.set(clock().replace(hour=19, minute=59))  # a mood check is proposed for 20:00
    await chat.say("/habits")
    await chat.tap_label("Add")
    await chat.tap_label("Mood")
    await chat.tap_label("Sounds good")
    return clock() + timedelta(minutes=1)


async def _change_times(chat, db, clock):
    await factories.habit(db, kind=HabitKind.EXERCISE, times=[(17, 0)], now=clock())
    await chat.say("/habits")
    await chat.tap_label("Exercise")
    await chat.tap_label("Times")
    await chat.say("12:01")
    return clock() + timedelta(minutes=1)


async def _days_preset(chat, db, clock):
    await factories.habit(db, kind=HabitKind.MOOD, times=[(12, 1)], days="sat,sun", now=clock())
    await chat.say("/habits")
    await chat.tap_label("Mood")
    await chat.tap_label("Days")
    await chat.tap_label("Every day")  # today, a Thursday, too
    return clock() + timedelta(minutes=1)


async def _finish_onboarding(chat, db, clock):
    async with db.session() as session:  # someone who set their summary for Thursdays at 12:01
        user = await users.get_user(session, 42)
        user.onboarded_at, user.summary_weekday, user.summary_minute = None, 3, 12 * 60 + 1
        session.add(user)
    await chat.say("/start")
    await chat.say("UTC")
    await chat.choose()  # no habits for now: onboarding ends, the weekly summary is planned
    return clock() + timedelta(minutes=1)


async def _resume_habit(chat, db, clock):
    await factories.habit(db, kind=HabitKind.MOOD, times=[(12, 1)], now=clock())
    await chat.say("/habits")
    await chat.tap_label("Mood")
    await chat.tap_label("Pause")
    await chat.tap_label("Resume")
    return clock() + timedelta(minutes=1)


async def _resume(chat, db, clock):
    await factories.habit(db, kind=HabitKind.MOOD, times=[(12, 1)], now=clock())
    await chat.say("/settings")
    await chat.tap_label("Pause reminders")
    await chat.tap_label("3 days")
    await chat.say("/settings")
    await chat.tap_label("Resume reminders")
    return clock() + timedelta(minutes=1)


async def _summary_time(chat, db, clock):
    await chat.say("/settings")
    await chat.tap_label("Summary day")
    await chat.tap_label("Thu")  # today
    await chat.tap_label("Summary time")
    await chat.say("12:01")
    return clock() + timedelta(minutes=1)


async def _zone(chat, db, clock):
    await factories.habit(db, kind=HabitKind.MOOD, times=[(15, 1)], now=clock())
    await chat.say("/settings")
    await chat.tap_label("Time zone")
    await chat.say("Europe/Moscow")  # 15:01 in Moscow is 12:01 UTC
    return clock() + timedelta(minutes=1)


async def _zone_from_location(chat, db, clock):
    await factories.habit(db, kind=HabitKind.MOOD, times=[(15, 1)], now=clock())
    await chat.say("/settings")
    await chat.tap_label("Time zone")
    await chat.share_location(55.75, 37.62)  # Moscow
    return clock() + timedelta(minutes=1)


async def _unblock(chat, db, clock):
    await factories.habit(db, kind=HabitKind.MOOD, times=[(12, 1)], now=clock())
    async with db.session() as session:
        await users.mark_blocked(session, user_id=42, now=clock())
    await chat.say("/start")
    return clock() + timedelta(minutes=1)


async def _snooze(chat, db, clock):
    await factories.habit(db, kind=HabitKind.MEDICATION, times=[(12, 1)], now=clock())
    chat.dispatcher.wake()  # the factory is no handler: it wakes the dispatcher itself
    await run_planned_ticks(chat.dispatcher, clock, clock() + timedelta(minutes=1))
    await chat.tap_label("Snooze")
    await chat.tap_label("10 min")  # the follow-up was planned for 12:31
    return clock() + timedelta(minutes=10)


@pytest.mark.parametrize(
    "change",
    [
        _add_with_typed_time,
        _add_with_proposed_time,
        _change_times,
        _days_preset,
        _finish_onboarding,
        _resume_habit,
        _resume,
        _summary_time,
        _zone,
        _zone_from_location,
        _unblock,
        _snooze,
    ],
)
async def test_a_change_due_in_minutes_is_sent_on_time(app, chat, db, clock, change, no_errors):
    dispatcher = app.bot_data["deps"].dispatcher
    dispatcher.policy = replace(dispatcher.policy, max_wait=MAX_WAIT)
    await factories.user(db, tz="UTC", now=clock())
    await dispatcher.tick()  # nothing due: the next look is planned an hour from now
    due = await change(LoopingChat(chat, clock), db, clock)
    await run_planned_ticks(dispatcher, clock, due + timedelta(minutes=1))
    async with db.session() as session:
        sent = (
            await session.exec(select(Delivery).where(Delivery.status == DeliveryStatus.SENT))
        ).all()
    assert due in [d.sent_at for d in sent], [(d.due_at, d.sent_at) for d in sent]
