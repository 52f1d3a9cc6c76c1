"""One truth per day: how a habit's entries of one day combine, per kind (pure).

Every view reads a habit's day through `habit_days`: the /summary text and chart, the weekly
summary, the doctor's PDF and the export's days.csv. So they cannot disagree.

- Medication and appointments: each reminder is one scheduled dose (or visit) and counts once,
  at its latest answer. An answer given without a reminder ("took my meds") stands in for one
  due dose that has no answer or was skipped; it never counts twice. On a day with no
  reminder the day counts once, at its best answer. Rescheduled is not due.
- A medicine taken as needed has no due doses: each dose logged counts as taken, never
  towards a share of doses due.
- Mood and sleep: the latest number is the day's number; a correction wins, nothing is
  averaged. Sleep's hours, quality, bedtime and awakenings each take their latest answer.
- Exercise: minutes add up; the day is done if any answer says they moved.
- Stress relief: done if any practice; each technique practised is listed once.
- Alcohol- and drug-free: drinks add up, and any drink, drug use or "not free" answer makes
  the day not free. A later "alcohol-free" never erases drinks logged that day, unless it
  answers the same reminder again: each reminder keeps only its latest answer, so a second
  tap on it is a correction, while a new message is one more report of the same day.
- A reminder still open today is not due yet; one unanswered on a day that has ended is
  "no answer".
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import NamedTuple

from models.types import Answer, HabitKind

DRUGS_NOTE = "drugs"  # the note of an alcohol- and drug-free check-in that reports drug use
# Kinds whose reminders are doses or visits, counted one by one; the rest count per day.
SLOTTED = frozenset({HabitKind.MEDICATION, HabitKind.APPOINTMENT})
# One person has one mood and one night a day, whichever habit row the entries name.
ONE_A_DAY = frozenset({HabitKind.MOOD, HabitKind.SLEEP})
_NEVER = datetime.min.replace(tzinfo=UTC)
# Which unfilled reminder an answer without one may stand in for, best first.
_FILLS = {
    Answer.DONE: (None, Answer.NO_ANSWER, Answer.SKIPPED),
    Answer.RESCHEDULED: (None, Answer.NO_ANSWER),
    Answer.SKIPPED: (None, Answer.NO_ANSWER),
    Answer.NO_ANSWER: (),
}
_RANK = {Answer.DONE: 0, Answer.RESCHEDULED: 1, Answer.SKIPPED: 2, Answer.NO_ANSWER: 3}


class Outcome(StrEnum):
    DONE = "done"  # taken, kept, logged, moved, practised, alcohol- and drug-free
    PARTLY = "partly"  # some of the day's doses
    NOT_DONE = "not_done"  # skipped, missed, not today, drank or used
    NO_ANSWER = "no_answer"
    NOT_DUE = "not_due"


@dataclass(frozen=True)
class HabitInfo:
    """A habit as the statistics see it; id None gathers check-ins of a kind with no habit."""

    id: int | None
    kind: HabitKind
    name: str = ""
    as_needed: bool = False  # a medicine with no set times


class Entry(NamedTuple):
    """One check-in, or one reminder still without a check-in (answer None)."""

    # A tuple, not a dataclass: a year's summary builds thousands of these per request.

    habit_id: int | None
    kind: HabitKind
    day: date  # the user's day it counts for
    answer: Answer | None
    delivery_id: int | None  # the reminder it answers; None when typed or logged without one
    value: float | None = None  # mood 0-10, hours slept, minutes, drinks
    quality: int | None = None  # sleep quality 1-5
    note: str | None = None
    at: datetime | None = None  # when it was answered: the later answer is the correction
    bedtime: int | None = None  # sleep: the local minute of the day they went to bed
    awakenings: int | None = None  # sleep: times woken in the night


@dataclass(frozen=True, slots=True)
class Day:
    """One habit's day: its outcome and numbers. Doses count one by one, other kinds once."""

    day: date
    kind: HabitKind
    outcome: Outcome = Outcome.NOT_DUE
    due: int = 0
    done: int = 0
    skipped: int = 0  # not done: skipped, missed, not today, drank or used
    no_answer: int = 0
    rescheduled: int = 0
    # mood 0-10 or hours slept (the latest), minutes moved or practised, drinks (added up)
    value: float | None = None
    quality: int | None = None  # sleep quality 1-5, the latest
    bedtime: int | None = None  # sleep: the latest bedtime given (local minute of the day)
    awakenings: int | None = None  # sleep: the latest count given
    drugs: bool = False
    notes: tuple[str, ...] = ()  # techniques, skip reasons, side effects; oldest first
    answers: int = 0  # answers given that day (a reminder's corrections count once)


