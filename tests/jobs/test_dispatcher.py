"""The dispatcher on a real SQLite file with a recording sender and a hand-moved clock."""

from datetime import UTC, datetime, timedelta

from sqlmodel import select

from jobs.policy import DispatchPolicy
from jobs.sender import SendOutcome
from models.tables import Checkin, Delivery, Schedule, User
from models.types import Answer, DeliveryStatus, HabitKind, Purpose
from tests import factories
from tests.jobs.conftest import make_due, rows

BERLIN_NOON = datetime(2026, 11, 26, 11, 0, tzinfo=UTC)  # 12:00 in Berlin


async def test_reminder_fires_at_local_time_and_advances(db, clock, dispatcher, sender):
    clock.set(BERLIN_NOON)
    await factories.user(db, now=clock())
    await factories.habit(
        db, kind=HabitKind.MEDICATION, name="Sertraline", times=[(12, 30)], now=clock()
    )
    dispatcher.policy = DispatchPolicy(max_wait=timedelta(hours=1))  # else it looks each minute
    wake = await dispatcher.tick()
    assert sender.reminders == []
    assert wake == datetime(2026, 11, 26, 11, 30, tzinfo=UTC)
    clock.set(wake)
    await dispatcher.tick()
    assert [(r.kind, r.habit_name) for r in sender.reminders] == [
        (HabitKind.MEDICATION, "Sertraline")
    ]
    [delivery] = await rows(db, Delivery)
    assert delivery.status is DeliveryStatus.SENT and delivery.message_id is not None
    [schedule] = [s for s in await rows(db, Schedule) if s.purpose is Purpose.CHECKIN]
    assert schedule.next_fire_at == datetime(2026, 11, 27, 11, 30, tzinfo=UTC)
    await dispatcher.tick()
    assert len(sender.reminders) == 1  # never twice


async def test_unanswered_medication_gets_one_follow_up(db, clock, dispatcher, sender):
    clock.set(BERLIN_NOON)
    await factories.user(db, now=clock())
    await factories.habit(
        db,
        kind=HabitKind.MEDICATION,
        name="Lithium",
        times=[(12, 0)],
        now=clock() - timedelta(minutes=1),
    )
    async with db.session() as session:
        for s in (await session.exec(select(Schedule))).all():
            if s.purpose is Purpose.CHECKIN:
                s.next_fire_at = clock()
                session.add(s)
    await dispatcher.tick()
    clock.advance(minutes=30)
    await dispatcher.tick()
    clock.advance(minutes=30)
    await dispatcher.tick()
    assert [r.repeat for r in sender.reminders] == [False, True]


async def test_answered_medication_gets_no_follow_up(db, clock, dispatcher, sender):
    clock.set(BERLIN_NOON)
    await factories.user(db, now=clock())
    await factories.habit(
        db, kind=HabitKind.MEDICATION, times=[(12, 0)], now=clock() - timedelta(minutes=1)
    )
    await make_due(db, clock())
    await dispatcher.tick()
    [delivery] = await rows(db, Delivery)
    await _answer(db, delivery, clock())
    clock.advance(minutes=31)
    await dispatcher.tick()
    assert len(sender.reminders) == 1


async def _answer(db, delivery, now):
    from models import checkins, users
    from models.checkins import Entry
    from models.tables import Habit

    async with db.session() as session:
        user = await users.get_user(session, delivery.user_id)
        habit = await session.get(Habit, delivery.habit_id)
        d = await session.get(Delivery, delivery.id)
        await checkins.record_checkin(
            session, user=user, delivery=d, habit=habit, entry=Entry(Answer.DONE), now=now
        )


async def test_day_end_stores_no_answer(db, clock, dispatcher, sender):
    clock.set(BERLIN_NOON)
    await factories.user(db, now=clock())
    await factories.habit(
        db, kind=HabitKind.MOOD, times=[(12, 0)], now=clock() - timedelta(minutes=1)
    )
    await make_due(db, clock())
    await dispatcher.tick()
    clock.set(datetime(2026, 11, 27, 3, 0, 1, tzinfo=UTC))  # 04:00:01 in Berlin
    await dispatcher.tick()
    [checkin] = await rows(db, Checkin)
    assert checkin.answer is Answer.NO_ANSWER
    assert str(checkin.local_date) == "2026-11-26"


