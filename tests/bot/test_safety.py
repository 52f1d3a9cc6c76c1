"""The safety net through the real Application: first, alone, fitting the level, every way in."""

import logging

import pytest
from sqlmodel import select
from telegram import Update

from bot.app import build_application, on_startup
from bot.config import Settings
from bot.context import Deps
from bot.safety.detect import _fuzzy
from bot.safety.lexicon import load_lexicon
from models import users
from models.tables import SafetyEvent
from models.types import HabitKind, SafetyEventKind
from tests import factories

HIGH = "I've been saving up my pills"
METHOD_WORDS = ("pill", "saving", "rope", "sertraline", "bridge")


async def _events(db) -> list[SafetyEventKind]:
    async with db.session() as session:
        return [e.kind for e in (await session.exec(select(SafetyEvent))).all()]


async def _state(db) -> tuple:
    async with db.session() as session:
        user = await users.get_user(session, 42)
        return user.flow, user.flow_data, user.flow_step


async def _in_onboarding_zone(chat, db, clock) -> None:
    await chat.say("/start")


async def _in_onboarding_picker(chat, db, clock) -> None:
    await chat.say("/start")
    await chat.say("UTC")


async def _in_phq9(chat, db, clock) -> None:
    await factories.user(db, now=clock())
    await chat.say("/phq9")
    await chat.tap_label("Not at all")


async def _adding_a_habit(chat, db, clock) -> None:
    await factories.user(db, now=clock())
    await chat.say("/habits")
    await chat.tap_label("Add")
    await chat.tap_label("Medication")


async def _in_settings(chat, db, clock) -> None:
    await factories.user(db, now=clock())
    await chat.say("/settings")
    await chat.tap_label("Summary time")


STEPS = [_in_onboarding_zone, _in_onboarding_picker, _in_phq9, _adding_a_habit, _in_settings]


async def _say_as_text(chat, fake_api, text: str) -> None:
    await chat.say(text)


async def _say_as_caption(chat, fake_api, text: str) -> None:
    await chat._feed(fake_api.photo_update(42, caption=text))


async def _say_as_an_edit(chat, fake_api, text: str) -> None:
    await chat._feed(fake_api.edited_message_update(42, 1, text))  # the chat's first message


WAYS = [_say_as_text, _say_as_caption, _say_as_an_edit]


@pytest.mark.parametrize("way", WAYS, ids=lambda f: f.__name__[1:])
@pytest.mark.parametrize("where", STEPS, ids=lambda f: f.__name__[1:])
async def test_crisis_in_any_step_any_way_gets_the_safety_reply_alone(
    chat, fake_api, db, clock, way, where, no_errors
):
    await where(chat, db, clock)
    state = await _state(db)
    sent, edits = len(fake_api.calls("sendMessage")), len(fake_api.calls("editMessageText"))
    await way(chat, fake_api, HIGH)
    [reply] = [c["text"] for c in fake_api.calls("sendMessage")[sent:]]
    assert "If you are in danger now" in reply.split("\n\n")[1]  # the emergency number first
    assert not any(word in reply.lower() for word in METHOD_WORDS)  # nothing echoed back
    assert len(fake_api.calls("editMessageText")) == edits
    assert await _state(db) == state  # the step waits where it was
    assert await _events(db) == [SafetyEventKind.RESOURCES]


async def test_saving_up_pills_mid_onboarding_gets_the_resources_and_nothing_else(
    chat, db, caplog, no_errors
):
    caplog.set_level(logging.DEBUG)
    await chat.say("/start")
    before = len(chat.texts())
    await chat.say(HIGH)
    assert len(chat.texts()) == before + 1
    assert "findahelpline.com" in chat.last() and "emergency" in chat.last()
    await chat.say("Berlin")  # and onboarding carries on where it was
    assert "Europe/Berlin" in chat.texts()[-2]
    async with db.session() as session:
        assert (await users.get_user(session, 42)).flow == "pick"
    assert not any(HIGH in r.getMessage() for r in caplog.records)  # never logged


