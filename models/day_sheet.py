"""The export's days.csv: one row per habit and day, by the rule every view uses (pure).

It is built from the exported rows themselves, so what the sheet says can be checked against
checkins.csv and deliveries.csv in the same zip.
"""

from datetime import date, datetime

from models.days import Day, Entry, HabitInfo, days_by_habit
from models.schedule import local_day
from models.types import DeliveryStatus, HabitKind, Purpose

# The column each kind's number goes to, so a drink is never read as a mood.
VALUE_COLUMNS = {
    HabitKind.MOOD: "mood",
    HabitKind.SLEEP: "hours_slept",
    HabitKind.EXERCISE: "minutes",
    HabitKind.STRESS: "minutes",
    HabitKind.SUBSTANCE_FREE: "drinks",
}
COLUMNS = (
    "local_date", "habit_id", "habit", "kind", "outcome", "due", "done", "not_done",
    "no_answer", "rescheduled", "mood", "hours_slept", "sleep_quality", "bedtime",
    "awakenings", "minutes", "drinks", "drugs", "notes",
)  # fmt: skip
_ASKED = (DeliveryStatus.SENT, DeliveryStatus.MISSED)


def day_sheet(rows: dict[str, list[dict]], *, now: datetime | None) -> list[dict]:
    """Return one row per habit and day the user has anything for, oldest day first.

    now decides which day is today (whose open reminders are not due yet); None treats every
    day as ended.
    """
    habits, entries, today = history_from_rows(rows, now=now)
    by_habit = days_by_habit(habits, entries, today)
    sheet = [
        _row(habit, day)
        for habit, days in by_habit.items()
        for day in days.values()
    ]  # fmt: skip
    return sorted(sheet, key=lambda row: row["local_date"])


def history_from_rows(
    rows: dict[str, list[dict]], *, now: datetime | None
) -> tuple[list[HabitInfo], list[Entry], date]:
    """Read habits, entries and today from exported rows, as models.reports reads them."""
    user = (rows.get("users") or [{}])[0]
    tz, day_end = user.get("tz", "UTC"), user.get("day_end_minute", 240)
    today = local_day(now, tz, day_end) if now else date.max
    habits = [
        HabitInfo(h["id"], HabitKind(h["kind"]), h.get("name") or "", bool(h.get("as_needed")))
        for h in sorted(rows.get("habits", []), key=lambda h: h["id"])
    ]
    checkins = sorted(rows.get("checkins", []), key=lambda c: (c["recorded_at"], c["id"]))
    entries = [
        Entry(c["habit_id"], HabitKind(c["kind"]), c["local_date"], c["answer"],
              c["delivery_id"], c["value"], c["quality"], c["note"], c["recorded_at"],
              c.get("bedtime_minute"), c.get("awakenings"))
        for c in checkins
    ]  # fmt: skip
    answered = {c["delivery_id"] for c in checkins}
    kinds = {habit.id: habit.kind for habit in habits}
    entries += [
        Entry(d["habit_id"], kinds[d["habit_id"]], local_day(d["due_at"], tz, day_end), None, d["id"])
        for d in rows.get("deliveries", [])
        if d["purpose"] == Purpose.CHECKIN
        and d["status"] in _ASKED
        and d["id"] not in answered
        and d["habit_id"] in kinds
    ]  # fmt: skip
    return habits, entries, today


def _clock(minute: int | None) -> str | None:
    return None if minute is None else f"{minute // 60:02d}:{minute % 60:02d}"


def _row(habit: HabitInfo, day: Day) -> dict:
    row = dict.fromkeys(COLUMNS)
    row.update(
        local_date=day.day,
        habit_id=habit.id,
        habit=habit.name,
        kind=habit.kind,
        outcome=day.outcome,
        due=day.due,
        done=day.done,
        not_done=day.skipped,
        no_answer=day.no_answer,
        rescheduled=day.rescheduled,
        sleep_quality=day.quality,
        bedtime=_clock(day.bedtime),
        awakenings=day.awakenings,
        drugs=day.drugs if habit.kind is HabitKind.SUBSTANCE_FREE else None,
        notes=" | ".join(day.notes) or None,
    )
    if habit.kind in VALUE_COLUMNS:
        row[VALUE_COLUMNS[habit.kind]] = day.value
    return row
