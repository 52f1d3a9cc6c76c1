"""The detector against the hand-written evaluation set (figures: bench/crisis.py)."""

import itertools

from bot.safety import Risk, assess
from tests.crisis.evalset import (
    BLIND2_SET,
    BLIND_SET,
    DEV_SET,
    EVAL_SET,
    HELDOUT_SET,
    load,
    score,
)

LANGUAGES = {"en", "de", "fr", "es", "pt", "it", "nl", "sv", "no", "pl", "ru", "uk", "tr", "hi",
             "hi-Latn"}  # fmt: skip


def test_eval_set_is_big_enough_and_covers_every_language():
    examples = load(EVAL_SET)
    assert len(examples) >= 400
    assert sum(e.risky for e in examples) >= 250
    assert sum(not e.risky for e in examples) >= 150
    for language in LANGUAGES:
        mine = [e for e in examples if e.language == language]
        assert any(e.risky for e in mine) and any(not e.risky for e in mine), language


def test_recall_false_alarms_and_high_on_the_eval_set():
    total = score(load(EVAL_SET), assess)["all"]
    assert total.recall >= 0.98
    assert total.false_alarm <= 0.03
    assert total.high_recall >= 0.95


def test_dev_set_covers_every_language_with_risk_and_hard_benign():
    examples = load(DEV_SET)
    assert len(examples) >= 300
    for language in LANGUAGES:
        mine = [e for e in examples if e.language == language]
        assert sum(e.risky for e in mine) >= 15, language
        assert sum(not e.risky for e in mine) >= 7, language


def test_recall_false_alarms_and_high_on_the_dev_set():
    """Held below the eval set: it keeps fresh phrasings left ambiguous (CONCERN, not HIGH)."""
    total = score(load(DEV_SET), assess)["all"]
    assert total.recall >= 0.96
    assert total.false_alarm <= 0.03
    assert total.high_recall >= 0.95


def test_sets_share_no_message():
    """The blind set was written apart and shares common short phrasings; these three do not."""
    sets = [load(path) for path in (EVAL_SET, HELDOUT_SET, DEV_SET)]
    texts = [{e.text.lower() for e in examples} for examples in sets]
    for first, second in itertools.combinations(texts, 2):
        assert not first & second


def test_heldout_set_is_readable_and_apart():
    heldout = load(HELDOUT_SET)
    assert {e.language for e in heldout} == LANGUAGES
    assert not {e.text for e in heldout} & {e.text for e in load(EVAL_SET)}


def test_blind_set_is_big_enough_and_covers_every_language():
    """The first blind set: burned, it is development data now (see its header)."""
    examples = load(BLIND_SET)
    assert len(examples) >= 450
    assert sum(e.risky for e in examples) >= 300
    assert sum(not e.risky for e in examples) >= 150
    assert {e.language for e in examples} == LANGUAGES
    for language in LANGUAGES:
        mine = [e for e in examples if e.language == language]
        assert sum(e.risky for e in mine) >= 15, language
        assert sum(not e.risky for e in mine) >= 8, language
    english = [e for e in examples if e.language == "en"]
    assert sum(e.risky for e in english) > max(
        sum(e.risky for e in examples if e.language == other) for other in LANGUAGES - {"en"}
    )


def test_recall_false_alarms_and_high_on_the_burned_blind_set():
    """Its misses shaped the second generation, so it is held like the dev set."""
    total = score(load(BLIND_SET), assess)["all"]
    assert total.recall >= 0.96
    assert total.false_alarm <= 0.03
    assert total.high_recall >= 0.95


def test_second_blind_set_is_big_enough_and_covers_every_language():
    """Size and coverage only: the detector's figures on it are reported by bench/crisis.py."""
    examples = load(BLIND2_SET)
    assert len(examples) >= 500
    assert sum(e.risky for e in examples) >= 340
    assert sum(not e.risky for e in examples) >= 160
    assert {e.language for e in examples} == LANGUAGES
    for language in LANGUAGES:
        mine = [e for e in examples if e.language == language]
        assert sum(e.risky for e in mine) >= 18, language
        assert sum(not e.risky for e in mine) >= 9, language
    english = [e for e in examples if e.language == "en"]
    assert sum(e.risky for e in english) > max(
        sum(e.risky for e in examples if e.language == other) for other in LANGUAGES - {"en"}
    )


def test_every_example_level_is_a_risk_level():
    for example in (
        load(EVAL_SET) + load(HELDOUT_SET) + load(DEV_SET) + load(BLIND_SET) + load(BLIND2_SET)
    ):
        expected = (Risk.CONCERN, Risk.HIGH) if example.risky else (Risk.NONE,)
        assert example.minimum in expected
