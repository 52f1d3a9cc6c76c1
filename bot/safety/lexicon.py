"""Read the per-language data files into one index the detector can look tokens up in (pure).

Each language is a TOML file in bot/safety/lexicons/: concept words ("self", "kill", "means"...)
and a few phrase patterns by level. rules.toml combines concepts the same way in every
language. Adding a language is adding a file; nothing here changes.

A concept word may be a whole word, a "stem*" (any word starting with it) or, for languages
that write compounds as one word, a "*head" (any longer word ending with it: "*brucke" hears
"Autobahnbrücke", "*bron" hears "Västerbron"). A phrase's last word may be a stem too
("буду мертв*").

Pattern syntax (one string per pattern, pieces separated by spaces):
    word      that word (normalised like a message); "stem*" any word starting with it
    {concept} any word of that concept in the same language (or in common.toml)
    x?        the piece may be missing
    ~         up to three other words in between
    #         a number
Every {concept} a pattern names must have words in its language or in common.toml.

A rule in rules.toml names concepts that must all stand within `window` words, in any order,
and may name guards: `unless` concepts within `reach` words of the span (or inside it) and
`unless_before` concepts just before it cancel it ("cut again" but not "cut the grass again";
"jumped off the bridge" but not "she jumped off the bridge in the film"). Every concept a rule
names must have words in some data file.
"""

import tomllib
from dataclasses import dataclass, field, replace
from enum import IntEnum
from functools import cache, lru_cache
from importlib import resources

from bot.safety.normalise import normalise

COMMON = "*"  # concept words shared by every language (medicine names)
NUMBER = "#"  # the concept every number token belongs to
MANY = "many"  # also the concept of a number from MANY_FROM on that no unit follows ("20 of my")
MANY_FROM = 5
UNIT = "unit"  # words after a number that make it a dose or a time ("20 mg", "10 years")
CLOCK = "clock"  # words before a number that make it a time ("at 10")
GAP_WORDS = 3
GUARD_REACH = 3  # words around a rule's span in which a guard ("chopping", "she") still counts
Tag = tuple[str, str]  # (language, concept) or (language, "=word") for a literal
Tags = frozenset[Tag]  # the tags of one word of a message


class Risk(IntEnum):
    """How a reply should meet a message: not at all, a gentle question, resources at once."""

    NONE = 0
    CONCERN = 1
    HIGH = 2


LEVELS = {"concern": Risk.CONCERN, "high": Risk.HIGH}


def has_concept(tags: Tags, concept: str) -> bool:
    """Tell whether a word is tagged with the concept in some language."""
    return any(tag_concept == concept for _, tag_concept in tags)


@dataclass(frozen=True)
class Piece:
    kind: str  # "tag" or "gap"
    key: str = ""
    optional: bool = False


@dataclass(frozen=True)
class Pattern:
    name: str  # "<language>:<level>:<index>", safe to log: it names the rule, not the words
    language: str
    level: Risk  # Risk.NONE for a benign pattern, which hides the words it covers
    pieces: tuple[Piece, ...]
    negatable: bool = True  # False when a "not" is part of the pattern ("{neg} ~ {want} to live")


@dataclass(frozen=True)
class NearRule:
    name: str
    level: Risk
    concepts: tuple[str, ...]
    window: int  # all concepts within this many words of each other, in any order
    negated: str  # what a negation just before or inside does: "keep", "lower" or "drop"
    unless: tuple[str, ...] = ()  # guard concepts in or around the span cancel it ("chopping")
    unless_before: tuple[str, ...] = ()  # guard concepts just before it cancel it ("she", "film")
    reach: int = GUARD_REACH  # how many words around the span a guard still counts


