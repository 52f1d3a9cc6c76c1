"""Countries by name: read one a user typed, and name one in their language (pure)."""

from functools import cache

from babel import Locale

from bot.i18n import locale
from bot.timezones import MAX_INPUT, country_names, fold, zone_countries

# Country names are read in the languages Steady's crisis detector reads (bot/safety), so a
# German speaker in Spain can type "Spanien" and an English speaker "Österreich".
NAME_LANGUAGES = (
    "en",
    "de",
    "fr",
    "es",
    "pt",
    "it",
    "nl",
    "sv",
    "nb",
    "pl",
    "ru",
    "uk",
    "tr",
    "hi",
)
ALIASES = {"uk": "GB", "england": "GB", "scotland": "GB", "wales": "GB"}


@cache
def known() -> frozenset[str]:
    """Return the ISO 3166 codes of the countries that have time zones (tzdata's zone.tab)."""
    return frozenset(zone_countries().values())


@cache
def _names() -> dict[str, str]:
    """Map folded country names, in every language of NAME_LANGUAGES, to their codes."""
    names = dict(ALIASES)
    for language in NAME_LANGUAGES:
        for code, name in Locale.parse(language).territories.items():
            if code in known():
                names.setdefault(fold(name), code)
    return names


def resolve_country(text: str) -> str | None:
    """Return the country a typed name means: "AT", "Austria", or its name in the user's language."""
    if not isinstance(text, str) or len(text) > MAX_INPUT:
        return None
    key = fold(text).replace(".", "")
    if not key:
        return None
    if len(key) == 2 and key.upper() in known():
        return key.upper()
    code = country_names().get(key) or _names().get(key)
    return code if code in known() else None


def country_name(code: str) -> str:
    """Return the country's name in the user's language ("Österreich" for AT in German)."""
    return locale().territories.get(code, code)
