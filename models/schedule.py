"""When timed things fire and which day an instant belongs to, in the user's own zone (pure)."""

import secrets
from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from typing import Protocol
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from apscheduler.triggers.cron import CronTrigger

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
MINUTES_PER_DAY = 24 * 60
# A reminder more than a week away from its event is a data error, not a wish.
MAX_OFFSET_MINUTES = 7 * MINUTES_PER_DAY


class Rule(Protocol):
    """The fields of a Schedule row that decide its fire times."""

    hour: int
    minute: int
    days: str
    once_on: date | None
    offset_minutes: int


RuleKey = tuple[int, int, str, date | None, int]


@lru_cache(maxsize=1024)
def zone(tz: str) -> ZoneInfo:
    """Return the ZoneInfo for an IANA name; raise ValueError when it is unknown."""
    try:
        return ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError, TypeError) as exc:
        raise ValueError(f"unknown time zone {tz!r}") from exc


@lru_cache(maxsize=512)
def parse_cron_days(days: str) -> frozenset[int]:
    """Return the weekdays (0 = Monday) a cron day_of_week string names; raise ValueError."""
    text = days.strip().lower() if isinstance(days, str) else ""
    if text == "*":
        return frozenset(range(7))
    found: set[int] = set()
    for part in text.split(","):
        first, _, last = part.strip().partition("-")
        if first not in WEEKDAYS or (last and last not in WEEKDAYS):
            # Names only: cron numbers differ between APScheduler (0 = Mon) and crontab (0 = Sun).
            raise ValueError(f"bad days {days!r}")
        start, stop = WEEKDAYS.index(first), WEEKDAYS.index(last or first)
        found.update(
            range(start, stop + 1) if start <= stop else [*range(start, 7), *range(stop + 1)]
        )
    return frozenset(found)


def format_cron_days(weekdays: Iterable[int]) -> str:
    """Return the canonical cron day_of_week string: "*" or "mon,wed,fri"."""
    chosen = sorted(set(weekdays))
    if not chosen or any(not 0 <= d <= 6 for d in chosen):
        raise ValueError(f"bad weekdays {chosen!r}")
    return "*" if len(chosen) == 7 else ",".join(WEEKDAYS[d] for d in chosen)


def rule_key(rule: Rule) -> RuleKey:
    """Return a hashable, validated key of the fields that decide a rule's fire times."""
    hour, minute, offset = rule.hour, rule.minute, rule.offset_minutes
    if not all(isinstance(v, int) and not isinstance(v, bool) for v in (hour, minute, offset)):
        raise ValueError("hour, minute and offset_minutes must be integers")
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        raise ValueError(f"bad time {hour}:{minute}")
    if abs(offset) > MAX_OFFSET_MINUTES:
        raise ValueError(f"offset {offset} is more than a week")
    if rule.once_on is not None and not isinstance(rule.once_on, date):
        raise ValueError("once_on must be a date")
    once_on = rule.once_on.date() if isinstance(rule.once_on, datetime) else rule.once_on
    return hour, minute, format_cron_days(parse_cron_days(rule.days)), once_on, offset


def next_fire_at(rule: Rule, after: datetime, tz: str) -> datetime | None:
    """Return the first fire time strictly after `after` (aware UTC), or None once a one-off passed.

    The event is the local wall time hour:minute on the rule's days (or on once_on only); the
    offset is wall-clock arithmetic, so a day-before reminder of a 09:00 event fires at 09:00.
    A wall time the clocks skip fires once, at the first instant after the gap; a wall time the
    clocks repeat fires once, at its first occurrence.
    """
    _require_aware(after)
    zone(tz)
    return _next_fire_cached(rule_key(rule), after.astimezone(UTC), tz)


