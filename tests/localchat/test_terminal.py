"""The terminal chat, against a small echo bot (a real Application) polling the local Bot API."""

import html
import io
from pathlib import Path

import pytest
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ParseMode
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    Defaults,
    MessageHandler,
    filters,
)

from localchat import terminal
from localchat.server import LocalBotApi

PNG = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01" + bytes(20)
CHOICES = InlineKeyboardMarkup(
    [
        [InlineKeyboardButton("Taken", callback_data="taken")],
        [InlineKeyboardButton("Skipped", callback_data="skipped")],
    ]
)


async def echo_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Echo the text in bold, with two buttons."""
    said = html.escape(update.message.text)
    await update.message.reply_text(f"You said <b>{said}</b> &amp; I heard", reply_markup=CHOICES)


async def echo_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Answer a press and show the choice in place of the buttons."""
    await update.callback_query.answer()
    await update.callback_query.edit_message_text(f"Noted: {update.callback_query.data}")


async def echo_location(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Say where the user is."""
    where = update.message.location
    await update.message.reply_text(f"You are at {where.latitude}, {where.longitude}")


async def chart_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Send a tiny chart."""
    await update.message.reply_photo(PNG, caption="Your week", filename="week.png")


@pytest.fixture
async def echo_bot(fake_api: LocalBotApi):
    app: Application = (
        ApplicationBuilder()
        .token(fake_api.token)
        .base_url(fake_api.base_url)
        .defaults(Defaults(parse_mode=ParseMode.HTML))
        .build()
    )
    app.add_handler(CommandHandler("chart", chart_command))
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, echo_text))
    app.add_handler(MessageHandler(filters.LOCATION, echo_location))
    app.add_handler(CallbackQueryHandler(echo_button))
    async with app:
        await app.start()
        await app.updater.start_polling(timeout=1)
        yield app
        await app.updater.stop()
        await app.stop()


def terminal_chat(api: LocalBotApi, tmp_path: Path) -> tuple[terminal.TerminalChat, io.StringIO]:
    out = io.StringIO()
    return terminal.TerminalChat(api, out, media_dir=tmp_path, quiet=0.05), out


def test_render_strips_html_and_numbers_buttons(fake_api: LocalBotApi, tmp_path: Path) -> None:
    term, _ = terminal_chat(fake_api, tmp_path)
    event = {"method": "sendMessage", "text": "<b>Dose</b> &amp; water\nnow", "parse_mode": "HTML"}
    event["reply_markup"] = CHOICES.to_dict()
    assert term.render(event) == "Steady: Dose & water\n        now\n        [1] Taken  [2] Skipped"


def test_number_without_buttons_is_sent_as_text(fake_api: LocalBotApi, tmp_path: Path) -> None:
    term, _ = terminal_chat(fake_api, tmp_path)
    assert term.handle_line("7\n") is True
    assert term.handle_line("quit\n") is False
    assert [u["message"]["text"] for u in fake_api.state.updates] == ["7"]


async def test_typed_line_is_answered_and_a_number_presses_its_button(
    fake_api: LocalBotApi, echo_bot: Application, tmp_path: Path
) -> None:
    term, out = terminal_chat(fake_api, tmp_path)
    for line in ("hello <you>", "2"):
        before = term.event_count()
        term.handle_line(line)
        await term.settle(before)
    assert out.getvalue().splitlines() == [
        "Steady: You said hello <you> & I heard",
        "        [1] Taken  [2] Skipped",
        "(you pressed: Skipped)",
        "Steady: (edited) Noted: skipped",
    ]
    assert fake_api.calls("answerCallbackQuery")


async def test_chat_runs_a_whole_session_from_a_stream(
    fake_api: LocalBotApi, echo_bot: Application, tmp_path: Path
) -> None:
    stdin = io.StringIO("/chart\nloc 52.5 13.4\nloc nowhere\n1\nquit\nnever read\n")
    stdout = io.StringIO()
    await terminal.chat(
        fake_api, stdin=stdin, stdout=stdout, media_dir=tmp_path, quiet=0.05, reply_wait=2
    )
    text = stdout.getvalue()
    saved = tmp_path / "chat1-2.png"
    assert text.startswith(terminal.BANNER)
    assert f"Steady: [photo: saved to {saved}]\n        Your week" in text
    assert saved.read_bytes() == PNG
    assert "Steady: You are at 52.5, 13.4" in text
    assert "(to share a location, type: loc LAT LON" in text
    assert "Steady: You said 1 & I heard" in text  # no buttons yet, so "1" is text
    assert "never read" not in text
