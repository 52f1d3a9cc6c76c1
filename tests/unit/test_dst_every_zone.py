"""Every zone in tzdata, the next two years: a daily time fires once on each day, never skipped.

The reference below knows nothing of models.schedule: it reads only UTC offsets from zoneinfo.
A day's fire is the first instant at which the local clock reads the chosen time or later, which
is that time itself on ordinary days, its first occurrence when the clocks repeat it, and the
end of the gap when they skip it (the midnight jumps of Santiago, Cairo, Havana and Beirut too).

Checking every day of every zone would take minutes, so the test checks, per zone, the days
around each offset change (the only days whose answer can differ from plain wall-clock
arithmetic) and a sample of ordinary days spread over the two years. Offsets are read once a
day and each change is then found to the second; no zone changes its offset twice within a day.
"""

from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from itertools import pairwise
from zoneinfo import ZoneInfo, available_timezones

import pytest

from models.schedule import next_fire_at

TIMES = [time(0, 0), time(0, 30), time(1, 30), time(2, 30), time(12, 0), time(23, 30)]
START = datetime.combine(datetime.now(UTC).date(), time(0), tzinfo=UTC)
END = START + timedelta(days=2 * 365 + 1)
SAMPLE_EVERY = timedelta(days=151)  # ordinary days, at a stride that walks through the week
MIDNIGHT_JUMPS = ["America/Santiago", "Africa/Cairo", "America/Havana", "Asia/Beirut"]


class Daily:
    """A daily rule as the schedule rows carry it."""

    days, once_on, offset_minutes = "*", None, 0

    def __init__(self, at: time) -> None:
        self.hour, self.minute = at.hour, at.minute


def offset(tz: ZoneInfo, at: datetime) -> timedelta:
    return at.astimezone(tz).utcoffset()


@cache
def transitions(name: str) -> tuple[datetime, ...]:
    """Return each instant in the window (a day either side) at which the zone's offset changes."""
    tz, found = ZoneInfo(name), []
    day = START - timedelta(days=2)
    current = offset(tz, day)
    while day < END + timedelta(days=2):
        following = offset(tz, day + timedelta(days=1))
        if following != current:
            found.append(_first_second_of_new_offset(tz, day, day + timedelta(days=1)))
        day, current = day + timedelta(days=1), following
    return tuple(found)


def _first_second_of_new_offset(tz: ZoneInfo, old: datetime, new: datetime) -> datetime:
    before = offset(tz, old)
    while new - old > timedelta(seconds=1):
        middle = old + timedelta(seconds=(new - old).total_seconds() // 2)
        old, new = (middle, new) if offset(tz, middle) == before else (old, middle)
    return new


@cache
def reference_fire(name: str, day: date, at: time) -> datetime:
    """Return the first instant at which the zone's clock reads day+at or later."""
    wall = datetime.combine(day, at, tzinfo=UTC)  # the wall reading, as a number to compare
    # Offsets lie within -12 h and +14 h, so the answer lies within these bounds.
    low, high = wall - timedelta(hours=15), wall + timedelta(hours=27)
    cuts = [low, *(t for t in transitions(name) if low < t < high), high]
    candidates = []
    for start, end in pairwise(cuts):
        # Between two changes the reading (instant + offset) rises steadily.
        first = max(start, wall - offset(ZoneInfo(name), start))
        if first < end:
            candidates.append(first)
    return min(candidates)


def days_to_check(name: str) -> tuple[set[date], set[date]]:
    """Return the days around each offset change, and a sample of the other days."""
    tz, changing, ordinary = ZoneInfo(name), set(), set()
    for change in transitions(name):
        local = change.astimezone(tz).date()
        changing.update(local + timedelta(days=shift) for shift in (-1, 0, 1, 2))
    sample = START + timedelta(days=3)
    while sample < END - timedelta(days=3):
        ordinary.add(sample.astimezone(tz).date())
        sample += SAMPLE_EVERY
    inside = {d for d in changing | ordinary if START.date() < d < END.date()}
    return changing & inside, (ordinary - changing) & inside


def check_zone(name: str) -> None:
    changing, ordinary = days_to_check(name)
    for at in TIMES:
        rule = Daily(at)
        for day in sorted(changing | ordinary):
            expected = reference_fire(name, day, at)
            previous = reference_fire(name, day - timedelta(days=1), at)
            # The dispatcher advances a row from the fire it just sent: it must land on the
            # next day's fire, neither skipping it nor firing twice.
            got = next_fire_at(rule, previous, name)
            assert got == expected, (name, day, at, got, expected)
            if day in changing:  # and from just before it, e.g. after a restart
                assert next_fire_at(rule, expected - timedelta(seconds=1), name) == expected


def test_midnight_jump_zones_have_changes_in_the_window():
    for name in MIDNIGHT_JUMPS:
        assert transitions(name), name
        jumps = [t for t in transitions(name) if t.astimezone(ZoneInfo(name)).hour == 1]
        assert jumps, (name, "no spring-forward from midnight found")


@pytest.mark.parametrize("name", MIDNIGHT_JUMPS)
def test_a_dose_in_the_midnight_gap_fires_once_when_the_gap_ends(name):
    tz = ZoneInfo(name)
    [jump, *_] = [t for t in transitions(name) if t.astimezone(tz).hour == 1]
    day = jump.astimezone(tz).date()
    for at in (time(0, 0), time(0, 30), time(0, 59)):
        fires, after = [], datetime.combine(day - timedelta(days=1), time(12), tzinfo=tz)
        while (fire := next_fire_at(Daily(at), after, name)) < jump + timedelta(days=1):
            fires.append(fire)
            after = fire
        on_jump_day = [f for f in fires if f.astimezone(tz).date() == day]
        assert on_jump_day == [jump], (name, at, fires)


def test_every_zone_fires_once_a_day_for_the_next_two_years():
    zones = sorted(available_timezones())
    assert len(zones) > 400  # the whole tzdata, not a handful
    for name in zones:
        check_zone(name)
