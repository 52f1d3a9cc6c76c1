"""Summary, report, export and delete queries on a real SQLite file with several users."""

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import event, func
from sqlmodel import SQLModel, select

from models.day_sheet import day_sheet
from models.days import Outcome
from models.reports import (
    UserNotFoundError,
    delete_user_data,
    export_rows,
    report_data,
    summary_data,
)
from models.stats import Tally
from models.tables import (
    Checkin,
    Delivery,
    Habit,
    Phq9Result,
    SafetyEvent,
    SafetyPlan,
    Schedule,
    User,
)
from models.types import Answer, DeliveryStatus, HabitKind, Purpose

NOW = datetime(2026, 3, 15, 12, 0, tzinfo=UTC)  # 13:00 in Berlin, 08:00 in New York
TODAY = date(2026, 3, 15)
TABLES = (User, Habit, Schedule, Delivery, Checkin, SafetyEvent, SafetyPlan, Phq9Result)


async def _seed_user(db, user_id: int, tz: str, *, mood: float, skip_day: int) -> dict:
    """Store a user with a medication taken daily but one skip, one silence, moods and walks."""
    async with db.session() as session:
        session.add(User(id=user_id, first_name=f"U{user_id}", tz=tz, created_at=NOW))
        await session.flush()
        habits = {
            kind: Habit(user_id=user_id, kind=kind, name=name, created_at=NOW)
            for kind, name in (
                (HabitKind.MEDICATION, "Sertraline"),
                (HabitKind.MOOD, ""),
                (HabitKind.EXERCISE, "Walk"),
            )
        }
        session.add_all(habits.values())
        await session.flush()
        med = habits[HabitKind.MEDICATION]
        schedule = Schedule(
            user_id=user_id, habit_id=med.id, purpose=Purpose.CHECKIN, hour=8, minute=0
        )
        session.add(schedule)
        session.add(SafetyEvent(user_id=user_id, at=NOW))
        session.add(
            SafetyPlan(user_id=user_id, warning_signs=f"U{user_id} stops eating", updated_at=NOW)
        )
        # Item 9 answered "several days" by the first user, "not at all" by the second.
        answers = [1, 1, 1, 1, 1, 1, 1, 1, 1 if user_id == 1 else 0]
        session.add(Phq9Result(user_id=user_id, answers=answers, score=sum(answers), at=NOW))
        await session.flush()
        for back in range(7):
            day = TODAY - timedelta(days=back)
            due = datetime(day.year, day.month, day.day, 7, tzinfo=UTC)
            delivery = Delivery(
                user_id=user_id,
                habit_id=med.id,
                schedule_id=schedule.id,
                purpose=Purpose.CHECKIN,
                due_at=due,
                status=DeliveryStatus.SENT,
            )
            session.add(delivery)
            await session.flush()
            if back == 0 or back == 2:
                continue  # today's is still open; two days ago went unanswered
            answer = Answer.SKIPPED if back == skip_day else Answer.DONE
            note = "side_effects" if answer is Answer.SKIPPED else None
            session.add(
                Checkin(
                    user_id=user_id,
                    habit_id=med.id,
                    delivery_id=delivery.id,
                    kind=HabitKind.MEDICATION,
                    answer=answer,
                    note=note,
                    local_date=day,
                    recorded_at=due,
                )
            )
            session.add(
                Checkin(
                    user_id=user_id,
                    habit_id=habits[HabitKind.MOOD].id,
                    kind=HabitKind.MOOD,
                    answer=Answer.DONE,
                    value=mood,
                    local_date=day,
                    recorded_at=due,
                )
            )
        return {kind: habit.id for kind, habit in habits.items()}


@pytest.fixture
async def two_users(db):
    await _seed_user(db, 1, "Europe/Berlin", mood=6.0, skip_day=3)
    await _seed_user(db, 2, "America/New_York", mood=2.0, skip_day=4)
    return db


async def test_summary_counts_match_what_was_entered(two_users):
    async with two_users.session() as session:
        data = await summary_data(session, user_id=1, days=7, now=NOW)
    med = next(h for h in data.habits if h.habit.kind is HabitKind.MEDICATION)
    assert (data.start, data.end) == (TODAY - timedelta(days=6), TODAY)
    assert (med.due, med.done, med.skipped, med.no_answer) == (6, 4, 1, 1)
    assert med.habit.name == "Sertraline"
    assert med.averages.skip_reasons == (("side_effects", 1),)
    mood = next(h for h in data.habits if h.habit.kind is HabitKind.MOOD)
    assert mood.averages.mean == 6.0


async def test_summary_of_one_user_never_holds_another_users_data(two_users):
    async with two_users.session() as session:
        first = await summary_data(session, user_id=1, days=30, now=NOW)
        second = await summary_data(session, user_id=2, days=30, now=NOW)
    assert {v for v in first.mood_by_day if v is not None} == {6.0}
    assert {v for v in second.mood_by_day if v is not None} == {2.0}
    assert first.checkins == second.checkins == 10


