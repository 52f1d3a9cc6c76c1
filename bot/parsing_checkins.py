"""Read a free-text check-in such as "slept 7.5h", "30 min walk" or "2 drinks" (pure)."""

import re
from collections.abc import Callable
from dataclasses import dataclass

from models.days import DRUGS_NOTE
from models.types import Answer, HabitKind, SkipReason, StressTechnique

# Longer messages are not check-ins; refusing them early keeps every regex cheap.
MAX_INPUT = 500
MAX_SLEEP_HOURS = 20
MAX_EXERCISE_MINUTES = 600
MAX_DRINKS = 30


@dataclass(frozen=True)
class ParsedCheckin:
    """One check-in read from text; value is hours, minutes, drinks or mood by kind."""

    kind: HabitKind
    answer: Answer
    value: float | None = None
    quality: int | None = None
    note: str | None = None


# Returned by a reader that recognised its habit but found an impossible value.
_INVALID = ParsedCheckin(HabitKind.MOOD, Answer.NO_ANSWER, note="invalid")
Reading = ParsedCheckin | None

_NUM = r"(-?\d+(?:[.,]\d+)?)"
_NUMBER_WORDS = {
    "one": "1", "two": "2", "three": "3", "four": "4", "five": "5",
    "six": "6", "seven": "7", "eight": "8", "nine": "9", "ten": "10",
}  # fmt: skip
_REWRITES = [
    (re.compile(r"\b(?:an|one) hour and a half\b"), "90 min"),
    (re.compile(r"\bhalf an hour\b"), "30 min"),
    (re.compile(r"\b(?:an|a) hour\b"), "1 h"),
    (re.compile(r"\ba couple(?: of)?\b"), "2"),
    (re.compile(r"\b(?:a|an)\s+(?=(?:drink|beer|pint|glass|shot|cocktail|can|wine)\b)"), "1 "),
    (re.compile(r"\b(" + "|".join(_NUMBER_WORDS) + r")\b"), lambda m: _NUMBER_WORDS[m[1]]),
]
_CLAUSE_BREAK = re.compile(r"[,;!?]|\.(?!\d)|\bbut\b|\bthough\b")
_NEGATION = re.compile(
    r"\b(?:no|not|never|none|zero|without|skip|skipped|skipping|missed|miss|forgot|forget"
    r"|didn'?t|did not|don'?t|haven'?t|hasn'?t|couldn'?t|could not|wasn'?t|won'?t|can'?t"
    r"|ran out|run out|cancell?ed|cancel)\b"
)
_HOURS = re.compile(
    _NUM + r"\s*(?:h|hr|hrs|hour|hours)(?![a-z])"
    r"(?:\s*(?:and\s*)?(\d{1,2})\s*(?:m|min|mins|minutes?)?(?![a-z\d]))?"
)
_MINUTES = re.compile(_NUM + r"\s*(?:m|min|mins|minute|minutes)(?![a-z])")


def parse_checkin(text: str) -> ParsedCheckin | None:
    """Read one check-in from a short message; None when unsure or a value is impossible."""
    if not isinstance(text, str) or len(text) > MAX_INPUT:
        return None
    cleaned = _normalise(text)
    if not cleaned:
        return None
    for reader in _READERS:
        reading = reader(cleaned)
        if reading is _INVALID:
            return None
        if reading is not None:
            return reading
    return None


def _normalise(text: str) -> str:
    cleaned = " ".join(text.lower().replace("’", "'").replace("‘", "'").split())
    for pattern, replacement in _REWRITES:
        cleaned = pattern.sub(replacement, cleaned)
    return cleaned.strip(" .!")


def _number(text: str) -> float:
    return float(text.replace(",", "."))


def _clause(text: str, start: int, end: int) -> str:
    """Return the part of the message around [start, end), between commas or "but"s."""
    before = [m.end() for m in _CLAUSE_BREAK.finditer(text, 0, start)]
    after = _CLAUSE_BREAK.search(text, end)
    return text[before[-1] if before else 0 : after.start() if after else len(text)]


def _negated(text: str, match: re.Match[str]) -> bool:
    return _NEGATION.search(_clause(text, match.start(), match.end())) is not None


