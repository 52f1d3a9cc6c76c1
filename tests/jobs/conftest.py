"""A recording sender for dispatcher tests."""

import pytest

from jobs.dispatcher import Dispatcher
from jobs.sender import DueReminder, DueSummary, SendOutcome, SendResult
from models.types import SummaryPart


class FakeSender:
    """Records what the dispatcher hands over; answers with a scripted outcome per user."""

    def __init__(self) -> None:
        self.reminders: list[DueReminder] = []
        self.summaries: list[tuple[DueSummary, SummaryPart]] = []
        self.outcomes: dict[int, SendOutcome] = {}
        self._next_id = 100

    async def send_reminder(self, reminder: DueReminder) -> SendResult:
        self.reminders.append(reminder)
        return self._result(reminder.user_id)

    async def send_summary_part(self, summary: DueSummary, part: SummaryPart) -> SendResult:
        self.summaries.append((summary, part))
        return self._result(summary.user_id)

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
