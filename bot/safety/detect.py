"""Tell how much a message speaks of suicide or self-harm: NONE, CONCERN or HIGH (pure).

Steps: normalise the text into tokens; tag each token with the concepts it is a word of, in
each language (exactly, by stem, or misspelt); hide the words of benign idioms ("dead tired",
"killing it at the gym"); then the data's phrase patterns and rules.toml's concept rules
(bot/safety/rules.py) decide the level; a "not" before a high pattern only asks gently. Never
logs or returns the words, only the names of the rules that fired.
"""

from dataclasses import dataclass
from functools import lru_cache

from bot.safety.fuzzy import FuzzyIndex
from bot.safety.lexicon import (
    CLOCK,
    COMMON,
    GAP_WORDS,
    MANY,
    MANY_FROM,
    NUMBER,
    UNIT,
    Lexicon,
    Pattern,
    Piece,
    Risk,
    Tag,
    Tags,
    has_concept,
    load_lexicon,
)
from bot.safety.normalise import normalise
from bot.safety.rules import negated, rules_fired

MANY_BELOW = 1000  # from here a number is more likely a year or a code than a count
COMPOUND_MIN = 3  # letters a compound needs before its head ("västerbron", not "bron")
_CENSOR_GUESSES = ("a", "e", "i", "o", "u", "")  # what "*" hid in "k*ll" or "s*icide"


@dataclass(frozen=True)
class Assessment:
    level: Risk
    rules: tuple[str, ...]  # names of the rules that fired; never the message's words


def assess(text: str) -> Risk:
    """Return the level of risk a message speaks of."""
    return explain(text).level


def explain(text: str) -> Assessment:
    """Return the level and the rules behind it (for tests and the benchmark)."""
    if not isinstance(text, str) or not text.strip():
        return Assessment(Risk.NONE, ())
    lexicon = load_lexicon()
    tokens = normalise(text)
    tags = [_tags_for(token) for token in tokens]
    phrases = _tag_phrases(lexicon, tokens, tags)
    _tag_counts(tokens, tags)
    _hide_benign(lexicon, tokens, tags, phrases)
    fired = _patterns_fired(lexicon, tokens, tags) + rules_fired(lexicon, tags)
    level = max((level for _, level in fired), default=Risk.NONE)
    return Assessment(level, tuple(sorted({name for name, _ in fired})))


def warm_up() -> None:
    """Read the data files and build the misspelling index now, not on the first message."""
    _fuzzy()


@lru_cache(maxsize=1)
def _fuzzy() -> FuzzyIndex:
    lexicon = load_lexicon()
    return FuzzyIndex(lexicon.exact, lexicon.prefixes)


@lru_cache(maxsize=65536)  # messages repeat words; the cache keeps a look-up a dict read
def _tags_for(token: str) -> Tags:
    if "*" in token and token.count("*") <= 2:
        guesses = {token}
        for _ in range(token.count("*")):
            guesses = {g.replace("*", c, 1) for g in guesses for c in _CENSOR_GUESSES}
        return frozenset().union(*(_exact_tags(g) for g in guesses))
    if token.isdigit():
        return frozenset({(COMMON, NUMBER)})
    found = _exact_tags(token)
    if found:
        return found
    lexicon = load_lexicon()
    near: set[Tag] = set()
    for word in _fuzzy().words_near(token):
        near |= lexicon.exact[word]
    for stem in _fuzzy().stems_near(token):
        near |= lexicon.prefixes[stem]
    return frozenset(near)


def _exact_tags(token: str) -> Tags:
    lexicon = load_lexicon()
    found = set(lexicon.exact.get(token, ()))
    for length in range(1, len(token) + 1):
        found |= lexicon.prefixes.get(token[:length], set())
    for length in lexicon.suffix_lengths:
        if len(token) < length + COMPOUND_MIN:
            break
        found |= lexicon.suffixes.get(token[-length:], set())
    return frozenset(found)


