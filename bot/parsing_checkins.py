"""Read a free-text check-in such as "slept 7.5h", "30 min walk" or "took my lithium" (pure).

The words come from bot/vocabulary/<language>.toml through bot/parsing_vocab.py; the rules here
are the same in every language. A message is read in the user's language, then in English.
"""

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from bot.parsing_results import RANGES, Measure, OutOfRange, ParsedCheckin
from bot.parsing_times import MAX_INPUT, parse_time
from bot.parsing_vocab import Grammar, grammars
from models.days import DRUGS_NOTE
from models.types import Answer, HabitKind

__all__ = [
    "MAX_INPUT",
    "Measure",
    "OutOfRange",
    "ParsedCheckin",
    "is_low_mood",
    "parse_checkin",
    "parse_refilled",
]

# A message this short that names a hard feeling is about the day, not a question.
LOW_MOOD_MAX_WORDS = 8
MED, SLEEP = HabitKind.MEDICATION, HabitKind.SLEEP


Reading = ParsedCheckin | OutOfRange | None


def parse_checkin(
    text: str, *, medicines: Sequence[str] = (), language: str | None = None
) -> ParsedCheckin | OutOfRange | None:
    """Read one check-in from a short message; None when unsure.

    medicines are the names of the user's medicines: a message naming one is about it.
    """
    if not isinstance(text, str) or len(text) > MAX_INPUT:
        return None
    for grammar in grammars(language):
        cleaned = _normalise(text, grammar)
        if not cleaned:
            return None
        names = [(name, _normalise(name, grammar)) for name in medicines if name.strip()]
        for reader in _READERS:
            reading = reader(_Said(cleaned, grammar, names))
            if reading is not None:
                return reading
    return None


def parse_refilled(
    text: str, *, medicines: Sequence[str] = (), language: str | None = None
) -> tuple[str, ...] | None:
    """Read "refilled" (or "picked up my Sertraline"): the medicines it names, () for none said;
    None when the message is not about a refill."""
    if not isinstance(text, str) or len(text) > MAX_INPUT:
        return None
    for grammar in grammars(language):
        cleaned = _normalise(text, grammar)
        names = [(name, _normalise(name, grammar)) for name in medicines if name.strip()]
        said = _Said(cleaned, grammar, names)
        if grammar.refilled.search(cleaned) and not _negated(
            said, grammar.refilled.search(cleaned)
        ):
            return tuple(dict.fromkeys(name for name, _ in _named(said)))
    return None


def is_low_mood(text: str, language: str | None = None) -> bool:
    """Tell whether a short message says the day is hard ("feeling awful today", "really down")."""
    if not isinstance(text, str) or len(text) > MAX_INPUT:
        return False
    for grammar in grammars(language):
        cleaned = _normalise(text, grammar)
        if not cleaned or len(cleaned.split()) > LOW_MOOD_MAX_WORDS:
            return False
        match = grammar.low_mood.search(cleaned)
        # "not bad", "not feeling down": a negation before the word turns it round.
        if match and not grammar.negation.search(_clause_before(cleaned, match.start(), grammar)):
            return True
    return False


@dataclass(frozen=True)
class _Said:
    text: str
    g: Grammar
    medicines: list[tuple[str, str]]  # (as configured, as read)


def _normalise(text: str, grammar: Grammar) -> str:
    cleaned = " ".join(text.lower().replace("’", "'").replace("‘", "'").split())
    for pattern, replacement in grammar.rewrites:
        cleaned = pattern.sub(replacement, cleaned)
    return cleaned.strip(" .!")


def _number(text: str) -> float:
    return float(text.replace(",", "."))


def _clause(text: str, start: int, end: int, g: Grammar) -> str:
    """Return the part of the message around [start, end), between commas or "but"s."""
    after = g.clause_break.search(text, end)
    return _clause_before(text, start, g) + text[start : after.start() if after else len(text)]


def _clause_before(text: str, start: int, g: Grammar) -> str:
    """Return the part of the message's clause that comes before `start`."""
    before = [m.end() for m in g.clause_break.finditer(text, 0, start)]
    return text[before[-1] if before else 0 : start]


def _negated(said: _Said, match: re.Match[str]) -> bool:
    clause = _clause(said.text, match.start(), match.end(), said.g)
    return said.g.negation.search(clause) is not None


def _minutes(said: _Said) -> float | None:
    """Return a duration in minutes ("45 min", "1h", "1h30", "1.5 hours"), -1 when negative."""
    if hours := said.g.hours.search(said.text):
        total = _number(hours[1]) * 60 + (int(hours[2]) if hours[2] else 0)
    elif minutes := said.g.minutes.search(said.text):
        total = _number(minutes[1])
    else:
        return None
    return total if total >= 0 else -1


def _mood(said: _Said) -> Reading:
    match = said.g.mood.search(said.text)
    if match is None:
        return None
    value = _number(match[1])
    if match[2] not in (None, "10") or not 0 <= value <= 10:
        return OutOfRange(Measure.MOOD)
    return ParsedCheckin(HabitKind.MOOD, Answer.DONE, value=value)