async def test_a_command_with_crisis_words_runs_no_further(chat, fake_api, no_errors):
    await chat.say("/start I want to kill myself")
    [reply] = [c["text"] for c in fake_api.calls("sendMessage")]
    assert "If you are in danger now" in reply  # no welcome, no zone question after it


@pytest.mark.parametrize(
    ("video", "caption"), [(False, None), (True, None), (False, "for you")], ids=str
)
async def test_a_voice_or_video_note_gets_a_kind_request_to_type_and_the_numbers(
    chat, fake_api, db, clock, video, caption, no_errors
):
    await factories.user(db, now=clock())  # Berlin
    await chat._feed(fake_api.voice_update(42, video_note=video, caption=caption))
    [reply] = chat.texts()
    assert "type it" in reply and "0800 111 0 111" in reply and "112" in reply
    assert "I can only read text" not in reply
    await chat.tap_label("Show me the numbers")
    assert "TelefonSeelsorge" in chat.last()
    assert await _events(db) == [SafetyEventKind.NUMBERS]


async def test_a_voice_note_captioned_with_crisis_words_gets_the_safety_reply(
    chat, fake_api, db, clock, no_errors
):
    await factories.user(db, now=clock())
    await chat._feed(fake_api.voice_update(42, caption="I want to kill myself"))
    [reply] = chat.texts()
    assert "If you are in danger now" in reply
    assert await _events(db) == [SafetyEventKind.RESOURCES]


async def test_a_passive_wish_gets_a_warm_question_with_buttons(chat, fake_api, db, no_errors):
    await chat.say("/start")
    await chat.say("Europe/London")
    await chat.choose()
    await chat.say("nobody would miss me if I was gone")
    question = fake_api.sent_to(42)[-1]
    assert "are you safe right now?" in question["text"]
    labels = [row[0]["text"] for row in question["reply_markup"]["inline_keyboard"]]
    assert labels == [
        "💛 I'm safe for now",
        "I'm not safe",
        "📞 Show me the numbers",
        "📋 My safety plan",
    ]
    await chat.tap_label("I'm safe for now")
    assert "glad" in chat.last()
    await chat.tap_label("Show me the numbers")
    assert "Samaritans" in chat.last() and "<b>999</b>" in chat.last()
    await chat.tap_label("I'm not safe")
    resources, plan = chat.texts()[-2:]
    assert resources.index("999") < resources.index("Samaritans")  # emergency first
    assert "safety plan" in plan
    assert await _events(db) == [
        SafetyEventKind.ASKED,
        SafetyEventKind.SAID_SAFE,
        SafetyEventKind.NUMBERS,
        SafetyEventKind.SAID_NOT_SAFE,
    ]


@pytest.mark.parametrize(
    "text",
    [
        "I bought a rope",
        "I'm thinking of taking all my sertraline at once",
        "I want to jump off a bridge",
        "I wrote goodbye letters to my family",
    ],
)
async def test_high_risk_gets_the_numbers_at_once_and_no_method_echoed(
    chat, db, clock, text, no_errors
):
    await factories.user(db, now=clock(), tz="America/Chicago")
    await chat.say(text)
    [reply] = chat.texts()
    assert (
        reply.split("\n\n")[1] == "If you are in danger now, call emergency services on <b>911</b>."
    )
    assert "988" in reply
    assert not any(word in reply.lower() for word in METHOD_WORDS)


@pytest.mark.parametrize(
    ("language", "tz", "text", "line", "not_line"),
    [
        ("de", "Europe/Vienna", "Ich will mich umbringen", "142", "0800 111 0 111"),
        ("fr", "Europe/Brussels", "je veux me suicider", "0800 32 123", "3114"),
    ],
)
async def test_the_line_follows_the_country_not_the_language(
    chat, fake_api, db, clock, language, tz, text, line, not_line, no_errors
):
    await factories.user(db, now=clock(), tz=tz)
    await chat._feed(fake_api.message_update(42, text, language=language))
    assert line in chat.last() and not_line not in chat.last()


