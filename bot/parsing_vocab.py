"""The free-text vocabulary of each language, read from bot/vocabulary/<language>.toml (pure).

The files hold words; this module turns them into the patterns the readers in
bot/parsing_checkins.py and bot/parsing.py use. Digits, decimal commas, units after numbers and
punctuation are read the same way in every language, here. Adding a language is adding a file.
"""

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from models.types import SkipReason, StressTechnique

FALLBACK = "en"  # what every message is also read in: the language Steady was written in
NUM = r"(-?\d+(?:[.,]\d+)?)"
# A time of day after "at": 9, 9:40, 9.40, 9h40, 9pm, 9:40 a.m.
CLOCK = r"(\d{1,2}(?:[:.h]\d{2})?(?:\s*[ap]\.?m\.?)?)(?![\d:.])"


def words(fragments: Iterable[str]) -> str:
    """Return a group matching any of the fragments as whole words."""
    return r"\b(?:" + "|".join(fragments) + r")\b"


@dataclass(frozen=True)
class DateWords:
    """What bot/parsing.py needs to read times, weekdays and dates in one language."""

    at: tuple[str, ...]
    on: tuple[str, ...]
    of: tuple[str, ...]
    named_times: dict[str, tuple[int, int]]
    list_split: re.Pattern[str]
    am_pm: frozenset[str]
    today: tuple[str, ...]
    tomorrow: tuple[str, ...]
    day_after_tomorrow: tuple[str, ...]
    next: tuple[str, ...]
    ordinals: str  # a regex group of ordinal suffixes ("st|nd|rd|th")
    weekdays: tuple[str, ...]
    weekday_aliases: dict[str, int]
    months: tuple[str, ...]
    month_aliases: dict[str, int]
    day_phrases: dict[str, tuple[str, ...]]  # cron days -> phrases
    day_fillers: frozenset[str]
    range_words: frozenset[str]


@dataclass(frozen=True)
class Grammar:
    """The patterns free-text check-ins are read with, in one language."""

    language: str
    rewrites: tuple[tuple[re.Pattern[str], Any], ...]
    clause_break: re.Pattern[str]
    negation: re.Pattern[str]
    hours: re.Pattern[str]
    minutes: re.Pattern[str]
    mood: re.Pattern[str]
    sleep: re.Pattern[str]
    slept_bare: re.Pattern[str]
    quality: re.Pattern[str]
    quality_words: dict[str, int]
    bedtime: re.Pattern[str]
    woke: re.Pattern[str]
    counts: dict[str, int]  # "twice" is 2
    slept_through: re.Pattern[str]
    medication: re.Pattern[str]
    taken: re.Pattern[str]
    took_it: re.Pattern[str]
    refilled: re.Pattern[str]
    at_time: re.Pattern[str]
    skip_reasons: tuple[tuple[re.Pattern[str], SkipReason], ...]
    appointment: re.Pattern[str]
    rescheduled: re.Pattern[str]
    attended: re.Pattern[str]
    drink_count: re.Pattern[str]
    substance_free: re.Pattern[str]
    drug_use: re.Pattern[str]
    techniques: tuple[tuple[re.Pattern[str], StressTechnique], ...]
    exercise: re.Pattern[str]
    low_mood: re.Pattern[str]
    dates: DateWords


@cache
def available() -> frozenset[str]:
    """Return the languages that have a vocabulary file."""
    folder = resources.files("bot") / "vocabulary"
    return frozenset(
        entry.name.removesuffix(".toml")
        for entry in folder.iterdir()
        if entry.name.endswith(".toml")
    )


def grammars(language: str | None) -> tuple["Grammar", ...]:
    """Return the grammars to read a message with: the user's language, then the fallback."""
    wanted = (language or FALLBACK).split("-")[0].split("_")[0].lower()
    order = [wanted] if wanted in available() and wanted != FALLBACK else []
    return tuple(grammar(name) for name in [*order, FALLBACK])


