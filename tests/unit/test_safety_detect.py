"""bot.safety: normalising disguises, levels, and the data files' own checks."""

import pytest

from bot.safety import Risk, assess, explain
from bot.safety.fuzzy import FuzzyIndex
from bot.safety.lexicon import Lexicon, _parse_pattern, load_lexicon
from bot.safety.normalise import normalise


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("I wannnaaa k1ll mys3lf!!!", ["i", "wana", "kil", "myself"]),
        ("k\u200bill my\u200dself", ["kil", "myself"]),
        ("kіll mysеlf", ["kil", "myself"]),  # Cyrillic і and е
        ("ｋｉｌｌ 𝐦𝐲𝐬𝐞𝐥𝐟", ["kil", "myself"]),  # full-width and mathematical bold
        ("s.u.i.c.i.d.e", ["suicide"]),
        ("k i l l", ["kil"]),
        ("Z̷a̷l̷g̷o̷", ["zalgo"]),
        ("хочу умеpеть", ["khochu", "umeret"]),  # a Latin p inside a Russian word
        ("Ich möchte STERBEN", ["ich", "mochte", "sterben"]),
        ("ran 10kms", ["ran", "10", "kms"]),
        ("I don’t", ["i", "dont"]),
    ],
)
def test_normalise_undoes_disguises(text, tokens):
    assert normalise(text) == tokens


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("I want to die", Risk.CONCERN),
        ("I wish I could sleep forever", Risk.CONCERN),
        ("I want to kill myself", Risk.HIGH),
        ("I'd never kill myself", Risk.CONCERN),  # a negation lowers, it does not clear
        ("I don't want to die", Risk.NONE),
        ("I've been saving up my pills", Risk.HIGH),
        ("took all my pills today", Risk.NONE),
        ("s*icide", Risk.CONCERN),  # a censored letter
        ("I want to take all my sertaline", Risk.HIGH),  # a misspelt medicine
        ("selbstmrod", Risk.CONCERN),  # swapped letters in a long word
        ("die Hitze bringt mich um", Risk.NONE),  # an inflection is not a typo
        ("", Risk.NONE),
        ("   ", Risk.NONE),
    ],
)
def test_levels(text, level):
    assert assess(text) == level


def test_non_text_is_none():
    assert assess(None) == Risk.NONE  # type: ignore[arg-type]


def test_explain_names_rules_never_words():
    found = explain("I want to kill myself")
    assert found.level == Risk.HIGH
    assert found.rules == ("kill-self",)
    assert not any("myself" in rule for rule in found.rules)


def test_a_long_message_is_read_to_the_end():
    assert assess("long day. " * 400 + "I want to die.") == Risk.CONCERN


def test_every_language_file_loads_with_known_concepts():
    lexicon = load_lexicon()
    assert set(lexicon.languages) >= {"en", "de", "fr", "es", "pt", "it", "nl", "sv", "no", "pl",
                                      "ru", "uk", "tr", "hi", "hi-Latn"}  # fmt: skip
    assert lexicon.rules


def test_pattern_must_start_with_a_word():
    with pytest.raises(ValueError, match="must start"):
        _parse_pattern(Lexicon(), "en", "~ die")


def test_fuzzy_keeps_short_words_and_endings_apart():
    index = FuzzyIndex(["suicide", "bringe"], ["selbstmord"])
    assert index.words_near("sucide") == {"suicide"}
    assert index.words_near("bringt") == set()
    assert index.words_near("dye") == set()
    assert index.stems_near("selbstmrodgedanken") == {"selbstmord"}
