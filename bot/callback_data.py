"""Compact button payloads ("<area>:<op>:<ref>:<arg>") and their strict parsing (pure)."""

import re
from dataclasses import dataclass
from enum import StrEnum

MAX_BYTES = 64  # Telegram caps callback_data at 64 bytes


class Area(StrEnum):
    """Which part of Steady a button belongs to; each has its own prefix and handler."""

    REMINDER = "c"  # a reminder's answer; ref: the delivery
    LOG = "k"  # /checkin's answers; ref: the habit
    DETAIL = "q"  # a check-in's optional detail; ref: the check-in
    STEP = "f"  # a step of a conversation; ref: the step number it was shown at
    HABIT = "h"  # /habits; ref: the habit
    SETTINGS = "s"  # /settings
    REPORT = "r"  # /report; arg: weeks
    ERASE = "x"  # /deletedata
    SAFETY = "a"  # a safety reply's or the caring follow-up's answers
    PLAN = "p"  # the safety plan's overview: edit a step, continue, the report setting
    MEDS = "m"  # the treatment journal (/meds) and its 6/8-week questions; ref: medication
    ASK = "d"  # questions for the doctor (/ask); ref: the question
    WHICH = "w"  # which medicine "took my meds" meant; ref: the habit, none for all of them
    YESTERDAY = "y"  # the morning question about yesterday's doses; ref: the delivery


# Each area has a closed set of ops; args are short tokens or ids. Anything else is refused.
OPS: dict[Area, frozenset[str]] = {
    Area.REMINDER: frozenset(
        {"done", "skip", "resch", "snooze", "val", "tech", "early", "refilled", "pills"}
    ),
    Area.LOG: frozenset({"kind", "done", "skip", "resch", "val", "tech", "early", "mood"}),
    Area.DETAIL: frozenset({"qual", "why", "note", "at", "bed", "woke"}),
    Area.STEP: frozenset(
        {
            "pick",
            "unpick",
            "go",
            "ok",
            "change",
            "tech",
            "times",
            "repeat",
            "tz",
            "ans",
            "prn",
            "count",
        }
        | {"keep", "skip", "stop"}
        | {"when", "why"}
    ),
    Area.HABIT: frozenset(
        {
            "list",
            "view",
            "add",
            "pause",
            "resume",
            "times",
            "days",
            "setdays",
            "remove",
            "confirm",
            "pills",
            "setpills",
            "refilled",
            "nudges",
            "setnudges",
        }
    ),
    Area.SETTINGS: frozenset(
        {"tz", "sumday", "sumtime", "pause", "resume", "dayend", "pausefor", "setday"}
        | {"country", "usezone", "care"}
    ),
    Area.REPORT: frozenset({"weeks"}),
    Area.ERASE: frozenset({"yes", "no"}),
    Area.SAFETY: frozenset({"safe", "unsafe", "numbers", "plan"}),
    Area.PLAN: frozenset({"edit", "next", "report"}),
    Area.MEDS: frozenset({"list", "view", "new", "dose", "stop", "fx", "remind", "rev", "revnote"}),
    Area.ASK: frozenset({"list", "add", "done", "all", "fx"}),
    Area.WHICH: frozenset({"done", "skip"}),
    Area.YESTERDAY: frozenset({"done", "skip"}),
}
_TOKEN = re.compile(r"^[a-z0-9_.\-]{0,40}$")
_ID = re.compile(r"^[0-9]{1,18}$")  # ASCII digits only: int() refuses some of what isdigit() takes


@dataclass(frozen=True, slots=True)
class Button:
    area: Area
    op: str
    ref: int | None = None  # a delivery, habit or check-in id, or a step number
    arg: str = ""

    def encode(self) -> str:
        data = f"{self.area}:{self.op}:{'' if self.ref is None else self.ref}:{self.arg}"
        if len(data.encode()) > MAX_BYTES:
            raise ValueError(f"callback_data over {MAX_BYTES} bytes: {data!r}")
        return data


def button(area: Area, op: str, ref: int | None = None, arg: str | int = "") -> str:
    """Return the encoded callback_data for a button."""
    if op not in OPS[area]:
        raise ValueError(f"{op!r} is not an op of {area.name}")
    return Button(area, op, ref, str(arg)).encode()


def parse(data: str | None) -> Button | None:
    """Return the button, or None when the data is malformed or was tampered with."""
    if not data or len(data.encode()) > MAX_BYTES:
        return None
    parts = data.split(":")
    if len(parts) != 4:
        return None
    area_code, op, ref, arg = parts
    area = Area(area_code) if area_code in Area.__members__.values() else None
    if area is None or op not in OPS[area] or not _TOKEN.match(arg):
        return None
    if ref and not _ID.match(ref):
        return None
    return Button(area, op, int(ref) if ref else None, arg)


def pattern(area: Area) -> str:
    """Return the regex that routes an area's buttons to its handler."""
    return rf"^{re.escape(area.value)}:"


def small_int(text: str, low: int, high: int) -> int | None:
    """Return text as an int in [low, high] when it is plain ASCII digits, else None."""
    word = text.strip()
    if not (word.isascii() and word.isdigit() and len(word) <= 6):
        return None
    value = int(word)
    return value if low <= value <= high else None
