"""Conversations are typed and step-numbered: old buttons and leftover steps change nothing."""

from sqlalchemy import update
from sqlmodel import select

from bot.callback_data import OPS, Area, Button, button, parse
from models import habits, users
from models.tables import Checkin, User
from models.types import HabitKind
from tests import factories

STALE = "That was for an earlier step — nothing changed."


def _toasts(fake_api) -> list[str]:
    return [c.get("text") for c in fake_api.calls("answerCallbackQuery")]


async def _habits(db) -> list:
    async with db.session() as session:
        return await habits.list_habits(session, user_id=42)


async def test_second_tap_on_sounds_good_does_not_accept_the_next_step(
    chat, fake_api, db, no_errors
):
    await chat.say("/start")
    await chat.say("UTC")
    await chat.choose("Sleep", "Exercise")
    sleep_question = next(m for m in chat.api.sent_to(42) if "wind-down" in (m.get("text") or ""))
    await chat.tap_label("Sounds good")  # sleep: accepted
    assert "a reminder at 17:00" in chat.last()  # exercise's question, not yet answered
    [ok] = [
        b for b in sleep_question["reply_markup"]["inline_keyboard"][0] if "Sounds" in b["text"]
    ]
    await chat.tap(ok["callback_data"], sleep_question["message_id"])  # the same button again
    assert _toasts(fake_api)[-1] == STALE
    assert [h.kind for h, _ in await _habits(db)] == [HabitKind.SLEEP]
    await chat.tap_label("Sounds good")  # exercise's own button still works
    assert [h.kind for h, _ in await _habits(db)] == [HabitKind.SLEEP, HabitKind.EXERCISE]


async def test_a_tap_on_done_twice_starts_adding_once(chat, fake_api, db, no_errors):
    await chat.say("/start")
    await chat.say("UTC")
    picker = chat.api.sent_to(42)[-1]
    done = picker["reply_markup"]["inline_keyboard"][-1][0]["callback_data"]
    await chat.choose("Mood")
    await chat.tap(done, picker["message_id"])  # the picker's Done again, after it moved on
    assert _toasts(fake_api)[-1] == STALE
    assert sum("a reminder at 20:00" in text for text in chat.texts()) == 1


async def test_each_area_has_its_own_prefix_and_ops():
    prefixes = [area.value for area in Area]
    assert len(set(prefixes)) == len(prefixes)
    for area, ops in OPS.items():
        for op in ops:
            assert parse(button(area, op, 12, "x")) == Button(area, op, 12, "x")
    # An op of one area under another area's prefix is refused, never misrouted.
    assert parse("s:yes::") is None and parse("x:yes::") == Button(Area.ERASE, "yes")
    for tampered in (
        "c:done:²:",
        "c:done:１２:",
        "f:ok:-1:",
        "z:ok::",
        "c:done:1:<b>",
        "c:done::::",
    ):
        assert parse(tampered) is None


async def test_a_tampered_button_gets_a_notice_and_no_error(chat, fake_api, clock, db, no_errors):
    await factories.user(db, now=clock())
    for data in ("c:done:²:", "f:ok:99999:", "h:view:1:", "s:setday::9", "r:weeks::5", "x:maybe::"):
        await chat.tap(data)
    assert len(_toasts(fake_api)) == 6 and all(_toasts(fake_api))


async def test_a_command_ends_the_open_step(chat, db, clock, no_errors):
    await factories.user(db, now=clock())
    await chat.say("/habits")
    await chat.tap_label("Add")
    await chat.tap_label("Medication")
    await chat.say("/help")
    await chat.say("mood 4")
    assert "Mood 4/10" in chat.last()
    assert await _habits(db) == []  # "mood 4" did not become a medicine


async def test_a_name_step_says_what_it_waits_for(chat, db, clock, no_errors):
    await factories.user(db, now=clock())
    await chat.say("/habits")
    await chat.tap_label("Add")
    await chat.tap_label("Medication")
    await chat.say("mood 4")
    assert "waiting for the medicine's name" in chat.last()
    await chat.say("Lithium")
    assert "<b>Lithium</b>" in chat.last()
    async with db.session() as session:
        assert (await session.exec(select(Checkin))).all() == []


async def test_a_stored_step_that_does_not_validate_is_dropped(chat, db, clock, no_errors):
    await factories.user(db, now=clock())
    async with db.session() as session:
        await session.exec(
            update(User).where(User.id == 42).values(flow="add", flow_data={"kind": "rocket"})
        )
    await chat.say("slept 7h")  # read as a check-in: the broken step is gone
    assert "Sleep: 7 h" in chat.last()
    async with db.session() as session:
        assert (await users.get_user(session, 42)).flow is None


async def test_steps_stored_by_the_previous_release_carry_on(chat, db, clock, no_errors):
    await factories.user(db, now=clock())
    old = {
        "queue": ["exercise"],
        "onboarding": False,
        "kind": "medication",
        "draft": {},
        "step": "name",
    }
    async with db.session() as session:
        await session.exec(update(User).where(User.id == 42).values(flow="add", flow_data=old))
    await chat.say("Sertraline")
    await chat.tap_label("08:00 and 20:00")
    await chat.tap_label("Sounds good")
    assert [(h.kind, h.name) for h, _ in await _habits(db)] == [
        (HabitKind.MEDICATION, "Sertraline"),
        (HabitKind.EXERCISE, ""),
    ]