def _tag_phrases(lexicon: Lexicon, tokens: list[str], tags: list[Tags]) -> list[tuple]:
    """Tag each word of every concept phrase found; return the phrases as (start, end, tag)."""
    found = []
    for start, token in enumerate(tokens[:-1]):
        following = tokens[start + 1]
        candidates = lexicon.phrases.get((token, following), [])
        candidates = candidates + lexicon.phrases.get((token, None), [])
        for words, tag in candidates:
            end = start + len(words)
            if end <= len(tokens) and _phrase_fits(words, tokens[start:end]):
                found.append((start, end, tag))
                for position in range(start, end):
                    tags[position] = tags[position] | {tag}
    return found


def _phrase_fits(words: tuple[str, ...], tokens: list[str]) -> bool:
    last = words[-1]
    if last.endswith("*"):
        return tokens[:-1] == list(words[:-1]) and tokens[-1].startswith(last[:-1])
    return tokens == list(words)


def _tag_counts(tokens: list[str], tags: list[Tags]) -> None:
    """Mark a number as "many" when it counts things ("20 of my"), not a dose, time or year."""
    for position, token in enumerate(tokens):
        if not token.isdigit() or not MANY_FROM <= int(token) < MANY_BELOW:
            continue
        after = tokens[position + 1] if position + 1 < len(tokens) else ""
        before = tokens[position - 1] if position else ""
        if after.isdigit() or before.isdigit():
            continue  # "10 30" was a clock time
        if position + 1 < len(tokens) and has_concept(tags[position + 1], UNIT):
            continue
        if position and has_concept(tags[position - 1], CLOCK):
            continue
        tags[position] = tags[position] | {(COMMON, MANY)}


def _hide_benign(lexicon: Lexicon, tokens: list[str], tags: list[Tags], phrases) -> None:
    hidden: set[int] = set()
    for _pattern, start, end in _matches(lexicon.benign, tokens, tags):
        hidden.update(range(start, end))
    guards = lexicon.guard_concepts  # a benign idiom is also a guard ("mir beim Grillen")
    for position in hidden:
        tags[position] = frozenset(tag for tag in tags[position] if tag[1] in guards)
    # A phrase that runs into an idiom goes with it: "I'll be [dead tired]" is not "I'll be dead".
    for start, end, tag in phrases:
        if tag[1] not in guards and hidden.intersection(range(start, end)):
            for position in range(start, end):
                tags[position] = tags[position] - {tag}


def _patterns_fired(lexicon: Lexicon, tokens: list[str], tags: list[Tags]) -> list:
    """Name the patterns found; a "not" in or before a high one asks gently instead."""
    fired = []
    for pattern, start, end in _matches(lexicon.anchored, tokens, tags):
        level = pattern.level
        if level == Risk.HIGH and pattern.negatable:
            negations = [n for n in range(end) if (pattern.language, "neg") in tags[n]]
            if negated(negations, start, end - 1, (), (pattern.language,), tags):
                level = Risk.CONCERN
        fired.append((pattern.name, level))
    return fired


def _matches(index: dict[Tag, list[Pattern]], tokens: list[str], tags: list[Tags]):
    for start, token_tags in enumerate(tags):
        for tag in token_tags:
            for pattern in index.get(tag, ()):
                end = _match(pattern.pieces, 0, pattern.language, tokens, tags, start)
                if end is not None:
                    yield pattern, start, end


def _match(pieces: tuple[Piece, ...], index: int, language: str, tokens, tags, at: int):
    """Return where the pieces from `index` on end when they match from token `at`."""
    if index == len(pieces):
        return at
    piece = pieces[index]
    if piece.kind == "gap":
        for skip in range(min(GAP_WORDS, len(tokens) - at) + 1):
            end = _match(pieces, index + 1, language, tokens, tags, at + skip)
            if end is not None:
                return end
        return None
    # A concept written as a phrase ("sleeping pills") tags each of its words: take them all.
    stop = at
    while stop < len(tokens) and _fits(piece, language, tags[stop]):
        stop += 1
    for after in range(stop, at, -1):
        end = _match(pieces, index + 1, language, tokens, tags, after)
        if end is not None:
            return end
    return _match(pieces, index + 1, language, tokens, tags, at) if piece.optional else None


def _fits(piece: Piece, language: str, tags: Tags) -> bool:
    return (language, piece.key) in tags or (COMMON, piece.key) in tags
