from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from models.schedule import (
    day_end_after,
    format_cron_days,
    fresh_since,
    local_day,
    local_now,
    next_fire_at,
    parse_cron_days,
    resolve_local,
    rule_key,
)


@dataclass
class Rule:
    hour: int
    minute: int
    days: str = "*"
    once_on: date | None = None
    offset_minutes: int = 0


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def local(tz: str, *args: int, fold: int = 0) -> datetime:
    return datetime(*args, tzinfo=ZoneInfo(tz), fold=fold)


def fires_between(rule: Rule, tz: str, start: datetime, end: datetime) -> list[datetime]:
    fires, after = [], start
    while (fire := next_fire_at(rule, after, tz)) is not None and fire < end:
        fires.append(fire)
        after = fire
    return fires


def fires_on(rule: Rule, tz: str, day: date) -> list[datetime]:
    start = datetime.combine(day - timedelta(days=1), datetime.min.time(), tzinfo=UTC)
    fires = fires_between(rule, tz, start, start + timedelta(days=3))
    return [f for f in fires if f.astimezone(ZoneInfo(tz)).date() == day]


# (zone, night the clocks skip, night they repeat)
DST_NIGHTS = [
    ("Europe/Berlin", date(2026, 3, 29), date(2026, 10, 25)),
    ("America/New_York", date(2026, 3, 8), date(2026, 11, 1)),
    ("Australia/Lord_Howe", date(2026, 10, 4), date(2026, 4, 5)),
]


@pytest.mark.parametrize(("tz", "spring", "autumn"), DST_NIGHTS)
@pytest.mark.parametrize(("hour", "minute"), [(0, 0), (1, 0), (1, 30), (2, 0), (2, 30), (3, 0)])
def test_daily_rule_fires_exactly_once_on_dst_nights(tz, spring, autumn, hour, minute):
    for night in (spring, autumn):
        fires = fires_on(Rule(hour, minute), tz, night)
        assert len(fires) == 1, (night, fires)


@pytest.mark.parametrize(
    ("tz", "night", "expected_local"),
    [
        ("Europe/Berlin", date(2026, 3, 29), (3, 0)),
        ("America/New_York", date(2026, 3, 8), (3, 0)),
        ("Australia/Lord_Howe", date(2026, 10, 4), (2, 30)),
    ],
)
def test_skipped_time_fires_when_the_gap_ends(tz, night, expected_local):
    rule = Rule(2, 15)
    (fire,) = fires_on(rule, tz, night)
    shown = fire.astimezone(ZoneInfo(tz))
    assert (shown.hour, shown.minute) == expected_local
    assert fire.tzinfo is UTC


@pytest.mark.parametrize(
    ("tz", "night", "hour", "minute", "expected_utc"),
    [
        ("Europe/Berlin", date(2026, 10, 25), 2, 30, utc(2026, 10, 25, 0, 30)),
        ("America/New_York", date(2026, 11, 1), 1, 30, utc(2026, 11, 1, 5, 30)),
        ("Australia/Lord_Howe", date(2026, 4, 5), 1, 45, utc(2026, 4, 4, 14, 45)),
    ],
)
def test_repeated_time_fires_at_its_first_occurrence(tz, night, hour, minute, expected_utc):
    assert fires_on(Rule(hour, minute), tz, night) == [expected_utc]


@pytest.mark.parametrize(("tz", "spring", "autumn"), DST_NIGHTS)
def test_repeated_time_never_fires_again_whatever_after_is(tz, spring, autumn):
    rule = Rule(1, 45) if tz != "Europe/Berlin" else Rule(2, 45)
    start = datetime.combine(autumn - timedelta(days=1), datetime.min.time(), tzinfo=UTC)
    targets = set()
    for step in range(0, 48 * 60, 5):
        targets.add(next_fire_at(rule, start + timedelta(minutes=step), tz))
    on_night = [t for t in targets if t.astimezone(ZoneInfo(tz)).date() == autumn]
    assert len(on_night) == 1


@pytest.mark.parametrize("tz", ["Asia/Kolkata", "UTC", "Europe/Berlin", "America/New_York"])
def test_daily_rule_fires_every_day_at_wall_time(tz):
    start = utc(2026, 1, 1)
    fires = fires_between(Rule(8, 5), tz, start, start + timedelta(days=365))
    assert len(fires) == 365
    assert {
        (f.astimezone(ZoneInfo(tz)).hour, f.astimezone(ZoneInfo(tz)).minute) for f in fires
    } == {(8, 5)}


def test_kolkata_half_hour_offset():
    assert next_fire_at(Rule(9, 0), utc(2026, 6, 1), "Asia/Kolkata") == utc(2026, 6, 1, 3, 30)


@pytest.mark.parametrize(
    ("after", "expected"),
    [
        (utc(2026, 6, 1, 8, 0), utc(2026, 6, 2, 8, 0)),  # strictly after
        (utc(2026, 6, 1, 7, 59, 59), utc(2026, 6, 1, 8, 0)),
        (utc(2026, 6, 1, 7, 59, 59, 999999), utc(2026, 6, 1, 8, 0)),
    ],
)
def test_fire_time_is_strictly_after(after, expected):
    assert next_fire_at(Rule(8, 0), after, "UTC") == expected


