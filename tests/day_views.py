"""Random histories (Hypothesis) and the check that every view tells each day the same way."""

from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from itertools import count

import pytest
from hypothesis import strategies as st

from bot.charts import grid_rows
from bot.report_pdf import kind_line, week_table
from bot.summary_texts import habit_line
from models.day_sheet import VALUE_COLUMNS
from models.days import DRUGS_NOTE, Outcome
from models.schedule import local_day
from models.stats import SummaryData
from models.stats_kinds import (
    MoodAverages,
    SleepAverages,
    StressAverages,
    SubstanceAverages,
    mean_bedtime,
)
from models.stats_report import Journal, ReportData
from models.treatment import Course, Dose
from models.types import Answer, DeliveryStatus, HabitKind, Purpose

# Zones with odd offsets, half hours and DST nights near NOW (Europe moves on 29 March 2026).
ZONES = ("UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Pacific/Chatham",
         "Australia/Lord_Howe", "America/St_Johns")  # fmt: skip
NOW = datetime(2026, 3, 30, 9, 0, tzinfo=UTC)
HISTORY_MINUTES = 40 * 24 * 60
NOTES = (None, DRUGS_NOTE, "yoga", "meditation", "forgot", "side_effects", "felt dizzy")


@dataclass(frozen=True)
class Said:
    answer: Answer
    value: float | None
    quality: int | None
    note: str | None
    after: int  # minutes after the reminder (or, typed, after the moment of the event)
    bedtime: int | None = None  # sleep: a local minute of the day
    awakenings: int | None = None


@dataclass(frozen=True)
class Event:
    habit: int  # an index into History.kinds; past its end, a typed check-in with no habit
    kind: HabitKind  # the kind of a check-in with no habit
    how: str  # "tap" (a reminder answered, maybe corrected), "typed", "unanswered"
    minutes_ago: int
    answers: tuple[Said, ...]  # a tap's answers in order (the last stands), typed: one
    status: DeliveryStatus  # an unanswered reminder: sent, missed, or never delivered


@dataclass(frozen=True)
class Taken:
    """A medication in the journal: the habit it may be linked to, its start and stop."""

    habit: int  # an index into History.kinds; linked only if that habit is a medication
    started_back: int  # days before today
    stopped_after: int | None  # days after the start, or still taken


@dataclass(frozen=True)
class History:
    tz: str
    day_end: int
    now: datetime
    kinds: tuple[HabitKind, ...]
    events: tuple[Event, ...]
    days: int  # the /summary's length
    taken: Taken | None = None
    as_needed: frozenset[int] = frozenset()  # indexes of medicines taken as needed

    def is_as_needed(self, habit: int) -> bool:
        return habit in self.as_needed and self.kinds[habit] is HabitKind.MEDICATION

    @property
    def today(self) -> date:
        return local_day(self.now, self.tz, self.day_end)


_said = st.builds(
    Said,
    answer=st.sampled_from(Answer),
    value=st.one_of(st.none(), st.integers(0, 24).map(lambda v: v / 2)),
    quality=st.one_of(st.none(), st.integers(1, 5)),
    note=st.sampled_from(NOTES),
    after=st.integers(0, 600),
    bedtime=st.one_of(st.none(), st.integers(0, 24 * 60 - 1)),
    awakenings=st.one_of(st.none(), st.integers(0, 20)),
)