def days_by_habit(
    habits: Sequence[HabitInfo], entries: Iterable[Entry], today: date
) -> dict[HabitInfo, dict[date, Day]]:
    """Group entries by habit and combine each day; see the module docstring for the rule."""
    by_id = {habit.id: habit for habit in habits}
    first_of_kind: dict[HabitKind, HabitInfo] = {}
    # An answer that names no habit goes to the kind's first scheduled one, if it has one.
    for habit in sorted(habits, key=lambda h: h.as_needed):
        first_of_kind.setdefault(habit.kind, habit)
    # Entries are many and habits few: resolve each (habit id, kind) once, group by position.
    owners: list[HabitInfo] = list(habits)
    slot_of: dict[tuple[int | None, HabitKind], int] = {}
    grouped: list[dict[date, list[Entry]]] = [{} for _ in owners]
    for entry in entries:
        key = (entry.habit_id, entry.kind)
        slot = slot_of.get(key)
        if slot is None:
            slot = slot_of[key] = _owner(entry, by_id, first_of_kind, owners, grouped)
        grouped[slot].setdefault(entry.day, []).append(entry)
    return {
        habit: {
            day: combine_day(habit.kind, day, d[day], today, as_needed=habit.as_needed)
            for day in sorted(d)
        }
        for habit, d in zip(owners, grouped, strict=True)
    }


def _owner(entry: Entry, by_id, first_of_kind, owners: list, grouped: list) -> int:
    """Return the position of the habit an entry counts for, adding one for a lone kind."""
    habit = by_id.get(entry.habit_id)
    if habit is None or habit.kind is not entry.kind or entry.kind in ONE_A_DAY:
        habit = first_of_kind.get(entry.kind)
    if habit is None:
        habit = first_of_kind[entry.kind] = HabitInfo(None, entry.kind)
        owners.append(habit)
        grouped.append({})
    return owners.index(habit)


def combine_day(
    kind: HabitKind, day: date, entries: Sequence[Entry], today: date, *, as_needed: bool = False
) -> Day:
    """Combine one habit's entries of one day into the day's outcome and numbers."""
    entries = _in_order(entries)
    answered = [e for e in entries if e.answer is not None and e.answer is not Answer.NO_ANSWER]
    notes = tuple(e.note for e in answered if e.note)
    if as_needed:
        taken = sum(e.answer is Answer.DONE for e in answered)
        return Day(day, kind, done=taken, notes=notes, answers=len(answered))
    if kind in SLOTTED:
        return _slotted(kind, day, entries, today, notes, len(answered))
    done, not_done, numbers = _COMBINE[kind](answered)
    if done:
        outcome, counts = Outcome.DONE, (1, 1, 0, 0)
    elif not_done:
        outcome, counts = Outcome.NOT_DONE, (1, 0, 1, 0)
    elif any(e.answer is Answer.NO_ANSWER or (e.answer is None and day < today) for e in entries):
        outcome, counts = Outcome.NO_ANSWER, (1, 0, 0, 1)
    else:
        outcome, counts = Outcome.NOT_DUE, (0, 0, 0, 0)
    numbers.setdefault("notes", notes)
    return Day(day, kind, outcome, *counts, answers=len(answered), **numbers)


def _in_order(entries: Sequence[Entry]) -> list[Entry]:
    """Return the entries in time order, each reminder once: its latest answer beats the rest.

    Entries without `at` keep the order they come in (models.reports reads them in the order
    they were answered).
    """
    if len(entries) == 1:
        return list(entries)
    if any(e.at is not None for e in entries):
        entries = sorted(entries, key=lambda e: e.at or _NEVER)
    keep: dict[int, int] = {}
    for i, entry in enumerate(entries):
        delivery = entry.delivery_id
        # An answer beats a reminder's "still open"; a later answer beats an earlier one.
        if delivery is not None and (
            entry.answer is not None or entries[keep.get(delivery, i)].answer is None
        ):
            keep[delivery] = i
    return [e for i, e in enumerate(entries) if e.delivery_id is None or keep[e.delivery_id] == i]


