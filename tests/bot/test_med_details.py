"""Medication details people ask for (issue 11): a refill forecast from a pill count, doses taken
as needed, the time a dose was really taken, yesterday's unanswered doses the next morning, and
up to three gentle follow-ups. Timed messages go through the real dispatcher and sender."""

from datetime import UTC, date, datetime, timedelta

from sqlmodel import select

from models.tables import Checkin, Delivery, Habit, Schedule
from models.types import Answer, HabitKind, Purpose
from tests import factories

# Thursday 26 Nov 2026; Berlin is UTC+1.
NOON_BERLIN = datetime(2026, 11, 26, 11, 0, tzinfo=UTC)


async def _checkins(db) -> list[Checkin]:
    async with db.session() as session:
        return list((await session.exec(select(Checkin).order_by(Checkin.id))).all())


async def _medicine(db, clock, name="Sertraline", times=((8, 0), (20, 0))) -> Habit:
    await factories.user(db, now=clock())
    return await factories.habit(
        db,
        kind=HabitKind.MEDICATION,
        name=name,
        times=list(times),
        now=clock() - timedelta(hours=1),
    )


async def _tick(app) -> None:
    await app.bot_data["deps"].dispatcher.tick()


def _sent_since(chat, before: int) -> list[str]:
    return chat.texts()[before:]


async def test_a_pill_count_forecasts_the_refill_and_reminds_once_before(
    app, chat, db, clock, no_errors
):
    clock.set(NOON_BERLIN)
    await _medicine(db, clock)  # two doses a day
    await chat.say("/habits")
    await chat.tap_label("Sertraline")
    await chat.tap_label("Pills left")
    await chat.say("20")  # covers today and the nine days after: out on Sun 6 Dec
    assert "enough for about 10 days, until Sun 6 Dec" in chat.last()
    assert "remind you on Thu 3 Dec" in chat.last()
    clock.set(datetime(2026, 12, 3, 8, 59, tzinfo=UTC))
    await _tick(app)
    before = len(chat.texts())
    clock.set(datetime(2026, 12, 3, 9, 0, tzinfo=UTC))  # 10:00 in Berlin
    await _tick(app)
    [refill] = [t for t in _sent_since(chat, before) if "refill" in t]
    assert "Sertraline: pills for about 3 more days (until Sun 6 Dec)" in refill
    await chat.tap_label("Refilled")
    # Six pills left by the forecast (20 less seven days of two), plus a pack of 20.
    assert (
        "enough for about 13 days, until Wed 16 Dec"
        in chat.api.calls("editMessageText")[-1]["text"]
    )
    async with db.session() as session:
        habit = (await session.exec(select(Habit))).one()
        refills = (
            await session.exec(select(Schedule).where(Schedule.purpose == Purpose.REFILL))
        ).all()
    assert (habit.pills_left, habit.pack_size) == (26, 20)
    assert [(r.once_on, r.next_fire_at) for r in refills] == [
        (date(2026, 12, 13), datetime(2026, 12, 13, 9, 0, tzinfo=UTC))
    ]
    clock.set(datetime(2026, 12, 10, 9, 0, tzinfo=UTC))
    before = len(chat.texts())
    await _tick(app)
    assert not any("refill" in t for t in _sent_since(chat, before))  # one reminder, not daily


async def test_a_count_that_is_no_number_is_refused_kindly_and_a_tap_counts(
    chat, db, clock, no_errors
):
    clock.set(NOON_BERLIN)
    await _medicine(db, clock)
    await chat.say("/habits")
    await chat.tap_label("Sertraline")
    await chat.tap_label("Pills left")
    await chat.say("lots")
    assert "type the number of pills" in chat.last()
    await chat.tap_label("30")
    assert "until Fri 11 Dec" in chat.last()
    await chat.tap_label("60")  # the question's buttons belong to that step only
    assert "earlier step" in chat.api.calls("answerCallbackQuery")[-1]["text"]
    async with db.session() as session:
        assert (await session.exec(select(Habit))).one().pills_left == 30