@lru_cache(maxsize=16384)
def _next_fire_cached(key: RuleKey, after: datetime, tz: str) -> datetime | None:
    # Rows due in the same minute share rules and `after`, so a claim mostly hits this cache.
    hour, minute, days, once_on, offset = key
    day_shift, fire_minute = divmod(hour * 60 + minute + offset, MINUTES_PER_DAY)
    if once_on is not None:
        local = datetime.combine(
            once_on + timedelta(days=day_shift), _minute_time(fire_minute), tzinfo=zone(tz)
        )
        fire = resolve_local(local)
        return fire if fire > after else None
    trigger = (fire_minute // 60, fire_minute % 60, _shifted_days(days, day_shift))
    # Start a day early: an instant can read as the next local date while that date's
    # repeated hour is still to come.
    day = after.astimezone(zone(tz)).date() - timedelta(days=1)
    for _ in range(9):
        wall = _first_fire_on_or_after(trigger, day)
        if wall is None:
            return None
        fire = resolve_local(datetime.combine(wall.date(), wall.time(), tzinfo=zone(tz)))
        if fire > after:
            return fire
        day = wall.date() + timedelta(days=1)
    raise AssertionError("no fire time found within nine days")


@lru_cache(maxsize=512)
def _shifted_days(days: str, day_shift: int) -> str:
    return format_cron_days((d + day_shift) % 7 for d in parse_cron_days(days))


@lru_cache(maxsize=16384)
def _first_fire_on_or_after(trigger: tuple[int, int, str], day: date) -> datetime | None:
    """Return the trigger's first wall time on or after a day (cached: zones share dates).

    CronTrigger walks the calendar on wall-clock time with no daylight saving (read as UTC);
    the caller places the wall time in the user's zone. Run in the zone itself, the trigger
    skips a day whose clocks jump at midnight.
    """
    start = datetime.combine(day, time(0), tzinfo=UTC)
    found = _wall_clock_cron(*trigger).get_next_fire_time(None, start)
    return found.replace(tzinfo=None) if found is not None else None


# About 2.6 kB each, and only (time, days) matter: the zone is applied afterwards.
@lru_cache(maxsize=4096)
def _wall_clock_cron(hour: int, minute: int, days: str) -> CronTrigger:
    return CronTrigger(hour=hour, minute=minute, second=0, day_of_week=days, timezone=UTC)


def _minute_time(minute_of_day: int) -> time:
    return time(minute_of_day // 60, minute_of_day % 60)


def resolve_local(local: datetime) -> datetime:
    """Return the UTC instant of a local wall time; skipped ones map to the end of the gap."""
    instant = local.replace(fold=0).astimezone(UTC)
    if instant.astimezone(local.tzinfo).replace(tzinfo=None) == local.replace(tzinfo=None):
        return instant
    # fold=1 reads a skipped time with the later offset, so the gap's end lies in (early, late].
    early, late = local.replace(fold=1).astimezone(UTC), instant
    early, late = min(early, late), max(early, late)
    target = late.astimezone(local.tzinfo).utcoffset()
    while late - early > timedelta(seconds=1):
        middle = early + (late - early) / 2
        if middle.astimezone(local.tzinfo).utcoffset() == target:
            late = middle
        else:
            early = middle
    return late.replace(microsecond=0)


def local_now(at: datetime, tz: str) -> datetime:
    """Return an aware instant as the user's local time."""
    _require_aware(at)
    return at.astimezone(zone(tz))


def local_day(at: datetime, tz: str, day_end_minute: int) -> date:
    """Return the user's day an instant counts for: their day ends day_end_minute after midnight."""
    _check_day_end(day_end_minute)
    local = local_now(at, tz)
    day = (local - timedelta(minutes=day_end_minute)).date()
    # An hour the clocks repeat can read as the day before; the instant order decides.
    return day + timedelta(days=1) if at >= _day_end(day, tz, day_end_minute) else day


def day_start(day: date, tz: str, day_end_minute: int) -> datetime:
    """Return the UTC instant at which the user's day `day` begins (DST-correct)."""
    _check_day_end(day_end_minute)
    return _day_end(day - timedelta(days=1), tz, day_end_minute)


def day_end_after(at: datetime, tz: str, day_end_minute: int) -> datetime:
    """Return the UTC instant at which the user's day containing `at` ends."""
    return _day_end(local_day(at, tz, day_end_minute), tz, day_end_minute)


def _day_end(day: date, tz: str, day_end_minute: int) -> datetime:
    local = datetime.combine(day + timedelta(days=1), _minute_time(day_end_minute), tzinfo=zone(tz))
    return resolve_local(local)


def fresh_since(tick_started: datetime, *, grace: timedelta, claim_delay: timedelta) -> datetime:
    """Return the earliest due time a tick that started then still sends; older is "missed".

    The grace window counts only lateness beyond the normal claim delay, so a reminder due now
    and claimed within the tick is never missed, even with no grace at all.
    """
    _require_aware(tick_started)
    return tick_started - claim_delay - grace


def latest_local(hour: int, minute: int, *, latest: datetime, tz: str) -> datetime:
    """Return the last instant at or before `latest` whose local wall time is hour:minute."""
    local_date = local_now(latest, tz).date()
    for back in (0, 1):
        day = local_date - timedelta(days=back)
        found = resolve_local(datetime.combine(day, time(hour, minute), tzinfo=zone(tz)))
        if found <= latest:
            return found
    raise AssertionError("a wall time recurs within two days")


def half_hours_before(
    anchor: datetime, latest: datetime, tz: str, count: int = 8
) -> list[tuple[int, int]]:
    """Return up to `count` local half-hour times from an hour before anchor up to latest."""
    start = local_now(anchor, tz) - timedelta(hours=1)
    start = start.replace(minute=start.minute - start.minute % 30, second=0, microsecond=0)
    end = local_now(latest, tz)
    found: list[tuple[int, int]] = []
    at = start
    while at <= end and len(found) < count:
        found.append((at.hour, at.minute))
        at += timedelta(minutes=30)
    return found


def _check_day_end(day_end_minute: int) -> None:
    if not isinstance(day_end_minute, int) or not 0 <= day_end_minute < MINUTES_PER_DAY:
        raise ValueError(f"day_end_minute {day_end_minute!r} is not a minute of the day")


def _require_aware(at: datetime) -> None:
    if not isinstance(at, datetime) or at.tzinfo is None or at.utcoffset() is None:
        raise ValueError("expected an aware datetime")


# SQLite stores a table in id order. A schedule id whose high bits are the UTC minute of the day
# the row fires at keeps rows that come due together on the same pages, so claiming thousands of
# them rewrites dozens of pages rather than thousands (bench/README.md, "Dispatch").
CLUSTER_RANDOM_BITS = 40


def clustered_id(next_fire: datetime | None, hour: int, minute: int, offset_minutes: int) -> int:
    """Return a new schedule id whose high bits say when in the (UTC) day the row fires."""
    if next_fire is not None:
        slot = next_fire.hour * 60 + next_fire.minute
    else:
        slot = (hour * 60 + minute + offset_minutes) % MINUTES_PER_DAY
    return (slot << CLUSTER_RANDOM_BITS) | secrets.randbits(CLUSTER_RANDOM_BITS)
