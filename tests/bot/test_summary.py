"""/summary, the weekly summary, /report, /export and /deletedata through the real Application."""

import io
import zipfile
from datetime import UTC, datetime, timedelta

from sqlalchemy import func
from sqlmodel import select

from models import checkins, users
from models.checkins import Entry
from models.tables import Checkin, Delivery, Habit, Phq9Result, SafetyEvent, Schedule, User
from models.types import Answer, HabitKind, Purpose
from tests import factories

MONDAY_NOON = datetime(2026, 11, 23, 11, 0, tzinfo=UTC)  # 12:00 in Berlin


async def _week_of_checkins(db, clock, user_id=42):
    """Seven days: medication taken on 6, skipped once; mood 4..7 by tap; sleep typed."""
    await factories.user(db, user_id=user_id, now=clock())
    await factories.habit(
        db,
        user_id=user_id,
        kind=HabitKind.MEDICATION,
        name="Sertraline",
        times=[(9, 0)],
        now=clock(),
    )
    await factories.habit(db, user_id=user_id, kind=HabitKind.MOOD, times=[(20, 0)], now=clock())
    for day in range(7):
        now = clock() + timedelta(days=day)
        async with db.session() as session:
            user = await users.get_user(session, user_id)
            answer = Answer.SKIPPED if day == 3 else Answer.DONE
            await checkins.log_checkin(
                session, user=user, kind=HabitKind.MEDICATION, entry=Entry(answer), now=now
            )
            await checkins.log_checkin(
                session,
                user=user,
                kind=HabitKind.MOOD,
                entry=Entry(Answer.DONE, value=4 + day % 4),
                now=now,
            )


async def test_summary_numbers_match_what_was_entered(chat, db, clock, no_errors):
    clock.set(MONDAY_NOON)
    await _week_of_checkins(db, clock)
    clock.advance(days=6, hours=2)
    await chat.say("/summary")
    text = chat.last()
    assert "Sertraline" in text and "6/7" in text, text
    assert chat.api.calls("sendPhoto"), "the chart goes with the text"
    await chat.say("/summary 400")
    assert "1 to 365" in chat.last()


async def test_weekly_summary_arrives_once_at_the_chosen_time(app, chat, db, clock, no_errors):
    clock.set(MONDAY_NOON)
    await _week_of_checkins(db, clock)
    async with db.session() as session:
        [summary] = (
            await session.exec(select(Schedule).where(Schedule.purpose == Purpose.SUMMARY))
        ).all()
    assert summary.next_fire_at == datetime(2026, 11, 29, 17, 0, tzinfo=UTC)  # Sunday 18:00 Berlin
    dispatcher = app.bot_data["deps"].dispatcher
    for schedule in await _sched(db):
        if schedule.purpose is Purpose.CHECKIN:  # only the summary is of interest here
            await _clear(db, schedule.id)
    clock.set(summary.next_fire_at)
    await dispatcher.tick()
    await dispatcher.tick()
    weekly = [c for c in chat.api.calls("sendMessage") if "Your week" in c["text"]]
    assert len(weekly) == 1
    assert len(chat.api.calls("sendPhoto")) == 1


async def _sched(db):
    async with db.session() as session:
        return list((await session.exec(select(Schedule))).all())


async def _clear(db, schedule_id):
    async with db.session() as session:
        row = await session.get(Schedule, schedule_id)
        row.next_fire_at = None
        session.add(row)


async def test_quiet_week_gets_a_gentle_note(app, chat, db, clock, no_errors):
    clock.set(MONDAY_NOON)
    await factories.user(db, now=clock())
    await chat.say("/summary")
    assert "No check-ins in these 7 days, and that is okay" in chat.last()
    assert not chat.api.calls("sendPhoto")


async def test_report_is_a_pdf(chat, db, clock, no_errors):
    clock.set(MONDAY_NOON)
    await _week_of_checkins(db, clock)
    await chat.say("/report")
    await chat.tap_label("4 weeks")
    [document] = chat.api.calls("sendDocument")
    assert document["_files"]["document"].startswith(b"%PDF")


async def test_export_then_delete_leaves_nothing_of_the_user(chat, db, clock, no_errors):
    clock.set(MONDAY_NOON)
    await _week_of_checkins(db, clock)
    await _week_of_checkins(db, clock, user_id=7)
    await chat.say("I want to die")  # a safety event is the user's data too
    await chat.say("/export")
    [document] = chat.api.calls("sendDocument")
    names = zipfile.ZipFile(io.BytesIO(document["_files"]["document"])).namelist()
    assert any(name.startswith("checkins") for name in names)
    await chat.say("/deletedata")
    await chat.tap_label("Yes, erase everything")
    assert "erased" in chat.api.calls("editMessageText")[-1]["text"]
    async with db.session() as session:
        for table in (User, Habit, Schedule, Delivery, Checkin, SafetyEvent, Phq9Result):
            column = table.id if table is User else table.user_id
            mine = (
                await session.exec(select(func.count()).select_from(table).where(column == 42))
            ).one()
            theirs = (
                await session.exec(select(func.count()).select_from(table).where(column == 7))
            ).one()
            assert mine == 0, table.__tablename__
            assert theirs > 0 or table in (SafetyEvent, Delivery, Phq9Result), table.__tablename__


async def test_text_still_goes_when_the_chart_cannot_be_drawn(chat, db, clock, monkeypatch, caplog):
    import bot.charts

    def broken(_data):
        raise RuntimeError("no fonts today")

    monkeypatch.setattr(bot.charts, "render_chart", broken)
    clock.set(MONDAY_NOON)
    await _week_of_checkins(db, clock)
    await chat.say("/summary")
    assert "Sertraline" in chat.last()
    assert not chat.api.calls("sendPhoto")
    assert "chart failed" in caplog.text