@st.composite
def histories(draw) -> History:
    """Draw a user's history: zone, day end, habits and 0-40 events over 40 days."""
    kinds = tuple(draw(st.lists(st.sampled_from(HabitKind), min_size=1, max_size=5)))
    events = draw(
        st.lists(
            st.builds(
                Event,
                habit=st.integers(0, len(kinds)),
                kind=st.sampled_from(HabitKind),
                how=st.sampled_from(("tap", "tap", "typed", "typed", "unanswered")),
                minutes_ago=st.integers(0, HISTORY_MINUTES),
                answers=st.lists(_said, min_size=1, max_size=3).map(tuple),
                status=st.sampled_from(DeliveryStatus),
            ),
            max_size=40,
        )
    )
    return History(
        tz=draw(st.sampled_from(ZONES)),
        day_end=draw(st.sampled_from((0, 240, 23 * 60 + 59)) | st.integers(0, 24 * 60 - 1)),
        now=NOW + timedelta(minutes=draw(st.integers(0, 3 * 24 * 60))),
        kinds=kinds,
        events=tuple(events),
        days=draw(st.sampled_from((1, 7, 14, 30))),
        taken=draw(
            st.none()
            | st.builds(
                Taken,
                habit=st.integers(0, len(kinds) - 1),
                started_back=st.integers(0, 45),
                stopped_after=st.none() | st.integers(1, 45),
            )
        ),
        as_needed=frozenset(draw(st.sets(st.integers(0, len(kinds) - 1)))),
    )


def journal_of(history: History) -> Journal:
    """Return the history's treatment journal: one medication, maybe linked to its reminder."""
    taken = history.taken
    if taken is None:
        return Journal()
    started = history.today - timedelta(days=taken.started_back)
    stopped = None if taken.stopped_after is None else started + timedelta(taken.stopped_after)
    linked = history.kinds[taken.habit] is HabitKind.MEDICATION
    course = Course(1, "Pill", taken.habit + 1 if linked else None, started, stopped, None,
                    (Dose("10 mg", started),))  # fmt: skip
    return Journal(courses=(course,))


def answer_times(history: History, event: Event) -> list[datetime]:
    """Return when each of an event's answers was given, never after now."""
    start = history.now - timedelta(minutes=event.minutes_ago)
    times, at = [], start
    for said in event.answers:
        at = min(history.now, at + timedelta(minutes=said.after))
        times.append(at)
    return times


def typed_sheet(rows: list[dict[str, str]]) -> list[dict]:
    """Read days.csv back into the types day_sheet returns."""

    def number(text: str, kind=float):
        return kind(float(text)) if text else None

    counts = ("due", "done", "not_done", "no_answer", "rescheduled")
    values = ("mood", "hours_slept", "minutes", "drinks")
    return [
        {
            **row,
            "local_date": date.fromisoformat(row["local_date"]),
            "habit_id": number(row["habit_id"], int),
            "kind": HabitKind(row["kind"]),
            "outcome": Outcome(row["outcome"]),
            "drugs": row["drugs"] == "true",
            "sleep_quality": number(row["sleep_quality"], int),
            "bedtime": row["bedtime"] or None,
            "awakenings": number(row["awakenings"], int),
            **{name: int(row[name]) for name in counts},
            **{name: number(row[name]) for name in values},
        }
        for row in rows
    ]


def _minute(clock: str | None) -> int | None:
    """Read days.csv's bedtime ("23:30") as a minute of the day."""
    return None if clock is None else int(clock[:2]) * 60 + int(clock[3:])


