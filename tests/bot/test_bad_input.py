"""Bad input gets a short, kind reply and changes nothing."""

import pytest

from models import habits, users


async def _onboard_to_zone(chat):
    await chat.say("/start")


async def test_unknown_zone_and_junk_change_nothing(chat, fake_api, db, no_errors):
    await _onboard_to_zone(chat)
    for text in ("Atlantis-on-Sea", "🙂🙂🙂", "x" * 10_000, "tomorrow-ish"):
        await chat.say(text)
        assert "I don't know that place" in chat.last() or "a lot of text" in chat.last()
    await chat._feed(fake_api.sticker_update(42))
    assert "I can only read text" in chat.last()
    await chat._feed(fake_api.photo_update(42))
    assert "I can only read text" in chat.last()
    async with db.session() as session:
        user = await users.get_user(session, 42)
    assert user.tz == "UTC" and user.flow == "tz"


async def test_zone_suggestion_for_a_typo(chat, no_errors):
    await _onboard_to_zone(chat)
    await chat.say("Berln")
    await chat.tap_label("Europe/Berlin")
    assert "Europe/Berlin" in chat.texts()[-2]


async def test_location_sets_zone(chat, fake_api, db, no_errors):
    await _onboard_to_zone(chat)
    await chat._feed(fake_api.location_update(42, 40.71, -74.0))
    async with db.session() as session:
        assert (await users.get_user(session, 42)).tz == "America/New_York"


@pytest.mark.parametrize("bad", ["25:99", "tomorrow-ish", "🙂", "24:00", "x" * 10_000])
async def test_bad_time_keeps_the_step(chat, db, bad, no_errors):
    await chat.say("/start")
    await chat.say("UTC")
    await chat.choose("Exercise")
    await chat.tap_label("Change time")
    await chat.say(bad)
    assert "couldn't read that time" in chat.last() or "a lot of text" in chat.last()
    async with db.session() as session:
        assert await habits.list_habits(session, user_id=42) == []
        assert (await users.get_user(session, 42)).flow == "add"
    await chat.say("18:30")
    async with db.session() as session:
        [(_, [schedule])] = await habits.list_habits(session, user_id=42)
    assert (schedule.hour, schedule.minute) == (18, 30)


async def test_old_and_forged_buttons_change_nothing(chat, db, no_errors):
    await chat.say("/start")
    await chat.say("UTC")
    for data in (
        "f:ok::",
        "h:confirm:999:",
        "c:done:12345:",
        "zz:top::",
        "h:view:1:" + "x" * 70,
        "k:val:1:99",
    ):
        await chat.tap(data)
    answers = [c["text"] for c in chat.api.calls("answerCallbackQuery") if c.get("text")]
    assert len(answers) >= 5
    async with db.session() as session:
        assert (await users.get_user(session, 42)).flow == "pick"


async def test_message_before_start_asks_to_start(chat, db, no_errors):
    await chat.say("hello")
    assert "/start" in chat.last()
    async with db.session() as session:
        assert await users.get_user(session, 42) is None


async def test_text_after_cancelled_onboarding_points_back_to_start(chat, db, no_errors):
    await chat.say("/start")
    await chat.say("/cancel")
    await chat.say("hello")
    assert "/start" in chat.last() and "finished" in chat.last()
    async with db.session() as session:
        assert (await users.get_user(session, 42)).flow is None
