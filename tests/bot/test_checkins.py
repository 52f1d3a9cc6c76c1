"""Reminders sent by the real dispatcher and sender, answered with a tap or a few words."""

from datetime import UTC, datetime

from sqlmodel import select

from models.tables import Checkin, Delivery, Schedule
from models.types import Answer, DeliveryStatus, HabitKind, Purpose
from tests import factories

NOON_BERLIN = datetime(2026, 11, 26, 11, 0, tzinfo=UTC)


async def _due_now(db, clock, kind, **kw):
    await factories.user(db, now=clock())
    await factories.habit(
        db, kind=kind, times=[(12, 0)], now=clock().replace(minute=0, hour=10), **kw
    )
    async with db.session() as session:
        for s in (await session.exec(select(Schedule))).all():
            if s.purpose is Purpose.CHECKIN:
                assert s.next_fire_at == clock()


async def _delivery_ids(db):
    async with db.session() as session:
        return [d.id for d in (await session.exec(select(Delivery))).all()]


async def _checkins(db):
    async with db.session() as session:
        return list((await session.exec(select(Checkin))).all())


async def test_taken_edits_message_and_second_tap_changes_not_counts(
    app, chat, db, clock, no_errors
):
    clock.set(NOON_BERLIN)
    await _due_now(db, clock, HabitKind.MEDICATION, name="Sertraline")
    await app.bot_data["deps"].dispatcher.tick()
    reminder = chat.api.sent_to(42)[-1]
    assert "Sertraline" in reminder["text"]
    await chat.tap_label("Taken")
    assert chat.api.calls("editMessageText")[-1]["text"].startswith("✅ Sertraline taken")
    [delivery_id] = await _delivery_ids(db)
    await chat.tap(f"c:skip:{delivery_id}:")
    [checkin] = await _checkins(db)
    assert checkin.answer is Answer.SKIPPED and checkin.delivery_id == delivery_id
    await chat.tap_label("Side effects")
    [checkin] = await _checkins(db)
    assert checkin.note == "side_effects"


async def test_button_of_another_user_is_refused(app, chat, db, clock, no_errors):
    clock.set(NOON_BERLIN)
    await _due_now(db, clock, HabitKind.MOOD)
    await app.bot_data["deps"].dispatcher.tick()
    [delivery_id] = await _delivery_ids(db)
    await factories.user(db, user_id=7, now=clock())
    chat.user_id = 7
    await chat.tap(f"c:val:{delivery_id}:5")
    assert await _checkins(db) == []
    assert chat.api.calls("answerCallbackQuery")[-1]["text"].startswith("That button isn't for you")


async def test_sleep_hours_then_quality(app, chat, db, clock, no_errors):
    clock.set(datetime(2026, 11, 26, 11, 0, tzinfo=UTC))
    await factories.user(db, now=clock())
    await factories.habit(
        db, kind=HabitKind.SLEEP, times=[(22, 30), (12, 0)], now=clock().replace(hour=10)
    )
    await app.bot_data["deps"].dispatcher.tick()
    await chat.tap_label("7h")
    await chat.tap_label("Good")
    [checkin] = await _checkins(db)
    assert (checkin.value, checkin.quality, checkin.answer) == (7.0, 4, Answer.DONE)
    # The Consensus Sleep Diary's core items: hours and quality in two taps, then, optionally,
    # bedtime and awakenings, one tap each, on the same message.
    assert "when did you go to bed" in chat.last()
    await chat.tap_label("23:00")
    await chat.tap_label("Woke 2×")
    [checkin] = await _checkins(db)
    assert (checkin.bedtime_minute, checkin.awakenings) == (23 * 60, 2)
    assert chat.last() == "😴 Sleep: 7 h, good, in bed 23:00, woke 2 times — noted."
    assert len(chat.texts()) == 1  # every tap edited the one morning message


async def test_a_night_told_in_parts_keeps_every_part(app, chat, db, clock, no_errors):
    clock.set(datetime(2026, 11, 26, 11, 0, tzinfo=UTC))
    await factories.user(db, now=clock())
    await factories.habit(
        db, kind=HabitKind.SLEEP, times=[(22, 30), (12, 0)], now=clock().replace(hour=10)
    )
    await app.bot_data["deps"].dispatcher.tick()
    await chat.say("went to bed at 23:30, woke twice")  # answers the open morning question
    await chat.tap_label("7h")  # on the morning question: the hours, and only the hours
    [checkin] = await _checkins(db)
    assert (checkin.value, checkin.bedtime_minute, checkin.awakenings) == (7.0, 23 * 60 + 30, 2)


async def test_snooze_brings_it_back(app, chat, db, clock, no_errors):
    clock.set(NOON_BERLIN)
    await _due_now(db, clock, HabitKind.MEDICATION, name="Lithium")
    dispatcher = app.bot_data["deps"].dispatcher
    await dispatcher.tick()
    await chat.tap_label("Snooze")
    await chat.tap_label("10 min")
    clock.advance(minutes=10)
    await dispatcher.tick()
    texts = [c["text"] for c in chat.api.calls("sendMessage")]
    assert sum("Lithium" in t for t in texts) == 2
    async with db.session() as session:
        [d] = (await session.exec(select(Delivery))).all()
    assert d.status is DeliveryStatus.SENT and d.resend_at is None


async def test_free_text_answers_open_reminder(app, chat, db, clock, no_errors):
    clock.set(NOON_BERLIN)
    await _due_now(db, clock, HabitKind.MEDICATION, name="Sertraline")
    await app.bot_data["deps"].dispatcher.tick()
    [delivery_id] = await _delivery_ids(db)
    await chat.say("took my meds")
    [checkin] = await _checkins(db)
    assert checkin.delivery_id == delivery_id and checkin.answer is Answer.DONE
    for text, kind in (
        ("slept 7.5h", HabitKind.SLEEP),
        ("30 min walk", HabitKind.EXERCISE),
        ("2 drinks", HabitKind.SUBSTANCE_FREE),
        ("mood 6", HabitKind.MOOD),
        ("meditated", HabitKind.STRESS),
    ):
        await chat.say(text)
        assert (await _checkins(db))[-1].kind is kind
    await chat.say("purple elephants")
    assert "took my meds" in chat.last()


async def test_checkin_command_logs_without_reminder(app, chat, db, clock, no_errors):
    clock.set(NOON_BERLIN)
    await factories.user(db, now=clock())
    await factories.habit(db, kind=HabitKind.EXERCISE, times=[(17, 0)], now=clock())
    await chat.say("/checkin")
    await chat.tap_label("Exercise")
    await chat.tap_label("30 min")
    [checkin] = await _checkins(db)
    assert checkin.value == 30 and checkin.delivery_id is None
