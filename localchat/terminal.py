"""Try the bot without Telegram: chat with it in a terminal through the local Bot API."""

from __future__ import annotations

import asyncio
import contextlib
import shutil
import signal
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from localchat.files import DEFAULT_ROOT, save_file, user_folder
from localchat.render import Press, button_label, buttons, parse_press, render, wrap
from localchat.server import LocalBotApi
from localchat.state import JSON

BANNER = "Steady — local chat (no Telegram: a stand-in for it runs on 127.0.0.1)"
USAGE = (
    "Type a message and press Enter; /start begins. Buttons are labelled with their message's "
    "number: type 3b to press button b of message 3. 'loc 52.52 13.40' shares a location. "
    "Files the bot sends are saved in {folder}. 'quit', Ctrl-D or Ctrl-C leaves."
)


class TerminalChat:
    """One user's side of a private chat: lines in as updates, the bot's messages out as text."""

    def __init__(
        self,
        api: LocalBotApi,
        out: TextIO,
        *,
        user_id: int = 1,
        first_name: str = "Sam",
        media_root: Path = DEFAULT_ROOT,
        width: int | None = None,
        reply_wait: float = 3.0,
        quiet: float = 0.3,
    ) -> None:
        self.api, self.out, self.user_id, self.first_name = api, out, user_id, first_name
        self.folder = user_folder(media_root, user_id)
        self.width, self.reply_wait, self.quiet = width, reply_wait, quiet
        self.seen = 0
        self.awaiting_reply = False
        self.numbers: dict[int, int] = {}  # message_id -> the number shown with its buttons

    def columns(self) -> int:
        """Return the width to wrap at: as given, else the terminal's now (it may be resized)."""
        return self.width or shutil.get_terminal_size().columns

    def write(self, text: str) -> None:
        """Print text and flush, since the bot's replies arrive between reads."""
        self.out.write(text + "\n")
        self.out.flush()

    def note(self, text: str) -> None:
        """Print a remark of the chat itself (not the bot's), wrapped."""
        self.write("\n".join(wrap("", [text], self.columns(), indent="")))

    def handle_line(self, line: str) -> bool:
        """Turn a typed line into an update; return False when the user wants to leave."""
        text = line.strip()
        if text.lower() in {"quit", "exit"}:
            return False
        press = parse_press(text)
        if not text or (press is not None and self._press(press)):
            return True
        if text.lower().startswith("loc ") or text.lower() == "loc":
            self._share_location(text.split()[1:])
            return True
        self._push(self.api.message_update(self.user_id, text, first_name=self.first_name))
        return True

    def _push(self, update: JSON) -> None:
        """Send an update to the bot and expect an answer."""
        self.api.push_update(update)
        self.awaiting_reply = True

    def _press(self, press: Press) -> bool:
        """Press a button named by its label; False when no such button is showing."""
        message = self._numbered_message(press.number)
        keys = buttons(message) if message else []
        if message is None or press.index >= len(keys):
            return False  # then "7h" is just text, such as hours slept
        key, label = keys[press.index], button_label(press.number, press.index)
        if "callback_data" not in key:
            self.note(f"({label} opens {key.get('url', 'something only Telegram shows')})")
            return True
        self.note(f"(you pressed {label}: {key['text']})")
        update = self.api.callback_update(
            self.user_id,
            key["callback_data"],
            message_id=message["message_id"],
            first_name=self.first_name,
        )
        self._push(update)
        return True

    def _numbered_message(self, number: int) -> JSON | None:
        """Return the message shown with this number, as it stands now, unless deleted."""
        ids = [message_id for message_id, shown in self.numbers.items() if shown == number]
        current = {m["message_id"]: m for m in self.api.sent_to(self.user_id)}
        message = current.get(ids[0]) if ids else None
        return None if message is None or message.get("deleted") else message

    def _share_location(self, args: list[str]) -> None:
        """Share a location given as 'loc LAT LON'."""
        try:
            lat, lon = (float(arg) for arg in args)
        except ValueError:
            self.note("(to share a location, type: loc LAT LON — for example loc 52.52 13.40)")
            return
        self._push(self.api.location_update(self.user_id, lat, lon, first_name=self.first_name))

    def event_count(self) -> int:
        """Return how many sends, edits and pop-ups the chat has seen."""
        return len(self.api.transcript(self.user_id))

    def render_new(self) -> None:
        """Print every send, edit or pop-up not printed yet."""
        events = self.api.transcript(self.user_id)
        for event in events[self.seen :]:
            first_buttons = not self.numbers
            number = self._number(event)
            media = self._save_media(event)
            self.write(render(event, number=number, media=media, width=self.columns()))
            if first_buttons and number is not None:
                self.note(
                    f"(type a button's label, such as {button_label(number, 0)}, to press it)"
                )
        self.seen = len(events)

    def _number(self, event: JSON) -> int | None:
        """Return the number of the message an event shows, giving one to new buttons."""
        if event["method"] == "answerCallbackQuery":
            return None
        if buttons(event):
            self.numbers.setdefault(event["message_id"], len(self.numbers) + 1)
        return self.numbers.get(event["message_id"])

    def _save_media(self, event: JSON) -> str | None:
        """Save an uploaded photo or document under the name the bot gave it; say where."""
        if event["method"] not in {"sendPhoto", "sendDocument"}:
            return None
        kind = "photo" if event["method"] == "sendPhoto" else "document"
        data = event.get("_files", {}).get(kind)
        if data is None:
            return f"[{kind}]"
        name = (event.get(kind) or {}).get("filename") or ""
        fallback = f"{kind}-{event['message_id']}{'.png' if kind == 'photo' else ''}"
        path = save_file(self.folder, name, data, fallback=fallback)
        return f"[{kind} saved to {path}]"

    async def settle(self, before: int) -> None:
        """Wait for the bot's reply to the last line, so the next line sees its buttons."""
        count, wait = before, self.reply_wait
        while self.awaiting_reply:
            try:
                count = await self.api.wait_for_async(_more_than(self, count), wait)
            except TimeoutError:
                break
            wait = self.quiet  # a reply may come as several messages
        self.awaiting_reply = False
        self.render_new()

    async def follow(self) -> None:
        """Print the bot's messages as they arrive, such as reminders between lines."""
        while True:
            with contextlib.suppress(TimeoutError):
                await self.api.wait_for_async(_more_than(self, self.seen), 3600)
            self.render_new()

    async def converse(self, lines: asyncio.Queue[str | None]) -> None:
        """Take typed lines until 'quit' or end of input, showing the bot's messages meanwhile."""
        follower = asyncio.create_task(self.follow())
        try:
            while (line := await lines.get()) is not None:
                before = self.event_count()
                if not self.handle_line(line):
                    break
                await self.settle(before)
        finally:
            follower.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await follower
            self.render_new()


