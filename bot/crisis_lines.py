"""Crisis lines and emergency numbers by country, the country from the IANA zone (pure)."""

from dataclasses import dataclass

from bot.timezones import country_for_zone


@dataclass(frozen=True)
class CrisisLine:
    name: str
    how: str  # what to dial or text, as the organisation writes it


# Only lines whose numbers we are sure of; each comment names the organisation's own site.
# Everyone else gets the international directories below. Review this table yearly.
CRISIS_LINES: dict[str, tuple[CrisisLine, ...]] = {
    # https://988lifeline.org
    "US": (CrisisLine("988 Suicide & Crisis Lifeline", "call or text 988"),),
    # https://988.ca
    "CA": (CrisisLine("9-8-8 Suicide Crisis Helpline", "call or text 988"),),
    # https://www.samaritans.org
    "GB": (CrisisLine("Samaritans", "call 116 123, free, day or night"),),
    "IE": (CrisisLine("Samaritans", "call 116 123, free, day or night"),),
    # https://www.lifeline.org.au
    "AU": (CrisisLine("Lifeline", "call 13 11 14"),),
    # https://1737.org.nz
    "NZ": (CrisisLine("1737, Need to talk?", "call or text 1737"),),
    # https://www.telefonseelsorge.de
    "DE": (CrisisLine("TelefonSeelsorge", "call 0800 111 0 111 or 0800 111 0 222, free"),),
    # https://www.telefonseelsorge.at
    "AT": (CrisisLine("TelefonSeelsorge", "call 142"),),
    # https://www.143.ch
    "CH": (CrisisLine("Die Dargebotene Hand / La Main Tendue", "call 143"),),
    # https://3114.fr
    "FR": (CrisisLine("3114, numéro national de prévention du suicide", "call 3114"),),
    # https://www.113.nl
    "NL": (CrisisLine("113 Zelfmoordpreventie", "call 113 or 0800-0113, free"),),
    # https://www.zelfmoord1813.be and https://www.preventionsuicide.be
    "BE": (
        CrisisLine("Zelfmoordlijn", "call 1813"),
        CrisisLine("Centre de Prévention du Suicide", "call 0800 32 123"),
    ),
    # https://www.sanidad.gob.es (Línea 024)
    "ES": (CrisisLine("Línea 024", "call 024"),),
    # https://mind.se (Självmordslinjen)
    "SE": (CrisisLine("Självmordslinjen", "call 90101"),),
    # https://mentalhelse.no (Hjelpetelefonen)
    "NO": (CrisisLine("Mental Helse Hjelpetelefonen", "call 116 123"),),
    # https://telemanas.mohfw.gov.in
    "IN": (CrisisLine("Tele MANAS", "call 14416 or 1-800-891-4416"),),
    # https://988lifeline.org: the Lifeline answers in Puerto Rico, Guam and the US Virgin
    # Islands too (American Samoa and the Northern Marianas are left to the directories).
    **dict.fromkeys(
        ("PR", "GU", "VI"), (CrisisLine("988 Suicide & Crisis Lifeline", "call or text 988"),)
    ),
    # https://centrumwsparcia.pl (Fundacja ITAKA, day and night) and https://116123.pl
    "PL": (
        CrisisLine("Centrum Wsparcia", "call 800 70 2222, free, day or night"),
        CrisisLine("Telefon Zaufania", "call 116 123, free"),
    ),
    # https://lifelineukraine.com
    "UA": (CrisisLine("Lifeline Ukraine", "call 7333, free, day or night"),),
    # https://cvv.org.br
    "BR": (CrisisLine("CVV, Centro de Valorização da Vida", "call 188, free, day or night"),),
    # https://www.telefonoamico.it (10:00 to 24:00)
    "IT": (CrisisLine("Telefono Amico Italia", "call 02 2327 2327, 10:00–24:00"),),
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


def crisis_lines_for(tz: str) -> tuple[CrisisLine, ...]:
    """Return the crisis lines for the country of a zone; empty when we know none."""
    country = country_for_zone(tz)
    return CRISIS_LINES.get(country, ()) if country else ()


def emergency_number_for(tz: str) -> str | None:
    """Return the emergency number for the country of a zone, when we know it."""
    country = country_for_zone(tz)
    return EMERGENCY_NUMBERS.get(country) if country else None