@cache
def grammar(language: str) -> Grammar:
    """Compile one language's vocabulary file (once per process)."""
    source = resources.files("bot") / "vocabulary" / f"{language}.toml"
    data = tomllib.loads(source.read_text(encoding="utf-8"))
    w = data["words"]
    numbers = data["numbers"]
    counts = "|".join(map(re.escape, data["counts"]))
    rewrites = [(re.compile(p), r) for p, r in data["rewrites"]["pairs"]]
    number_words = re.compile(r"\b(" + "|".join(map(re.escape, numbers)) + r")\b")
    rewrites.append((number_words, lambda m: str(numbers[m[1]])))
    minute_units = "|".join(w["minute_units"])
    clock_word = words(w["bedtime_fillers"])
    return Grammar(
        language=language,
        rewrites=tuple(rewrites),
        clause_break=re.compile(r"[,;!?]|\.(?!\d)|" + words(w["clause_breaks"])),
        negation=re.compile(words(w["negation"])),
        hours=re.compile(
            NUM + rf"\s*(?:{'|'.join(w['hour_units'])})(?![a-z])"
            rf"(?:\s*(?:and\s*)?(\d{{1,2}})\s*(?:{minute_units})?(?![a-z\d]))?"
        ),
        minutes=re.compile(NUM + rf"\s*(?:{minute_units})(?![a-z])"),
        mood=re.compile(
            words(w["mood"])
            + rf"[\s:=]*(?:{words(w['mood_fillers'])}\s+)*"
            + NUM
            + rf"(?:\s*(?:/|{'|'.join(w['out_of'])})\s*(\d+))?(?![\d.])"
        ),
        sleep=re.compile(words(w["sleep"])),
        slept_bare=re.compile(
            words(w["slept"])
            + rf"\s+(?:(?:{'|'.join(w['slept_fillers'])})\s+)*"
            + NUM
            + r"(?![\d.,])"
        ),
        quality=re.compile(
            words(w["quality"]) + rf"\s*(?:{words(w['quality_fillers'])}|:|=)?\s*"
            rf"(?:{NUM}(?:\s*/\s*(\d+))?|({'|'.join(sorted(data['sleep_quality'], key=len, reverse=True))}))"
        ),
        quality_words=dict(data["sleep_quality"]),
        bedtime=re.compile(words(w["bedtime"]) + rf"\s*(?:{clock_word}|:)?\s*{CLOCK}"),
        woke=re.compile(
            words(w["woke"]) + rf"\s*(\d+|{counts})\s*(?:{words(w['times'])})?",
        ),
        counts=dict(data["counts"]),
        slept_through=re.compile(words(w["slept_through"])),
        medication=re.compile(words(w["medication"])),
        taken=re.compile(words(w["taken"]) + "|" + "|".join(map(re.escape, w["taken_symbols"]))),
        took_it=re.compile(words(w["took_it"])),
        refilled=re.compile(words(w["refilled"])),
        at_time=re.compile(words(w["at_time"]) + rf"\s+{CLOCK}"),
        skip_reasons=tuple(
            (re.compile(words(fragments)), SkipReason(reason))
            for reason, fragments in data["skip_reasons"].items()
        ),
        appointment=re.compile(words(w["appointment"])),
        rescheduled=re.compile(words(w["rescheduled"])),
        attended=re.compile(words(w["attended"])),
        drink_count=re.compile(
            NUM + rf"\s+(?:{'|'.join(w['drink_modifiers'])}\s+)*(?:{'|'.join(w['drinks'])})\b"
        ),
        substance_free=re.compile(words(w["substance_free"])),
        drug_use=re.compile(words(w["drug_use"])),
        techniques=tuple(
            (re.compile(words(fragments)), StressTechnique(technique))
            for technique, fragments in data["techniques"].items()
        ),
        exercise=re.compile(words(w["exercise"])),
        low_mood=re.compile(words(w["low_mood"])),
        dates=_date_words(data["dates"], data["named_times"]),
    )


def _date_words(d: dict, named: dict) -> DateWords:
    return DateWords(
        at=tuple(d["at"]),
        on=tuple(d["on"]),
        of=tuple(d["of"]),
        named_times={name: (int(h), int(m)) for name, (h, m) in named.items()},
        list_split=re.compile(
            r"\s*(?:,|;|&|\+|/|"
            + "|".join(rf"\b{word}\b" for word in d["list_separators"])
            + r")\s*"
        ),
        am_pm=frozenset(d["am_pm"]),
        today=tuple(d["today"]),
        tomorrow=tuple(d["tomorrow"]),
        day_after_tomorrow=tuple(d["day_after_tomorrow"]),
        next=tuple(d["next"]),
        ordinals="|".join(d["ordinal_suffixes"]),
        weekdays=tuple(d["weekdays"]),
        weekday_aliases=dict(d["weekday_aliases"]),
        months=tuple(d["months"]),
        month_aliases=dict(d["month_aliases"]),
        day_phrases={
            "*": tuple(d["every_day"]),
            "mon,tue,wed,thu,fri": tuple(d["weekdays_only"]),
            "sat,sun": tuple(d["weekends"]),
        },
        day_fillers=frozenset(d["day_fillers"]),
        range_words=frozenset(d["range_words"]),
    )
