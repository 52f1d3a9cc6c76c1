"""Try Steady without Telegram: chat with the bot in a terminal through the local Bot API."""

from __future__ import annotations

import asyncio
import contextlib
import sys
import threading
from pathlib import Path
from typing import Any, TextIO

from localchat.parse_mode import plain_text
from localchat.server import LocalBotApi
from localchat.state import JSON

BANNER = "Steady — local chat (no Telegram; talking to a local stand-in on 127.0.0.1)"
USAGE = (
    "Type a message and press Enter (/start to begin). A number presses that button of the\n"
    "latest message with buttons; 'loc LAT LON' shares a location; 'quit' or Ctrl-D leaves."
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
        media_dir: Path = Path("data/terminal"),
        reply_wait: float = 3.0,
        quiet: float = 0.3,
    ) -> None:
        self.api, self.out, self.user_id, self.first_name = api, out, user_id, first_name
        self.media_dir, self.reply_wait, self.quiet = media_dir, reply_wait, quiet
        self.seen = 0
        self.awaiting_reply = False

    def write(self, text: str) -> None:
        """Print text and flush, since the bot's replies arrive between reads."""
        self.out.write(text + "\n")
        self.out.flush()

    def handle_line(self, line: str) -> bool:
        """Turn a typed line into an update; return False when the user wants to leave."""
        text = line.strip()
        if text.lower() in {"quit", "exit"}:
            return False
        if not text:
            return True
        if text.isdigit() and self._press(int(text)):
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

    def _press(self, number: int) -> bool:
        """Press button number of the latest message with buttons; False when there is none."""
        keyed = [m for m in self.api.sent_to(self.user_id) if _buttons(m) and not m.get("deleted")]
        buttons = _buttons(keyed[-1]) if keyed else []
        if not 1 <= number <= len(buttons):
            return False
        button = buttons[number - 1]
        if "callback_data" not in button:
            self.write(f"(that button opens {button.get('url', 'something Telegram would show')})")
            return True
        self.write(f"(you pressed: {button['text']})")
        press = self.api.callback_update(
            self.user_id,
            button["callback_data"],
            message_id=keyed[-1]["message_id"],
            first_name=self.first_name,
        )
        self._push(press)
        return True

    def _share_location(self, args: list[str]) -> None:
        """Share a location given as 'loc LAT LON'."""
        try:
            lat, lon = (float(arg) for arg in args)
        except ValueError:
            self.write("(to share a location, type: loc LAT LON — for example loc 52.52 13.40)")
            return
        self._push(self.api.location_update(self.user_id, lat, lon, first_name=self.first_name))

    def event_count(self) -> int:
        """Return how many sends and edits the chat has seen."""
        return len(self.api.transcript(self.user_id))

    def render_new(self) -> None:
        """Print every send or edit not printed yet."""
        events = self.api.transcript(self.user_id)
        for event in events[self.seen :]:
            self.write(self.render(event))
        self.seen = len(events)

    def render(self, event: JSON) -> str:
        """Return a send or edit as plain text, with its buttons as numbered options."""
        lines = []
        if event["method"] in {"sendPhoto", "sendDocument"}:
            lines.append(self._media_line(event))
        text = event.get("text") or event.get("caption")
        if text:
            lines.append(plain_text(text, event.get("parse_mode")))
        elif event["method"] == "editMessageReplyMarkup":
            lines.append("(buttons changed)" if _buttons(event) else "(buttons removed)")
        if event["method"].startswith("edit"):
            lines[0] = f"(edited) {lines[0]}"
        options = "  ".join(f"[{n}] {b['text']}" for n, b in enumerate(_buttons(event), 1))
        if options:
            lines.append(options)
        first, *rest = "\n".join(lines).splitlines() or [""]
        return "\n".join([f"Steady: {first}", *(f"        {line}" for line in rest)])

    def _media_line(self, event: JSON) -> str:
        """Save an uploaded photo or document and say where it went."""
        kind = "photo" if event["method"] == "sendPhoto" else "document"
        data = event.get("_files", {}).get(kind)
        if data is None:
            return f"[{kind}]"
        upload = event.get(kind) or {}
        suffix = Path(upload.get("filename") or "").suffix or (".png" if kind == "photo" else "")
        path = self.media_dir / f"chat{self.user_id}-{event['message_id']}{suffix}"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return f"[{kind}: saved to {path}]"

    async def settle(self, before: int) -> None:
        """Wait for the bot's reply to the last line, so a typed number finds its buttons."""
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


def _more_than(chat: TerminalChat, count: int) -> Any:
    """Return a predicate giving the event count once it exceeds count."""
    return lambda: (n := chat.event_count()) > count and n


def _buttons(message: JSON) -> list[JSON]:
    """Return an inline keyboard's buttons, row by row, as one list."""
    markup = message.get("reply_markup")
    rows = markup.get("inline_keyboard", []) if isinstance(markup, dict) else []
    return [button for row in rows for button in row]


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


async def chat(
    api: LocalBotApi,
    *,
    user_id: int = 1,
    stdin: TextIO = sys.stdin,
    stdout: TextIO = sys.stdout,
    media_dir: Path = Path("data/terminal"),
    **options: Any,
) -> None:
    """Run a terminal chat with the bot polling api, until 'quit' or end of input."""
    term = TerminalChat(api, stdout, user_id=user_id, media_dir=media_dir, **options)
    term.write(f"{BANNER}\n{USAGE}\n")
    lines = _read_lines(stdin)
    follower = asyncio.create_task(term.follow())
    try:
        while (line := await lines.get()) is not None:
            before = term.event_count()
            if not term.handle_line(line):
                break
            await term.settle(before)
    finally:
        follower.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await follower
        term.render_new()
