"""Find the lexicon word a misspelt token stands for: one letter wrong, missing, extra or
swapped (pure).

Candidates come from a deletion index (the SymSpell idea: two words one edit apart share a
variant with one letter deleted), so a look-up is a handful of dict reads, not a scan of the
vocabulary; rapidfuzz then confirms the distance. Short words are left alone: "dye" must not
become "die".
"""

from collections.abc import Iterable

from rapidfuzz.distance import OSA

MIN_LENGTH = 6  # shorter words differ by one letter too often ("dying"/"dyeing" is the limit)
SAME_ENDING = 2
LONG = 9  # from this length two edits are allowed


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))} | {word}


def _allowed(word: str) -> int:
    return 2 if len(word) >= LONG else 1


class FuzzyIndex:
    """Whole words and stems (prefixes) that a misspelling may be matched to."""

    def __init__(self, words: Iterable[str], stems: Iterable[str]) -> None:
        self._words: dict[str, set[str]] = {}
        self._stems: dict[str, set[str]] = {}
        for word in words:
            if len(word) >= MIN_LENGTH:
                for variant in _deletions(word):
                    self._words.setdefault(variant, set()).add(word)
        stem_lengths = set()
        for stem in stems:
            if len(stem) >= MIN_LENGTH:
                stem_lengths.add(len(stem))
                for variant in _deletions(stem):
                    self._stems.setdefault(variant, set()).add(stem)
        self._stem_lengths = sorted(stem_lengths)

    def words_near(self, token: str) -> set[str]:
        """Return the indexed whole words within reach of the token."""
        if len(token) < MIN_LENGTH:
            return set()
        found = set()
        for variant in _deletions(token):
            for word in self._words.get(variant, ()):
                same_end = token[-SAME_ENDING:] == word[-SAME_ENDING:]
                if same_end and OSA.distance(token, word) <= _allowed(word):
                    found.add(word)
        return found

    def stems_near(self, token: str) -> set[str]:
        """Return the indexed stems that the token, misspelt, starts with."""
        found = set()
        for length in self._stem_lengths:
            if length > len(token) + 1:
                break
            for head in {token[: length - 1], token[:length], token[: length + 1]}:
                for variant in _deletions(head):
                    for stem in self._stems.get(variant, ()):
                        if OSA.distance(head, stem) <= 1:
                            found.add(stem)
        return found
