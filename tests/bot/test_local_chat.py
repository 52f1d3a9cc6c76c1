"""Steady in the terminal chat: the real Application polls the local Bot API, a user types."""

import functools
import io
import re
from pathlib import Path

import pytest
from sqlmodel import select

from bot.app import build_application, on_startup
from bot.config import Settings
from bot.context import Deps
from localchat import files
from localchat.server import LocalBotApi
from localchat.terminal import TerminalChat
from models.tables import Checkin, User
from models.types import HabitKind
from tests import factories

USER = 1  # the terminal chat's user


@pytest.fixture
async def steady(fake_api: LocalBotApi, db, clock, tmp_path: Path):
    """Steady polling the stand-in, wired as `make run` wires it: erasing a user erases files."""
    settings = Settings(
        _env_file=None, telegram_bot_token=fake_api.token, telegram_api_base_url=fake_api.base_url
    )
    erase_files = functools.partial(files.erase_user_files, tmp_path)
    deps = Deps(
        settings=settings, db=db, clock=clock, sleep=clock.sleep, on_user_erased=erase_files
    )
    app = build_application(deps)
    async with app:
        await on_startup(app)
        await app.start()
        await app.updater.start_polling(timeout=1, poll_interval=0)
        yield app
        await app.updater.stop()
        await app.stop()


@pytest.fixture
def term(fake_api: LocalBotApi, tmp_path: Path) -> TerminalChat:
    return TerminalChat(fake_api, io.StringIO(), media_root=tmp_path, width=200, quiet=0.1)


async def type_lines(term: TerminalChat, *lines: str) -> None:
    """Type each line and wait for the bot's answer, as the chat loop does."""
    for line in lines:
        before = term.event_count()
        term.handle_line(line)
        await term.settle(before)


def label(term: TerminalChat, button_text: str) -> str:
    """Return the label shown for the newest button whose text starts with button_text."""
    shown = re.findall(rf"\[(\d+[a-z]+)\] {re.escape(button_text)}", term.out.getvalue())
    assert shown, f"no button {button_text!r} shown"
    return shown[-1]


async def _rows(db, table) -> list:
    async with db.session() as session:
        return list((await session.exec(select(table))).all())


async def test_a_reminder_arriving_mid_phq9_does_not_take_its_answer(
    steady, fake_api: LocalBotApi, term: TerminalChat, db, clock, no_errors
) -> None:
    await factories.user(db, user_id=USER, now=clock())  # Berlin: 13:00 there
    await factories.habit(
        db, user_id=USER, kind=HabitKind.MEDICATION, name="Sertraline", times=[(13, 30)],
        now=clock(),
    )  # fmt: skip
    await type_lines(term, "/phq9")
    question = label(term, "Several days")
    clock.advance(minutes=31)
    await steady.bot_data["deps"].dispatcher.tick()  # the dose reminder arrives, with buttons
    term.render_new()
    assert "Time for Sertraline" in term.out.getvalue() and label(term, "Skipped") != question
    await type_lines(term, question)
    [phq9, reminder] = [m for m in fake_api.sent_to(USER) if m.get("reply_markup")]
    assert phq9["text"].startswith("<b>2 of 9</b>")  # the answer went to the PHQ-9
    assert reminder.get("edited") is None and await _rows(db, Checkin) == []  # no dose skipped
    assert f"(you pressed {question}: Several days)" in term.out.getvalue()


async def test_deletedata_also_removes_the_files_the_chat_saved(
    steady, term: TerminalChat, db, clock, tmp_path: Path, no_errors
) -> None:
    await factories.user(db, user_id=USER, now=clock())
    await type_lines(term, "/export")
    folder = files.user_folder(tmp_path, USER)
    [export] = folder.iterdir()
    assert export.name == "steady-export-2026-11-26.zip"
    await type_lines(term, "/deletedata")
    await type_lines(term, label(term, "No"))
    assert export.exists()
    await type_lines(term, "/deletedata")
    await type_lines(term, label(term, "Yes"))
    assert not folder.exists() and await _rows(db, User) == []