def _slotted(
    kind: HabitKind, day: date, entries: list[Entry], today: date, notes, answers: int
) -> Day:
    """Count doses or visits: one per reminder, answers without one fill the gaps."""
    slots = [e.answer for e in entries if e.delivery_id is not None]
    loose = sorted((e.answer for e in entries if e.delivery_id is None and e.answer), key=_RANK.get)
    if not slots:
        slots = loose[:1]  # no reminder that day: the day counts once, at its best answer
    else:
        for answer in loose:
            for target in _FILLS[answer]:
                if target in slots:
                    slots[slots.index(target)] = answer
                    break
    no_answer = slots.count(Answer.NO_ANSWER) + (slots.count(None) if day < today else 0)
    done, skipped = slots.count(Answer.DONE), slots.count(Answer.SKIPPED)
    due = done + skipped + no_answer
    if due == 0:
        outcome = Outcome.NOT_DUE
    elif done:
        outcome = Outcome.DONE if done == due else Outcome.PARTLY
    else:
        outcome = Outcome.NOT_DONE if skipped else Outcome.NO_ANSWER
    return Day(
        day, kind, outcome, due, done, skipped, no_answer, slots.count(Answer.RESCHEDULED),
        notes=notes, answers=answers,
    )  # fmt: skip


def _mood(answered: list[Entry]) -> tuple[bool, bool, dict]:
    values = [e.value for e in answered if e.value is not None]
    value = values[-1] if values else None
    answers = {e.answer for e in answered}
    done = value is not None or Answer.DONE in answers
    return done, Answer.SKIPPED in answers, {"value": value}


def _sleep(answered: list[Entry]) -> tuple[bool, bool, dict]:
    def latest(field: str) -> int | float | None:
        given = [getattr(e, field) for e in answered if getattr(e, field) is not None]
        return given[-1] if given else None

    numbers = {field: latest(field) for field in _SLEEP_FIELDS}
    answers = {e.answer for e in answered}
    done = any(value is not None for value in numbers.values()) or Answer.DONE in answers
    if numbers["quality"] is not None:
        numbers["quality"] = int(numbers["quality"])
    return done, Answer.SKIPPED in answers, numbers


# Each part of the night takes its latest answer on its own (Entry and Day share the names).
_SLEEP_FIELDS = ("value", "quality", "bedtime", "awakenings")


def _minutes(answered: list[Entry]) -> tuple[bool, bool, dict]:
    """Exercise and stress relief: done if any answer says so; minutes add up."""
    moved = [e for e in answered if e.answer is Answer.DONE and (e.value is None or e.value > 0)]
    minutes = [e.value for e in moved if e.value is not None]
    value = float(sum(minutes)) if minutes else None
    # A technique is listed once a day however often it was practised, and only if it was.
    notes = tuple(dict.fromkeys(e.note for e in moved if e.note))
    skipped = any(e.answer is Answer.SKIPPED for e in answered)
    return bool(moved), skipped, {"value": value, "notes": notes}


def _substance(answered: list[Entry]) -> tuple[bool, bool, dict]:
    """Drinks add up; any drink, drug use or "not free" answer makes the day not free."""
    drinks = float(sum(e.value for e in answered if e.value and e.value > 0))
    drugs = any(e.note == DRUGS_NOTE for e in answered)
    answers = {e.answer for e in answered}
    used = drinks > 0 or drugs or Answer.SKIPPED in answers
    value = drinks if answered else None
    return not used and Answer.DONE in answers, used, {"value": value, "drugs": drugs}


_COMBINE = {
    HabitKind.MOOD: _mood,
    HabitKind.SLEEP: _sleep,
    HabitKind.EXERCISE: _minutes,
    HabitKind.STRESS: _minutes,
    HabitKind.SUBSTANCE_FREE: _substance,
}


def period_days(days: dict[date, Day], kind: HabitKind, first: date, last: date) -> list[Day]:
    """Return one Day per date of first..last (inclusive), not due where nothing happened."""
    return [
        days.get(day) or Day(day, kind)
        for day in map(date.fromordinal, range(first.toordinal(), last.toordinal() + 1))
    ]