async def test_restart_sends_recent_and_marks_old_missed(db, clock, dispatcher, sender):
    clock.set(BERLIN_NOON)
    await factories.user(db, now=clock())
    await factories.habit(db, kind=HabitKind.EXERCISE, times=[(9, 0)], now=clock())
    await factories.habit(db, kind=HabitKind.MOOD, times=[(6, 0)], now=clock())
    async with db.session() as session:
        for s in (await session.exec(select(Schedule))).all():
            if s.purpose is Purpose.CHECKIN:
                hours = 1 if s.hour == 9 else 5  # one within the 2-hour grace, one beyond it
                s.next_fire_at = clock() - timedelta(hours=hours)
                session.add(s)
    await dispatcher.tick()
    assert [r.kind for r in sender.reminders] == [HabitKind.EXERCISE]
    statuses = sorted(d.status for d in await rows(db, Delivery))
    assert statuses == sorted([DeliveryStatus.SENT, DeliveryStatus.MISSED])


async def test_blocked_user_is_paused_without_retries(db, clock, dispatcher, sender):
    clock.set(BERLIN_NOON)
    await factories.user(db, now=clock())
    await factories.habit(
        db, kind=HabitKind.MOOD, times=[(12, 0)], now=clock() - timedelta(minutes=1)
    )
    await factories.habit(
        db, kind=HabitKind.EXERCISE, times=[(12, 0)], now=clock() - timedelta(minutes=1)
    )
    await factories.user(db, user_id=7, now=clock())
    await factories.habit(
        db, user_id=7, kind=HabitKind.MOOD, times=[(12, 0)], now=clock() - timedelta(minutes=1)
    )
    await make_due(db, clock())
    sender.outcomes[42] = SendOutcome.BLOCKED
    await dispatcher.tick()
    assert sorted(r.user_id for r in sender.reminders) == [7, 42]  # 42 tried once, not twice
    [user] = [u for u in await rows(db, User) if u.id == 42]
    assert user.blocked_at is not None
    assert all(s.next_fire_at is None for s in await rows(db, Schedule) if s.user_id == 42)
    clock.advance(hours=1)
    await dispatcher.tick()
    assert len(sender.reminders) == 2


async def test_same_chat_messages_are_paced_a_second_apart(db, clock, dispatcher, sender):
    clock.set(BERLIN_NOON)
    await factories.user(db, now=clock())
    for kind in (HabitKind.MOOD, HabitKind.EXERCISE, HabitKind.SUBSTANCE_FREE):
        await factories.habit(db, kind=kind, times=[(12, 0)], now=clock() - timedelta(minutes=1))
    await make_due(db, clock())
    await dispatcher.tick()
    assert len(sender.reminders) == 3
    assert len(clock.slept) == 2 and all(s >= 1.0 for s in clock.slept)


async def test_blocked_users_owed_follow_up_does_not_keep_the_dispatcher_busy(
    db, clock, dispatcher, sender
):
    from models import users

    clock.set(BERLIN_NOON)
    await factories.user(db, now=clock())
    await factories.habit(
        db, kind=HabitKind.MEDICATION, times=[(12, 0)], now=clock() - timedelta(minutes=1)
    )
    await make_due(db, clock())
    await dispatcher.tick()  # sent; a follow-up is owed in 30 minutes
    async with db.session() as session:
        await users.mark_blocked(session, user_id=42, now=clock())
    clock.advance(minutes=31)
    wake = await dispatcher.tick()
    assert len(sender.reminders) == 1  # no follow-up to someone who blocked the bot
    assert wake > clock()  # and nothing left due that would make it tick again at once


async def test_every_ended_day_gets_its_no_answer_whatever_the_batch(db, clock, dispatcher):
    dispatcher.policy = DispatchPolicy(expire_batch=2)
    clock.set(BERLIN_NOON)
    for user_id in range(1, 6):
        await factories.user(db, user_id=user_id, now=clock())
        await factories.habit(
            db,
            user_id=user_id,
            kind=HabitKind.MOOD,
            times=[(12, 0)],
            now=clock() - timedelta(minutes=1),
        )
    await make_due(db, clock())
    await dispatcher.tick()
    clock.set(datetime(2026, 11, 27, 3, 0, 1, tzinfo=UTC))
    await dispatcher.tick()
    answers = [c.answer for c in await rows(db, Checkin)]
    assert answers == [Answer.NO_ANSWER] * 5
