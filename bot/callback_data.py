"""Compact button payloads ("<area>:<op>:<arg>") and their strict parsing (pure)."""

import re
from dataclasses import dataclass

MAX_BYTES = 64  # Telegram caps callback_data at 64 bytes

# Each area has a closed set of ops; args are short tokens or ids. Anything else is refused.
_OPS: dict[str, frozenset[str]] = {
    "c": frozenset({"done", "skip", "resch", "snooze", "val", "tech"}),  # ref: a delivery
    "k": frozenset({"kind", "done", "skip", "resch", "val", "tech"}),  # ref: a habit (/checkin)
    "q": frozenset({"qual", "why", "note"}),  # ref: a check-in, for its optional details
    "f": frozenset({"pick", "go", "ok", "change", "tech", "times", "repeat", "tz"}),
    "h": frozenset(
        {"list", "view", "add", "pause", "resume", "times", "days", "setdays", "remove", "confirm"}
    ),
    "s": frozenset(
        {
            "tz",
            "sumday",
            "sumtime",
            "pause",
            "resume",
            "dayend",
            "pausefor",
            "setday",
            "del",
            "delok",
            "delno",
            "report",
        }
    ),
    "p": frozenset({"ans"}),  # the PHQ-9: arg "<item>.<answer>"
}
_TOKEN = re.compile(r"^[a-z0-9_.\-]{0,40}$")


@dataclass(frozen=True, slots=True)
class Button:
    area: str
    op: str
    ref: int | None = None  # a delivery or habit id
    arg: str = ""

    def encode(self) -> str:
        data = f"{self.area}:{self.op}:{'' if self.ref is None else self.ref}:{self.arg}"
        if len(data.encode()) > MAX_BYTES:
            raise ValueError(f"callback_data over {MAX_BYTES} bytes: {data!r}")
        return data


def button(area: str, op: str, ref: int | None = None, arg: str | int = "") -> str:
    """Return the encoded callback_data for a button."""
    return Button(area, op, ref, str(arg)).encode()


def parse(data: str | None) -> Button | None:
    """Return the button, or None when the data is malformed or was tampered with."""
    if not data or len(data.encode()) > MAX_BYTES:
        return None
    parts = data.split(":")
    if len(parts) != 4:
        return None
    area, op, ref, arg = parts
    if op not in _OPS.get(area, ()) or not _TOKEN.match(arg):
        return None
    if ref and not (ref.isdigit() and len(ref) <= 18):
        return None
    return Button(area, op, int(ref) if ref else None, arg)
