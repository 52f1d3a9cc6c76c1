"""The caring follow-up through the real dispatcher and sender: once, the next day, gently."""

import logging
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import select

from bot import i18n
from models.safety import follow_up_day
from models.tables import Delivery, SafetyEvent, Schedule
from models.types import DeliveryStatus, Purpose, SafetyEventKind
from tests import factories

BERLIN = ZoneInfo("Europe/Berlin")
FOLLOW_UP = "I was thinking of you since yesterday 💛 How are you today?"
# Thursday 26 Nov 2026, 13:00 in Berlin; the follow-up is due Friday 10:30 there (09:30 UTC).
THURSDAY_NOON = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
FRIDAY_FOLLOW_UP = datetime(2026, 11, 27, 9, 30, tzinfo=UTC)


def _follow_ups(fake_api) -> list[dict]:
    return [c for c in fake_api.calls("sendMessage") if c["text"] == FOLLOW_UP]


async def _care_rows(db) -> list[Schedule]:
    async with db.session() as session:
        found = await session.exec(select(Schedule).where(Schedule.purpose == Purpose.SAFETY_CARE))
        return list(found.all())


async def _tick_at(app, clock, at: datetime) -> None:
    clock.set(at)
    await app.bot_data["deps"].dispatcher.tick()


async def test_the_follow_up_arrives_once_the_next_day(
    app, chat, fake_api, db, clock, caplog, no_errors
):
    caplog.set_level(logging.DEBUG)
    clock.set(THURSDAY_NOON)
    await factories.user(db, now=clock())
    await chat.say("I want to kill myself")
    [row] = await _care_rows(db)
    assert row.next_fire_at == FRIDAY_FOLLOW_UP
    await _tick_at(app, clock, FRIDAY_FOLLOW_UP - timedelta(minutes=1))
    assert _follow_ups(fake_api) == []
    await _tick_at(app, clock, FRIDAY_FOLLOW_UP)
    await _tick_at(app, clock, FRIDAY_FOLLOW_UP + timedelta(hours=3))
    await _tick_at(app, clock, FRIDAY_FOLLOW_UP + timedelta(days=1))
    [message] = _follow_ups(fake_api)
    labels = [r[0]["text"] for r in message["reply_markup"]["inline_keyboard"]]
    assert labels[:3] == ["💛 I'm safe for now", "I'm not safe", "📞 Show me the numbers"]
    async with db.session() as session:
        [sent] = (
            await session.exec(select(Delivery).where(Delivery.purpose == Purpose.SAFETY_CARE))
        ).all()
    assert sent.status is DeliveryStatus.SENT  # counted as a delivery, with no words
    assert not any("kill" in r.getMessage() for r in caplog.records)


async def test_not_safe_on_the_follow_up_brings_the_resources_and_another_tomorrow(
    app, chat, fake_api, db, clock, no_errors
):
    clock.set(THURSDAY_NOON)
    await factories.user(db, now=clock())
    await chat.say("I want to kill myself")
    await _tick_at(app, clock, FRIDAY_FOLLOW_UP)
    await chat.tap_label("I'm not safe")
    assert "0800 111 0 111" in chat.texts()[-2]
    [row] = await _care_rows(db)
    assert row.next_fire_at == FRIDAY_FOLLOW_UP + timedelta(days=1)
    await _tick_at(app, clock, FRIDAY_FOLLOW_UP + timedelta(days=1))
    assert len(_follow_ups(fake_api)) == 2


async def test_many_safety_replies_in_a_day_bring_one_follow_up(
    app, chat, fake_api, db, clock, no_errors
):
    clock.set(THURSDAY_NOON)
    await factories.user(db, now=clock())
    for hours in (0, 3, 8):  # 13:00, 16:00 and 21:00 in Berlin
        clock.set(THURSDAY_NOON + timedelta(hours=hours))
        await chat.say("nobody would miss me if I was gone")
    assert len(await _care_rows(db)) == 1
    for minutes in (0, 1, 60, 600):
        await _tick_at(app, clock, FRIDAY_FOLLOW_UP + timedelta(minutes=minutes))
    assert len(_follow_ups(fake_api)) == 1
    async with db.session() as session:
        events = (await session.exec(select(SafetyEvent))).all()
    assert [e.kind for e in events] == [SafetyEventKind.ASKED] * 3


