"""Hostile input through the real Application, on SQLite and on PostgreSQL: the user is never
stuck, what is stored is storable, and no log record at INFO or above carries their words."""

import logging
from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import select
from telegram import Update
from telegram.ext import MessageHandler, filters

from bot.app import build_application, on_startup
from bot.config import Settings
from bot.context import Deps
from models import habits, users
from models.tables import SafetyPlan
from models.types import HabitKind
from tests import factories
from tests.bot.conftest import Chat

# Distinctive words that would show if a log carried what the user typed.
WORDS = "Quetiazorb"
NAME_WITH_NUL = "Quetia\x00zorb"
HOUR = timedelta(hours=1)


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request):
    return request.getfixturevalue("db" if request.param == "sqlite" else "pg_db")


@pytest.fixture
async def app(fake_api, database, clock):
    """The real Application on the chosen database (this module's `chat` talks to it)."""
    settings = Settings(
        _env_file=None, telegram_bot_token=fake_api.token, telegram_api_base_url=fake_api.base_url
    )
    deps = Deps(settings=settings, db=database, clock=clock, sleep=clock.sleep)
    application = build_application(deps)
    async with application:
        await on_startup(application)
        yield application


@pytest.fixture
def logs(caplog):
    caplog.set_level(logging.INFO)
    return caplog


def assert_logs_never_show(logs, *fragments: str) -> None:
    """Check every record at INFO or above as a handler would write it, traceback included."""
    for record in logs.records:
        if record.levelno < logging.INFO:
            continue
        written = logs.handler.format(record)
        for fragment in fragments:
            assert fragment.lower() not in written.lower(), f"{record.name}: {written}"


async def _to_medicine_name(chat: Chat) -> None:
    await chat.say("/start")
    await chat.say("UTC")
    await chat.choose("Medication")
    assert "What's the medicine called?" in chat.last()


async def test_a_medicine_name_with_nul_is_stored_clean_and_the_step_goes_on(
    chat, database, logs, no_errors
):
    await _to_medicine_name(chat)
    await chat.say(NAME_WITH_NUL)
    await chat.tap_label("08:00 and 20:00")
    async with database.session() as session:
        [(habit, schedules)] = await habits.list_habits(session, user_id=42)
    assert (habit.name, len(schedules)) == (WORDS, 2)
    assert_logs_never_show(logs, "Quetia", "zorb")


async def test_a_first_name_with_nul_and_a_lone_surrogate_is_stored_clean(
    chat, fake_api, database, logs, no_errors
):
    update = fake_api.message_update(42, "/start", first_name="An\x00na\ud83d Quetiazorb")
    await chat._feed(update)
    assert any("not a doctor or a crisis service" in text for text in chat.texts())
    async with database.session() as session:
        assert (await users.get_user(session, 42)).first_name == "Anna Quetiazorb"
    assert_logs_never_show(logs, "Quetiazorb")


async def test_huge_texts_get_a_kind_reply_and_are_not_logged(chat, logs, no_errors):
    huge = f"{WORDS} " * 20_000  # about 220 KB, far beyond Telegram's 4,096 characters
    await _to_medicine_name(chat)
    await chat.say(huge)  # as a medicine's name
    assert "a lot of text" in chat.last()
    await chat.say("Sertraline")
    await chat.tap_label("08:00 and 20:00")
    await chat.say(huge)  # and once set up, as a check-in
    assert_logs_never_show(logs, WORDS)


async def test_an_unparsable_update_is_logged_without_its_content(app, fake_api, logs):
    fake_api.push_update({"update_id": 7, "message": {"text": f"I took {WORDS}", "chat": "x"}})
    with pytest.raises(Exception):  # noqa: B017 - python-telegram-bot's own parse error
        await app.bot.get_updates(timeout=0)
    assert any(r.levelno == logging.CRITICAL for r in logs.records)  # it is reported...
    assert_logs_never_show(logs, WORDS)  # ...without what the user wrote


async def test_an_error_that_quotes_the_user_is_logged_without_the_quote(chat, app, logs):
    async def fails_quoting_the_text(update: Update, _context) -> None:
        raise ValueError(f"could not handle {update.message.text!r}")

    app.add_handler(MessageHandler(filters.Regex("^boom"), fails_quoting_the_text), group=-5)
    await chat.say(f"boom {WORDS}")
    [error] = [r for r in logs.records if r.levelno >= logging.ERROR]
    assert "ValueError" in logs.handler.format(error)  # the type and where it happened stay
    assert any("went wrong" in text for text in chat.texts())  # and the user hears an apology
    assert_logs_never_show(logs, WORDS)


async def test_a_refusal_that_quotes_the_message_is_logged_without_the_quote(
    app, fake_api, database, clock, logs
):
    clock.set(datetime(2026, 11, 26, 12, 0, tzinfo=UTC))
    await factories.user(database, user_id=42, tz="UTC", now=clock())
    await factories.habit(
        database, kind=HabitKind.MEDICATION, name=WORDS, times=[(12, 0)], now=clock() - HOUR
    )
    # Telegram's descriptions quote the text they refuse, and the reminder names the medicine.
    refusal = (
        f'Bad Request: can\'t parse entities: unsupported start tag "{WORDS}" at byte offset 9'
    )
    fake_api.fail_next("sendMessage", status=400, description=refusal)
    await app.bot_data["deps"].dispatcher.tick()
    assert any("can't parse entities" in r.getMessage().lower() for r in logs.records)
    assert_logs_never_show(logs, WORDS)


async def test_a_safety_plan_step_with_nul_is_stored_clean(chat, database, clock, logs, no_errors):
    await factories.user(database, now=clock())
    await chat.say("/safetyplan")
    await chat.say(f"Not sleeping, {NAME_WITH_NUL}")
    assert "Step 2 of 6" in chat.last()
    async with database.session() as session:
        plan = (await session.exec(select(SafetyPlan))).one()
    assert plan.warning_signs == f"Not sleeping, {WORDS}"
    assert_logs_never_show(logs, "Quetia", "zorb")
