"""What the dispatcher hands to the Telegram edge, and what it hears back."""

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Protocol

from models.catch_up import Dose
from models.stats import SummaryData
from models.types import HabitKind, Purpose, SummaryPart


class SendOutcome(StrEnum):
    SENT = "sent"
    RETRY = "retry"  # a passing failure (timeout, dropped connection): try again later
    BLOCKED = "blocked"  # the user blocked the bot: pause them, never retry
    FAILED = "failed"  # Telegram refused it for good (e.g. chat not found)


@dataclass(frozen=True, slots=True)
class SendResult:
    outcome: SendOutcome
    message_id: int | None = None


@dataclass(frozen=True, slots=True)
class DueReminder:
    """One reminder to show; the edge picks the words and the buttons."""

    delivery_id: int
    user_id: int
    purpose: Purpose
    kind: HabitKind | None
    habit_name: str
    event_at: datetime  # the local event it is about (a dose, an appointment), in UTC
    tz: str
    repeat: bool = False  # a follow-up or a snoozed reminder coming back


@dataclass(frozen=True, slots=True)
class DueSummary:
    """A weekly summary to show; the edge draws the chart and writes the text."""

    delivery_id: int
    user_id: int
    tz: str
    data: SummaryData


@dataclass(frozen=True, slots=True)
class CatchUp:
    """The morning question about the doses of the day before that went unanswered."""

    delivery_id: int
    user_id: int
    tz: str
    doses: tuple[Dose, ...]


class Sender(Protocol):
    """Implemented by bot.sender.TelegramSender; tests use a recording fake."""

    async def send_reminder(self, reminder: DueReminder) -> SendResult: ...

    async def send_summary_part(self, summary: DueSummary, part: SummaryPart) -> SendResult:
        """Send one part of the summary; SENT with no message when there is nothing to show."""
        ...

    async def send_catch_up(self, catch_up: CatchUp) -> SendResult:
        """Ask about yesterday's unanswered doses."""
        ...