def _numbers(row: dict | None, kind: HabitKind) -> tuple:
    if row is None:
        return (Outcome.NOT_DUE, 0, 0, 0, 0, 0, None)
    value = row[VALUE_COLUMNS[kind]] if kind in VALUE_COLUMNS else None
    counts = (row["due"], row["done"], row["not_done"], row["no_answer"], row["rescheduled"])
    return (row["outcome"], *counts, value)


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def assert_views_agree(summary: SummaryData, report: ReportData, sheet: list[dict]) -> None:
    """Check that the summary, its chart, the PDF's numbers and days.csv tell each day alike."""
    by_key = {(row["habit_id"], row["kind"], row["local_date"]): row for row in sheet}
    for data in (summary, report.summary):
        _check_summary(data, by_key)
    for week_index, week in enumerate(report.weeks):
        days = report.summary.days[week_index * 7 : week_index * 7 + 7]
        for habit, rate in zip(report.summary.habits, week.rates, strict=True):
            rows = [by_key.get((habit.habit.id, habit.habit.kind, day)) for day in days]
            due = sum(r["due"] for r in rows if r)
            assert rate == (sum(r["done"] for r in rows if r) / due if due else None)
        assert week.mood == pytest.approx(_mean(_column(sheet, "mood", days)))
        assert week.sleep == pytest.approx(_mean(_column(sheet, "hours_slept", days)))
        assert week.sleep_quality == pytest.approx(_mean(_column(sheet, "sleep_quality", days)))
        drinks = [
            row["drinks"]
            for row in sheet
            if row["local_date"] in set(days) and row["kind"] is HabitKind.SUBSTANCE_FREE
            and row["drinks"] is not None
            and any(h.habit.id == row["habit_id"] for h in report.summary.habits)
        ]  # fmt: skip
        assert week.drinks == (sum(drinks) if drinks else None)
    for row in report.courses:
        days = [d for d in report.summary.days if row.course.taken_on(d)]
        rows = [by_key.get((row.course.habit_id, HabitKind.MEDICATION, d)) for d in days]
        rows = rows if row.course.habit_id else []
        assert (row.doses_taken, row.doses_due) == (
            sum(r["done"] for r in rows if r),
            sum(r["due"] for r in rows if r),
        )
    table = week_table(report)
    shown = (HabitKind.MOOD, HabitKind.SLEEP, HabitKind.APPOINTMENT)
    assert len(table) == 5 + sum(h.habit.kind not in shown for h in report.summary.habits)


def _column(sheet: list[dict], name: str, days: list[date]) -> list[float]:
    wanted = set(days)
    return [
        row[name]
        for row in sorted(sheet, key=lambda r: r["local_date"])
        if row["local_date"] in wanted and row[name] is not None
    ]


def _check_summary(data: SummaryData, by_key: dict) -> None:
    chart = dict(zip([h.habit for h in data.habits], grid_rows(data), strict=False))
    for habit in data.habits:
        info = habit.habit
        rows = [by_key.get((info.id, info.kind, day)) for day in data.days]
        assert [
            (d.outcome, d.due, d.done, d.skipped, d.no_answer, d.rescheduled, d.value)
            for d in habit.days
        ] == [_numbers(row, info.kind) for row in rows]
        real = [row for row in rows if row]
        sums = [sum(row[name] for row in real) for name in ("due", "done", "not_done")]
        assert [habit.due, habit.done, habit.skipped] == sums
        if info in chart:
            assert chart[info][1] == tuple(_numbers(row, info.kind)[0] for row in rows)
        for tally in (habit.last_7, habit.last_30):
            window = [data.end - timedelta(days=i) for i in range(tally.days)]
            near = [by_key.get((info.id, info.kind, day)) for day in window]
            assert tally.due == sum(1 for r in near if r and r["due"])
            assert tally.done == sum(1 for r in near if r and r["outcome"] is Outcome.DONE)
        if habit.due:
            assert f"{habit.done}/{habit.due} " in habit_line(habit)
        if info.as_needed:  # doses taken, never a share of doses due
            assert habit.due == 0 and habit.rate is None
            assert f"{habit.done} dose" in habit_line(habit)
        if info.kind is HabitKind.SLEEP:
            nights = [(d.bedtime, d.awakenings) for d in habit.days]
            sheet = [(_minute(r["bedtime"]), r["awakenings"]) if r else (None, None) for r in rows]
            assert nights == sheet
        _check_averages(habit, real)
    _check_series(data, by_key)


