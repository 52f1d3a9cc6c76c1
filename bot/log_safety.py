"""Keep users' words and the token out of every log record at INFO and above.

Steady's own log calls pass only ids, counts and type names. Two things are out of its hands:
exception messages (a database error, or python-telegram-bot's InvalidToken, which quotes the
token) and the arguments other libraries log with (python-telegram-bot logs a whole update it
cannot parse at CRITICAL, and a reply it cannot decode at ERROR). A log record factory, the
one hook every record passes through whichever logger made it, rewrites both as records are
made, so no formatted log line (the console, the tests' capture, a file) ever shows them.
DEBUG records are left whole: DEBUG is for development (README, "Settings").
"""

import logging
import traceback
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from enum import Enum
from typing import Any

OUR_PACKAGES = ("bot", "jobs", "models", "__main__")
# Libraries whose logged values are schema revisions, class names and job names, never user text.
TRUSTED_LIBRARIES = ("alembic", "apscheduler")
HIDDEN = "<hidden>"
# Values that cannot carry a user's words, so they stay in other libraries' messages.
_HARMLESS = (int, float, bool, type(None), datetime, date, time, timedelta, Enum)
_MARK = "_steady_log_safety"


def install() -> None:
    """Make every new log record at INFO or above safe (once per process)."""
    current = logging.getLogRecordFactory()
    if getattr(current, _MARK, False):
        return
    logging.setLogRecordFactory(_safe_factory(current))


def _safe_factory(make: Callable[..., logging.LogRecord]) -> Callable[..., logging.LogRecord]:
    def make_safe(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = make(*args, **kwargs)
        if record.levelno >= logging.INFO:
            make_record_safe(record)
        return record

    setattr(make_safe, _MARK, True)
    return make_safe


def make_record_safe(record: logging.LogRecord) -> None:
    """Hide exception messages, and other libraries' arguments that could hold user text."""
    if record.exc_info and record.exc_info[1] is not None:
        # Formatters write exc_text when it is set (it is their cache), so this is what every
        # log line shows; exc_info stays for code that wants the exception object itself.
        record.exc_text = traceback_without_messages(record.exc_info[1])
    if record.name.split(".")[0] in (*OUR_PACKAGES, *TRUSTED_LIBRARIES):
        return
    if not isinstance(record.msg, str):
        record.msg = f"{type(record.msg).__name__} ({HIDDEN})"
    if record.args:
        record.msg, record.args = _format_hiding_values(record.msg, record.args), ()


def _format_hiding_values(template: str, args: tuple | dict) -> str:
    if isinstance(args, dict):
        shown: tuple | dict = {key: _shown(value) for key, value in args.items()}
    else:
        shown = tuple(_shown(value) for value in args)
    try:
        return template % shown
    except (TypeError, ValueError, KeyError):  # e.g. %d given the placeholder
        return template


def _shown(value: object) -> object:
    return value if isinstance(value, _HARMLESS) else HIDDEN


def traceback_without_messages(error: BaseException) -> str:
    """Format an exception chain like Python does, with each exception's type but no message."""
    chain, seen = [], set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        chain.append(current)
        cause = current.__cause__
        current = (
            cause if cause is not None or current.__suppress_context__ else current.__context__
        )
    parts = []
    for position, exception in enumerate(reversed(chain)):
        if position:
            parts.append("\nThe above exception led to the following one:\n\n")
        parts.append("Traceback (most recent call last):\n")
        parts.extend(traceback.format_tb(exception.__traceback__))
        kind = type(exception)
        parts.append(f"{kind.__module__}.{kind.__qualname__} (message {HIDDEN})\n")
    return "".join(parts).rstrip("\n")
