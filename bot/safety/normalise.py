"""Turn a message into plain lower-case ASCII tokens that disguises cannot hide from (pure).

The same function prepares the lexicons, so a word written "Selbstmord", "самоубийство" or
"आत्महत्या" in a data file meets the message in one spelling, whatever the script.
"""

import re
import unicodedata

from anyascii import anyascii

# Zero-width and other invisible format characters (Unicode category Cf) and variation
# selectors are stripped; they split words without showing ("k\u200bill").
_INVISIBLE_CATEGORIES = {"Cf"}
_VARIATION_SELECTORS = re.compile("[\ufe00-\ufe0f\U000e0100-\U000e01ef]")
# Combining marks left after NFKC composed what it could: accents stacked as decoration
# ("zalgo" text). Devanagari signs are combining too, so only these Latin-script blocks go.
_STACKED_MARKS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
# Latin letters that look like Cyrillic ones, for words typed mostly in Cyrillic ("умеpеть"
# with a Latin p); the other way round, anyascii already turns Cyrillic look-alikes into Latin.
_LOOK_ALIKES = "aeopcyxkmthbi"
_LATIN_TO_CYRILLIC = str.maketrans(_LOOK_ALIKES, "аеорсухкмтнві")
_CYRILLIC = re.compile("[\u0400-\u04ff]")
_LATIN = re.compile("[a-z]")
# Letters that only one of the two scripts has: they tell which script a mixed word is in.
_ONLY_LATIN = re.compile(f"[^\\W\\d_{_LOOK_ALIKES}\u0400-\u04ff]")
_ONLY_CYRILLIC = re.compile("[бгдёжзийлпфцчшщъыьэюяєїґ]")
_WORDS = re.compile(r"\w+", re.UNICODE)
# Digits and symbols that stand in for letters inside a word ("k1ll", "$uicide", "d!e").
_LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a",
                       "$": "s", "!": "i", "|": "l"})  # fmt: skip
_TOKENS = re.compile(r"[a-z0-9@$!|*]+")
_NUMBER_UNIT = re.compile(r"^(\d+(?:[.,]\d+)?)([a-z]+)$")
_REPEATS = re.compile(r"([a-z])\1+")
_APOSTROPHES = re.compile("['’ʼ`´]")
# A word spelt out "k i l l" or "s.u.i.c.i.d.e" becomes one token again.
_MIN_SPELT_OUT = 3


def normalise(text: str) -> list[str]:
    """Return the message's tokens: ASCII, case-folded, de-disguised, letters not doubled."""
    plain = _unmask(text)
    tokens: list[str] = []
    for raw in _TOKENS.findall(plain):
        tokens.extend(_clean_token(raw))
    return _join_spelt_out(tokens)


def _unmask(text: str) -> str:
    """Undo the Unicode disguises: width, invisible characters, stacked marks, scripts."""
    if text.isascii():  # nothing to undo but case (most messages, and most data-file words)
        return _APOSTROPHES.sub("", text.lower())
    folded = unicodedata.normalize("NFKC", text).casefold()
    visible = "".join(c for c in folded if unicodedata.category(c) not in _INVISIBLE_CATEGORIES)
    visible = _STACKED_MARKS.sub("", _VARIATION_SELECTORS.sub("", visible))
    cyrillic = len(_CYRILLIC.findall(visible))
    if cyrillic:
        mostly_cyrillic = cyrillic > len(_LATIN.findall(visible))
        visible = _WORDS.sub(lambda m: _cyrillic_word(m.group(), mostly_cyrillic), visible)
    ascii_text = visible if visible.isascii() else anyascii(visible)
    return _APOSTROPHES.sub("", ascii_text).lower()


def _cyrillic_word(word: str, mostly_cyrillic: bool) -> str:
    """Give a word typed in both scripts its Cyrillic letters back ("yмepeть", "пoкoнчить").

    In a message mostly in Cyrillic, a word of look-alike Latin letters only ("c") is Cyrillic.
    """
    cyrillic = len(_CYRILLIC.findall(word))
    if not _LATIN.search(word):
        return word
    if not cyrillic:
        lookalikes_only = mostly_cyrillic and not _ONLY_LATIN.search(word)
        return word.translate(_LATIN_TO_CYRILLIC) if lookalikes_only else word
    only_cyrillic, only_latin = len(_ONLY_CYRILLIC.findall(word)), len(_ONLY_LATIN.findall(word))
    if only_cyrillic > only_latin or (only_cyrillic == only_latin and cyrillic >= len(word) / 2):
        return word.translate(_LATIN_TO_CYRILLIC)
    return word


def _clean_token(raw: str) -> list[str]:
    """Fold one raw token: numbers stay numbers, "10km" splits, look-alike symbols fold."""
    if raw.isalpha():  # letters only (most tokens): nothing to fold but doubled letters
        return [_REPEATS.sub(r"\1", raw)]
    if raw.isdigit():
        return [raw]
    unit = _NUMBER_UNIT.match(raw)
    if unit:
        return [unit.group(1), _REPEATS.sub(r"\1", unit.group(2))]
    word = raw.rstrip("!")
    if not any(c.isalpha() for c in word):
        return []
    word = word.translate(_LEET).strip("*")
    word = "".join(c for c in word if c.isalpha() or c == "*")
    return [_REPEATS.sub(r"\1", word)] if word else []


def _join_spelt_out(tokens: list[str]) -> list[str]:
    joined: list[str] = []
    run: list[str] = []
    for token in [*tokens, ""]:
        if len(token) == 1 and token.isalpha():
            run.append(token)
            continue
        if len(run) >= _MIN_SPELT_OUT:
            joined.append(_REPEATS.sub(r"\1", "".join(run)))
        else:
            joined.extend(run)
        run = []
        if token:
            joined.append(token)
    return joined
