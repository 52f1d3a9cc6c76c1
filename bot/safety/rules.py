"""Decide which concept rules (rules.toml) a tagged message fires, and at what level (pure).

A rule fires when words of all its concepts stand within its window, in any order, in one
language; guard words around the span cancel it unless the message denies them ("not for
camping"), and a "not" governing the span lowers or drops it.
"""

import itertools
from dataclasses import dataclass

from bot.safety.lexicon import COMMON, Lexicon, NearRule, Risk, Tag, Tags, has_concept

NEGATION_REACH = 3  # words before a rule's span in which a "not" still counts
LOWER_REACH = 6  # ...when only words of intending stand between ("not planning to...")
GUARD_DENIAL = 4  # a "not" this close before a guard word denies it ("not for camping")


@dataclass
class _Message:
    tags: list[Tags]
    positions: dict[Tag, list[int]]  # where each (language, concept) stands
    languages: list[frozenset[str]]  # the languages each word can be read in
    says_not: bool  # whether any word is a "not" in some language


def rules_fired(lexicon: Lexicon, tags: list[Tags]) -> list:
    """Return (rule name, level) for every rule the message fires, in each language it reads."""
    positions: dict[Tag, list[int]] = {}
    for position, token_tags in enumerate(tags):
        for tag in token_tags:
            positions.setdefault(tag, []).append(position)
    concepts: dict[str, set[str]] = {}
    for language, concept in positions:
        concepts.setdefault(language, set()).add(concept)
    common = concepts.pop(COMMON, set())
    readable = [(language, present | common) for language, present in concepts.items()]
    message = _Message(
        tags,
        positions,
        [frozenset(language for language, _ in token_tags) for token_tags in tags],
        any(concept == "neg" for _, concept in positions),
    )
    fired = []
    for language, present in readable:
        for concept in present:
            for rule in lexicon.rules_by_key.get(concept, ()):
                if not present.issuperset(rule.concepts):
                    continue
                level = _rule_level(rule, language, message)
                if level > Risk.NONE:
                    fired.append((rule.name, level))
    return fired


def _rule_level(rule: NearRule, language: str, message: _Message) -> Risk:
    """Return the rule's level for the best placement of its concepts, after negation."""
    positions = message.positions
    found = [_positions(positions, (language,), (c,)) for c in rule.concepts]
    if not all(found):
        return Risk.NONE
    best = Risk.NONE
    for anchor in min(found, key=len):
        # Only words within the window of an anchor can share a placement with it.
        near = [[p for p in ps if abs(p - anchor) <= rule.window] for ps in found]
        for placement in itertools.product(*near):
            first, last = min(placement), max(placement)
            if last - first > rule.window or _guarded(rule, language, placement, message):
                continue
            level = rule.level
            if rule.negated != "keep" and message.says_not:
                readings = _readings(language, placement, message)
                negations = _positions(positions, readings, ("neg",))
                if negated(negations, first, last, placement, readings, message.tags):
                    level = Risk(max(level - 1, 0)) if rule.negated == "lower" else Risk.NONE
            best = max(best, level)
            if best == rule.level:
                return best
    return best


def negated(negations, first: int, last: int, placement, languages, tags) -> bool:
    """Tell whether a "not" governs the span: inside it, just before it, or further before
    with only words of intending or thinking between ("not really thinking of killing...")."""
    for n in negations:
        if n in placement or n > last:
            continue
        if first - NEGATION_REACH <= n:
            return True
        between = range(n + 1, first)
        if first - n <= LOWER_REACH and all(
            any((lang, "neg_bridge") in tags[b] for lang in languages) for b in between
        ):
            return True
    return False


def _positions(positions: dict[Tag, list[int]], languages, concepts) -> list[int]:
    """Return where words of any of the concepts stand, in the languages or in common."""
    return sorted(
        {p for c in concepts for lang in (*languages, COMMON) for p in positions.get((lang, c), [])}
    )


def _guarded(rule: NearRule, language: str, placement, message: _Message) -> bool:
    """Tell whether a guard word stands in or around the placement (or just before it).

    Guards count in every language the placement's words can be read in: "overdose" is a
    word of several languages, and "fertiliser" beside it guards it in all of them.
    """
    if not rule.unless and not rule.unless_before:
        return False
    tags, positions = message.tags, message.positions
    languages = _readings(language, placement, message)
    # A phrase ("mein letzter Tag") spans all its words, so its guards are measured from its ends.
    first = min(_run_end(p, c, tags, -1) for p, c in zip(placement, rule.concepts, strict=True))
    last = max(_run_end(p, c, tags, 1) for p, c in zip(placement, rule.concepts, strict=True))
    negations = _positions(positions, languages, ("neg",)) if message.says_not else []
    guards = [g for g in _positions(positions, languages, rule.unless) if g not in placement]
    # A guard denied once is denied wherever it is said: "poison for rats, but not for rats".
    denied = {tags[g] for g in guards if _denied(g, first, placement, negations)}
    if any(first - rule.reach <= g <= last + rule.reach and tags[g] not in denied for g in guards):
        return True
    guards_before = _positions(positions, languages, rule.unless_before)
    return any(first - rule.reach <= g < first for g in guards_before)


def _readings(language: str, placement, message: _Message) -> list[str]:
    """Return the languages every word of the placement can be read in (the rule's first)."""
    word_languages = [message.languages[p] for p in placement]
    candidates = {language}.union(*word_languages) - {COMMON}
    return [
        lang
        for lang in candidates
        if all(lang in langs or COMMON in langs for langs in word_languages)
    ]


def _run_end(position: int, concept: str, tags, step: int) -> int:
    """Return the last position, going by `step`, of the run of words tagged with the concept."""
    while 0 <= position + step < len(tags) and has_concept(tags[position + step], concept):
        position += step
    return position


def _denied(guard: int, first: int, placement, negations: list[int]) -> bool:
    """Tell whether the message denies the guard: "a rope. not for camping", "nicht für die Wäsche".

    Only a negation after the span's start counts; one before it negates the span itself.
    """
    return any(
        first < n < guard and guard - n <= GUARD_DENIAL and n not in placement for n in negations
    )
