"""The habits Steady offers and their sensible defaults (pure data)."""

from dataclasses import dataclass

from models.types import HabitKind, Purpose

Time = tuple[int, int]


@dataclass(frozen=True)
class HabitDefaults:
    kind: HabitKind
    times: tuple[Time, ...]  # for sleep: (bedtime, morning check-in)
    purposes: tuple[Purpose, ...]  # what each time fires for, in the same order


CATALOG: dict[HabitKind, HabitDefaults] = {
    HabitKind.MEDICATION: HabitDefaults(HabitKind.MEDICATION, ((8, 0),), (Purpose.CHECKIN,)),
    HabitKind.APPOINTMENT: HabitDefaults(HabitKind.APPOINTMENT, ((10, 0),), (Purpose.CHECKIN,)),
    HabitKind.SLEEP: HabitDefaults(
        HabitKind.SLEEP, ((22, 30), (8, 30)), (Purpose.WIND_DOWN, Purpose.CHECKIN)
    ),
    HabitKind.EXERCISE: HabitDefaults(HabitKind.EXERCISE, ((17, 0),), (Purpose.CHECKIN,)),
    HabitKind.STRESS: HabitDefaults(HabitKind.STRESS, ((19, 0),), (Purpose.CHECKIN,)),
    HabitKind.SUBSTANCE_FREE: HabitDefaults(
        HabitKind.SUBSTANCE_FREE, ((21, 0),), (Purpose.CHECKIN,)
    ),
    HabitKind.MOOD: HabitDefaults(HabitKind.MOOD, ((20, 0),), (Purpose.CHECKIN,)),
}

# An appointment reminds the day before and an hour before, then asks how it went.
APPOINTMENT_OFFSETS: tuple[tuple[Purpose, int], ...] = (
    (Purpose.DAY_BEFORE, -24 * 60),
    (Purpose.HOUR_BEFORE, -60),
    (Purpose.CHECKIN, 120),
)
MAX_DOSES_A_DAY = 6
FOLLOW_UP_MINUTES = 30
MAX_FOLLOW_UPS = 3  # gentle nudges of one unanswered dose, the user's choice (1 by default)
REFILL_LEAD_DAYS = 3  # the refill reminder comes this many days before the pills run out
REFILL_TIME: Time = (10, 0)  # ...at this local time, when pharmacies are open
CATCH_UP_TIME: Time = (9, 0)  # the morning question about yesterday's unanswered doses
SNOOZE_MINUTES = (10, 30, 60)


def schedule_specs(kind: HabitKind, times: list[Time]) -> list[tuple[Purpose, Time, int]]:
    """Return (purpose, local time, offset minutes) for each schedule row a habit needs."""
    if kind is HabitKind.APPOINTMENT:
        return [(purpose, times[0], offset) for purpose, offset in APPOINTMENT_OFFSETS]
    if kind is HabitKind.SLEEP:
        return list(zip(CATALOG[kind].purposes, times[:2], (0, 0), strict=True))
    return [(Purpose.CHECKIN, time, 0) for time in times]