@dataclass
class Lexicon:
    languages: list[str] = field(default_factory=list)
    exact: dict[str, set[Tag]] = field(default_factory=dict)
    prefixes: dict[str, set[Tag]] = field(default_factory=dict)
    suffixes: dict[str, set[Tag]] = field(default_factory=dict)  # compound heads ("*brucke")
    suffix_lengths: tuple[int, ...] = ()
    # phrases by their first two words (None when the second is a stem): "i am a", "не возражал*"
    phrases: dict[tuple[str, str | None], list[tuple[tuple[str, ...], Tag]]] = field(
        default_factory=dict
    )
    anchored: dict[Tag, list[Pattern]] = field(default_factory=dict)
    benign: dict[Tag, list[Pattern]] = field(default_factory=dict)
    rules: tuple[NearRule, ...] = ()
    rules_by_key: dict[str, tuple[NearRule, ...]] = field(default_factory=dict)
    guard_concepts: frozenset[str] = frozenset()  # the concepts rules name as guards

    def add_word(self, entry: str, tag: Tag) -> None:
        """Index one concept word or literal: a word, a "stem*", a "*head" or a phrase."""
        words = entry_words(entry)
        if entry.startswith("*") and len(words) == 1:
            self.suffixes.setdefault(words[0], set()).add(tag)
            self.suffix_lengths = tuple(sorted({*self.suffix_lengths, len(words[0])}))
        elif len(words) > 1:
            if entry.endswith("*"):  # the last word is a stem: "не возражал*"
                words[-1] += "*"
            second = None if words[1].endswith("*") else words[1]
            self.phrases.setdefault((words[0], second), []).append((tuple(words), tag))
        elif entry.endswith("*"):
            self.prefixes.setdefault(words[0], set()).add(tag)
        else:
            self.exact.setdefault(words[0], set()).add(tag)


def entry_words(entry: str) -> list[str]:
    """Normalise a data-file entry exactly as a message is normalised."""
    words = _normalised(entry.strip("*"))
    if not words:
        raise ValueError(f"lexicon entry {entry!r} normalises to nothing")
    return list(words)


@cache  # the same word stands in many concepts and languages
def _normalised(entry: str) -> tuple[str, ...]:
    return tuple(normalise(entry))


def _parse_pattern(lexicon: Lexicon, language: str, text: str) -> tuple[Piece, ...]:
    pieces = []
    for raw in text.split():
        optional = raw.endswith("?") and len(raw) > 1
        word = raw[:-1] if optional else raw
        if word == "~":
            pieces.append(Piece("gap"))
        elif word == "#":
            pieces.append(Piece("tag", NUMBER, optional))
        elif word.startswith("{") and word.endswith("}"):
            pieces.append(Piece("tag", word[1:-1], optional))
        else:
            key = "=" + " ".join(entry_words(word)) + ("*" if word.endswith("*") else "")
            lexicon.add_word(word, (language, key))
            pieces.append(Piece("tag", key, optional))
    if not pieces or pieces[0].kind != "tag" or pieces[0].optional:
        raise ValueError(f"pattern {text!r} must start with a word or a concept")
    return tuple(pieces)


def _check_concepts(lexicon: Lexicon, defined: dict[str, set[str]]) -> None:
    """Fail loudly on a pattern naming a concept with no words: it could never fire."""
    known_everywhere = defined.get(COMMON, set()) | {NUMBER}
    for patterns in (*lexicon.anchored.values(), *lexicon.benign.values()):
        for pattern in patterns:
            for piece in pattern.pieces:
                concept = piece.key
                known = defined.get(pattern.language, set()) | known_everywhere
                if piece.kind == "tag" and not concept.startswith("=") and concept not in known:
                    raise ValueError(f"{pattern.name} names unknown concept {concept!r}")


def _add_language(lexicon: Lexicon, language: str, data: dict) -> set[str]:
    """Index one data file; return the concepts it gives words for."""
    for concept, words in data.get("concepts", {}).items():
        for word in words:
            lexicon.add_word(word, (language, concept))
    for level_name, texts in data.get("patterns", {}).items():
        level = Risk.NONE if level_name == "benign" else LEVELS[level_name]
        target = lexicon.benign if level is Risk.NONE else lexicon.anchored
        for index, text in enumerate(texts):
            pieces = _parse_pattern(lexicon, language, text)
            pattern = Pattern(f"{language}:{level_name}:{index}", language, level, pieces)
            # Concept words may come from common.toml, so such a pattern is found from either.
            target.setdefault((language, pieces[0].key), []).append(pattern)
            if not pieces[0].key.startswith("="):
                target.setdefault((COMMON, pieces[0].key), []).append(pattern)
    return set(data.get("concepts", {}))


