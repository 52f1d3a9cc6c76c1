"""bot.safety: acts, means and plans told without suicide words, and their ordinary twins.

Each row pairs a structure (a verb or state joined to an object or a moment) with the benign
message that shares its words; tests/crisis/dev_set.tsv holds many more of both.
"""

import tomllib
from importlib import resources

import pytest

from bot.safety import Risk, assess, explain
from bot.safety.lexicon import COMMON, MANY, NUMBER, NearRule, _check_rules, load_lexicon
from bot.safety.normalise import normalise

LANGUAGES = {"en", "de", "fr", "es", "pt", "it", "nl", "sv", "no", "pl", "ru", "uk", "tr", "hi",
             "hi-Latn"}  # fmt: skip


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # an overdose in progress, pills counted or stockpiled, by name or class
        ("took like 25 of my quetiapine about an hour ago", Risk.HIGH),
        ("hab vor einer Stunde 30 Stück von meinem Mirtazapin geschluckt", Risk.HIGH),
        ("bought four packs of co-codamol from four different chemists", Risk.HIGH),
        ("купила несколько пачек парацетамола в разных аптеках", Risk.HIGH),
        ("took 20 mg of sertraline this morning", Risk.NONE),  # a dose, not a count
        ("took my 7 tablets for the week out of the blister", Risk.NONE),
        ("I take all my pills at once with breakfast", Risk.NONE),
        ("I bought 5 boxes of paracetamol", Risk.HIGH),  # a count of packs
        ("I have 14 pills left in the box", Risk.NONE),  # a refill count is not a stockpile
        ("new box of 30 tablets", Risk.NONE),
        ("got 90 tablets from the pharmacy today", Risk.NONE),
        # self-harm acts
        ("I cut again tonight, deeper than before", Risk.HIGH),
        ("me volví a cortar anoche y no para de sangrar", Risk.HIGH),
        ("я порезала себе руки вчера вечером", Risk.HIGH),
        ("cut the grass again today", Risk.NONE),
        ("cut my thumb chopping onions and bled everywhere", Risk.NONE),
        ("me corté el dedo picando cebolla", Risk.NONE),
        (
            "ich habe mir beim Grillen den Arm verbrannt",
            Risk.NONE,
        ),  # a benign idiom keeps its guard
        # weapons, exhaust, ligatures, heights, trains
        ("I know where my stepdad keeps the key to the gun cabinet", Risk.HIGH),
        ("sitting in the car in the closed garage with the engine running", Risk.HIGH),
        ("parked the car in the garage and left the engine running to warm up", Risk.NONE),
        ("I tied the rope to the beam in the loft", Risk.HIGH),
        ("got a new rope for the washing line in the garden", Risk.NONE),
        ("comprei uma corda nova para o varal", Risk.NONE),
        ("standing on the roof right now looking down", Risk.HIGH),
        ("did a bungee jump off a bridge in New Zealand", Risk.NONE),
        ("in the film she jumps off the bridge at the end", Risk.NONE),
        ("I'm at the edge of the platform waiting for the fast train", Risk.HIGH),
        ("standing on the platform waiting for the next train to work", Risk.NONE),
        # a plan bound to a time; a past attempt
        ("tonight when everyone's asleep I'm going to do it", Risk.HIGH),
        ("après l'enterrement je passerai à l'acte", Risk.HIGH),
        ("I'll do it tonight", Risk.CONCERN),  # a habit reply or a plan: ask gently
        ("last time I tried I woke up in intensive care", Risk.HIGH),
        ("woke up in hospital after the knee surgery, all went well", Risk.NONE),
        ("I tried to sleep but woke up at four", Risk.NONE),
        # goodbyes and arrangements
        ("I said goodbye to my dog properly this morning", Risk.HIGH),
        ("said goodbye to my dog at the kennel before the holiday", Risk.NONE),
        ("I wrote my will last night", Risk.HIGH),
        ("we made our wills when we bought the house", Risk.NONE),
        ("wer kümmert sich um meine Katze, wenn ich nicht mehr da bin", Risk.HIGH),
        # "end my life", "leave life", passive wishes, in more languages
        ("хочу уйти из жизни", Risk.HIGH),
        ("ik wil uit het leven stappen", Risk.HIGH),
        ("jag vill lämna livet", Risk.HIGH),
        ("main is duniya ko chhodna chahti hoon", Risk.HIGH),
        ("ojalá nunca hubiera nacido", Risk.CONCERN),
        ("je suis fatiguée d'exister", Risk.CONCERN),
        ("wish I was born in Italy", Risk.NONE),
        # figurative and third persons
        ("ce boulot me tue", Risk.NONE),
        ("my friend's brother died by suicide, the funeral is on Friday", Risk.NONE),
    ],
)
def test_structure_and_its_ordinary_twin(text, level):
    assert assess(text) == level


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("хочу yмepeть", ["khochu", "umeret"]),  # Latin y, m, e, p, e in a Russian word
        ("пoкoнчить c coбoй", ["pokonchit", "s", "soboy"]),  # and a lone Latin "c"
        ("kіll mysеlf", ["kil", "myself"]),  # Cyrillic і and е in English words stay English
    ],
)
def test_mixed_script_words_take_their_own_script(text, tokens):
    assert normalise(text) == tokens


def test_a_count_is_many_but_a_dose_a_time_or_a_year_is_not():
    assert "took-many-means" in explain("took 30 of my zopiclone").rules
    for text in ("took 30 mg of my zopiclone", "took my zopiclone at 10", "in 2019 I took zopiclone",
                 "took my zopiclone at 10 30"):  # fmt: skip
        assert "took-many-means" not in explain(text).rules, text


def test_every_rule_reads_in_every_language():
    """A rule missing a concept's words in a language silently never fires there."""
    folder = resources.files("bot.safety") / "lexicons"
    common = set(tomllib.loads((folder / "common.toml").read_text("utf-8"))["concepts"])
    defined = {}
    for item in folder.iterdir():
        if item.name.endswith(".toml") and item.name not in ("rules.toml", "common.toml"):
            data = tomllib.loads(item.read_text("utf-8"))
            defined[data["language"]] = set(data["concepts"]) | common | {NUMBER, MANY}
    assert set(defined) == LANGUAGES
    for rule in load_lexicon().rules:
        missing = [lang for lang, known in defined.items() if not set(rule.concepts) <= known]
        assert not missing, (rule.name, missing)


def test_a_rule_naming_an_unknown_concept_fails_loudly():
    rule = NearRule("typo", Risk.HIGH, ("kill", "slef"), 3, "keep")
    with pytest.raises(ValueError, match="slef"):
        _check_rules((rule,), {"en": {"kill", "self"}, COMMON: set()})
    guard = NearRule("typo", Risk.HIGH, ("kill",), 3, "keep", unless=("chopin",))
    with pytest.raises(ValueError, match="chopin"):
        _check_rules((guard,), {"en": {"kill"}})
