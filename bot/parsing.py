"""Read times, dates, weekdays and check-ins from what people type (pure)."""

import re
from datetime import date, timedelta

from bot.parsing_checkins import MAX_INPUT, ParsedCheckin, parse_checkin
from models.schedule import WEEKDAYS, format_cron_days, parse_cron_days

__all__ = [
    "ParsedCheckin",
    "describe_days",
    "parse_checkin",
    "parse_date",
    "parse_days",
    "parse_time",
    "parse_times",
]

MAX_TIMES = 6
# An appointment further ahead than this is far more likely a typo than a plan.
MAX_DAYS_AHEAD = 2 * 366
_WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTH_NAMES = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip
_TIME = re.compile(
    r"(?:at )?(?P<h>\d{1,2})(?:[:.h](?P<m>\d{2}))?(?:\s*(?P<ampm>[ap])\.?m\.?|h)?",
    re.ASCII,
)
_HHMM = re.compile(r"(?P<h>\d{2})(?P<m>\d{2})", re.ASCII)
_NAMED_TIMES = {"noon": (12, 0), "midday": (12, 0), "midnight": (0, 0)}
_LIST_SPLIT = re.compile(r"\s*(?:,|;|&|\+|/|\band\b|\bthen\b)\s*")
_AMPM_TOKENS = {"am", "pm", "a.m.", "p.m.", "a.m", "p.m", "h"}


def _clean(text: object) -> str | None:
    if not isinstance(text, str) or len(text) > MAX_INPUT:
        return None
    return " ".join(text.lower().split())


def parse_time(text: str) -> tuple[int, int] | None:
    """Read one time of day ("8", "08:00", "8.30pm", "20h", "12am") as (hour, minute)."""
    cleaned = _clean(text)
    if not cleaned:
        return None
    if cleaned in _NAMED_TIMES:
        return _NAMED_TIMES[cleaned]
    if match := _HHMM.fullmatch(cleaned):
        return _valid_24h(int(match["h"]), int(match["m"]))
    match = _TIME.fullmatch(cleaned)
    if match is None:
        return None
    hour, minute = int(match["h"]), int(match["m"] or 0)
    if match["ampm"] is None:
        return _valid_24h(hour, minute)
    if not 1 <= hour <= 12 or minute > 59:
        return None
    # 12am is midnight and 12pm is noon.
    return (hour % 12 + (12 if match["ampm"] == "p" else 0), minute)


def _valid_24h(hour: int, minute: int) -> tuple[int, int] | None:
    return (hour, minute) if hour <= 23 and minute <= 59 else None


def parse_times(text: str) -> list[tuple[int, int]] | None:
    """Read up to six times ("8:00, 20:00", "8am and 8pm"), sorted and without repeats."""
    cleaned = _clean(text)
    if not cleaned:
        return None
    found: set[tuple[int, int]] = set()
    for part in _LIST_SPLIT.split(cleaned):
        for piece in _time_pieces(part):
            parsed = parse_time(piece)
            if parsed is None:
                return None
            found.add(parsed)
    if not found or len(found) > MAX_TIMES:
        return None
    return sorted(found)


def _time_pieces(part: str) -> list[str]:
    """Split "8 am 8 pm" into ["8 am", "8 pm"], keeping am/pm with its number."""
    if parse_time(part) is not None:
        return [part]
    pieces: list[str] = []
    for token in part.split():
        if token in _AMPM_TOKENS and pieces:
            pieces[-1] = f"{pieces[-1]} {token}"
        else:
            pieces.append(token)
    return pieces or [part]


_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})", re.ASCII)
_DOTTED_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.?(?:(\d{4}|\d{2}))?", re.ASCII)
_DAY_MONTH = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?(?: of)? ([a-z]+)\.?(?:,? (\d{4}))?", re.ASCII)
_MONTH_DAY = re.compile(r"([a-z]+)\.? (\d{1,2})(?:st|nd|rd|th)?(?:,? (\d{4}))?", re.ASCII)


def parse_date(text: str, today: date) -> date | None:
    """Read a date that is today or later; None for past, far-off or unreadable dates.

    Accepts ISO ("2026-12-03"), day.month ("3.12.", "3.12.2026"), "3 Dec", "Dec 3rd",
    "today", "tomorrow" and weekday names. A weekday means the next one after today
    ("monday" said on a Monday is a week ahead); a date without a year is its next
    occurrence. Slashed dates ("3/12") are refused: day and month order is ambiguous.
    """
    cleaned = _clean(text)
    if not cleaned:
        return None
    cleaned = cleaned.removeprefix("on ").strip()
    found = _relative_date(cleaned, today)
    if found is None:
        found = _absolute_date(cleaned, today)
    if found is None or not today <= found <= today + timedelta(days=MAX_DAYS_AHEAD):
        return None
    return found


def _relative_date(text: str, today: date) -> date | None:
    if text == "today":
        return today
    if text == "tomorrow":
        return today + timedelta(days=1)
    if text in ("day after tomorrow", "the day after tomorrow"):
        return today + timedelta(days=2)
    name = text.removeprefix("next ").removeprefix("this ")
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
    if match := _DAY_MONTH.fullmatch(text):
        day, month, year = match[1], match[2], match[3]
    elif match := _MONTH_DAY.fullmatch(text):
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
    word = word.removesuffix(".")
    if word == "sept":
        return 9
    if len(word) < 3:
        return None
    return next((n for n, full in enumerate(_MONTH_NAMES, 1) if full.startswith(word)), None)


def _weekday(word: str) -> int | None:
    """Return 0-6 for "mon", "tues", "thurs", "mondays"; None otherwise."""
    word = word.strip().removesuffix(".")
    if word == "weds":
        return 2
    singular = word.removesuffix("s") if word.endswith("days") else word
    for number, full in enumerate(_WEEKDAY_NAMES):
        if len(singular) >= 2 and full.startswith(singular):
            return number
    return None


_DAY_PHRASES = {
    "*": ("every day", "everyday", "daily", "each day", "all days", "all week", "7 days"),
    "mon,tue,wed,thu,fri": (
        "weekdays",
        "week days",
        "workdays",
        "work days",
        "working days",
        "every weekday",
        "business days",
    ),
    "sat,sun": ("weekends", "weekend", "every weekend", "on weekends", "at weekends"),
}
_DAY_FILLERS = {"every", "each", "on", "and", "the", "only", "&", ","}
_RANGE_WORDS = {"-", "to", "through", "thru", "till", "until"}


def parse_days(text: str) -> str | None:
    """Read which weekdays ("daily", "weekdays", "Mondays and Thursdays") as a cron string."""
    cleaned = _clean(text)
    if not cleaned:
        return None
    for days, phrases in _DAY_PHRASES.items():
        if cleaned in phrases:
            return days
    tokens = re.findall(r"[a-z]+|-|&|,", cleaned.replace("–", "-"))
    chosen: set[int] = set()
    previous: int | None = None
    pending_range = False
    for token in tokens:
        if token in _RANGE_WORDS and previous is not None:
            pending_range = True
            continue
        if token in _DAY_FILLERS:
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


def describe_days(days: str) -> str:
    """Say which weekdays a cron string names: "every day", "weekdays", "Mon, Wed, Fri"."""
    chosen = parse_cron_days(days)
    if len(chosen) == 7:
        return "every day"
    if chosen == {0, 1, 2, 3, 4}:
        return "weekdays"
    if chosen == {5, 6}:
        return "weekends"
    return ", ".join(WEEKDAYS[d].capitalize() for d in sorted(chosen))
