"""Promises kept when things go wrong: a crash mid-send, a summary half sent, data erased."""

import asyncio
from datetime import UTC, datetime, timedelta

from sqlalchemy import update
from sqlmodel import select

from jobs.dispatcher import Dispatcher
from jobs.sender import DueReminder, DueSummary, SendOutcome, SendResult
from models import checkins, reports, users
from models.tables import Delivery, Habit, Schedule
from models.types import DeliveryStatus, HabitKind, Purpose, SummaryPart
from tests import factories
from tests.jobs.conftest import FakeSender, make_due, rows

NOON = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)


class StallingSender(FakeSender):
    """Never returns from a repeat: the process dies while it is on its way."""

    def __init__(self) -> None:
        super().__init__()
        self.stalled = asyncio.Event()

    async def send_reminder(self, reminder: DueReminder) -> SendResult:
        if reminder.repeat:
            self.stalled.set()
            await asyncio.Event().wait()
        return await super().send_reminder(reminder)


async def _medication_sent_at_noon(db, clock) -> Delivery:
    clock.set(NOON)
    await factories.user(db, tz="UTC", now=clock())
    await factories.habit(db, kind=HabitKind.MEDICATION, times=[(12, 0)], now=clock())
    await make_due(db, clock())
    await Dispatcher(db, FakeSender(), clock, sleep=clock.sleep).tick()
    [delivery] = await rows(db, Delivery)
    return delivery


async def _dies_while_sending_the_repeat(db, clock) -> asyncio.Task:
    """Start a dispatcher that claims the repeat and hangs in the send, as a killed process."""
    sender = StallingSender()
    dying = asyncio.create_task(Dispatcher(db, sender, clock, sleep=clock.sleep).tick())
    await asyncio.wait_for(sender.stalled.wait(), 10)
    return dying


async def _after_restart_sends_the_repeat(db, clock, dying: asyncio.Task) -> None:
    sender = FakeSender()
    restarted = Dispatcher(db, sender, clock, sleep=clock.sleep)
    try:
        await restarted.recover()
        await restarted.tick()
        assert sender.reminders == []  # the claim still holds it: no double while it may be sent
        clock.advance(minutes=2)  # the claim's lease runs out
        await restarted.tick()
        assert [(r.repeat, r.kind) for r in sender.reminders] == [(True, HabitKind.MEDICATION)]
    finally:
        dying.cancel()


async def test_a_follow_up_claimed_when_the_process_dies_is_sent_after_it(db, clock):
    await _medication_sent_at_noon(db, clock)
    clock.advance(minutes=30)
    dying = await _dies_while_sending_the_repeat(db, clock)
    await _after_restart_sends_the_repeat(db, clock, dying)


async def test_a_snooze_claimed_when_the_process_dies_is_sent_after_it(db, clock):
    delivery = await _medication_sent_at_noon(db, clock)
    async with db.session() as session:
        row = await session.get(Delivery, delivery.id)
        await checkins.snooze(session, delivery=row, until=NOON + timedelta(minutes=10))
    clock.advance(minutes=10)
    dying = await _dies_while_sending_the_repeat(db, clock)
    await _after_restart_sends_the_repeat(db, clock, dying)


async def test_a_repeat_records_its_own_showing(db, clock, dispatcher, sender):
    await _medication_sent_at_noon(db, clock)
    clock.advance(minutes=30)
    await dispatcher.tick()
    [delivery] = await rows(db, Delivery)
    assert (delivery.sent_at, delivery.message_id) == (clock(), sender._next_id)
    assert delivery.status is DeliveryStatus.SENT and delivery.resend_at is None


async def test_a_snooze_tapped_while_the_follow_up_is_on_its_way_is_kept(db, clock):
    await _medication_sent_at_noon(db, clock)
    clock.advance(minutes=30)

    class SnoozedMeanwhile(FakeSender):
        async def send_reminder(self, reminder: DueReminder) -> SendResult:
            async with db.session() as session:
                row = await session.get(Delivery, reminder.delivery_id)
                await checkins.snooze(session, delivery=row, until=clock() + timedelta(hours=1))
            return await super().send_reminder(reminder)

    await Dispatcher(db, SnoozedMeanwhile(), clock, sleep=clock.sleep).tick()
    [delivery] = await rows(db, Delivery)
    assert delivery.resend_at == clock() + timedelta(hours=1)