async def test_summary_uses_few_queries_whatever_the_habit_count(two_users):
    statements = []
    listener = lambda *args: statements.append(args[2])  # noqa: E731
    event.listen(two_users.engine.sync_engine, "before_cursor_execute", listener)
    async with two_users.session() as session:
        await summary_data(session, user_id=1, days=7, now=NOW)
    event.remove(two_users.engine.sync_engine, "before_cursor_execute", listener)
    # user, habits, check-ins, unanswered reminders, PHQ-9, and the treatment journal
    assert len([s for s in statements if s.lstrip().upper().startswith("SELECT")]) == 6


async def test_summary_of_unknown_user_raises(db):
    async with db.session() as session:
        with pytest.raises(UserNotFoundError):
            await summary_data(session, user_id=99, days=7, now=NOW)


async def test_report_covers_only_the_weeks_with_data(two_users):
    async with two_users.session() as session:
        report = await report_data(session, user_id=2, weeks=4, now=NOW)
    # The user has one week of check-ins: one column, not three empty ones before it.
    assert len(report.weeks) == 1
    assert report.summary.start == TODAY - timedelta(days=6)
    assert report.summary.first_name == "U2"
    assert report.notes == ()  # skip reasons are coded, not free notes


async def test_export_holds_only_the_users_rows(two_users):
    async with two_users.session() as session:
        rows = await export_rows(session, user_id=2)
    assert set(rows) == set(SQLModel.metadata.tables)  # every table, so none is forgotten
    assert [u["id"] for u in rows["users"]] == [2]
    assert all(
        row["user_id"] == 2 for name, table in rows.items() if name != "users" for row in table
    )
    assert len(rows["deliveries"]) == 7 and len(rows["checkins"]) == 10
    assert [plan["warning_signs"] for plan in rows["safety_plans"]] == ["U2 stops eating"]


async def test_phq9_item_nine_above_zero_is_flagged_with_its_day_in_summary_and_report(two_users):
    async with two_users.session() as session:
        first = await summary_data(session, user_id=1, days=7, now=NOW)
        second = await summary_data(session, user_id=2, days=7, now=NOW)
        report = await report_data(session, user_id=1, weeks=4, now=NOW)
    assert first.self_harm == ((TODAY, 1),)
    assert second.self_harm == ()  # "not at all" is no flag
    assert report.summary.self_harm == ((TODAY, 1),)


async def test_delete_leaves_nothing_of_the_user_and_all_of_the_other(two_users):
    async with two_users.session() as session:
        counts = await delete_user_data(session, user_id=1)
    assert counts == {
        "checkins": 10,
        "deliveries": 7,
        "schedules": 1,
        "habits": 3,
        "safety_events": 1,
        "safety_plans": 1,
        "phq9_results": 1,
        "medications": 0,
        "dose_changes": 0,
        "side_effects": 0,
        "med_reviews": 0,
        "doctor_questions": 0,
        "users": 1,
    }
    assert set(counts) == set(SQLModel.metadata.tables)
    async with two_users.session() as session:
        for table in TABLES:
            column = table.id if table is User else table.user_id
            for user_id, expected_some in ((1, False), (2, True)):
                count = (
                    await session.exec(
                        select(func.count()).select_from(table).where(column == user_id)
                    )
                ).one()
                assert (count > 0) is expected_some, (table.__tablename__, user_id)


async def test_a_reminder_missed_while_the_bot_was_down_counts_in_the_last_30_days(db):
    async with db.session() as session:
        session.add(User(id=5, first_name="U5", tz="UTC", created_at=NOW))
        await session.flush()
        med = Habit(user_id=5, kind=HabitKind.MEDICATION, name="Sertraline", created_at=NOW)
        session.add(med)
        await session.flush()
        for back, status in ((20, DeliveryStatus.MISSED), (1, DeliveryStatus.SENT)):
            day = TODAY - timedelta(days=back)
            session.add(
                Delivery(
                    user_id=5,
                    habit_id=med.id,
                    purpose=Purpose.CHECKIN,
                    due_at=datetime(day.year, day.month, day.day, 9, tzinfo=UTC),
                    status=status,
                )
            )
    async with db.session() as session:
        week = await summary_data(session, user_id=5, days=7, now=NOW)
        month = await summary_data(session, user_id=5, days=30, now=NOW)
        rows = await export_rows(session, user_id=5)
    (in_week,), (in_month,) = week.habits, month.habits
    assert in_week.last_30 == in_month.last_30 == Tally(30, 0, 2)
    assert [(r["local_date"], r["outcome"]) for r in day_sheet(rows, now=NOW)] == [
        (TODAY - timedelta(days=20), Outcome.NO_ANSWER),
        (TODAY - timedelta(days=1), Outcome.NO_ANSWER),
    ]
