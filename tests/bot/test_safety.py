"""The safety net answers first, mid-onboarding too, and the conversation carries on."""

import logging

from sqlmodel import select

from bot.app import build_application, on_startup
from bot.config import Settings
from bot.context import Deps
from models import users
from models.tables import SafetyEvent


async def test_crisis_message_mid_onboarding_gets_resources_first(chat, db, caplog, no_errors):
    caplog.set_level(logging.DEBUG)
    await chat.say("/start")
    before = len(chat.texts())
    secret = "I want to die, I can't do this anymore"
    await chat.say(secret)
    crisis_reply = chat.texts()[before]
    assert "emergency" in crisis_reply.lower()
    # Only the resources: the message is not also read as a place name.
    assert len(chat.texts()) == before + 1
    await chat.say("Berlin")  # and onboarding carries on where it was
    assert "Europe/Berlin" in chat.texts()[-2]
    async with db.session() as session:
        events = (await session.exec(select(SafetyEvent))).all()
        assert len(events) == 1
        assert (await users.get_user(session, 42)).flow == "pick"  # onboarding carried on
    assert not any(secret in r.getMessage() for r in caplog.records)


async def test_everyday_phrases_do_not_trigger(chat, db, no_errors):
    await chat.say("/start")
    await chat.say("UTC")
    for text in ("this workout is killing me", "I'd die for pizza"):
        await chat.say(text)
    async with db.session() as session:
        assert (await session.exec(select(SafetyEvent))).all() == []


async def test_help_always_shows_resources(chat, no_errors):
    await chat.say("/help")
    assert "emergency" in chat.last().lower()
    assert "not a doctor" in chat.last()


async def test_allow_list_refuses_once_and_stores_nothing(fake_api, db, clock, no_errors):
    settings = Settings(
        _env_file=None,
        telegram_bot_token=fake_api.token,
        telegram_api_base_url=fake_api.base_url,
        allowed_user_ids="7",
    )
    app = build_application(Deps(settings=settings, db=db, clock=clock, sleep=clock.sleep))
    from telegram import Update

    async with app:
        await on_startup(app)
        for text in ("/start", "hello", "I want to kill myself"):
            await app.process_update(Update.de_json(fake_api.message_update(42, text), app.bot))
        await app.process_update(Update.de_json(fake_api.message_update(7, "/start"), app.bot))
    to_stranger = [m["text"] for m in fake_api.sent_to(42)]
    assert len(to_stranger) == 2 and "private" in to_stranger[0]
    assert "emergency" in to_stranger[1].lower()  # a stranger in crisis still gets resources
    assert len(fake_api.sent_to(7)) >= 2
    async with db.session() as session:
        assert await users.get_user(session, 42) is None
        assert await users.get_user(session, 7) is not None


async def test_crisis_message_is_not_read_as_a_checkin(chat, db, clock, no_errors):
    await chat.say("/start")
    await chat.say("UTC")
    await chat.choose()
    before = len(chat.texts())
    await chat.say("I keep thinking about killing myself")
    assert len(chat.texts()) == before + 1
    assert "didn't quite catch" not in chat.last()
