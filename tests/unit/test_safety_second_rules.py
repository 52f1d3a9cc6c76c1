"""bot.safety, second generation: structures learnt from the first blind set's misses, each beside
the ordinary message that shares its words, and the matching machinery they needed."""

import pytest

from bot.safety import Risk, assess, explain
from bot.safety.lexicon import Lexicon, load_lexicon


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # at a height or on the tracks now
        ("im on the railway line near my house rn", Risk.HIGH),
        ("står på västerbron nu", Risk.HIGH),  # a compound's head: "-bron"
        ("şu an köprüdeyim", Risk.HIGH),
        ("I'm on the roof right now fixing the gutter", Risk.NONE),
        ("stuck on the bridge in traffic, running late", Risk.NONE),
        ("bin gerade auf der Brücke beim Joggen", Risk.NONE),
        ("I'm on top of things at work right now", Risk.NONE),
        # a time bound to an act
        ("après l'enterrement de mon père j'en finis", Risk.HIGH),
        ("ik maak er vannacht een einde aan", Risk.HIGH),
        ("by next week I'll be dead", Risk.HIGH),
        ("I won't be here on Monday, can you pause my reminders", Risk.NONE),
        ("I'll be dead tired by Friday with all these shifts", Risk.NONE),
        ("basta, la faccio finita con le sigarette, da lunedì smetto", Risk.NONE),
        # means at hand, sought, counted, asked about
        ("the rope is in my bag", Risk.HIGH),
        ("the rope is in my bag for climbing tomorrow", Risk.NONE),
        ("bought a rope today. not for camping", Risk.HIGH),  # a guard the message denies
        ("compré veneno para ratas pero no es para las ratas", Risk.HIGH),
        ("bought a rope today for camping", Risk.NONE),
        ("how many sleeping pills would it take to not wake up", Risk.HIGH),
        ("how much paracetamol is enough for a headache", Risk.NONE),
        ("j'ai compté mes cachets, il y en a assez", Risk.HIGH),
        ("counted my pills into the weekly organiser", Risk.NONE),
        # arrangements and last words
        ("put my will and all my passwords in one folder for my brother", Risk.HIGH),
        ("we made a will now that the baby is here, the lawyer said it was sensible", Risk.NONE),
        ("please tell my mum I'm sorry", Risk.HIGH),
        ("tell my mum I'm sorry I'm late, traffic", Risk.NONE),
        ("heute ist mein letzter Tag", Risk.HIGH),
        ("heute ist mein letzter Tag im alten Job", Risk.NONE),  # measured from the phrase's end
        # passive wishes: ask gently
        ("ich bin allen nur noch eine Last", Risk.CONCERN),
        ("никто бы и не заметил если бы меня не стало", Risk.CONCERN),
        ("je veux rejoindre ma grand-mère là-haut", Risk.CONCERN),
        ("je veux rejoindre mon frère à Lyon pour les vacances", Risk.NONE),
        ("jeśli potrąci mnie samochód, nie miałabym nic przeciwko", Risk.CONCERN),
        ("I regret not being born earlier, I'd have seen the Beatles", Risk.NONE),
        ("gonna catch the bus tonight", Risk.CONCERN),
        ("gotta catch the bus to work, talk later", Risk.NONE),
        # figurative "X is killing me" in Swedish and Norwegian
        ("jag tar livet av mig ikväll när alla sover", Risk.HIGH),
        ("värmen tar livet av mig", Risk.NONE),
    ],
)
def test_second_structure_and_its_ordinary_twin(text, level):
    assert assess(text) == level


@pytest.mark.parametrize(
    "text",
    [
        "don't worry, I would never kill myself",
        "I'm not a burden, my therapist reminded me",
        "I'm not really thinking about killing myself",
        "keine Sorge, ich bringe mich nicht um",
        "je ne vais pas me tuer, t'inquiète",
        "no me voy a matar, tranquila",
        "não estou pensando em me matar",
        "non ho intenzione di uccidermi",
        "ik ga mezelf niet van kant maken, beloofd",
        "jeg tenker ikke på å ta livet mitt",
        "nie zamierzam się zabić",
        "я не собираюсь убивать себя, просто устала",
        "kendimi öldürmeyeceğim merak etme",
        "main suicide nahi karunga, tension mat lo",
    ],
)
def test_saying_one_is_not_suicidal_never_gives_the_resources_at_once(text):
    assert assess(text) < Risk.HIGH


def test_a_not_further_back_counts_only_across_words_of_intending():
    assert assess("I don't care anymore, I'm going to kill myself") == Risk.HIGH
    assert assess("no, I'm going to kill myself") == Risk.HIGH
    assert assess("I'm not going to kill myself") == Risk.CONCERN


def test_a_phrase_may_end_in_a_stem():
    lexicon = Lexicon()
    lexicon.add_word("буду мертв*", ("ru", "dead"))
    assert lexicon.phrases[("budu", None)] == [(("budu", "mertv*"), ("ru", "dead"))]
    assert "dead-by-a-day" in explain("в пятницу я буду мертвой").rules


def test_a_compound_head_needs_a_word_before_it():
    lexicon = Lexicon()
    lexicon.add_word("*bron", ("sv", "high_place"))
    assert lexicon.suffixes == {"bron": {("sv", "high_place")}}
    assert assess("står på bron nu") == Risk.HIGH  # the word itself, from its own entry
    assert "high-place-now" in explain("står på tranebergsbron nu").rules


def test_every_rule_is_filed_once_under_one_of_its_concepts():
    lexicon = load_lexicon()
    filed = [rule for rules in lexicon.rules_by_key.values() for rule in rules]
    assert sorted(rule.name for rule in filed) == sorted(rule.name for rule in lexicon.rules)
    for key, rules in lexicon.rules_by_key.items():
        assert all(key in rule.concepts for rule in rules)
