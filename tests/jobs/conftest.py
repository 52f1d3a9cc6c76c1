"""A recording sender for dispatcher tests, and helpers to read rows and make them due."""

from datetime import datetime

import pytest
from sqlmodel import select

from jobs.dispatcher import Dispatcher
from jobs.sender import CatchUp, DueReminder, DueSummary, SendOutcome, SendResult
from models.tables import Schedule
from models.types import Purpose, SummaryPart


class FakeSender:
    """Records what the dispatcher hands over; answers with a scripted outcome per user."""

    def __init__(self) -> None:
        self.reminders: list[DueReminder] = []
        self.summaries: list[tuple[DueSummary, SummaryPart]] = []
        self.catch_ups: list[CatchUp] = []
        self.outcomes: dict[int, SendOutcome] = {}
        self._next_id = 100

    async def send_reminder(self, reminder: DueReminder) -> SendResult:
        self.reminders.append(reminder)
        return self._result(reminder.user_id)

    async def send_summary_part(self, summary: DueSummary, part: SummaryPart) -> SendResult:
        self.summaries.append((summary, part))
        return self._result(summary.user_id)

    async def send_catch_up(self, catch_up: CatchUp) -> SendResult:
        self.catch_ups.append(catch_up)
        return self._result(catch_up.user_id)

    def _result(self, user_id: int) -> SendResult:
        outcome = self.outcomes.get(user_id, SendOutcome.SENT)
        self._next_id += 1
        return SendResult(outcome, self._next_id if outcome is SendOutcome.SENT else None)


@pytest.fixture
def sender() -> FakeSender:
    return FakeSender()


@pytest.fixture
def dispatcher(db, sender, clock) -> Dispatcher:
    return Dispatcher(db, sender, clock, sleep=clock.sleep)


async def rows(db, table) -> list:
    """Return every row of a table."""
    async with db.session() as session:
        return list((await session.exec(select(table))).all())


async def make_due(db, at: datetime) -> None:
    """Make every check-in schedule fire at `at`."""
    async with db.session() as session:
        for schedule in (await session.exec(select(Schedule))).all():
            if schedule.purpose is Purpose.CHECKIN:
                schedule.next_fire_at = at
                session.add(schedule)
