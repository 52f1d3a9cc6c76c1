"""/ask through the real Application: questions written down, listed the day before an
appointment, marked as asked on the list or after "Went", and in the report."""

from datetime import UTC, date, datetime

from sqlmodel import select

from models import reports
from models.tables import DoctorQuestion
from models.types import HabitKind
from tests import factories

NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)


async def _questions(db):
    async with db.session() as session:
        return list((await session.exec(select(DoctorQuestion))).all())


async def test_questions_are_written_down_and_listed(chat, db, clock, no_errors):
    await factories.user(db, now=clock())
    await chat.say("/ask")
    assert "None open" in chat.last()
    await chat.tap_label("Add a question")
    await chat.say("Is the dry mouth from <sertraline>?")
    await chat.say("/ask Could a cheaper generic work?")
    assert [q.text for q in await _questions(db)] == [
        "Is the dry mouth from <sertraline>?",
        "Could a cheaper generic work?",
    ]
    assert "1. Is the dry mouth from &lt;sertraline&gt;?\n2. Could a cheaper generic" in (
        chat.last()
    )


async def test_asked_marks_one_and_all_asked_marks_the_rest(chat, db, clock, no_errors):
    await factories.user(db, now=clock())
    for text in ("one", "two", "three"):
        await chat.say(f"/ask {text}")
    await chat.tap_label("2 · Asked ✓")
    asked = {q.text: q.asked_at for q in await _questions(db)}
    assert asked == {"one": None, "two": clock(), "three": None}
    assert "1. one\n2. three" in chat.api.calls("editMessageText")[-1]["text"]


async def test_the_day_before_an_appointment_lists_the_open_questions(
    app, chat, db, clock, no_errors
):
    await factories.user(db, now=clock())
    await factories.habit(
        db, kind=HabitKind.APPOINTMENT, name="Dr Lee", times=[(15, 0)], now=clock(),
        once_on=date(2026, 11, 28),
    )  # fmt: skip
    await chat.say("/ask Side effects of sertraline: dry mouth")
    await chat.say("/ask Can I drink <any> alcohol?")
    clock.set(datetime(2026, 11, 27, 14, 0, tzinfo=UTC))  # 15:00 in Berlin, the day before
    await app.bot_data["deps"].dispatcher.tick()
    reminder = chat.last()
    assert reminder.startswith("🗓 Tomorrow at 15:00: Dr Lee.")
    assert "• Side effects of sertraline: dry mouth\n• Can I drink &lt;any&gt; alcohol?" in reminder


async def test_went_offers_to_mark_the_questions_asked(app, chat, db, clock, no_errors):
    await factories.user(db, now=clock())
    await factories.habit(
        db, kind=HabitKind.APPOINTMENT, name="Dr Lee", times=[(15, 0)], now=clock(),
        once_on=date(2026, 11, 28),
    )  # fmt: skip
    await chat.say("/ask one")
    await chat.say("/ask two")
    clock.set(datetime(2026, 11, 28, 16, 0, tzinfo=UTC))  # two hours after: "How did it go?"
    await app.bot_data["deps"].dispatcher.tick()
    await chat.tap_label("Went")
    assert "ask your 2 questions" in chat.last()
    await chat.tap_label("All asked ✓")
    assert all(q.asked_at == clock() for q in await _questions(db))
    async with db.session() as session:
        report = await reports.report_data(session, user_id=42, weeks=4, now=clock())
    assert [(q.text, q.asked) for q in report.questions] == [
        ("one", date(2026, 11, 28)),
        ("two", date(2026, 11, 28)),
    ]


async def test_a_forged_asked_button_changes_nothing(chat, db, clock, no_errors):
    await factories.user(db, now=clock())
    await chat.say("/ask mine")
    [question] = await _questions(db)
    await factories.user(db, user_id=7, now=clock())
    chat.user_id = 7
    await chat.tap(f"d:done:{question.id}:")
    assert chat.api.calls("answerCallbackQuery")[-1]["text"].startswith("That button is from")
    [question] = await _questions(db)
    assert question.asked_at is None


async def test_side_effects_go_on_the_list_in_a_tap(chat, db, clock, no_errors):
    await factories.user(db, now=clock())
    await chat.say("/meds")
    await chat.tap_label("I started a medication")
    await chat.say("Sertraline")
    await chat.say("50 mg")
    await chat.tap_label("Today")
    await chat.say("/meds")
    await chat.tap_label("💊 Sertraline")
    await chat.tap_label("Side effects")
    await chat.tap_label("Dry mouth")
    await chat.tap_label("Done")
    await chat.tap_label("Ask my doctor about it")
    assert [q.text for q in await _questions(db)] == ["Side effects of Sertraline: dry mouth"]
