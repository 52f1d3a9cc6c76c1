"""Countries read from what people type, and the safety net's words, emergency number first."""

import pytest

from bot import crisis_texts, plan_texts
from bot.countries import country_name, resolve_country
from bot.crisis_lines import CRISIS_LINES, EMERGENCY_NUMBERS
from bot.i18n import use_language


@pytest.mark.parametrize(
    ("typed", "country"),
    [
        ("Austria", "AT"),
        ("at", "AT"),
        ("Österreich", "AT"),  # in German
        ("belgique", "BE"),  # in French
        ("UK", "GB"),
        ("United Kingdom", "GB"),
        ("U.S.", "US"),
        ("  españa ", "ES"),
        ("Россия", "RU"),
        ("Narnia", None),
        ("XX", None),
        ("", None),
        ("a" * 500, None),
    ],
)
def test_a_typed_country_is_read_in_many_languages(typed, country):
    assert resolve_country(typed) == country


def test_a_country_is_named_in_the_users_language():
    assert country_name("AT") == "Austria"
    with use_language("de"):  # Babel's names: no catalog needed
        assert country_name("AT") in ("Austria", "Österreich")


@pytest.mark.parametrize("country", sorted(CRISIS_LINES))
def test_the_emergency_number_comes_before_the_lines(country):
    reply = crisis_texts.high_reply(country)
    number = EMERGENCY_NUMBERS[country]
    first_line = CRISIS_LINES[country][0].name.replace("&", "&amp;")
    assert reply.index(f"<b>{number}</b>") < reply.index(first_line)


@pytest.mark.parametrize("country", [None, "JP", "GB"])
def test_every_short_reply_points_to_help_and_an_emergency_number(country):
    for text in (crisis_texts.voice_reply(country), crisis_texts.concern_question(country)):
        assert "in an emergency" in text
        assert "findahelpline.com" in text or "<b>" in text


def test_step_five_starts_with_the_countrys_lines_in_plain_text():
    written = plan_texts.professionals_default("BE")
    assert written.splitlines() == [
        "Zelfmoordlijn: call 1813",
        "Centre de Prévention du Suicide: call 0800 32 123",
        "Emergency: 112",
    ]
    assert plan_texts.professionals_default("JP") == "https://findahelpline.com"
