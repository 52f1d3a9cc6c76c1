"""Everyday clarity (issue 11): answers name their habit, typed words reach the medicine they
name, an ambiguous "took my meds" asks which, a hard day gets a kind word, and a number out of
range says the range."""

from datetime import UTC, datetime, timedelta

from sqlmodel import select

from models.tables import Checkin, Habit, SafetyEvent
from models.types import Answer, HabitKind
from tests import factories

NOON_BERLIN = datetime(2026, 11, 26, 11, 0, tzinfo=UTC)
HOUR = timedelta(hours=1)


async def _checkins(db) -> list[Checkin]:
    async with db.session() as session:
        return list((await session.exec(select(Checkin).order_by(Checkin.id))).all())


async def _two_medicines(db, clock, *, lithium_at=(20, 0)) -> dict[str, int]:
    """Sertraline at 08:00 and Lithium in the evening; returns their habit ids by name."""
    await factories.user(db, now=clock())
    ids = {}
    for name, time in (("Sertraline", (8, 0)), ("Lithium", lithium_at)):
        habit = await factories.habit(
            db, kind=HabitKind.MEDICATION, name=name, times=[time], now=clock() - HOUR
        )
        ids[name] = habit.id
    return ids


def _buttons(chat) -> list[str]:
    markup = chat.api.sent_to(42)[-1].get("reply_markup") or {}
    return [button["text"] for row in markup.get("inline_keyboard", []) for button in row]


async def test_an_answer_names_the_medicine_of_its_reminder(app, chat, db, clock, no_errors):
    clock.set(NOON_BERLIN)
    await _two_medicines(db, clock, lithium_at=(12, 0))
    await app.bot_data["deps"].dispatcher.tick()
    await chat.tap_label("Taken")
    assert chat.api.calls("editMessageText")[-1]["text"] == "✅ Lithium taken — well done."


async def test_typed_words_naming_a_medicine_go_to_it(chat, db, clock, no_errors):
    clock.set(NOON_BERLIN)
    ids = await _two_medicines(db, clock)
    await chat.say("took my lithium")
    [entry] = await _checkins(db)
    assert (entry.habit_id, entry.answer) == (ids["Lithium"], Answer.DONE)
    assert chat.last() == "✅ Lithium taken — well done."
    await chat.say("forgot my Sertraline")
    entry = (await _checkins(db))[-1]
    assert (entry.habit_id, entry.answer, entry.note) == (
        ids["Sertraline"],
        Answer.SKIPPED,
        "forgot",
    )


async def test_took_my_meds_with_several_medicines_asks_which_in_one_tap(
    chat, db, clock, no_errors
):
    clock.set(NOON_BERLIN)  # no reminder is open: either medicine could be meant
    ids = await _two_medicines(db, clock)
    await chat.say("took my meds")
    assert "Which one?" in chat.last()
    assert _buttons(chat) == ["💊 Sertraline", "💊 Lithium", "All of them"]
    assert await _checkins(db) == []
    await chat.tap_label("Lithium")
    [entry] = await _checkins(db)
    assert entry.habit_id == ids["Lithium"]
    assert chat.api.calls("editMessageText")[-1]["text"] == "✅ Lithium taken — well done."
    await chat.say("took my meds")
    await chat.tap_label("All of them")
    assert sorted(c.habit_id for c in (await _checkins(db))[1:]) == sorted(ids.values())


async def test_took_my_meds_goes_to_the_one_medicine_whose_reminder_is_open(
    app, chat, db, clock, no_errors
):
    clock.set(NOON_BERLIN)
    ids = await _two_medicines(db, clock, lithium_at=(12, 0))
    await app.bot_data["deps"].dispatcher.tick()  # Lithium's 12:00 reminder is open
    for _ in range(2):
        await chat.say("took my medication")
    assert {c.habit_id for c in await _checkins(db)} == {ids["Lithium"]}


async def test_a_hard_day_gets_a_kind_word_and_a_one_tap_mood_check_in(chat, db, clock, no_errors):
    await factories.user(db, now=clock())
    await chat.say("feeling awful today")
    assert "didn't quite catch" not in chat.last() and "hard" in chat.last()
    assert _buttons(chat) == [str(v) for v in range(11)]
    await chat.tap_label("3")
    [entry] = await _checkins(db)
    assert (entry.kind, entry.value) == (HabitKind.MOOD, 3.0)
    await chat.say("really down")
    assert "0 (lowest) to 10" in chat.last()


async def test_crisis_words_are_the_safety_nets_and_get_no_mood_scale(chat, db, clock, no_errors):
    await factories.user(db, now=clock())
    await chat.say("feeling awful, I want to die")
    assert "emergency" in chat.last().lower()
    assert all("0 (lowest) to 10" not in text for text in chat.texts())
    async with db.session() as session:
        assert len((await session.exec(select(SafetyEvent))).all()) == 1


async def test_a_number_out_of_range_says_the_range_and_saves_nothing(chat, db, clock, no_errors):
    await factories.user(db, now=clock())
    for text, said in (
        ("mood 11", "Mood goes from 0 (lowest) to 10"),
        ("slept 30h", "Hours slept go from 0 to 20"),
        ("40 drinks", "Drinks go from 0 to 30"),
    ):
        await chat.say(text)
        assert said in chat.last()
    assert await _checkins(db) == []


async def test_the_catch_all_reply_gives_examples_and_names_no_habit_wrongly(
    chat, db, clock, no_errors
):
    await factories.user(db, now=clock())
    await chat.say("purple elephants")
    assert "took my meds" in chat.last()
    async with db.session() as session:
        assert (await session.exec(select(Habit))).all() == []