def _minutes(text: str) -> float | None:
    """Return a duration in minutes ("45 min", "1h", "1h30", "1.5 hours"), -1 when negative."""
    if hours := _HOURS.search(text):
        total = _number(hours[1]) * 60 + (int(hours[2]) if hours[2] else 0)
    elif minutes := _MINUTES.search(text):
        total = _number(minutes[1])
    else:
        return None
    return total if total >= 0 else -1


_MOOD = re.compile(
    r"\b(?:mood|feeling|feel|felt)\b[\s:=]*(?:(?:is|was|at|about|around|like|a|an|of)\s+)*"
    + _NUM
    + r"(?:\s*(?:/|out of)\s*(\d+))?(?![\d.])"
)


def _mood(text: str) -> Reading:
    match = _MOOD.search(text)
    if match is None:
        return None
    value = _number(match[1])
    if match[2] not in (None, "10") or not 0 <= value <= 10:
        return _INVALID
    return ParsedCheckin(HabitKind.MOOD, Answer.DONE, value=value)


_SLEEP = re.compile(r"\b(?:slept|sleep|asleep|sleeping)\b")
_SLEEP_BARE = re.compile(r"\bslept\s+(?:for\s+|about\s+|around\s+|like\s+)*" + _NUM + r"(?![\d.,])")
_QUALITY = re.compile(r"\bquality\s*(?:of|was|is|:|=)?\s*" + _NUM + r"(?:\s*/\s*(\d+))?")


def _sleep(text: str) -> Reading:
    if not _SLEEP.search(text):
        return None
    minutes = _minutes(text)
    if minutes is not None:
        hours = minutes / 60
    elif bare := _SLEEP_BARE.search(text):
        hours = _number(bare[1])
    else:
        return None
    quality = _QUALITY.search(text)
    quality_value = _number(quality[1]) if quality else None
    if not 0 <= hours <= MAX_SLEEP_HOURS:
        return _INVALID
    if quality and (quality[2] not in (None, "5") or quality_value not in {1, 2, 3, 4, 5}):
        return _INVALID
    return ParsedCheckin(
        HabitKind.SLEEP,
        Answer.DONE,
        value=round(hours, 2),
        quality=int(quality_value) if quality_value is not None else None,
    )


_MEDICATION = re.compile(
    r"\b(?:meds?|medications?|medicines?|pills?|tablets?|doses?|antidepressants?|capsules?"
    r"|prescription)\b"
)
_TAKEN = re.compile(r"\b(?:took|taken|take|done|had|swallowed|in|ok|yes)\b|✅|✓")
_SKIP_REASONS = [
    (re.compile(r"\bforg[oe]t"), SkipReason.FORGOT),
    (re.compile(r"side[- ]?effects?|nause|made me (?:sick|feel)|dizzy"), SkipReason.SIDE_EFFECTS),
    (re.compile(r"\b(?:cost|afford|expensive|money|price)"), SkipReason.COST),
    (re.compile(r"\b(?:felt|feel|feeling) (?:well|fine|better|good)\b"), SkipReason.FELT_WELL),
]


def _medication(text: str) -> Reading:
    match = _MEDICATION.search(text)
    if match is None:
        return None
    if _negated(text, match):
        reason = next((r for pattern, r in _SKIP_REASONS if pattern.search(text)), None)
        return ParsedCheckin(HabitKind.MEDICATION, Answer.SKIPPED, note=reason)
    if _TAKEN.search(_clause(text, match.start(), match.end())):
        return ParsedCheckin(HabitKind.MEDICATION, Answer.DONE)
    return None


_APPOINTMENT = re.compile(
    r"\b(?:therapy|therapist|appointment|appt|counsell?ing|counsell?or|psychiatrist"
    r"|psychologist|doctor|dr|gp|psych|clinic|check-?up)\b"
)
_RESCHEDULED = re.compile(r"\b(?:reschedul\w*|postponed?|moved|pushed (?:it )?back)")
_ATTENDED = re.compile(
    r"\b(?:went|been|had|saw|seen|attended|done|did|finished|back from|kept|made it|yes)\b"
)


