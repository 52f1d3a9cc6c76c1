"""/habits and /settings through the real Application; state survives a restart."""

from datetime import UTC, datetime

from telegram import Update

from bot.app import build_application, on_startup
from models import habits, users
from models.types import HabitKind
from tests import factories


async def _habit_rows(db):
    async with db.session() as session:
        return await habits.list_habits(session, user_id=42)


async def test_change_times_days_pause_resume_remove(chat, db, clock, no_errors):
    await factories.user(db, now=clock())
    await factories.habit(
        db, kind=HabitKind.MEDICATION, name="Sertraline", times=[(8, 0)], now=clock()
    )
    await chat.say("/habits")
    assert "Sertraline" in chat.last()
    await chat.tap_label("Sertraline")
    await chat.tap_label("Times")
    await chat.say("8:00, 20:00")
    [(habit, rows)] = await _habit_rows(db)
    assert sorted((s.hour, s.minute) for s in rows) == [(8, 0), (20, 0)]
    await chat.tap_label("Days")
    await chat.say("Mon Wed Fri")
    [(habit, rows)] = await _habit_rows(db)
    assert {s.days for s in rows} == {"mon,wed,fri"}
    await chat.tap_label("Pause")
    [(habit, rows)] = await _habit_rows(db)
    assert habit.paused and all(s.next_fire_at is None for s in rows)
    await chat.tap_label("Resume")
    [(habit, rows)] = await _habit_rows(db)
    assert not habit.paused and all(s.next_fire_at is not None for s in rows)
    await chat.tap_label("Remove")
    assert "Remove" in chat.api.calls("editMessageText")[-1]["text"]
    await chat.tap_label("Yes, remove")
    assert await _habit_rows(db) == []


async def test_add_weekly_appointment(chat, db, clock, no_errors):
    await factories.user(db, now=clock())
    await chat.say("/habits")
    await chat.tap_label("Add")
    await chat.tap_label("Therapy")
    await chat.say("Therapy with Dr Lee")
    assert "When is <b>Therapy with Dr Lee</b> next?" in chat.last()
    await chat.say("tuesday 15:00")
    await chat.tap_label("Every week")
    assert "the day before at 15:00 and an hour before, at 14:00" in chat.texts()[-2]
    [(habit, rows)] = await _habit_rows(db)
    assert habit.kind is HabitKind.APPOINTMENT and {s.days for s in rows} == {"tue"}
    assert habit.name == "Therapy with Dr Lee"
    # reminders: the day before, an hour before, and the check-in after
    assert sorted(s.offset_minutes for s in rows) == [-1440, -60, 120]


async def test_settings_zone_summary_and_pause(chat, db, clock, no_errors):
    await factories.user(db, now=clock())
    await factories.habit(db, kind=HabitKind.MOOD, times=[(20, 0)], now=clock())
    await chat.say("/settings")
    await chat.tap_label("Time zone")
    await chat.say("America/New_York")
    await chat.say("/settings")
    await chat.tap_label("Summary day")
    await chat.tap_label("Fri")
    await chat.tap_label("Summary time")
    await chat.say("7pm")
    await chat.tap_label("Pause reminders")
    await chat.tap_label("3 days")
    async with db.session() as session:
        user = await users.get_user(session, 42)
        [(_, [mood])] = await habits.list_habits(session, user_id=42)
    assert user.tz == "America/New_York"
    assert (user.summary_weekday, user.summary_minute) == (4, 19 * 60)
    assert mood.next_fire_at >= user.paused_until


async def test_everything_survives_a_restart(app, fake_api, chat, db, clock, no_errors):
    await chat.say("/start")
    await chat.say("Europe/Berlin")
    await chat.choose("Medication")
    # Mid-flow: the bot stops here, and a fresh Application carries on from the database.
    second = build_application(app.bot_data["deps"])
    async with second:
        await on_startup(second)
        for text in ("Sertraline",):
            await second.process_update(
                Update.de_json(fake_api.message_update(42, text), second.bot)
            )
    assert "When do you take it" in chat.last() or "Sertraline" in chat.last()
    await chat.tap_label("08:00 and 20:00")
    await chat.say("/habits")
    assert "Sertraline: 08:00, 20:00" in chat.last()
    [(habit, rows)] = await _habit_rows(db)
    assert habit.name == "Sertraline" and len(rows) == 2
    await chat.say("/start")
    assert "Welcome back" in chat.last() and len(await _habit_rows(db)) == 1
    assert clock() == datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
