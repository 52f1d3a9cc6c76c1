"""Random histories through the real queries: /summary, /report and /export tell each day alike."""

import csv
import io
import zipfile
from dataclasses import replace
from datetime import timedelta
from itertools import count

from hypothesis import HealthCheck, given, settings

from bot.export_csv import build_export_zip
from models import checkins, deliveries, reports, users
from models.checkins import Entry as Answered
from models.schedule import day_end_after
from models.tables import Delivery, Habit
from models.types import DeliveryStatus, Purpose
from tests.day_views import (
    History,
    answer_times,
    assert_views_agree,
    habit_of,
    histories,
    typed_sheet,
)

# One database for all examples; each example is a new user, so none sees another's rows.
_USER_IDS = count(1000)


async def _seed(session, user_id: int, history: History) -> None:
    """Store a history as the bot would: taps upsert, typed text may answer an open reminder."""
    created = history.now - timedelta(days=60)
    user = await users.ensure_user(session, user_id=user_id, first_name="Sam", now=created)
    user.tz, user.day_end_minute = history.tz, history.day_end
    rows = [
        Habit(user_id=user_id, kind=kind, created_at=created, as_needed=history.is_as_needed(i))
        for i, kind in enumerate(history.kinds)
    ]
    session.add_all(rows)
    await session.flush()
    steps = []
    for event in history.events:
        habit_id, kind = habit_of(history, event)
        habit = rows[habit_id - 1] if habit_id else None
        due_at = history.now - timedelta(minutes=event.minutes_ago)
        delivery = None
        if habit is not None and habit.as_needed:
            event = replace(event, how="typed")  # no reminders: each dose is logged
        if event.how != "typed" and habit is not None:
            delivery = _delivery(user, habit, due_at, history, event)
            session.add(delivery)
        if event.how == "unanswered":
            continue
        for said, at in zip(event.answers, answer_times(history, event), strict=True):
            answer = Answered(
                said.answer, said.value, said.quality, said.note,
                bedtime_minute=said.bedtime, awakenings=said.awakenings,
            )  # fmt: skip
            steps.append(
                (at, len(steps), delivery if event.how == "tap" else None, habit, kind, answer)
            )
    await session.flush()
    for at, _, delivery, habit, kind, answer in sorted(steps, key=lambda step: step[:2]):
        await deliveries.expire_unanswered(session, now=at)  # as the dispatcher does at day end
        if delivery is not None:
            await checkins.record_checkin(
                session, user=user, delivery=delivery, habit=habit, entry=answer, now=at
            )
        else:
            named = habit if habit is not None and habit.as_needed else None
            await checkins.log_checkin(
                session, user=user, kind=kind, entry=answer, now=at, habit=named
            )
    await deliveries.expire_unanswered(session, now=history.now)


def _delivery(user, habit, due_at, history: History, event) -> Delivery:
    status = event.status if event.how == "unanswered" else DeliveryStatus.SENT
    expires = day_end_after(due_at, history.tz, history.day_end)
    return Delivery(
        user_id=user.id,
        habit_id=habit.id,
        purpose=Purpose.CHECKIN,
        due_at=due_at,
        status=status,
        expires_at=expires if status is DeliveryStatus.SENT else None,
    )


SETTINGS = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


async def _check(database, history: History) -> None:
    user_id = next(_USER_IDS)
    async with database.session() as session:
        await _seed(session, user_id, history)
    async with database.session() as session:
        summary = await reports.summary_data(
            session, user_id=user_id, days=history.days, now=history.now
        )
        report = await reports.report_data(session, user_id=user_id, weeks=4, now=history.now)
        rows = await reports.export_rows(session, user_id=user_id)
    with zipfile.ZipFile(io.BytesIO(build_export_zip(rows, at=history.now))) as archive:
        sheet = list(csv.DictReader(io.StringIO(archive.read("days.csv").decode())))
    assert_views_agree(summary, report, typed_sheet(sheet))


@SETTINGS
@given(history=histories())
async def test_every_view_reads_sqlite_alike(db, history: History):
    await _check(db, history)


@SETTINGS
@given(history=histories())
async def test_every_view_reads_postgresql_alike(pg_db, history: History):
    await _check(pg_db, history)