async def test_a_medicine_taken_as_needed_logs_a_dose_in_one_tap_and_is_never_due(
    chat, db, clock, no_errors
):
    await factories.user(db, now=clock())
    await chat.say("/habits")
    await chat.tap_label("Add")
    await chat.tap_label("Medication")
    await chat.say("Ibuprofen")
    await chat.tap_label("As needed")
    assert "as needed" in chat.texts()[-2]
    async with db.session() as session:
        assert (
            await session.exec(select(Schedule).where(Schedule.habit_id.is_not(None)))
        ).all() == []
    for _ in range(2):
        await chat.say("/checkin")
        await chat.tap_label("Ibuprofen")  # one tap logs the dose
    assert [c.answer for c in await _checkins(db)] == [Answer.DONE, Answer.DONE]
    assert chat.api.calls("editMessageText")[-1]["text"].startswith("✅ Ibuprofen taken")
    await chat.say("/summary")
    summary = next(t for t in reversed(chat.texts()) if "Ibuprofen" in t)
    assert (
        "as needed: 2 doses taken on 1 day" in summary
        and "%" not in summary.split("Ibuprofen")[1].split("\n")[0]
    )


async def test_taken_earlier_stores_when_the_dose_was_really_taken(app, chat, db, clock, no_errors):
    clock.set(NOON_BERLIN.replace(hour=13))  # 14:00 in Berlin
    await _medicine(db, clock, times=[(14, 0)])
    clock.set(NOON_BERLIN.replace(hour=13, minute=40))  # the reminder is answered late
    await _tick(app)
    await chat.tap_label("Taken earlier")
    assert "When did you take it?" in chat.api.calls("editMessageText")[-1]["text"]
    await chat.tap_label("13:30")
    [entry] = await _checkins(db)
    assert entry.answer is Answer.DONE
    assert entry.taken_at == datetime(2026, 11, 26, 12, 30, tzinfo=UTC)
    assert "✅ Sertraline taken at 13:30" in chat.api.calls("editMessageText")[-1]["text"]
    await chat.say("took it at 9:40")  # typed: another dose, and when it was taken
    entry = (await _checkins(db))[-1]
    assert entry.taken_at == datetime(2026, 11, 26, 8, 40, tzinfo=UTC)
    assert "taken at 09:40" in chat.last()


async def test_taken_earlier_can_be_typed(app, chat, db, clock, no_errors):
    clock.set(NOON_BERLIN)
    await _medicine(db, clock, times=[(12, 0)])
    await _tick(app)
    await chat.tap_label("Taken earlier")
    await chat.say("7:40")
    [entry] = await _checkins(db)
    assert entry.taken_at == datetime(2026, 11, 26, 6, 40, tzinfo=UTC)


async def test_the_time_question_is_optional_other_words_are_read_as_usual(
    app, chat, db, clock, no_errors
):
    clock.set(NOON_BERLIN)
    await _medicine(db, clock, times=[(12, 0)])
    await _tick(app)
    await chat.tap_label("Taken earlier")
    await chat.say("slept 7h")
    dose, night = await _checkins(db)
    assert (dose.taken_at, night.kind, night.value) == (None, HabitKind.SLEEP, 7.0)


async def _unanswered_evening_dose(app, db, clock) -> Delivery:
    """Lithium's 20:00 dose on Wed 25 Nov is sent and left unanswered."""
    clock.set(datetime(2026, 11, 25, 18, 0, tzinfo=UTC))
    await _medicine(db, clock, name="Lithium", times=[(20, 0)])
    clock.set(datetime(2026, 11, 25, 19, 0, tzinfo=UTC))
    await _tick(app)
    clock.set(datetime(2026, 11, 26, 3, 0, tzinfo=UTC))  # 04:00 in Berlin: the day ends
    await _tick(app)
    async with db.session() as session:
        return (await session.exec(select(Delivery))).one()


