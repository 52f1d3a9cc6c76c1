"""The treatment journal (/meds) through the real Application: start, dose change, side
effects, stop, the link to its reminder, and the six- and eight-week questions."""

from datetime import UTC, date, datetime, timedelta

from sqlmodel import select

from models.tables import DoseChange, Habit, Medication, MedReview, Schedule, SideEffectNote
from models.types import HabitKind, Purpose, ReviewAnswer, StopReason
from tests import factories

# Thursday 26 Nov 2026, 13:00 in Berlin.
NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)


async def _rows(db, table):
    async with db.session() as session:
        return list((await session.exec(select(table))).all())


async def _start_sertraline(chat, started: str = "Today") -> None:
    await chat.say("/meds")
    await chat.tap_label("I started a medication")
    await chat.say("Sertraline")
    await chat.say("50 mg")
    if started in ("Today", "Yesterday"):
        await chat.tap_label(started)
    else:
        await chat.say(started)


async def test_a_start_is_kept_with_its_dose_and_says_give_it_time(chat, db, clock, no_errors):
    await factories.user(db, now=clock())
    await _start_sertraline(chat)
    [med] = await _rows(db, Medication)
    [dose] = await _rows(db, DoseChange)
    assert (med.name, med.started_on, med.stopped_on) == ("Sertraline", date(2026, 11, 26), None)
    assert (dose.dose, dose.from_on) == ("50 mg", date(2026, 11, 26))
    assert "four to eight weeks" in chat.last()
    assert "six and at eight weeks" in chat.last()
    reviews = await _rows(db, MedReview)
    assert [(r.weeks, r.due_on) for r in reviews] == [
        (6, date(2027, 1, 7)),
        (8, date(2027, 1, 21)),
    ]
    schedules = [s for s in await _rows(db, Schedule) if s.purpose is Purpose.MED_REVIEW]
    # 18:00 in Berlin (UTC+1 in January) on each review day.
    assert sorted(s.next_fire_at for s in schedules) == [
        datetime(2027, 1, 7, 17, 0, tzinfo=UTC),
        datetime(2027, 1, 21, 17, 0, tzinfo=UTC),
    ]


async def test_a_start_seven_weeks_ago_only_plans_the_eight_week_question(
    chat, db, clock, no_errors
):
    await factories.user(db, now=clock())
    await _start_sertraline(chat, started="8 Oct")
    [med] = await _rows(db, Medication)
    assert med.started_on == date(2026, 10, 8)
    assert [r.weeks for r in await _rows(db, MedReview)] == [8]


async def test_a_future_or_unreadable_start_is_asked_again(chat, db, clock, no_errors):
    await factories.user(db, now=clock())
    await _start_sertraline(chat, started="next friday")
    assert "not in the future" in chat.last()
    await chat.say("whenever")
    assert "not in the future" in chat.last()
    assert await _rows(db, Medication) == []
    await chat.tap_label("Yesterday")
    [med] = await _rows(db, Medication)
    assert med.started_on == date(2026, 11, 25)


async def test_a_dose_change_is_kept_and_says_change_doses_with_the_doctor(
    chat, db, clock, no_errors
):
    await factories.user(db, now=clock())
    await _start_sertraline(chat, started="1 Oct")
    await chat.say("/meds")
    await chat.tap_label("💊 Sertraline")
    await chat.tap_label("Dose changed")
    await chat.say("100 mg")
    await chat.tap_label("Today")
    doses = sorted((d.from_on, d.dose) for d in await _rows(db, DoseChange))
    assert doses == [(date(2026, 10, 1), "50 mg"), (date(2026, 11, 26), "100 mg")]
    assert "together with your doctor" in chat.last()
    await chat.say("/meds")
    assert "Sertraline</b> 100 mg · since 1 Oct (week 9)" in chat.last()


async def test_side_effects_are_ticked_then_told_in_words(chat, db, clock, no_errors):
    await factories.user(db, now=clock())
    await _start_sertraline(chat)
    await chat.say("/meds")
    await chat.tap_label("💊 Sertraline")
    await chat.tap_label("Side effects")
    await chat.tap_label("Done")  # nothing ticked yet: a pop-up, nothing stored
    assert await _rows(db, SideEffectNote) == []
    await chat.tap_label("Nausea")
    await chat.tap_label("Dry mouth")
    await chat.tap_label("✅ Nausea")  # untick
    await chat.tap_label("Headache")
    await chat.tap_label("Done")
    await chat.say("mostly in the <morning>")
    [note] = await _rows(db, SideEffectNote)
    assert note.effects == ["headache", "dry_mouth"]
    assert note.note == "mostly in the <morning>"
    assert note.noted_on == date(2026, 11, 26)


async def test_a_stop_keeps_the_reason_and_drops_the_questions_not_yet_asked(
    app, chat, db, clock, no_errors
):
    await factories.user(db, now=clock())
    await _start_sertraline(chat)
    await chat.say("/meds")
    await chat.tap_label("💊 Sertraline")
    await chat.tap_label("I stopped it")
    await chat.tap_label("No effect")
    await chat.tap_label("Today")
    [med] = await _rows(db, Medication)
    assert (med.stopped_on, med.stop_reason) == (date(2026, 11, 26), StopReason.NO_EFFECT)
    assert "tell them" in chat.last()
    assert await _rows(db, MedReview) == []
    assert not [s for s in await _rows(db, Schedule) if s.purpose is Purpose.MED_REVIEW]
    clock.set(datetime(2027, 1, 21, 18, 0, tzinfo=UTC))
    sent = len(chat.api.sent_to(42))
    await app.bot_data["deps"].dispatcher.tick()
    assert len(chat.api.sent_to(42)) == sent


