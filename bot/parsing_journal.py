"""Read what the treatment journal asks for: a past day, a dose, a name (pure)."""

from datetime import date, timedelta

from bot import parsing

MAX_NAME = 60
MAX_DOSE = 40
# A start further back than this is more likely a typo than a date worth a timeline.
MAX_DAYS_BACK = 10 * 366
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def parse_past_day(text: str, today: date) -> date | None:
    """Read a day that is today or earlier ("today", "yesterday", "3 Sep", "2026-09-03").

    A date without a year is its latest occurrence up to today; None for the future,
    unreadable text, or more than ten years back.
    """
    cleaned = " ".join(text.lower().split()).removeprefix("on ").removeprefix("last ").strip()
    if cleaned in ("today", "yesterday"):
        return today - timedelta(days=cleaned == "yesterday")
    if "tomorrow" in cleaned or cleaned.startswith(("next ", "this ")):
        return None  # words about days ahead, which parse_date would read from a past day
    weekday = _weekday(cleaned)
    if weekday is not None:  # the latest such day, today included
        return today - timedelta(days=(today.weekday() - weekday) % 7)
    # parse_date reads the next occurrence from the day it is given: from a year ago, that is
    # the latest one up to today. It looks two years ahead at most, so a date written with
    # its year is looked for window by window, back to MAX_DAYS_BACK.
    for back in range(364, MAX_DAYS_BACK + 1, 700):
        found = parsing.parse_date(cleaned, today - timedelta(days=back))
        if found is not None and found <= today:
            return found
    return None


def _weekday(word: str) -> int | None:
    if len(word) < 3:
        return None
    return next((i for i, name in enumerate(_WEEKDAYS) if name.startswith(word)), None)


def clean_name(text: str) -> str | None:
    """Return a medication's name as typed, or None when it cannot be one."""
    name = " ".join(text.split())
    if not name or len(name) > MAX_NAME or name.startswith("/"):
        return None
    return name


def clean_dose(text: str) -> str | None:
    """Return a dose as typed ("50 mg", "1 tablet"), or None when it cannot be one."""
    dose = " ".join(text.split())
    if not dose or len(dose) > MAX_DOSE or dose.startswith("/"):
        return None
    return dose
