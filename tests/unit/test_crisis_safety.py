import pytest

from bot.crisis_lines import (
    CRISIS_LINES,
    EMERGENCY_NUMBERS,
    country_of,
    crisis_lines_in,
    emergency_number_in,
)
from bot.crisis_texts import help_resources, high_reply
from bot.safety import Risk, assess
from bot.timezones import country_for_zone, zone_countries


def mentions_crisis(text: str) -> bool:
    return assess(text) >= Risk.CONCERN


def crisis_reply(tz: str) -> str:
    return high_reply(country_of(tz))


def crisis_lines_for(tz: str):
    return crisis_lines_in(country_of(tz))


GENUINE = [
    "I want to kill myself",
    "i wanna kill my self",
    "I've been thinking about suicide",
    "feeling suicidal tonight",
    "having sucidal thoughts again",
    "thinking about suiside",
    "I want to die",
    "i just want to dieee",
    "I wish I was dead",
    "I wish I could die",
    "everyone would be better off without me",
    "I'd be better off dead",
    "I don't want to be alive anymore",
    "I dont want to live",
    "I don't want to be here anymore",
    "I no longer want to exist",
    "I'm going to end it all",
    "thinking about ending it",
    "I want to end my life",
    "I'm going to take my own life",
    "I've been cutting myself again",
    "I cut myself last night",
    "I want to hurt myself",
    "I keep harming myself",
    "self-harm urges are bad today",
    "I self harmed",
    "kms",
    "honestly i might just kms lol",
    "I'm thinking of overdosing on purpose",
    "I want to take all my pills at once",
    "I could swallow all my meds",
    "there's no reason to live",
    "I have nothing to live for",
    "life isn't worth living",
    "I can't go on like this",
    "I can't do this anymore",
    "I want to jump off a bridge",
    "I wish I could sleep forever and never wake up",
    "I want to unalive myself",
    "KILL MYSELF",
    "I want to k i l l myself... no, I want to kill myself",
    "I wish I didn't exist",
    "I've given up on life",
    "long day. " * 300 + "I want to die.",
]

EVERYDAY = [
    "this workout is killing me",
    "I'd die for pizza",
    "dying to see the new film",
    "my phone died",
    "killed it at the gym today",
    "dead tired",
    "the traffic was murder",
    "cut the onions for dinner",
    "I could kill for a coffee",
    "I nearly killed myself laughing",
    "cut myself shaving",
    "I accidentally cut myself cooking",
    "this deadline is killing me",
    "my battery is dead",
    "took all my pills today",
    "took my meds",
    "ran 5 kms this morning",
    "walked 10kms",
    "I don't want to live in London",
    "I don't want to go on holiday",
    "the suit fits well",
    "I'm so done with this weather",
    "I want to dye my hair",
    "slept 7h, mood 6",
    "I never wake up before 9",
    "the film was to die for",
    "",
    "   ",
]


@pytest.mark.parametrize("text", GENUINE)
def test_genuine_statements_are_noticed(text):
    assert mentions_crisis(text) is True


@pytest.mark.parametrize("text", EVERYDAY)
def test_everyday_phrases_are_not_alarms(text):
    assert mentions_crisis(text) is False


@pytest.mark.parametrize(
    ("tz", "country"),
    [
        ("America/New_York", "US"),
        ("US/Eastern", "US"),
        ("America/Toronto", "CA"),
        ("Europe/London", "GB"),
        ("GB", "GB"),
        ("Europe/Dublin", "IE"),
        ("Europe/Berlin", "DE"),
        ("Europe/Oslo", "NO"),
        ("Asia/Calcutta", "IN"),
        ("Europe/Kiev", "UA"),
        ("Australia/Lord_Howe", "AU"),
        ("UTC", None),
        ("Etc/GMT+5", None),
        ("Nowhere/Special", None),
    ],
)
def test_country_for_zone(tz, country):
    assert country_for_zone(tz) == country


@pytest.mark.parametrize(
    ("tz", "number", "emergency"),
    [
        ("America/Chicago", "988", "911"),
        ("America/Vancouver", "988", "911"),
        ("Europe/London", "116 123", "999"),
        ("Europe/Dublin", "116 123", "112"),
        ("Australia/Sydney", "13 11 14", "000"),
        ("Pacific/Auckland", "1737", "111"),
        ("Europe/Berlin", "0800 111 0 111", "112"),
        ("Europe/Paris", "3114", "112"),
        ("Europe/Amsterdam", "113", "112"),
        ("Europe/Madrid", "024", "112"),
        ("Asia/Kolkata", "14416", "112"),
    ],
)
def test_reply_names_the_countrys_line_and_emergency_number(tz, number, emergency):
    reply = crisis_reply(tz)
    assert number in reply
    assert f"<b>{emergency}</b>" in reply
    assert "findahelpline.com" in reply
    assert "not a crisis service" in reply


@pytest.mark.parametrize("tz", ["UTC", "Asia/Tokyo", "Africa/Nairobi", "not/a zone"])
def test_reply_without_known_line_points_to_directories(tz):
    reply = crisis_reply(tz)
    assert "https://findahelpline.com" in reply
    assert "https://www.iasp.info/crisis-centres-helplines/" in reply
    assert "If you are in danger now, call your local emergency number" in reply


def test_reply_escapes_html():
    reply = crisis_reply("America/New_York")
    assert "Suicide &amp; Crisis Lifeline" in reply
    assert "& " not in reply.replace("&amp;", "")


def test_resources_text_for_help():
    text = help_resources("GB")
    assert "Samaritans" in text
    assert "999" in text
    assert "not a crisis service" in text


def test_every_country_with_a_line_has_an_emergency_number():
    assert set(CRISIS_LINES) <= set(EMERGENCY_NUMBERS)


def test_lines_and_emergency_for_unknown_zone():
    assert crisis_lines_for("Mars/Base") == ()
    assert emergency_number_in(country_of("Mars/Base")) is None


def test_the_chosen_country_wins_over_the_zone():
    assert country_of("Europe/Berlin", "AT") == "AT"
    assert country_of("Europe/Berlin", None) == "DE"


# Countries whose language the detector reads, and the gaps the issue named.
COVERED = "US GB IE AU NZ CA DE AT CH FR BE ES PT BR IT NL SE NO PL RU UA TR IN PR GU VI MC"


@pytest.mark.parametrize("tz", sorted(zone_countries()))
def test_every_resolvable_country_gets_a_line_or_the_directories(tz):
    reply = crisis_reply(tz)
    country = country_for_zone(tz)
    assert crisis_lines_for(tz) or "findahelpline.com" in reply, country
    assert "If you are in danger now, call" in reply


@pytest.mark.parametrize("country", COVERED.split())
def test_covered_countries_have_an_emergency_number(country):
    assert EMERGENCY_NUMBERS.get(country)


@pytest.mark.parametrize(
    ("tz", "number", "emergency"),
    [
        ("America/Puerto_Rico", "988", "911"),
        ("Pacific/Guam", "988", "911"),
        ("America/St_Thomas", "988", "911"),
        ("Europe/Monaco", None, "112"),
        ("Europe/Oslo", "116 123", "113"),
        ("Europe/Warsaw", "800 70 2222", "112"),
        ("Europe/Kyiv", "7333", "112"),
        ("America/Sao_Paulo", "188", "192"),
        ("Europe/Rome", "02 2327 2327", "112"),
        ("Europe/Istanbul", None, "112"),
    ],
)
def test_gaps_are_filled(tz, number, emergency):
    reply = crisis_reply(tz)
    assert number is None or number in reply
    assert f"<b>{emergency}</b>" in reply
