"""Read times of day from what people type ("8", "08:00", "8.30pm", "8am and 8pm") (pure)."""

import re

from bot.parsing_vocab import FALLBACK, DateWords, grammar

# Longer messages are not answers; refusing them early keeps every regex cheap.
MAX_INPUT = 500
MAX_TIMES = 6
_TIME = re.compile(r"(?P<h>\d{1,2})(?:[:.h](?P<m>\d{2}))?(?:\s*(?P<ampm>[ap])\.?m\.?|h)?", re.ASCII)
_HHMM = re.compile(r"(?P<h>\d{2})(?P<m>\d{2})", re.ASCII)


def clean(text: object) -> str | None:
    """Return the text lower-cased with single spaces, or None when it is not short text."""
    if not isinstance(text, str) or len(text) > MAX_INPUT:
        return None
    return " ".join(text.lower().split())


def date_words(language: str = FALLBACK) -> DateWords:
    return grammar(language).dates


def parse_time(text: str) -> tuple[int, int] | None:
    """Read one time of day ("8", "08:00", "8.30pm", "20h", "12am") as (hour, minute)."""
    cleaned = clean(text)
    if not cleaned:
        return None
    words = date_words()
    if cleaned in words.named_times:
        return words.named_times[cleaned]
    for at in words.at:
        cleaned = cleaned.removeprefix(f"{at} ")
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
    cleaned = clean(text)
    if not cleaned:
        return None
    found: set[tuple[int, int]] = set()
    for part in date_words().list_split.split(cleaned):
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
        if token in date_words().am_pm and pieces:
            pieces[-1] = f"{pieces[-1]} {token}"
        else:
            pieces.append(token)
    return pieces or [part]