def test_aware_non_utc_after_gives_utc():
    after = local("Europe/Berlin", 2026, 6, 1, 12, 0)
    fire = next_fire_at(Rule(13, 0), after, "Europe/Berlin")
    assert fire == utc(2026, 6, 1, 11, 0)
    assert fire.tzinfo is UTC


@pytest.mark.parametrize(
    ("days", "after", "expected_dates"),
    [
        ("mon,wed,fri", utc(2026, 6, 1), [1, 3, 5, 8]),  # 1 June 2026 is a Monday
        ("sat,sun", utc(2026, 6, 1), [6, 7, 13, 14]),
        ("mon-fri", utc(2026, 6, 6), [8, 9, 10, 11]),
        ("fri-mon", utc(2026, 6, 2), [5, 6, 7, 8]),
        ("thu", utc(2026, 6, 1), [4, 11, 18, 25]),
    ],
)
def test_weekly_rules(days, after, expected_dates):
    fires = fires_between(Rule(10, 0, days), "Europe/Berlin", after, after + timedelta(days=30))
    assert [f.astimezone(ZoneInfo("Europe/Berlin")).day for f in fires[:4]] == expected_dates


def test_one_off_fires_once_then_none():
    rule = Rule(14, 0, once_on=date(2026, 7, 10))
    fire = next_fire_at(rule, utc(2026, 7, 1), "Europe/Berlin")
    assert fire == utc(2026, 7, 10, 12, 0)
    assert next_fire_at(rule, fire, "Europe/Berlin") is None


@pytest.mark.parametrize(
    ("offset", "expected_local"),
    [
        (-1440, (2026, 7, 9, 14, 0)),
        (-60, (2026, 7, 10, 13, 0)),
        (-15 * 60, (2026, 7, 9, 23, 0)),
        (30, (2026, 7, 10, 14, 30)),
    ],
)
def test_one_off_offsets(offset, expected_local):
    rule = Rule(14, 0, once_on=date(2026, 7, 10), offset_minutes=offset)
    fire = next_fire_at(rule, utc(2026, 7, 1), "Europe/Berlin")
    assert fire == local("Europe/Berlin", *expected_local).astimezone(UTC)


@pytest.mark.parametrize("tz", ["Europe/Berlin", "America/New_York"])
def test_day_before_weekly_monday_appointment_fires_sunday_same_wall_time(tz):
    rule = Rule(9, 0, "mon", offset_minutes=-1440)
    fires = fires_between(rule, tz, utc(2026, 3, 1), utc(2026, 4, 10))
    shown = [f.astimezone(ZoneInfo(tz)) for f in fires]
    assert {(s.weekday(), s.hour, s.minute) for s in shown} == {(6, 9, 0)}
    assert len(shown) == 6


@pytest.mark.parametrize(
    ("tz", "sunday"),
    [("Europe/Berlin", date(2026, 3, 29)), ("America/New_York", date(2026, 11, 1))],
)
def test_day_before_offset_crosses_dst_in_wall_time(tz, sunday):
    rule = Rule(9, 0, once_on=sunday, offset_minutes=-1440)
    fire = next_fire_at(rule, utc(2026, 1, 1), tz)
    shown = fire.astimezone(ZoneInfo(tz))
    assert (shown.date(), shown.hour, shown.minute) == (sunday - timedelta(days=1), 9, 0)


def test_hour_before_crosses_midnight_into_previous_weekday():
    rule = Rule(0, 30, "mon", offset_minutes=-60)
    fire = next_fire_at(rule, utc(2026, 6, 1, 12), "Europe/Berlin")
    assert fire.astimezone(ZoneInfo("Europe/Berlin")) == local("Europe/Berlin", 2026, 6, 7, 23, 30)


@pytest.mark.parametrize(
    "rule",
    [
        Rule(24, 0),
        Rule(-1, 0),
        Rule(8, 60),
        Rule(8, 0, "monday-ish"),
        Rule(8, 0, ""),
        Rule(8, 0, "1-5"),
        Rule(8, 0, offset_minutes=8 * 1440),
        Rule(8, 0, once_on="2026-01-01"),  # type: ignore[arg-type]
        Rule(True, 0),  # type: ignore[arg-type]
        Rule(8.5, 0),  # type: ignore[arg-type]
    ],
)
def test_invalid_rules_are_rejected(rule):
    with pytest.raises(ValueError):
        next_fire_at(rule, utc(2026, 1, 1), "UTC")


@pytest.mark.parametrize("tz", ["Mars/Olympus", "", "../etc/passwd"])
def test_unknown_zone_is_rejected(tz):
    with pytest.raises(ValueError):
        next_fire_at(Rule(8, 0), utc(2026, 1, 1), tz)


def test_naive_after_is_rejected():
    with pytest.raises(ValueError):
        next_fire_at(Rule(8, 0), datetime(2026, 1, 1), "UTC")  # noqa: DTZ001