def _read_rules(data: dict) -> tuple[NearRule, ...]:
    return tuple(
        NearRule(
            name=rule["name"],
            level=LEVELS[rule["level"]],
            concepts=tuple(rule["concepts"]),
            window=rule.get("window", 0),
            negated=rule.get("negated", "keep"),
            unless=tuple(rule.get("unless", ())),
            unless_before=tuple(rule.get("unless_before", ())),
            reach=rule.get("reach", GUARD_REACH),
        )
        for rule in data["near"]
    )


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """Read every data file once (package data, so an installed copy finds them too)."""
    folder = resources.files("bot.safety") / "lexicons"
    lexicon = Lexicon()
    defined: dict[str, set[str]] = {}
    for item in sorted(folder.iterdir(), key=lambda f: f.name):
        if not item.name.endswith(".toml") or item.name == "rules.toml":
            continue
        data = tomllib.loads(item.read_text(encoding="utf-8"))
        language = COMMON if item.name == "common.toml" else data["language"]
        if language != COMMON:
            lexicon.languages.append(language)
        defined[language] = _add_language(lexicon, language, data)
    _check_concepts(lexicon, defined)
    _mark_negatable(lexicon)
    lexicon.rules = _read_rules(tomllib.loads((folder / "rules.toml").read_text("utf-8")))
    _check_rules(lexicon.rules, defined)
    lexicon.rules_by_key = _index_rules(lexicon)
    _normalised.cache_clear()  # needed only while reading the files
    lexicon.guard_concepts = frozenset(
        concept for rule in lexicon.rules for concept in (*rule.unless, *rule.unless_before)
    )
    return lexicon


def _check_rules(rules: tuple[NearRule, ...], defined: dict[str, set[str]]) -> None:
    """Fail loudly on a rule naming a concept no data file has words for (a typo)."""
    known = set().union(*defined.values()) | {NUMBER, MANY}
    for rule in rules:
        for concept in (*rule.concepts, *rule.unless, *rule.unless_before):
            if concept not in known:
                raise ValueError(f"rule {rule.name} names unknown concept {concept!r}")


def _index_rules(lexicon: Lexicon) -> dict[str, tuple[NearRule, ...]]:
    """File each rule under its rarest concept: a message calls up only rules it may fire."""
    sizes: dict[str, int] = {}
    tag_sets = [*lexicon.exact.values(), *lexicon.prefixes.values(), *lexicon.suffixes.values()]
    tag_sets += [{tag for _, tag in found} for found in lexicon.phrases.values()]
    for tags in tag_sets:
        for _, concept in tags:
            sizes[concept] = sizes.get(concept, 0) + 1
    index: dict[str, list[NearRule]] = {}
    for rule in lexicon.rules:
        key = min(rule.concepts, key=lambda concept: sizes.get(concept, 0))
        index.setdefault(key, []).append(rule)
    return {key: tuple(rules) for key, rules in index.items()}


def _mark_negatable(lexicon: Lexicon) -> None:
    """Tell apart the patterns that say "not" themselves: a "not" before them is theirs."""
    negations = {
        (language, word)
        for word, tags in lexicon.exact.items()
        for language, concept in tags
        if concept == "neg"
    }
    for patterns in lexicon.anchored.values():
        for index, pattern in enumerate(patterns):
            says_not = any(
                piece.key == "neg" or (pattern.language, piece.key[1:]) in negations
                for piece in pattern.pieces
            )
            patterns[index] = replace(pattern, negatable=not says_not)
