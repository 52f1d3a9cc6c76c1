"""How the terminal chat shows the bot's messages: wrapped to the terminal, buttons labelled.

A message with buttons gets a number, and each of its buttons a letter: "3b" presses the second
button of message 3, however many messages came after it.
"""

from __future__ import annotations

import re
import string
import unicodedata
from dataclasses import dataclass

from localchat.parse_mode import plain_text
from localchat.state import JSON

SPEAKER = "Steady"
INDENT = " " * len(f"{SPEAKER}: ")
GAP = "  "
PRESS = re.compile(r"(\d+)([a-z]+)")
# Below this many columns wrapping only makes things worse.
MIN_WIDTH = 30
# Variation selectors and joiners shape an emoji but take no column of their own.
ZERO_WIDTH = frozenset("\u200b\u200c\u200d\ufe0e\ufe0f")


@dataclass(frozen=True)
class Press:
    """A typed button label: message number and button index (0 is "a")."""

    number: int
    index: int


def letters(index: int) -> str:
    """Return the letters for a button index: a ... z, then aa, ab, ..."""
    word = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        word = string.ascii_lowercase[rest] + word
    return word


def button_label(number: int, index: int) -> str:
    """Return what a user types to press a button, such as 3b."""
    return f"{number}{letters(index)}"


def parse_press(text: str) -> Press | None:
    """Read a typed label such as "3b" (case ignored); None for anything else."""
    match = PRESS.fullmatch(text.strip().lower())
    if match is None:
        return None
    index = 0
    for letter in match.group(2):
        index = index * 26 + string.ascii_lowercase.index(letter) + 1
    return Press(int(match.group(1)), index - 1)


def buttons(message: JSON) -> list[JSON]:
    """Return an inline keyboard's buttons, row by row, as one list."""
    markup = message.get("reply_markup")
    rows = markup.get("inline_keyboard", []) if isinstance(markup, dict) else []
    return [button for row in rows for button in row]


def render(event: JSON, *, number: int | None, media: str | None, width: int) -> str:
    """Return a send, an edit or a button's pop-up as lines wrapped at width."""
    width = max(width, MIN_WIDTH)
    lines = [media] if media else []
    text = event.get("text") or event.get("caption")
    if text:
        lines += plain_text(text, event.get("parse_mode")).splitlines()
    elif event["method"] == "editMessageReplyMarkup":
        lines.append("(buttons changed)" if buttons(event) else "(buttons removed)")
    out = wrap(f"{_speaker(event, number)}: ", lines or [""], width)
    if number is not None:
        keys = enumerate(buttons(event))
        out += pack([f"[{button_label(number, i)}] {key['text']}" for i, key in keys], width)
    return "\n".join(out)


def _speaker(event: JSON, number: int | None) -> str:
    """Name who speaks and what this is: Steady (3), Steady (3, edited), Steady (pop-up)."""
    method = event["method"]
    if method == "answerCallbackQuery":
        return f"{SPEAKER} ({'alert' if event.get('show_alert') else 'pop-up'})"
    notes = [str(number)] if number is not None else []
    notes += ["edited"] if method.startswith("edit") else []
    return f"{SPEAKER} ({', '.join(notes)})" if notes else SPEAKER


def cells(text: str) -> int:
    """Return the columns text takes in a terminal: wide characters (most emoji) take two."""
    return sum(_cells(char) for char in text)


def _cells(char: str) -> int:
    """Return the columns one character takes."""
    if unicodedata.combining(char) or char in ZERO_WIDTH:
        return 0
    return 2 if unicodedata.east_asian_width(char) in {"W", "F"} else 1


def wrap(prefix: str, lines: list[str], width: int, indent: str = INDENT) -> list[str]:
    """Wrap each line at width columns: the first after prefix, the rest after indent."""
    width, out = max(width, MIN_WIDTH), []
    for position, line in enumerate(lines):
        row, empty = (prefix if position == 0 else indent), True
        # split(" ") keeps runs of spaces, which may align a table
        for word in line.split(" "):
            if not empty and cells(row) + 1 + cells(word) > width:
                out.append(row)
                row = indent + word  # a word longer than a line (a path, a link) stays whole
            else:
                row = row + word if empty else f"{row} {word}"
            empty = False
        out.append(row.rstrip())
    return out


def pack(items: list[str], width: int) -> list[str]:
    """Lay items out on indented lines of at most width columns, never splitting one."""
    rows: list[str] = []
    for item in items:
        if rows and cells(rows[-1]) + len(GAP) + cells(item) <= width:
            rows[-1] += GAP + item
        else:
            rows.append(INDENT + item)
    return rows
