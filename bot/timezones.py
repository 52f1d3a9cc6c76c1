"""Find the user's IANA time zone from a name, a city, a country or a location."""

import difflib
import math
import re
import threading
import zoneinfo
from datetime import UTC, datetime
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from bot import cities
from bot.cities import fold
from models.schedule import local_now

if TYPE_CHECKING:
    from timezonefinder import TimezoneFinder

# Zone names are at most ~32 characters; anything much longer is not one.
MAX_INPUT = 64
_REGIONS = {
    "Africa", "America", "Antarctica", "Arctic", "Asia", "Atlantic", "Australia", "Europe",
    "Indian", "Pacific",
}  # fmt: skip
# Names people type that are not zone names and not in the city list: abbreviations, countries,
# local spellings and nicknames ("munchen", "nyc"). Cities the list resolves need no alias.
ALIASES = {
    "utc": "UTC", "gmt": "UTC", "z": "UTC", "zulu": "UTC",
    "est": "America/New_York", "edt": "America/New_York", "eastern": "America/New_York",
    "cst": "America/Chicago", "cdt": "America/Chicago", "central": "America/Chicago",
    "mst": "America/Denver", "mdt": "America/Denver", "mountain": "America/Denver",
    "pst": "America/Los_Angeles", "pdt": "America/Los_Angeles", "pacific": "America/Los_Angeles",
    "cet": "Europe/Berlin", "cest": "Europe/Berlin", "bst": "Europe/London",
    "munchen": "Europe/Berlin", "muenchen": "Europe/Berlin", "frankfurt": "Europe/Berlin",
    "cologne": "Europe/Berlin", "germany": "Europe/Berlin", "deutschland": "Europe/Berlin",
    "uk": "Europe/London", "england": "Europe/London", "scotland": "Europe/London",
    "wales": "Europe/London", "britain": "Europe/London", "great britain": "Europe/London",
    "united kingdom": "Europe/London", "holland": "Europe/Amsterdam",
    "the netherlands": "Europe/Amsterdam", "spain": "Europe/Madrid", "portugal": "Europe/Lisbon",
    "sf": "America/Los_Angeles", "la": "America/Los_Angeles", "washington dc": "America/New_York",
    "dc": "America/New_York", "nyc": "America/New_York", "bombay": "Asia/Kolkata",
    "bangalore": "Asia/Kolkata", "china": "Asia/Shanghai",
}  # fmt: skip
# Countries with several zones: suggest the most populous rather than guessing one.
_COUNTRY_CHOICES = {
    "US": ("America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles"),
    "CA": ("America/Toronto", "America/Vancouver", "America/Edmonton", "America/Halifax"),
    "AU": ("Australia/Sydney", "Australia/Melbourne", "Australia/Brisbane", "Australia/Perth"),
    "BR": ("America/Sao_Paulo", "America/Manaus", "America/Fortaleza"),
    "RU": ("Europe/Moscow", "Asia/Yekaterinburg", "Asia/Novosibirsk", "Asia/Vladivostok"),
    "MX": ("America/Mexico_City", "America/Tijuana", "America/Cancun"),
}
_NOT_CITIES = {"act", "lhi", "nsw", "north", "south", "west", "east", "yancowinna"}
_COUNTRY_NAMES = {"usa": "US", "america": "US", "united states of america": "US", "us": "US"}


# "UTC+1", "GMT -5", "+05:30", "utc+5.30": an offset from UTC rather than a place.
_OFFSET = re.compile(r"(?:utc|gmt)?\s*([+-])\s*(\d{1,2})(?:\s*[:.h]?\s*(\d{2}))?")
# Two instants a half-year apart: a zone matches an offset if it has it at either.
_OFFSET_PROBES = (datetime(2026, 1, 15, tzinfo=UTC), datetime(2026, 7, 15, tzinfo=UTC))


def parse_offset(text: str) -> int | None:
    """Return the minutes east of UTC that "UTC+1" or "+05:30" names, or None."""
    match = _OFFSET.fullmatch(fold(text)) if isinstance(text, str) else None
    if match is None:
        return None
    hours, minutes = int(match[2]), int(match[3] or 0)
    if minutes >= 60 or hours * 60 + minutes > 14 * 60:
        return None
    return (hours * 60 + minutes) * (-1 if match[1] == "-" else 1)


def offset_zone(minutes: int) -> str | None:
    """Return the fixed-offset zone for whole hours (tzdata's Etc names invert the sign)."""
    if minutes % 60:
        return None  # no Etc zone for a half hour: a city names it better
    hours = minutes // 60
    return "UTC" if hours == 0 else f"Etc/GMT{-hours:+d}"


def resolve_zone(text: str) -> str | None:
    """Return the canonical IANA zone for a zone name, city or country; None when unsure."""
    if not isinstance(text, str) or len(text) > MAX_INPUT:
        return None
    key = fold(text)
    if not key:
        return None
    offset = parse_offset(key)
    if offset is not None:
        return offset_zone(offset)
    index = _index()
    found = index.get(key) or index.get(key.replace("-", " "))
    if found is None and key.replace(" ", "").replace("-", "").isalpha():
        city_zone = cities.city_zones().get(key)  # "Stuttgart", "Leeds", "Porto Alegre"...
        found = _preferred(city_zone) if city_zone else None
    return found


