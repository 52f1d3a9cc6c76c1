"""The terminal chat, against a small echo bot (a real Application) polling the local Bot API."""

import asyncio
import html
import io
import os
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

from localchat import files, render, terminal
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
    """Answer a press with a pop-up and show the choice in place of the buttons."""
    query = update.callback_query
    await query.answer(f"Saved: {query.data}", show_alert=query.data == "alert")
    await query.edit_message_text(f"Noted: {query.data} on {query.message.text[:12]}")


async def echo_location(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Say where the user is."""
    where = update.message.location
    await update.message.reply_text(f"You are at {where.latitude}, {where.longitude}")


async def chart_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Send a tiny chart and a document."""
    await update.message.reply_photo(PNG, caption="Your week", filename="week.png")
    await update.message.reply_document(b"a,b\n", filename="../../export.csv")


async def alert_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Offer a button whose answer is an alert."""
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Ring", callback_data="alert")]])
    await update.message.reply_text("Press for an alert", reply_markup=keyboard)


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
    app.add_handler(CommandHandler("alert", alert_command))
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, echo_text))
    app.add_handler(MessageHandler(filters.LOCATION, echo_location))
    app.add_handler(CallbackQueryHandler(echo_button))
    async with app:
        await app.start()
        await app.updater.start_polling(timeout=1)
        yield app
        await app.updater.stop()
        await app.stop()


def terminal_chat(api: LocalBotApi, tmp_path: Path, width: int | None = 80):
    out = io.StringIO()
    term = terminal.TerminalChat(api, out, media_root=tmp_path, width=width, quiet=0.05)
    return term, out


async def type_lines(term: terminal.TerminalChat, *lines: str) -> None:
    """Type each line and wait for the bot's answer, as the chat loop does."""
    for line in lines:
        before = term.event_count()
        term.handle_line(line)
        await term.settle(before)


def test_render_wraps_at_the_width_and_labels_buttons_with_their_message() -> None:
    event = {"method": "sendMessage", "parse_mode": "HTML", "message_id": 7}
    event["text"] = "<b>Dose</b> &amp; water: a glass with your morning tablet\nnow"
    event["reply_markup"] = CHOICES.to_dict()
    assert terminal.render(event, number=3, media=None, width=40).splitlines() == [
        "Steady (3): Dose & water: a glass with",
        "        your morning tablet",
        "        now",
        "        [3a] Taken  [3b] Skipped",
    ]


def test_wide_characters_count_as_two_columns() -> None:
    habits = ["💊 Medication", "😴 Sleep", "🚶 Exercise", "🧘 Stress relief", "🙂 Mood check"]
    keyboard = [[{"text": text, "callback_data": str(i)}] for i, text in enumerate(habits)]
    event = {
        "method": "sendMessage",
        "text": "Which?",
        "reply_markup": {"inline_keyboard": keyboard},
    }
    lines = terminal.render(event, number=1, media=None, width=46).splitlines()
    assert lines[1:] == [  # by len() "[1c] ... [1d] ..." would fit 46 columns; on screen, 47
        "        [1a] 💊 Medication  [1b] 😴 Sleep",
        "        [1c] 🚶 Exercise",
        "        [1d] 🧘 Stress relief",
        "        [1e] 🙂 Mood check",
    ]
    assert max(render.cells(line) for line in lines) <= 46


def test_width_follows_the_terminal(fake_api: LocalBotApi, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "44")
    term, out = terminal_chat(fake_api, tmp_path, width=None)
    term.note(terminal.USAGE.format(folder="data/localchat/1/"))
    lines = out.getvalue().splitlines()
    assert max(len(line) for line in lines) <= 44 and len(lines) > 5


def test_number_or_unknown_label_is_sent_as_text(fake_api: LocalBotApi, tmp_path: Path) -> None:
    term, _ = terminal_chat(fake_api, tmp_path)
    assert term.handle_line("7\n") is True
    assert term.handle_line("7h\n") is True  # no message 7 with buttons: hours slept, say
    assert term.handle_line("quit\n") is False
    assert [u["message"]["text"] for u in fake_api.state.updates] == ["7", "7h"]


async def test_a_label_presses_its_own_message_even_after_newer_buttons(
    fake_api: LocalBotApi, echo_bot: Application, tmp_path: Path
) -> None:
    term, out = terminal_chat(fake_api, tmp_path)
    await type_lines(term, "hello <you>", "second", "1b", "2c")
    assert out.getvalue().splitlines() == [
        "Steady (1): You said hello <you> & I heard",
        "        [1a] Taken  [1b] Skipped",
        "(type a button's label, such as 1a, to press it)",
        "Steady (2): You said second & I heard",
        "        [2a] Taken  [2b] Skipped",
        "(you pressed 1b: Skipped)",
        "Steady (pop-up): Saved: skipped",
        "Steady (1, edited): Noted: skipped on You said hel",
        "Steady (3): You said 2c & I heard",  # message 2 has no button c: "2c" is text
        "        [3a] Taken  [3b] Skipped",
    ]
    edits = [e["message_id"] for e in fake_api.transcript(1) if e["method"].startswith("edit")]
    assert edits == [2]  # the bot's first message (the user's "hello" was message 1)


async def test_an_alert_and_a_press_on_removed_buttons(
    fake_api: LocalBotApi, echo_bot: Application, tmp_path: Path
) -> None:
    term, out = terminal_chat(fake_api, tmp_path)
    await type_lines(term, "/alert", "1a", "1a")
    lines = out.getvalue().splitlines()
    assert lines[3:5] == ["(you pressed 1a: Ring)", "Steady (alert): Saved: alert"]
    assert lines[-2:] == ["Steady (2): You said 1a & I heard", "        [2a] Taken  [2b] Skipped"]


async def test_files_keep_their_names_and_an_earlier_file_is_never_overwritten(
    fake_api: LocalBotApi, echo_bot: Application, tmp_path: Path
) -> None:
    folder = files.user_folder(tmp_path, 1)
    folder.mkdir(parents=True)
    (folder / "week.png").write_bytes(b"from an earlier run")
    term, out = terminal_chat(fake_api, tmp_path, width=300)
    await type_lines(term, "/chart", "/chart")
    assert (folder / "week.png").read_bytes() == b"from an earlier run"
    assert (folder / "week-1.png").read_bytes() == (folder / "week-2.png").read_bytes() == PNG
    assert sorted(p.name for p in folder.iterdir()) == [
        "export-1.csv",  # the bot's "../../export.csv" stays inside the folder
        "export.csv",
        "week-1.png",
        "week-2.png",
        "week.png",
    ]
    assert f"Steady: [photo saved to {folder / 'week-1.png'}]\n        Your week" in out.getvalue()


def test_saved_files_are_readable_by_their_owner_only(tmp_path: Path) -> None:
    saved = files.save_file(files.user_folder(tmp_path, 1), "steady-export.zip", b"PK")
    assert (saved.parent.stat().st_mode & 0o777, saved.stat().st_mode & 0o777) == (0o700, 0o600)


def test_erasing_a_user_removes_only_their_files(tmp_path: Path) -> None:
    for user_id in (1, 2):
        files.save_file(files.user_folder(tmp_path, user_id), "report.pdf", b"%PDF")
    files.erase_user_files(tmp_path, 1)
    files.erase_user_files(tmp_path, 3)  # nothing saved: nothing to do
    assert [p.name for p in tmp_path.iterdir()] == ["2"]


async def test_chat_runs_a_whole_session_from_a_pipe_until_end_of_input(
    fake_api: LocalBotApi, echo_bot: Application, tmp_path: Path
) -> None:
    read_end, write_end = os.pipe()
    with os.fdopen(write_end, "w") as typed:
        typed.write("/chart\nloc 52.5 13.4\nloc nowhere\n1\n")  # then Ctrl-D: end of input
    stdout = io.StringIO()
    with os.fdopen(read_end) as stdin:
        await asyncio.wait_for(
            terminal.chat(
                fake_api, stdin=stdin, stdout=stdout, media_root=tmp_path, quiet=0.05, width=80
            ),
            10,
        )
    text = stdout.getvalue()
    assert text.startswith(terminal.BANNER)
    assert "Steady: You are at 52.5, 13.4" in text
    assert "(to share a location, type: loc LAT LON" in text
    assert "Steady (1): You said 1 & I heard" in text  # no buttons yet, so "1" is text
    assert text.endswith("(chat closed)\n")