async def test_a_chosen_country_wins_over_the_zone_until_it_follows_the_zone_again(
    chat, db, clock, no_errors
):
    await factories.user(db, now=clock())  # Berlin
    await chat.say("/settings")
    assert "Helplines: Germany (from your time zone)" in chat.last()
    await chat.tap_label("Helpline country")
    await chat.say("Narnia")
    assert "don't know that country" in chat.last()
    await chat.say("Österreich")
    assert "Helplines: Austria" in chat.last()
    await chat.say("I want to kill myself")
    assert "142" in chat.last() and "0800 111 0 111" not in chat.last()
    await chat.say("/settings")
    await chat.tap_label("Helpline country")
    await chat.tap_label("Follow my time zone")
    await chat.say("I want to kill myself")
    assert "0800 111 0 111" in chat.last()


async def test_everyday_phrases_do_not_trigger(chat, db, no_errors):
    await chat.say("/start")
    await chat.say("UTC")
    for text in ("this workout is killing me", "I'd die for pizza", "dead tired"):
        await chat.say(text)
    assert await _events(db) == []


async def test_help_always_shows_resources(chat, no_errors):
    await chat.say("/help")
    assert "emergency" in chat.last().lower()
    assert "not a doctor" in chat.last()
    assert "/safetyplan" in chat.last()


async def test_strangers_in_crisis_get_the_resources_and_nothing_is_stored(
    fake_api, db, clock, no_errors
):
    settings = Settings(
        _env_file=None,
        telegram_bot_token=fake_api.token,
        telegram_api_base_url=fake_api.base_url,
        allowed_user_ids="7",
    )
    app = build_application(Deps(settings=settings, db=db, clock=clock, sleep=clock.sleep))
    async with app:
        await on_startup(app)
        for update in (
            fake_api.message_update(42, "/start"),
            fake_api.message_update(42, "hello"),
            fake_api.message_update(42, "nobody would miss me"),
            fake_api.voice_update(42),
        ):
            await app.process_update(Update.de_json(update, app.bot))
        await app.process_update(Update.de_json(fake_api.message_update(7, "/start"), app.bot))
    refusal, resources, voice = [m["text"] for m in fake_api.sent_to(42)]
    assert "private" in refusal
    assert "If you are in danger now" in resources and "findahelpline.com" in resources
    assert "type it" in voice
    assert not any(m.get("reply_markup") for m in fake_api.sent_to(42))  # buttons would fail
    async with db.session() as session:
        assert await users.get_user(session, 42) is None
        assert await users.get_user(session, 7) is not None


async def test_crisis_message_is_not_read_as_a_checkin(chat, db, clock, no_errors):
    await factories.user(db, now=clock())
    await factories.habit(db, kind=HabitKind.MOOD, times=[(20, 0)], now=clock())
    before = len(chat.texts())
    await chat.say("I keep thinking about killing myself")
    assert len(chat.texts()) == before + 1
    assert "didn't quite catch" not in chat.last()


async def test_start_up_reads_the_crisis_data_before_the_first_message(fake_api, db, clock):
    """Fifteen languages' data take a few hundred ms to read: at start-up, not in a reply."""
    load_lexicon.cache_clear()
    _fuzzy.cache_clear()
    settings = Settings(
        _env_file=None, telegram_bot_token=fake_api.token, telegram_api_base_url=fake_api.base_url
    )
    app = build_application(Deps(settings=settings, db=db, clock=clock, sleep=clock.sleep))
    async with app:
        await on_startup(app)
    assert load_lexicon.cache_info().currsize == 1
    assert _fuzzy.cache_info().currsize == 1