def _more_than(chat: TerminalChat, count: int) -> Any:
    """Return a predicate giving the event count once it exceeds count."""
    return lambda: (n := chat.event_count()) > count and n


def _read_lines(stream: TextIO) -> asyncio.Queue[str | None]:
    """Feed lines from a blocking stream into a queue from a daemon thread; None marks EOF."""
    loop, queue = asyncio.get_running_loop(), asyncio.Queue[str | None]()

    def pump() -> None:
        # The loop may close while this thread still waits on a terminal; then just stop.
        with contextlib.suppress(RuntimeError):
            for line in iter(stream.readline, ""):
                loop.call_soon_threadsafe(queue.put_nowait, line)
            loop.call_soon_threadsafe(queue.put_nowait, None)

    threading.Thread(target=pump, name="terminal-stdin", daemon=True).start()
    return queue


def _cancel_on_interrupt(task: asyncio.Task[None]) -> Callable[[], None]:
    """Let Ctrl-C cancel task rather than raise KeyboardInterrupt; return what undoes it."""
    loop, previous = asyncio.get_running_loop(), signal.getsignal(signal.SIGINT)
    try:
        loop.add_signal_handler(signal.SIGINT, task.cancel)
    except (NotImplementedError, RuntimeError, ValueError):  # not Unix, or not the main thread
        return lambda: None

    def undo() -> None:
        loop.remove_signal_handler(signal.SIGINT)
        signal.signal(signal.SIGINT, previous)

    return undo


async def chat(
    api: LocalBotApi,
    *,
    user_id: int = 1,
    stdin: TextIO = sys.stdin,
    stdout: TextIO = sys.stdout,
    media_root: Path = DEFAULT_ROOT,
    **options: Any,
) -> None:
    """Run a terminal chat with the bot polling api, until 'quit', Ctrl-D or Ctrl-C."""
    term = TerminalChat(api, stdout, user_id=user_id, media_root=media_root, **options)
    term.write(BANNER)
    term.note(USAGE.format(folder=f"{term.folder}/"))
    term.write("")
    session = asyncio.create_task(term.converse(_read_lines(stdin)))
    undo = _cancel_on_interrupt(session)
    try:
        await asyncio.wait({session})
    finally:
        undo()
        session.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await session
    # After Ctrl-C the terminal shows "^C" with no line end.
    term.write("\n(chat closed)" if session.cancelled() else "(chat closed)")