class TextFailsSender(FakeSender):
    """The chart goes; the summary's text fails the first `failures` times."""

    def __init__(self, failures: int, *, crash: bool = False) -> None:
        super().__init__()
        self.failures, self.crash = failures, crash

    async def send_summary_part(self, summary: DueSummary, part: SummaryPart) -> SendResult:
        if part is SummaryPart.TEXT and self.failures:
            self.failures -= 1
            self.summaries.append((summary, part))
            if self.crash:
                raise RuntimeError("the text could not be written")
            return SendResult(SendOutcome.RETRY)
        return await super().send_summary_part(summary, part)


async def _summary_due(db, clock) -> None:
    clock.set(NOON)
    await factories.user(db, tz="UTC", now=clock())
    async with db.session() as session:
        [summary] = (await session.exec(select(Schedule))).all()
        summary.next_fire_at = clock()
        session.add(summary)


async def test_a_summary_whose_text_fails_sends_its_chart_once(db, clock):
    for crash in (False, True):
        await _summary_due(db, clock)
        sender = TextFailsSender(failures=2, crash=crash)
        dispatcher = Dispatcher(db, sender, clock, sleep=clock.sleep)
        for _ in range(3):
            await dispatcher.tick()
            clock.advance(minutes=1)  # the retry's backoff
        parts = [part for _, part in sender.summaries]
        assert parts == [SummaryPart.CHART, *[SummaryPart.TEXT] * 3], (crash, parts)
        [delivery] = [d for d in await rows(db, Delivery) if d.purpose is Purpose.SUMMARY]
        assert delivery.status is DeliveryStatus.SENT
        assert delivery.parts_sent == SummaryPart.CHART | SummaryPart.TEXT
        async with db.session() as session:
            await reports.delete_user_data(session, user_id=42)


class ErasedAfterFirst(FakeSender):
    """The user erases everything right after the first reminder reaches them."""

    def __init__(self, db) -> None:
        super().__init__()
        self.db = db

    async def send_reminder(self, reminder: DueReminder) -> SendResult:
        result = await super().send_reminder(reminder)
        async with self.db.session() as session:
            await reports.delete_user_data(session, user_id=reminder.user_id)
        return result


async def test_a_reminder_in_flight_when_everything_is_erased_is_not_sent(db, clock):
    clock.set(NOON)
    await factories.user(db, tz="UTC", now=clock())
    for kind in (HabitKind.MOOD, HabitKind.EXERCISE):
        await factories.habit(db, kind=kind, times=[(12, 0)], now=clock())
    await make_due(db, clock())
    sender = ErasedAfterFirst(db)
    await Dispatcher(db, sender, clock, sleep=clock.sleep).tick()  # both claimed at once
    assert len(sender.reminders) == 1  # the second waited its turn, and its user was gone
    assert await rows(db, Delivery) == []


async def test_a_follow_up_answered_while_it_waits_its_turn_is_not_sent(db, clock):
    from jobs.policy import DispatchPolicy
    from models.checkins import Entry
    from models.types import Answer

    clock.set(NOON)
    for user_id, minute in ((7, 59), (42, 0)):  # user 7's follow-up is owed a minute earlier
        await factories.user(db, user_id=user_id, tz="UTC", now=clock(), onboarded=False)
        hour = 11 if minute else 12
        await factories.habit(
            db, user_id=user_id, kind=HabitKind.MEDICATION, times=[(hour, minute)], now=NOON
        )
        async with db.session() as session:
            await session.exec(
                update(Schedule)
                .where(Schedule.user_id == user_id)
                .values(next_fire_at=NOON.replace(hour=hour, minute=minute))
            )
    first = Dispatcher(db, FakeSender(), clock, sleep=clock.sleep)
    clock.set(NOON - timedelta(minutes=1))
    await first.tick()
    clock.set(NOON)
    await first.tick()

    class AnsweredMeanwhile(FakeSender):
        async def send_reminder(self, reminder: DueReminder) -> SendResult:
            clock.advance(seconds=2)  # a slow send: the next one waits its turn
            async with db.session() as session:
                user = await users.get_user(session, 42)
                [delivery] = [d for d in await rows(db, Delivery) if d.user_id == 42]
                row = await session.get(Delivery, delivery.id)
                habit = await session.get(Habit, row.habit_id)
                entry = Entry(Answer.DONE)
                await checkins.record_checkin(
                    session, user=user, delivery=row, habit=habit, entry=entry, now=clock()
                )
            return await super().send_reminder(reminder)

    sender = AnsweredMeanwhile()
    clock.set(NOON + timedelta(minutes=30))
    one_at_a_time = DispatchPolicy(concurrency=1)
    await Dispatcher(db, sender, clock, policy=one_at_a_time, sleep=clock.sleep).tick()
    assert [(r.user_id, r.repeat) for r in sender.reminders] == [(7, True)]
