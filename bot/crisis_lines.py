"""Crisis lines and emergency numbers by country (pure).

The line follows the user's country, not their language: the country they chose in /settings,
else the one their time zone belongs to.
"""

from dataclasses import dataclass

from bot.i18n import N_
from bot.timezones import country_for_zone


@dataclass(frozen=True)
class CrisisLine:
    name: str  # the organisation's own name, never translated
    how: str  # what to dial or text (marked for translation, rendered with _())


# Only lines whose numbers we are sure of; each comment names the organisation's own site.
# Everyone else gets the international directories below. Review this table yearly.
CRISIS_LINES: dict[str, tuple[CrisisLine, ...]] = {
    # https://988lifeline.org
    "US": (CrisisLine("988 Suicide & Crisis Lifeline", N_("call or text 988")),),
    # https://988.ca
    "CA": (CrisisLine("9-8-8 Suicide Crisis Helpline", N_("call or text 988")),),
    # https://www.samaritans.org
    "GB": (CrisisLine("Samaritans", N_("call 116 123, free, day or night")),),
    "IE": (CrisisLine("Samaritans", N_("call 116 123, free, day or night")),),
    # https://www.lifeline.org.au
    "AU": (CrisisLine("Lifeline", N_("call 13 11 14")),),
    # https://1737.org.nz
    "NZ": (CrisisLine("1737, Need to talk?", N_("call or text 1737")),),
    # https://www.telefonseelsorge.de
    "DE": (CrisisLine("TelefonSeelsorge", N_("call 0800 111 0 111 or 0800 111 0 222, free")),),
    # https://www.telefonseelsorge.at
    "AT": (CrisisLine("TelefonSeelsorge", N_("call 142")),),
    # https://www.143.ch
    "CH": (CrisisLine("Die Dargebotene Hand / La Main Tendue", N_("call 143")),),
    # https://3114.fr
    "FR": (CrisisLine("3114, numéro national de prévention du suicide", N_("call 3114")),),
    # https://www.113.nl
    "NL": (CrisisLine("113 Zelfmoordpreventie", N_("call 113 or 0800-0113, free")),),
    # https://www.zelfmoord1813.be and https://www.preventionsuicide.be
    "BE": (
        CrisisLine("Zelfmoordlijn", N_("call 1813")),
        CrisisLine("Centre de Prévention du Suicide", N_("call 0800 32 123")),
    ),
    # https://www.sanidad.gob.es (Línea 024)
    "ES": (CrisisLine("Línea 024", N_("call 024")),),
    # https://mind.se (Självmordslinjen)
    "SE": (CrisisLine("Självmordslinjen", N_("call 90101")),),
    # https://mentalhelse.no (Hjelpetelefonen)
    "NO": (CrisisLine("Mental Helse Hjelpetelefonen", N_("call 116 123")),),
    # https://telemanas.mohfw.gov.in
    "IN": (CrisisLine("Tele MANAS", N_("call 14416 or 1-800-891-4416")),),
    # https://988lifeline.org: the Lifeline answers in Puerto Rico, Guam and the US Virgin
    # Islands too (American Samoa and the Northern Marianas are left to the directories).
    **dict.fromkeys(
        ("PR", "GU", "VI"), (CrisisLine("988 Suicide & Crisis Lifeline", N_("call or text 988")),)
    ),
    # https://centrumwsparcia.pl (Fundacja ITAKA, day and night) and https://116123.pl
    "PL": (
        CrisisLine("Centrum Wsparcia", N_("call 800 70 2222, free, day or night")),
        CrisisLine("Telefon Zaufania", N_("call 116 123, free")),
    ),
    # https://lifelineukraine.com
    "UA": (CrisisLine("Lifeline Ukraine", N_("call 7333, free, day or night")),),
    # https://cvv.org.br
    "BR": (CrisisLine("CVV, Centro de Valorização da Vida", N_("call 188, free, day or night")),),
    # https://www.telefonoamico.it (10:00 to 24:00)
    "IT": (CrisisLine("Telefono Amico Italia", N_("call 02 2327 2327, 10:00–24:00")),),
}
# Portugal, Russia and Turkey: no national line we could confirm at its own site, so their
# users get the international directories rather than a guessed number.

DIRECTORIES = (
    "https://findahelpline.com",
    "https://www.iasp.info/crisis-centres-helplines/",
)

# 112 reaches emergency services across the EU and in these other countries too.
_EU_112 = (
    "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE "
    "CH IS LI IN MC RU UA TR"
)
EMERGENCY_NUMBERS: dict[str, str] = {
    **dict.fromkeys(_EU_112.split(), "112"),
    # Norway's medical emergency line (112 is the police there): https://www.helsenorge.no
    "NO": "113",
    # SAMU, the ambulance service: https://www.gov.br/saude (Serviço de Atendimento Móvel)
    "BR": "192",
    # US territories dial 911 like the states: https://www.911.gov
    **dict.fromkeys(("US", "PR", "GU", "VI", "AS", "MP"), "911"),
    "CA": "911",
    "GB": "999",
    "AU": "000",
    "NZ": "111",
}


def country_of(tz: str, chosen: str | None = None) -> str | None:
    """Return the country whose lines a user sees: the one they chose, else their zone's."""
    return chosen or country_for_zone(tz)


def crisis_lines_in(country: str | None) -> tuple[CrisisLine, ...]:
    """Return a country's crisis lines; empty when we know none."""
    return CRISIS_LINES.get(country, ()) if country else ()


def emergency_number_in(country: str | None) -> str | None:
    """Return a country's emergency number, when we know it."""
    return EMERGENCY_NUMBERS.get(country) if country else None