def suggest_zones(text: str, n: int = 3) -> list[str]:
    """Return up to n zones the text may mean: a country's main zones, or near spellings."""
    if not isinstance(text, str) or len(text) > MAX_INPUT or n < 1:
        return []
    key = fold(text)
    if not key:
        return []
    offset = parse_offset(key)
    if offset is not None:
        return zones_at_offset(offset)[:n]
    country = country_names().get(key)
    if country in _COUNTRY_CHOICES:
        return list(_COUNTRY_CHOICES[country][:n])
    found: list[str] = []
    for match in difflib.get_close_matches(key, _index().keys(), n=n * 4, cutoff=0.75):
        zone = _index()[match]
        if zone not in found:
            found.append(zone)
    return found[:n]


def canonical_zone(tz: str) -> str:
    """Return the current name of a zone, following tzdata's links ("Asia/Calcutta")."""
    links = zone_links()
    for _ in range(5):
        if tz not in links:
            break
        tz = links[tz]
    return tz


def _preferred(tz: str) -> str:
    # A zone with its own country keeps its name, even when tzdata merged its rules into
    # another's ("Europe/Oslo" links to Berlin); a renamed one takes its new name ("Calcutta").
    return tz if tz in zone_countries() else canonical_zone(tz)


def country_for_zone(tz: str) -> str | None:
    """Return the ISO 3166 code of the country a zone belongs to, if any."""
    countries = zone_countries()
    return countries.get(tz) or countries.get(canonical_zone(tz))


@lru_cache(maxsize=64)
def zones_at_offset(minutes: int) -> list[str]:
    """Return the places whose clocks are this far from UTC in winter or summer, by name."""
    found = {
        zone
        for zone in zone_countries()
        for probe in _OFFSET_PROBES
        if (offset := probe.astimezone(zoneinfo.ZoneInfo(zone)).utcoffset()) is not None
        and offset.total_seconds() == minutes * 60
    }
    return sorted(found)


def is_fixed_offset(tz: str) -> bool:
    """Tell whether a zone is a bare UTC offset, with no summer time."""
    return tz.startswith("Etc/GMT") and tz != "Etc/GMT"


def zone_name(tz: str) -> str:
    """Return how to show a zone: its IANA name, or "UTC+1" for tzdata's "Etc/GMT-1"."""
    if is_fixed_offset(tz):
        return f"UTC{-int(tz.removeprefix('Etc/GMT')):+d}"
    return tz


def describe_zone(tz: str, now: datetime) -> str:
    """Name a zone with its current local time: "Europe/Berlin (now 14:05)"."""
    return f"{zone_name(tz)} (now {local_now(now, tz):%H:%M})"


def zone_for_location(lat: float, lon: float) -> str | None:
    """Return the zone at a latitude and longitude (a Telegram location), or None."""
    if not all(isinstance(v, int | float) and math.isfinite(v) for v in (lat, lon)):
        return None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    found = _finder().timezone_at(lng=float(lon), lat=float(lat))
    return _preferred(found) if found else None


_finder_lock = threading.Lock()


@lru_cache(maxsize=1)
def _finder() -> "TimezoneFinder":
    # Imported and built on first use: its data files take ~0.1 s to open.
    from timezonefinder import TimezoneFinder

    with _finder_lock:
        return TimezoneFinder()


def _tzdata_text(name: str) -> str:
    return (resources.files("tzdata") / "zoneinfo" / name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def zone_countries() -> dict[str, str]:
    """Map each zone of zone.tab to its one country (zone1970.tab lists several per zone)."""
    countries: dict[str, str] = {}
    for line in _tzdata_text("zone.tab").splitlines():
        if line and not line.startswith("#"):
            code, _coordinates, zone, *_ = line.split("\t")
            countries[zone] = code
    return countries


@lru_cache(maxsize=1)
def zone_links() -> dict[str, str]:
    """Map each old or alias zone name to its target, from tzdata's "L target alias" lines."""
    links: dict[str, str] = {}
    for line in _tzdata_text("tzdata.zi").splitlines():
        if line.startswith("L "):
            _, target, alias = line.split()
            links[alias] = target
    return links


@lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    """Map folded country names from iso3166.tab ("britain", "uk", "germany") to codes."""
    names = dict(_COUNTRY_NAMES)
    for line in _tzdata_text("iso3166.tab").splitlines():
        if line and not line.startswith("#"):
            code, name = line.split("\t")[:2]
            plain, _, inner = name.partition(" (")
            names.setdefault(fold(plain), code)
            if inner:
                names.setdefault(fold(f"{plain} {inner.rstrip(')')}"), code)
    return names


@lru_cache(maxsize=1)
def _index() -> dict[str, str]:
    """Map every folded name people may type to a canonical zone."""
    zones = zoneinfo.available_timezones()
    index: dict[str, str] = {}
    for tz in sorted(zones):
        region, _, city = tz.partition("/")
        preferred = _preferred(tz)
        _add(index, fold(tz), preferred)
        city = fold(city.rpartition("/")[2])
        # Old names ("Calcutta") count; "Australia/ACT" and "Australia/West" do not.
        if region in _REGIONS and city and city not in _NOT_CITIES:
            _add(index, city, preferred)
    by_country: dict[str, list[str]] = {}
    for tz, code in zone_countries().items():
        by_country.setdefault(code, []).append(tz)
    for name, code in country_names().items():
        if len(by_country.get(code, ())) == 1:
            index.setdefault(name, by_country[code][0])
    index.update({fold(alias): zone for alias, zone in ALIASES.items()})
    return index


def _add(index: dict[str, str], key: str, zone: str) -> None:
    index.setdefault(key, zone)
    index.setdefault(key.replace("-", " "), zone)