async def test_the_follow_up_can_be_turned_off_in_settings(
    app, chat, fake_api, db, clock, no_errors
):
    clock.set(THURSDAY_NOON)
    await factories.user(db, now=clock())
    await chat.say("I want to kill myself")  # planned for tomorrow...
    await chat.say("/settings")
    assert "A check-in the day after a hard moment: on" in chat.last()
    await chat.tap_label("Next-day check-in: turn off")  # ...and cancelled
    assert "A check-in the day after a hard moment: off" in chat.last()
    await chat.say("I want to kill myself")  # nothing planned now
    await _tick_at(app, clock, FRIDAY_FOLLOW_UP)
    assert _follow_ups(fake_api) == []
    await chat.say("/settings")
    await chat.tap_label("Next-day check-in: turn on")
    await chat.say("I want to kill myself")
    await _tick_at(app, clock, FRIDAY_FOLLOW_UP + timedelta(days=1))
    assert len(_follow_ups(fake_api)) == 1


async def test_paused_reminders_do_not_pause_the_follow_up(
    app, chat, fake_api, db, clock, no_errors
):
    clock.set(THURSDAY_NOON)
    await factories.user(db, now=clock())
    await chat.say("/settings")
    await chat.tap_label("Pause reminders")
    await chat.tap_label("7 days")
    await chat.say("I want to kill myself")
    await _tick_at(app, clock, FRIDAY_FOLLOW_UP)
    assert len(_follow_ups(fake_api)) == 1


async def test_a_positive_phq9_item_nine_brings_a_follow_up_too(
    app, chat, fake_api, db, clock, no_errors
):
    clock.set(THURSDAY_NOON)
    await factories.user(db, now=clock())
    await chat.say("/phq9")
    for _ in range(8):
        await chat.tap_label("Not at all")
    await chat.tap_label("Several days")
    await _tick_at(app, clock, FRIDAY_FOLLOW_UP)
    assert len(_follow_ups(fake_api)) == 1


GERMAN_PO = r"""
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"

msgid "I was thinking of you since yesterday 💛 How are you today?"
msgstr "Ich habe seit gestern an dich gedacht 💛 Wie geht es dir heute?"

msgid "I'm not safe"
msgstr "Ich bin nicht sicher"
"""


@pytest.fixture
def german(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    folder = tmp_path / "locales" / "de" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "messages.po").write_text(GERMAN_PO, encoding="utf-8")
    monkeypatch.setattr(i18n, "LOCALES", tmp_path / "locales")
    i18n.available.cache_clear()
    yield
    i18n.available.cache_clear()
    i18n._translations.cache_clear()


async def test_the_follow_up_speaks_the_users_language(
    german, app, chat, fake_api, db, clock, no_errors
):
    clock.set(THURSDAY_NOON)
    await factories.user(db, now=clock())
    await chat._feed(fake_api.message_update(42, "Ich will mich umbringen", language="de"))
    await _tick_at(app, clock, FRIDAY_FOLLOW_UP)
    message = fake_api.sent_to(42)[-1]
    assert message["text"] == "Ich habe seit gestern an dich gedacht 💛 Wie geht es dir heute?"
    assert message["reply_markup"]["inline_keyboard"][1][0]["text"] == "Ich bin nicht sicher"


@pytest.mark.parametrize(
    ("local", "day_end", "expected"),
    [
        (
            datetime(2026, 11, 26, 13, 0, tzinfo=BERLIN),
            240,
            date(2026, 11, 27),
        ),  # the afternoon: tomorrow
        (
            datetime(2026, 11, 26, 23, 30, tzinfo=BERLIN),
            240,
            date(2026, 11, 27),
        ),  # late: tomorrow morning
        (
            datetime(2026, 11, 27, 1, 0, tzinfo=BERLIN),
            240,
            date(2026, 11, 27),
        ),  # 1 am is still "yesterday"
        (
            datetime(2026, 11, 27, 9, 0, tzinfo=BERLIN),
            240,
            date(2026, 11, 28),
        ),  # too soon for today's 10:30
        (
            datetime(2026, 11, 27, 10, 45, tzinfo=BERLIN),
            660,
            date(2026, 11, 28),
        ),  # a late day end: not past
        (
            datetime(2026, 3, 28, 15, 0, tzinfo=BERLIN),
            240,
            date(2026, 3, 29),
        ),  # the night clocks go forward
    ],
)
def test_the_follow_up_comes_the_users_next_day_at_a_gentle_hour(local, day_end, expected):
    assert follow_up_day(local.astimezone(UTC), "Europe/Berlin", day_end) == expected
