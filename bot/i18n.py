"""Translations: every text a user sees goes through `_()` or `ngettext()`, in their language.

The catalogs are Babel `.po` files under bot/locales/<language>/LC_MESSAGES/; each is compiled
in memory on first use, so adding a language is adding a file. English is the source language
and needs no catalog. The language is per update (or per message a job sends), held in a
context variable that `use_language` sets.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date
from functools import cache
from gettext import NullTranslations
from io import BytesIO
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from babel.support import Translations

LOCALES = Path(__file__).resolve().parent / "locales"
DOMAIN = "messages"
SOURCE_LANGUAGE = "en"

_language: ContextVar[str] = ContextVar("language", default=SOURCE_LANGUAGE)


@cache
def available() -> frozenset[str]:
    """Return the languages Steady can speak: English and every catalog shipped."""
    found = {po.parent.parent.name for po in LOCALES.glob(f"*/LC_MESSAGES/{DOMAIN}.po")}
    return frozenset({SOURCE_LANGUAGE, *found})


def pick(code: str | None) -> str:
    """Return the best language we have for a Telegram language_code ("pt-br" -> "pt")."""
    if not code:
        return SOURCE_LANGUAGE
    wanted = code.strip().replace("-", "_")
    for candidate in (wanted, wanted.split("_")[0].lower()):
        if candidate in available():
            return candidate
    return SOURCE_LANGUAGE


@cache
def _translations(language: str) -> NullTranslations:
    po = LOCALES / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    if language == SOURCE_LANGUAGE or not po.exists():
        return NullTranslations()
    with po.open("rb") as source:
        catalog = read_po(source, locale=language, domain=DOMAIN)
    compiled = BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return Translations(compiled, domain=DOMAIN)


def current_language() -> str:
    """Return the language texts are rendered in right now."""
    return _language.get()


@contextmanager
def use_language(code: str | None) -> Iterator[str]:
    """Render texts in the user's language inside the block."""
    token = _language.set(pick(code))
    try:
        yield _language.get()
    finally:
        _language.reset(token)


def set_language(code: str | None) -> None:
    """Render texts in this language for the rest of the current task (one update)."""
    _language.set(pick(code))


def _(message: str) -> str:
    """Return the message in the current language."""
    return _translations(_language.get()).gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """Return the singular or plural form the current language uses for count."""
    return _translations(_language.get()).ngettext(singular, plural, count)


def N_(message: str) -> str:
    """Mark a message for the catalog where it is stored and translated later."""
    return message


@cache
def _locale(language: str) -> Locale:
    try:
        return Locale.parse(language)
    except (UnknownLocaleError, ValueError):
        return Locale.parse(SOURCE_LANGUAGE)


def locale() -> Locale:
    """Return the Babel locale of the current language, for dates and numbers."""
    return _locale(_language.get())


def short_date(day: date) -> str:
    """Return a day as a short weekday and date ("Thu, Nov 26" in English)."""
    return format_date(day, "EEE d MMM", locale=locale())


def day_month(day: date) -> str:
    """Return a day and month without a weekday ("26 Nov" in English)."""
    return format_date(day, "d MMM", locale=locale())


def date_span(start: date, end: date) -> str:
    """Return a span of days: "22–28 Jan", "29 Jan – 4 Feb", or one day ("26 Nov")."""
    if start == end:
        return day_month(end)
    if (start.year, start.month) == (end.year, end.month):
        return f"{format_date(start, 'd', locale=locale())}–{day_month(end)}"
    return f"{day_month(start)} – {day_month(end)}"


def long_date(day: date) -> str:
    """Return a day with its year ("26 Nov 2026" in English)."""
    return format_date(day, "d MMM y", locale=locale())


def fixed(value: float, digits: int = 1) -> str:
    """Return a number with exactly `digits` decimals, as the language writes it (7.0, 7,0)."""
    return format_decimal(value, format="0." + "0" * digits if digits else "0", locale=locale())


def number(value: float, digits: int = 1) -> str:
    """Return a number the way the current language writes it (7.5 or 7,5)."""
    return format_decimal(round(value, digits), locale=locale())