def _sleep(said: _Said) -> Reading:
    g, text = said.g, said.text
    if not any(p.search(text) for p in (g.sleep, g.woke, g.bedtime, g.slept_through)):
        return None
    hours: float | None = None
    if g.sleep.search(text):
        minutes = _minutes(said)
        bare = g.slept_bare.search(text)
        hours = minutes / 60 if minutes is not None else _number(bare[1]) if bare else None
    details = (_quality(said), _bedtime(said), _awakenings(said))
    if hours is not None and not 0 <= hours <= RANGES[Measure.HOURS][1]:
        return OutOfRange(Measure.HOURS)
    for detail in details:
        if isinstance(detail, OutOfRange):
            return detail
    if hours is None and all(detail is None for detail in details):
        return None
    quality, bedtime, awakenings = details
    return ParsedCheckin(
        SLEEP, Answer.DONE, round(hours, 2) if hours is not None else None,
        quality=quality, bedtime=bedtime, awakenings=awakenings,  # type: ignore[arg-type]
    )  # fmt: skip


def _quality(said: _Said) -> int | OutOfRange | None:
    match = said.g.quality.search(said.text)
    if match is None:
        return None
    if match[3]:
        return said.g.quality_words[match[3]]
    value = _number(match[1])
    if match[2] not in (None, "5") or value not in {1, 2, 3, 4, 5}:
        return OutOfRange(Measure.QUALITY)
    return int(value)


def _bedtime(said: _Said) -> int | OutOfRange | None:
    match = said.g.bedtime.search(said.text)
    if match is None:
        return None
    time = parse_time(match[1])
    if time is None:
        return OutOfRange(Measure.TIME)
    hour, minute = time
    # "bed at 11" means 23:00; a morning bedtime is written "07:00" or "7am".
    if 5 <= hour <= 11 and not re.search(r"[ap]\.?m|^0", match[1]):
        hour += 12
    return hour * 60 + minute


def _awakenings(said: _Said) -> int | OutOfRange | None:
    if said.g.slept_through.search(said.text):
        return 0
    match = said.g.woke.search(said.text)
    if match is None:
        return None
    count = said.g.counts.get(match[1])
    count = int(match[1]) if count is None else count
    return count if count <= RANGES[Measure.AWAKENINGS][1] else OutOfRange(Measure.AWAKENINGS)


def _named(said: _Said) -> list[tuple[str, re.Match[str]]]:
    """Return the configured medicines the message names, in the order it names them."""
    found = []
    for name, read in said.medicines:
        if match := re.search(rf"(?<!\w){re.escape(read)}(?!\w)", said.text):
            found.append((name, match))
    return sorted(found, key=lambda pair: pair[1].start())


def _medication(said: _Said) -> Reading:
    g, text = said.g, said.text
    named = _named(said)
    match = named[0][1] if named else g.medication.search(text) or g.took_it.search(text)
    if match is None:
        return None
    names = tuple(dict.fromkeys(name for name, _ in named))
    if _negated(said, match):
        reason = next((r for pattern, r in g.skip_reasons if pattern.search(text)), None)
        return ParsedCheckin(MED, Answer.SKIPPED, note=reason, medicines=names)
    if not g.taken.search(_clause(text, match.start(), match.end(), g)):
        return None
    at = g.at_time.search(text)
    taken_at = parse_time(at[1]) if at else None
    if at and taken_at is None:
        return OutOfRange(Measure.TIME)
    return ParsedCheckin(MED, Answer.DONE, medicines=names, taken_at=taken_at)


def _appointment(said: _Said) -> Reading:
    g = said.g
    match = g.appointment.search(said.text)
    if match is None:
        return None
    clause = _clause(said.text, match.start(), match.end(), g)
    if g.rescheduled.search(clause):
        return ParsedCheckin(HabitKind.APPOINTMENT, Answer.RESCHEDULED)
    if g.negation.search(clause):
        return ParsedCheckin(HabitKind.APPOINTMENT, Answer.SKIPPED)
    if g.attended.search(clause):
        return ParsedCheckin(HabitKind.APPOINTMENT, Answer.DONE)
    return None


def _substance(said: _Said) -> Reading:
    g, kind = said.g, HabitKind.SUBSTANCE_FREE
    if count := g.drink_count.search(said.text):
        drinks = _number(count[1])
        if not 0 <= drinks <= RANGES[Measure.DRINKS][1]:
            return OutOfRange(Measure.DRINKS)
        return ParsedCheckin(kind, Answer.DONE if drinks == 0 else Answer.SKIPPED, value=drinks)
    if g.substance_free.search(said.text):
        return ParsedCheckin(kind, Answer.DONE, value=0)
    if g.drug_use.search(said.text):
        return ParsedCheckin(kind, Answer.SKIPPED, note=DRUGS_NOTE)
    return None


def _stress(said: _Said) -> Reading:
    for pattern, technique in said.g.techniques:
        if match := pattern.search(said.text):
            return _timed(said, match, HabitKind.STRESS, note=technique.value)
    return None


def _exercise(said: _Said) -> Reading:
    match = said.g.exercise.search(said.text)
    return _timed(said, match, HabitKind.EXERCISE) if match else None


def _timed(said: _Said, match: re.Match[str], kind: HabitKind, note: str | None = None) -> Reading:
    """Read a done-or-not habit with an optional duration in minutes."""
    if _negated(said, match):
        return ParsedCheckin(kind, Answer.SKIPPED, note=note)
    minutes = _minutes(said)
    if minutes is not None and not 0 < minutes <= RANGES[Measure.MINUTES][1]:
        return OutOfRange(Measure.MINUTES)
    return ParsedCheckin(kind, Answer.DONE, value=minutes, note=note)


# Order matters: an explicit "mood 6" or "slept 7h" wins over words that also name an activity.
_READERS: list[Callable[[_Said], Reading]] = [
    _mood,
    _sleep,
    _medication,
    _appointment,
    _substance,
    _stress,
    _exercise,
]