async def test_yesterdays_unanswered_dose_is_asked_about_once_the_next_morning(
    app, chat, db, clock, no_errors
):
    dose = await _unanswered_evening_dose(app, db, clock)
    before = len(chat.texts())
    for hour in (8, 9):  # 09:00 and 10:00 in Berlin: asked once
        clock.set(datetime(2026, 11, 26, hour, 0, tzinfo=UTC))
        await _tick(app)
    [question] = _sent_since(chat, before)
    assert "Yesterday's Lithium (20:00) wasn't answered — taken or skipped?" in question
    await chat.tap_label("✅ Lithium 20:00")
    [entry] = await _checkins(db)
    assert (entry.delivery_id, entry.answer) == (dose.id, Answer.DONE)
    assert "all answered" in chat.api.calls("editMessageText")[-1]["text"]
    clock.set(datetime(2026, 11, 27, 8, 0, tzinfo=UTC))
    await _tick(app)
    assert len(chat.texts()) == before + 1


async def test_nothing_is_asked_when_yesterday_was_answered_before_morning(
    app, chat, db, clock, no_errors
):
    await _unanswered_evening_dose(app, db, clock)
    await chat.tap_label("Taken")  # the old reminder still takes an answer the next day
    before = len(chat.texts())
    clock.set(datetime(2026, 11, 26, 8, 0, tzinfo=UTC))
    await _tick(app)
    assert len(chat.texts()) == before


async def _nudges(app, chat, clock, minutes: int) -> int:
    before = len(chat.api.calls("sendMessage"))
    for _ in range(minutes // 30):
        clock.advance(minutes=30)
        await _tick(app)
    texts = [c["text"] for c in chat.api.calls("sendMessage")[before:]]
    return sum(t.startswith("Gentle nudge") for t in texts)


async def test_follow_ups_are_the_users_choice_from_none_to_three(app, chat, db, clock, no_errors):
    clock.set(NOON_BERLIN)
    await _medicine(db, clock, times=[(12, 0)])
    await chat.say("/habits")
    await chat.tap_label("Sertraline")
    await chat.tap_label("Follow-ups: 1")
    await chat.tap_label("3")
    assert "up to 3 gentle follow-ups" in chat.api.calls("editMessageText")[-1]["text"]
    await _tick(app)
    assert await _nudges(app, chat, clock, 150) == 3
    async with db.session() as session:
        habit = (await session.exec(select(Habit))).one()
        habit.follow_ups = 0
        session.add(habit)
    clock.set(NOON_BERLIN + timedelta(days=1))
    await _tick(app)
    assert await _nudges(app, chat, clock, 90) == 0


async def test_one_gentle_follow_up_by_default_and_none_after_an_answer(
    app, chat, db, clock, no_errors
):
    clock.set(NOON_BERLIN)
    await _medicine(db, clock, times=[(12, 0)])
    await _tick(app)
    assert await _nudges(app, chat, clock, 90) == 1
    clock.set(NOON_BERLIN + timedelta(days=1))
    await _tick(app)
    await chat.tap_label("Taken")
    assert await _nudges(app, chat, clock, 90) == 0


async def test_typed_refilled_resets_the_forecast_of_the_counted_medicine(
    chat, db, clock, no_errors
):
    clock.set(NOON_BERLIN)
    await _medicine(db, clock)
    await chat.say("refilled")  # nothing counted yet: the count is asked for
    assert "How many Sertraline pills" in chat.last()
    await chat.say("20")
    clock.set(NOON_BERLIN + timedelta(days=7))  # 14 doses later, 6 left
    await chat.say("picked up my prescription")
    assert "Refilled" in chat.last() and "enough for about 13 days" in chat.last()
    async with db.session() as session:
        assert (await session.exec(select(Habit))).one().pills_left == 26