def _appointment(text: str) -> Reading:
    match = _APPOINTMENT.search(text)
    if match is None:
        return None
    clause = _clause(text, match.start(), match.end())
    if _RESCHEDULED.search(clause):
        return ParsedCheckin(HabitKind.APPOINTMENT, Answer.RESCHEDULED)
    if _NEGATION.search(clause):
        return ParsedCheckin(HabitKind.APPOINTMENT, Answer.SKIPPED)
    if _ATTENDED.search(clause):
        return ParsedCheckin(HabitKind.APPOINTMENT, Answer.DONE)
    return None


_DRINK_COUNT = re.compile(
    _NUM + r"\s+(?:more\s+)?(?:alcoholic\s+)?(?:drinks?|beers?|pints?|glass(?:es)?|wines?|shots?"
    r"|units?|cocktails?|cans?|bottles?|ciders?|whiske?y|vodkas?|gin)\b"
)
_SUBSTANCE_FREE = re.compile(
    r"\b(?:alcohol[- ]?free|sober|substance[- ]?free|drug[- ]?free|booze[- ]?free|dry day"
    r"|no (?:alcohol|drinks?|drinking|booze|beer|wine|drugs|substances)|(?:didn'?t|did not) drink"
    r"|not drinking|stayed (?:dry|sober|clean)|clean today)\b"
)
_DRUG_USE = re.compile(
    r"\b(?:smoked (?:weed|pot|a joint|cannabis)|got high|(?:used|took|did) (?:drugs|coke|cocaine"
    r"|weed|cannabis|mdma|speed|ecstasy))\b"
)


def _substance(text: str) -> Reading:
    if count := _DRINK_COUNT.search(text):
        drinks = _number(count[1])
        if not 0 <= drinks <= MAX_DRINKS:
            return _INVALID
        answer = Answer.DONE if drinks == 0 else Answer.SKIPPED
        return ParsedCheckin(HabitKind.SUBSTANCE_FREE, answer, value=drinks)
    if _SUBSTANCE_FREE.search(text):
        return ParsedCheckin(HabitKind.SUBSTANCE_FREE, Answer.DONE, value=0)
    if _DRUG_USE.search(text):
        return ParsedCheckin(HabitKind.SUBSTANCE_FREE, Answer.SKIPPED, note=DRUGS_NOTE)
    return None


_TECHNIQUES = [
    (re.compile(r"\bmeditat\w*"), StressTechnique.MEDITATION),
    (re.compile(r"\byoga\b"), StressTechnique.YOGA),
    (re.compile(r"\btai[\s-]?chi\b"), StressTechnique.TAI_CHI),
    (re.compile(r"\bmindful\w*|\bbreathing\b"), StressTechnique.MINDFULNESS),
    (re.compile(r"\bmuscle relaxation\b|\bpmr\b"), StressTechnique.MUSCLE_RELAXATION),
    (re.compile(r"\bjournal\w*|\bdiary\b"), StressTechnique.JOURNALING),
]


def _stress(text: str) -> Reading:
    for pattern, technique in _TECHNIQUES:
        if match := pattern.search(text):
            return _timed(text, match, HabitKind.STRESS, note=technique.value)
    return None


_EXERCISE = re.compile(
    r"\b(?:walk\w*|ran|run|runs|running|jog\w*|gym|exercis\w*|work(?:ed|ing)? ?out|workouts?"
    r"|swim\w*|swam|cycl\w*|bike|biked|biking|hik\w*|danc\w*|garden\w*|stretch\w*|sports?"
    r"|tennis|football|soccer|basketball|weights|pilates|rowing|rowed|climb\w*|moved)\b"
)


def _exercise(text: str) -> Reading:
    match = _EXERCISE.search(text)
    return _timed(text, match, HabitKind.EXERCISE) if match else None


def _timed(text: str, match: re.Match[str], kind: HabitKind, note: str | None = None) -> Reading:
    """Read a done-or-not habit with an optional duration in minutes."""
    if _negated(text, match):
        return ParsedCheckin(kind, Answer.SKIPPED, note=note)
    minutes = _minutes(text)
    if minutes is not None and not 0 < minutes <= MAX_EXERCISE_MINUTES:
        return _INVALID
    return ParsedCheckin(kind, Answer.DONE, value=minutes, note=note)


# Order matters: an explicit "mood 6" or "slept 7h" wins over words that also name an activity.
_READERS: list[Callable[[str], Reading]] = [
    _mood,
    _sleep,
    _medication,
    _appointment,
    _substance,
    _stress,
    _exercise,
]