def _check_averages(habit, rows: list[dict]) -> None:
    a = habit.averages
    done = sum(row["outcome"] is Outcome.DONE for row in rows)
    if isinstance(a, SubstanceAverages):
        assert (a.free_days, a.drinks) == (done, sum(row["drinks"] or 0 for row in rows))
        assert a.drug_days == sum(row["drugs"] for row in rows)
        assert f"on {habit.done} of {habit.due} days" in kind_line(habit)
    if isinstance(a, StressAverages):
        assert a.sessions == done
    if isinstance(a, MoodAverages):
        assert a.mean == pytest.approx(_mean([r["mood"] for r in rows if r["mood"] is not None]))
    if isinstance(a, SleepAverages):
        hours = [r["hours_slept"] for r in rows if r["hours_slept"] is not None]
        assert a.hours == pytest.approx(_mean(hours))
        woke = [r["awakenings"] for r in rows if r["awakenings"] is not None]
        assert a.awakenings == pytest.approx(_mean(woke))
        bedtimes = [_minute(r["bedtime"]) for r in rows if r["bedtime"] is not None]
        assert a.bedtime == mean_bedtime(bedtimes)


def _check_series(data: SummaryData, by_key: dict) -> None:
    for kind, column, series in (
        (HabitKind.MOOD, "mood", data.mood_by_day),
        (HabitKind.SLEEP, "hours_slept", data.sleep_by_day),
    ):
        values = [
            next(
                (
                    row[column]
                    for (_, row_kind, day), row in by_key.items()
                    if row_kind is kind and day == wanted and row[column] is not None
                ),
                None,
            )
            for wanted in data.days
        ]
        assert list(series) == values


def delivery_row(ids, history: History, event: Event, habit_id: int, status) -> dict:
    """Return a deliveries row as /export holds it."""
    due_at = history.now - timedelta(minutes=event.minutes_ago)
    return {"id": next(ids), "habit_id": habit_id, "purpose": Purpose.CHECKIN,
            "status": status, "due_at": due_at.astimezone(UTC)}  # fmt: skip


def rows_of(history: History) -> dict[str, list[dict]]:
    """Return the rows /export would hold for a history: one check-in row per reminder."""
    ids = count(1)
    tz, day_end = history.tz, history.day_end
    deliveries, checkins = [], []
    for event in history.events:
        habit_id, kind = habit_of(history, event)
        if habit_id is not None and history.is_as_needed(habit_id - 1):
            event = replace(event, how="typed")  # no reminders: each dose is logged
        if event.how != "typed" and habit_id is not None:
            status = event.status if event.how == "unanswered" else DeliveryStatus.SENT
            deliveries.append(delivery_row(ids, history, event, habit_id, status))
        if event.how == "unanswered":
            continue
        times = answer_times(history, event)
        if event.how == "tap" and habit_id is not None:
            # A reminder keeps its latest answer: a second tap replaces the first.
            delivery = deliveries[-1]
            day = local_day(delivery["due_at"], tz, day_end)
            checkins.append(
                _checkin(
                    next(ids), habit_id, kind, event.answers[-1], delivery["id"], day, times[-1]
                )
            )
            continue
        for said, at in zip(event.answers, times, strict=True):
            day = local_day(at, tz, day_end)
            checkins.append(_checkin(next(ids), habit_id, kind, said, None, day, at))
    habits = [
        {"id": i + 1, "kind": kind, "name": f"habit {i + 1}", "as_needed": history.is_as_needed(i)}
        for i, kind in enumerate(history.kinds)
    ]
    user = {"id": 1, "tz": tz, "day_end_minute": day_end}
    return {"users": [user], "habits": habits, "deliveries": deliveries, "checkins": checkins}


def habit_of(history: History, event: Event) -> tuple[int | None, HabitKind]:
    """Return the habit id and kind an event is about (None: a check-in with no habit)."""
    if event.habit < len(history.kinds):
        return event.habit + 1, history.kinds[event.habit]
    return None, event.kind


def _checkin(id_, habit_id, kind, said: Said, delivery_id, day, at) -> dict:
    return {"id": id_, "habit_id": habit_id, "kind": kind, "answer": said.answer,
            "delivery_id": delivery_id, "value": said.value, "quality": said.quality,
            "note": said.note, "local_date": day, "recorded_at": at,
            "bedtime_minute": said.bedtime, "awakenings": said.awakenings}  # fmt: skip
