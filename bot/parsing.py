"""Read dates and weekdays from what people type (pure).

Times of day are read in bot/parsing_times.py, check-ins in bot/parsing_checkins.py; the words
of each come from bot/vocabulary/<language>.toml.
"""

import re
from datetime import date, timedelta
from functools import cache

from bot.parsing_checkins import (
    OutOfRange,
    ParsedCheckin,
    is_low_mood,
    parse_checkin,
    parse_refilled,
)
from bot.parsing_times import clean, date_words, parse_time, parse_times
from models.schedule import WEEKDAYS, format_cron_days, parse_cron_days

__all__ = [
    "OutOfRange",
    "ParsedCheckin",
    "is_low_mood",
    "parse_checkin",
    "parse_date",
    "parse_days",
    "parse_refilled",
    "parse_time",
    "parse_times",
]

# An appointment further ahead than this is far more likely a typo than a plan.
MAX_DAYS_AHEAD = 2 * 366


_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})", re.ASCII)
_DOTTED_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.?(?:(\d{4}|\d{2}))?", re.ASCII)


@cache
def _day_month(ordinals: str, of: tuple[str, ...]) -> re.Pattern[str]:
    joined = "|".join(of)
    return re.compile(rf"(\d{{1,2}})(?:{ordinals})?(?: (?:{joined}))? (\w+)\.?(?:,? (\d{{4}}))?")


@cache
def _month_day(ordinals: str) -> re.Pattern[str]:
    return re.compile(rf"(\w+)\.? (\d{{1,2}})(?:{ordinals})?(?:,? (\d{{4}}))?")


def parse_date(text: str, today: date) -> date | None:
    """Read a date that is today or later; None for past, far-off or unreadable dates.

    Accepts ISO ("2026-12-03"), day.month ("3.12.", "3.12.2026"), "3 Dec", "Dec 3rd",
    "today", "tomorrow" and weekday names. A weekday means the next one after today
    ("monday" said on a Monday is a week ahead); a date without a year is its next
    occurrence. Slashed dates ("3/12") are refused: day and month order is ambiguous.
    """
    cleaned = clean(text)
    if not cleaned:
        return None
    for on in date_words().on:
        cleaned = cleaned.removeprefix(f"{on} ").strip()
    found = _relative_date(cleaned, today)
    if found is None:
        found = _absolute_date(cleaned, today)
    if found is None or not today <= found <= today + timedelta(days=MAX_DAYS_AHEAD):
        return None
    return found


def _relative_date(text: str, today: date) -> date | None:
    words = date_words()
    for ahead, phrases in enumerate((words.today, words.tomorrow, words.day_after_tomorrow)):
        if text in phrases:
            return today + timedelta(days=ahead)
    name = text
    for prefix in words.next:
        name = name.removeprefix(f"{prefix} ")
    weekday = _weekday(name)
    if weekday is None:
        return None
    return today + timedelta(days=(weekday - today.weekday() - 1) % 7 + 1)


def _absolute_date(text: str, today: date) -> date | None:
    if match := _ISO_DATE.fullmatch(text):
        return _make_date(int(match[1]), int(match[2]), int(match[3]))
    if match := _DOTTED_DATE.fullmatch(text):
        year = match[3] and int(match[3]) + (2000 if len(match[3]) == 2 else 0)
        return _dated(today, year or None, int(match[2]), int(match[1]))
    words = date_words()
    if match := _day_month(words.ordinals, words.of).fullmatch(text):
        day, month, year = match[1], match[2], match[3]
    elif match := _month_day(words.ordinals).fullmatch(text):
        month, day, year = match[1], match[2], match[3]
    else:
        return None
    month_number = _month(month)
    if month_number is None:
        return None
    return _dated(today, int(year) if year else None, month_number, int(day))


def _dated(today: date, year: int | None, month: int, day: int) -> date | None:
    """Build a date; without a year, take its next occurrence from today."""
    if year is not None:
        return _make_date(year, month, day)
    found = _make_date(today.year, month, day)
    if found is not None and found < today:
        found = _make_date(today.year + 1, month, day)
    if found is None and (month, day) == (2, 29):
        found = next((d for y in range(1, 5) if (d := _make_date(today.year + y, 2, 29))), None)
    return found


def _make_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _month(word: str) -> int | None:
    word, words = word.removesuffix("."), date_words()
    if word in words.month_aliases:
        return words.month_aliases[word]
    if len(word) < 3:
        return None
    return next((n for n, full in enumerate(words.months, 1) if full.startswith(word)), None)


def _weekday(word: str) -> int | None:
    """Return 0-6 for "mon", "tues", "thurs", "mondays"; None otherwise."""
    word, words = word.strip().removesuffix("."), date_words()
    if word in words.weekday_aliases:
        return words.weekday_aliases[word]
    singular = word.removesuffix("s") if word.endswith("days") else word
    for number, full in enumerate(words.weekdays):
        if len(singular) >= 2 and full.startswith(singular):
            return number
    return None


def parse_days(text: str) -> str | None:
    """Read which weekdays ("daily", "weekdays", "Mondays and Thursdays") as a cron string."""
    cleaned = clean(text)
    if not cleaned:
        return None
    words = date_words()
    for days, phrases in words.day_phrases.items():
        if cleaned in phrases:
            return days
    tokens = re.findall(r"[^\W\d_]+|-|&|,", cleaned.replace("–", "-"))
    chosen: set[int] = set()
    previous: int | None = None
    pending_range = False
    for token in tokens:
        if token in words.range_words and previous is not None:
            pending_range = True
            continue
        if token in words.day_fillers:
            continue
        weekday = _weekday(token)
        if weekday is None:
            return None
        if pending_range:
            chosen.update(parse_cron_days(f"{WEEKDAYS[previous]}-{WEEKDAYS[weekday]}"))
            pending_range = False
        chosen.add(weekday)
        previous = weekday
    if not chosen or pending_range:
        return None
    return format_cron_days(chosen)