async def test_a_new_medication_offers_its_reminder_and_is_linked_to_it(chat, db, clock, no_errors):
    await factories.user(db, now=clock())
    await _start_sertraline(chat)
    await chat.tap_label("Add a daily reminder")
    await chat.tap_label("08:00")
    [habit] = await _rows(db, Habit)
    [med] = await _rows(db, Medication)
    assert (habit.kind, habit.name, med.habit_id) == (HabitKind.MEDICATION, "Sertraline", habit.id)
    await chat.say("/habits")
    await chat.tap_label("Sertraline")
    await chat.tap_label("Remove")
    await chat.tap_label("Yes, remove")
    [med] = await _rows(db, Medication)
    assert med.habit_id == habit.id  # removing the reminder keeps the journal
    await chat.say("/meds")
    assert "Sertraline" in chat.last()


async def test_a_reminder_without_a_journal_entry_starts_one_in_a_tap(chat, db, clock, no_errors):
    await factories.user(db, now=clock())
    habit = await factories.habit(
        db, kind=HabitKind.MEDICATION, name="Lithium", times=[(8, 0)], now=clock()
    )
    await chat.say("/meds")
    await chat.tap_label("Lithium (from your reminders)")
    await chat.say("400 mg")
    await chat.tap_label("Today")
    [med] = await _rows(db, Medication)
    assert (med.name, med.habit_id) == ("Lithium", habit.id)
    assert "Add a daily reminder" not in str(chat.api.sent_to(42)[-1].get("reply_markup"))


async def test_six_and_eight_week_questions_come_and_keep_the_answer(
    app, chat, db, clock, no_errors
):
    await factories.user(db, now=clock())
    await _start_sertraline(chat)
    dispatcher = app.bot_data["deps"].dispatcher
    clock.set(datetime(2027, 1, 7, 17, 0, tzinfo=UTC))
    await dispatcher.tick()
    assert "6 weeks since you started <b>Sertraline</b>" in chat.last()
    await chat.tap_label("No different")
    assert "up to eight weeks" in chat.api.calls("editMessageText")[-1]["text"]
    await chat.tap_label("Add a few words")
    await chat.say("a bit less tired")
    clock.set(datetime(2027, 1, 21, 17, 0, tzinfo=UTC))
    await dispatcher.tick()
    assert "8 weeks since you started" in chat.last()
    await chat.tap_label("Worse")
    assert "don't have to settle" in chat.api.calls("editMessageText")[-1]["text"]
    reviews = sorted(await _rows(db, MedReview), key=lambda r: r.weeks)
    assert [(r.weeks, r.answer, r.note) for r in reviews] == [
        (6, ReviewAnswer.NO_CHANGE, "a bit less tired"),
        (8, ReviewAnswer.WORSE, None),
    ]
    await dispatcher.tick()
    asked = [c for c in chat.api.calls("sendMessage") if "since you started" in c["text"]]
    assert len(asked) == 2  # each asked once


async def test_journal_buttons_of_another_user_change_nothing(chat, db, clock, no_errors):
    await factories.user(db, now=clock())
    await _start_sertraline(chat)
    [med] = await _rows(db, Medication)
    [review, _] = await _rows(db, MedReview)
    await factories.user(db, user_id=7, now=clock())
    chat.user_id = 7
    for data in (f"m:stop:{med.id}:", f"m:rev:{review.id}:worse", f"m:view:{med.id}:"):
        await chat.tap(data)
    assert [c["text"] for c in chat.api.calls("answerCallbackQuery")[-3:]] == [
        "That medication isn't in your journal any more — nothing changed.",
        "That button is from an older message — nothing changed.",
        "That medication isn't in your journal any more — nothing changed.",
    ]
    [review, _] = await _rows(db, MedReview)
    assert review.answer is None
    [med] = await _rows(db, Medication)
    assert med.stopped_on is None


async def test_weekly_summary_suggests_raising_a_medication_that_has_not_helped(
    app, chat, db, clock, no_errors
):
    await factories.user(db, now=clock())
    await factories.phq9(db, answers=[2] * 9, at=clock() - timedelta(days=3))  # 18
    await _start_sertraline(chat)
    await factories.habit(db, kind=HabitKind.MOOD, times=[(20, 0)], now=clock())
    await factories.phq9(
        db, answers=[2] * 6 + [1, 1, 0], at=datetime(2027, 1, 28, 12, 0, tzinfo=UTC)
    )  # 14, nine weeks in: not half of 18
    dispatcher = app.bot_data["deps"].dispatcher
    clock.set(datetime(2027, 1, 31, 16, 59, tzinfo=UTC))
    await dispatcher.tick()  # what came due while the clock jumped is past its grace: missed
    clock.set(datetime(2027, 1, 31, 17, 0, tzinfo=UTC))  # Sunday 18:00 in Berlin
    await dispatcher.tick()
    weekly = chat.last()
    assert weekly.startswith("<b>Your week</b>")
    assert "<b>Sertraline</b>, 9 weeks in: your PHQ-9 is 14, from 18" in weekly
    assert "settle" in weekly
    clock.set(datetime(2027, 2, 7, 17, 0, tzinfo=UTC))  # no new PHQ-9 since: said once
    await dispatcher.tick()
    assert chat.last().startswith("<b>Your week</b>") and "settle" not in chat.last()
