"""What a first-time user broke in the chat: edits, forwards, old buttons, offsets, errors."""

from datetime import UTC, datetime

from sqlmodel import select
from telegram.error import BadRequest

from models import users
from models.tables import Checkin, Delivery
from models.types import Answer, HabitKind
from tests import factories


async def _checkins(db) -> list[Checkin]:
    async with db.session() as session:
        return list((await session.exec(select(Checkin).order_by(Checkin.id))).all())


def _edit(payload: dict, message_id: int, text: str) -> dict:
    message = payload.pop("message")
    message |= {"message_id": message_id, "text": text, "edit_date": message["date"] + 60}
    return payload | {"edited_message": message}


async def test_an_edit_corrects_the_entry_it_made(chat, fake_api, db, clock, no_errors):
    await factories.user(db, now=clock())
    first = fake_api.message_update(42, "2 drinks")
    await chat._feed(first)
    message_id = first["message"]["message_id"]
    await chat._feed(_edit(fake_api.message_update(42, "x"), message_id, "3 drinks"))
    assert "Corrected" in chat.last()
    [entry] = await _checkins(db)
    assert (entry.kind, entry.value) == (HabitKind.SUBSTANCE_FREE, 3.0)
    await chat._feed(_edit(fake_api.message_update(42, "x"), message_id, "mood 6"))
    [entry] = await _checkins(db)
    assert (entry.kind, entry.value) == (HabitKind.MOOD, 6.0)
    await chat._feed(_edit(fake_api.message_update(42, "x"), message_id, "never mind"))
    assert await _checkins(db) == [] and "taken that entry out" in chat.last()


async def test_an_edit_of_anything_else_changes_nothing(chat, fake_api, db, clock, no_errors):
    await factories.user(db, now=clock())
    hello = fake_api.message_update(42, "hello")
    await chat._feed(hello)
    await chat._feed(
        _edit(fake_api.message_update(42, "x"), hello["message"]["message_id"], "slept 7h")
    )
    assert "changes nothing" in chat.last()
    assert await _checkins(db) == []


async def test_a_forwarded_dose_is_not_the_users_own(chat, fake_api, db, clock, no_errors):
    await factories.user(db, now=clock())
    payload = fake_api.message_update(42, "took my meds")
    payload["message"]["forward_origin"] = {
        "type": "hidden_user",
        "sender_user_name": "Mum",
        "date": 1,
    }
    await chat._feed(payload)
    assert "forwarded" in chat.last()
    assert await _checkins(db) == []


async def _reminder(app, db, clock, *, days_ago: int) -> Delivery:
    """A 09:00 (Berlin) medication reminder sent `days_ago` days ago, closed as "no answer"."""
    now = clock()
    clock.set(datetime(2026, 11, 26 - days_ago, 7, 59, tzinfo=UTC))
    await factories.user(db, now=clock())
    await factories.habit(
        db, kind=HabitKind.MEDICATION, name="Lithium", times=[(9, 0)], now=clock()
    )
    clock.advance(minutes=1)
    await app.bot_data["deps"].dispatcher.tick()  # the reminder goes out
    clock.set(now)
    await app.bot_data["deps"].dispatcher.tick()  # its day ended: "no answer"
    async with db.session() as session:
        return (await session.exec(select(Delivery).order_by(Delivery.id))).first()


async def test_an_old_reminder_cannot_rewrite_what_was_stored(
    app, chat, fake_api, db, clock, no_errors
):
    delivery = await _reminder(app, db, clock, days_ago=3)
    await chat.tap_label("Skipped")
    assert "too long ago to change now" in fake_api.calls("answerCallbackQuery")[-1]["text"]
    [entry] = [c for c in await _checkins(db) if c.delivery_id == delivery.id]
    assert entry.answer is Answer.NO_ANSWER
    await chat.tap(f"c:snooze:{delivery.id}:30")
    assert "too long ago" in fake_api.calls("answerCallbackQuery")[-1]["text"]


async def test_yesterdays_reminder_can_still_be_answered_and_says_so(
    app, chat, fake_api, db, clock, no_errors
):
    delivery = await _reminder(app, db, clock, days_ago=1)
    await chat.tap_label("Taken")
    [entry] = [c for c in await _checkins(db) if c.delivery_id == delivery.id]
    assert entry.answer is Answer.DONE
    assert "Saved for Wed 25 Nov" in fake_api.calls("editMessageText")[-1]["text"]
    await chat.tap(f"c:snooze:{delivery.id}:30")  # its day is over: nothing can come back
    assert "nothing to snooze" in fake_api.calls("answerCallbackQuery")[-1]["text"]


async def test_a_snooze_never_promises_past_the_end_of_the_day(
    app, chat, fake_api, db, clock, no_errors
):
    clock.set(datetime(2026, 11, 26, 2, 30, tzinfo=UTC))  # 03:30 in Berlin; the day ends at 04:00
    await factories.user(db, now=clock())
    await factories.habit(
        db, kind=HabitKind.MEDICATION, name="Lithium", times=[(3, 31)], now=clock()
    )
    clock.advance(minutes=1)
    await app.bot_data["deps"].dispatcher.tick()
    await chat.tap_label("Snooze")
    await chat.tap_label("30 min")
    assert "won't bring it back today" in fake_api.calls("answerCallbackQuery")[-1]["text"]
    await chat.tap_label("10 min")
    assert "again in 10 minutes" in chat.last()


async def test_a_utc_offset_is_kept_as_that_offset(chat, db, no_errors):
    await chat.say("/start")
    await chat.say("UTC+1")
    assert "UTC+1 (now 13:00)" in chat.texts()[-2] and "no summer time" in chat.texts()[-2]
    async with db.session() as session:
        assert (await users.get_user(session, 42)).tz == "Etc/GMT-1"


async def test_a_refused_message_is_an_error_with_an_apology(chat, fake_api, db, clock, caplog):
    await factories.user(db, now=clock())
    fake_api.fail_next("sendMessage", status=400, description="Bad Request: can't parse entities")
    await chat.say("/help")
    errors = [r for r in caplog.records if r.levelname == "ERROR"]
    assert errors and isinstance(errors[0].exc_info[1], BadRequest)
    assert "went wrong" in chat.last()