@pytest.mark.parametrize(
    ("days", "weekdays", "canonical"),
    [
        ("*", set(range(7)), "*"),
        ("mon,wed,fri", {0, 2, 4}, "mon,wed,fri"),
        (" Fri , MON ", {0, 4}, "mon,fri"),
        ("mon-fri", {0, 1, 2, 3, 4}, "mon,tue,wed,thu,fri"),
        ("sat-sun", {5, 6}, "sat,sun"),
        ("sat-mon", {5, 6, 0}, "mon,sat,sun"),
        ("mon-sun", set(range(7)), "*"),
    ],
)
def test_cron_days_round_trip(days, weekdays, canonical):
    assert parse_cron_days(days) == weekdays
    assert format_cron_days(parse_cron_days(days)) == canonical


def test_rule_key_is_canonical():
    assert rule_key(Rule(8, 0, "fri,mon")) == rule_key(Rule(8, 0, "mon,fri"))


@pytest.mark.parametrize(
    ("at", "tz", "day_end", "expected"),
    [
        (local("Europe/Berlin", 2026, 6, 5, 2, 0), "Europe/Berlin", 240, date(2026, 6, 4)),
        (local("Europe/Berlin", 2026, 6, 5, 4, 0), "Europe/Berlin", 240, date(2026, 6, 5)),
        (local("Europe/Berlin", 2026, 6, 5, 3, 59), "Europe/Berlin", 240, date(2026, 6, 4)),
        (local("Europe/Berlin", 2026, 6, 5, 0, 0), "Europe/Berlin", 0, date(2026, 6, 5)),
        (utc(2026, 6, 4, 23, 30), "Asia/Kolkata", 0, date(2026, 6, 5)),
        (utc(2026, 6, 5, 3, 0), "America/New_York", 240, date(2026, 6, 4)),
        # The second 01:15 of the repeated hour comes after the first 01:30, so it is a new day.
        (
            local("Europe/Berlin", 2026, 10, 25, 2, 15, fold=1),
            "Europe/Berlin",
            150,
            date(2026, 10, 25),
        ),
        (local("Europe/Berlin", 2026, 10, 25, 2, 15), "Europe/Berlin", 150, date(2026, 10, 24)),
    ],
)
def test_local_day(at, tz, day_end, expected):
    assert local_day(at, tz, day_end) == expected


@pytest.mark.parametrize(
    ("at", "tz", "day_end", "expected"),
    [
        (utc(2026, 6, 5, 12), "Europe/Berlin", 240, utc(2026, 6, 6, 2)),
        (utc(2026, 6, 5, 0), "Europe/Berlin", 240, utc(2026, 6, 5, 2)),  # 02:00 local
        (utc(2026, 3, 28, 12), "Europe/Berlin", 240, utc(2026, 3, 29, 2)),  # 04:00 CEST
        (utc(2026, 3, 28, 12), "Europe/Berlin", 150, utc(2026, 3, 29, 1)),  # 02:30 skipped
        (utc(2026, 10, 24, 12), "Europe/Berlin", 150, utc(2026, 10, 25, 0, 30)),  # first 02:30
        (utc(2026, 6, 5, 12), "UTC", 0, utc(2026, 6, 6)),
    ],
)
def test_day_end_after(at, tz, day_end, expected):
    end = day_end_after(at, tz, day_end)
    assert end == expected
    assert end > at
    assert local_day(end, tz, day_end) == local_day(at, tz, day_end) + timedelta(days=1)


@pytest.mark.parametrize("day_end", [-1, 1440, 2.5])
def test_bad_day_end_is_rejected(day_end):
    with pytest.raises(ValueError):
        local_day(utc(2026, 1, 1), "UTC", day_end)


def test_local_now_keeps_the_instant():
    now = local_now(utc(2026, 6, 5, 12), "Europe/Berlin")
    assert (now.hour, now.utcoffset()) == (14, timedelta(hours=2))


def test_resolve_local_gap_and_fold():
    assert resolve_local(local("Europe/Berlin", 2026, 3, 29, 2, 30)) == utc(2026, 3, 29, 1)
    assert resolve_local(local("Europe/Berlin", 2026, 10, 25, 2, 30, fold=1)) == utc(
        2026, 10, 25, 0, 30
    )


@pytest.mark.parametrize(
    ("due", "grace", "sent"),
    [
        (utc(2026, 1, 1, 8), timedelta(0), True),  # due as the tick starts: on time
        (utc(2026, 1, 1, 7, 59, 30), timedelta(0), True),  # within the normal claim delay
        (utc(2026, 1, 1, 7, 58, 59), timedelta(0), False),
        (utc(2026, 1, 1, 6, 59), timedelta(hours=1), True),
        (utc(2026, 1, 1, 6, 58, 59), timedelta(hours=1), False),
    ],
)
def test_fresh_since_counts_only_lateness_beyond_the_claim_delay(due, grace, sent):
    cutoff = fresh_since(utc(2026, 1, 1, 8), grace=grace, claim_delay=timedelta(minutes=1))
    assert (due >= cutoff) is sent
