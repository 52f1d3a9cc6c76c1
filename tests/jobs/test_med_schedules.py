"""The morning question and the refill reminder through the dispatcher, on SQLite and PostgreSQL
(whose purpose enum has to know CATCH_UP and REFILL)."""

from datetime import UTC, date, datetime

import pytest
from sqlmodel import select

from jobs.dispatcher import Dispatcher
from models import refill, users
from models.tables import Habit, Schedule
from models.types import HabitKind, Purpose
from tests import factories
from tests.jobs.conftest import FakeSender


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request):
    return request.getfixturevalue("db" if request.param == "sqlite" else "pg_db")


async def test_an_unanswered_dose_is_asked_about_the_next_morning(database, clock):
    sender = FakeSender()
    dispatcher = Dispatcher(database, sender, clock, sleep=clock.sleep)
    clock.set(datetime(2026, 11, 25, 18, 0, tzinfo=UTC))
    await factories.user(database, now=clock())
    await factories.habit(
        database, kind=HabitKind.MEDICATION, name="Lithium", times=[(20, 0)], now=clock()
    )
    for moment in ((11, 25, 19, 0), (11, 26, 3, 0), (11, 26, 8, 0)):
        clock.set(datetime(2026, *moment, tzinfo=UTC))
        await dispatcher.tick()
    [question] = sender.catch_ups
    [dose] = question.doses
    assert (dose.name, dose.due_at) == ("Lithium", datetime(2026, 11, 25, 19, 0, tzinfo=UTC))
    async with database.session() as session:
        [row] = (
            await session.exec(select(Schedule).where(Schedule.purpose == Purpose.CATCH_UP))
        ).all()
    assert row.next_fire_at is None  # asked once; armed again only by another unanswered day


async def test_the_refill_reminder_fires_once(database, clock):
    sender = FakeSender()
    dispatcher = Dispatcher(database, sender, clock, sleep=clock.sleep)
    clock.set(datetime(2026, 11, 26, 11, 0, tzinfo=UTC))
    await factories.user(database, now=clock())
    await factories.habit(
        database, kind=HabitKind.MEDICATION, name="Sertraline", times=[(8, 0)], now=clock()
    )
    async with database.session() as session:
        user = await users.get_user(session, 42)
        habit = (await session.exec(select(Habit))).one()
        found = await refill.count_pills(session, user=user, habit=habit, pills=5, now=clock())
    assert (found.runs_out, found.remind_on) == (date(2026, 12, 1), date(2026, 11, 28))
    clock.set(datetime(2026, 11, 28, 9, 0, tzinfo=UTC))
    await dispatcher.tick()
    clock.set(datetime(2026, 11, 29, 9, 0, tzinfo=UTC))
    await dispatcher.tick()
    refills = [r for r in sender.reminders if r.purpose is Purpose.REFILL]
    assert [(r.habit_name, r.event_at) for r in refills] == [
        ("Sertraline", datetime(2026, 11, 28, 9, 0, tzinfo=UTC))
    ]


@pytest.mark.parametrize("follow_ups", [0, 1, 3])
async def test_an_unanswered_dose_gets_the_follow_ups_its_habit_asks_for(
    database, clock, follow_ups
):
    sender = FakeSender()
    dispatcher = Dispatcher(database, sender, clock, sleep=clock.sleep)
    clock.set(datetime(2026, 11, 26, 10, 0, tzinfo=UTC))
    await factories.user(database, now=clock())
    habit = await factories.habit(
        database, kind=HabitKind.MEDICATION, name="Lithium", times=[(12, 0)], now=clock()
    )
    async with database.session() as session:
        row = await session.get(Habit, habit.id)
        row.follow_ups = follow_ups
        session.add(row)
    clock.set(datetime(2026, 11, 26, 11, 0, tzinfo=UTC))
    for _ in range(6):
        await dispatcher.tick()
        clock.advance(minutes=30)
    assert [r.repeat for r in sender.reminders] == [False] + [True] * follow_ups


async def test_no_morning_question_while_reminders_are_paused(database, clock):
    sender = FakeSender()
    dispatcher = Dispatcher(database, sender, clock, sleep=clock.sleep)
    clock.set(datetime(2026, 11, 25, 18, 0, tzinfo=UTC))
    await factories.user(database, now=clock())
    await factories.habit(
        database, kind=HabitKind.MEDICATION, name="Lithium", times=[(20, 0)], now=clock()
    )
    clock.set(datetime(2026, 11, 25, 19, 0, tzinfo=UTC))
    await dispatcher.tick()
    async with database.session() as session:
        user = await users.get_user(session, 42)
        await users.pause_all(
            session, user=user, until=datetime(2026, 11, 30, tzinfo=UTC), now=clock()
        )
    for moment in ((11, 26, 3, 0), (11, 26, 8, 0)):
        clock.set(datetime(2026, *moment, tzinfo=UTC))
        await dispatcher.tick()
    assert sender.catch_ups == []
