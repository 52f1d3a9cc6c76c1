"""The people of the load bench, made through Steady's own queries and its real dispatcher.

Tap users have one mood habit whose reminder the dispatcher has just sent (to the local Bot
API stand-in), so a tap on it answers a real delivery and edits a real message. Summary users
have a week of mood answers, so /summary draws its chart.
"""

import asyncio
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import httpx

from bot import reminders
from jobs.dispatcher import Dispatcher
from jobs.policy import DispatchPolicy
from jobs.sender import DueReminder, DueSummary, SendOutcome, SendResult
from localchat.server import LocalBotApi
from models import checkins, habits, users
from models.checkins import Entry
from models.db import Database
from models.types import Answer, HabitKind, SummaryPart

TAP_BASE, SUMMARY_BASE = 1_000_000, 2_000_000  # user ids
ZONE = "UTC"


@dataclass(frozen=True, slots=True)
class Sent:
    user_id: int
    delivery_id: int
    message_id: int


class StandInSender:
    """Send reminders straight to the stand-in: the bench needs them there, not paced."""

    def __init__(self, api: LocalBotApi) -> None:
        self.client = httpx.AsyncClient(base_url=f"{api.base_url}{api.token}", timeout=30)
        self.sent: list[Sent] = []

    async def send_reminder(self, reminder: DueReminder) -> SendResult:
        markup = reminders.reminder_keyboard(reminder)
        payload = {"chat_id": reminder.user_id, "text": reminders.reminder_text(reminder)}
        if markup is not None:
            payload["reply_markup"] = markup.to_dict()
        answer = (await self.client.post("/sendMessage", json=payload)).json()
        message_id = answer["result"]["message_id"]
        self.sent.append(Sent(reminder.user_id, reminder.delivery_id, message_id))
        return SendResult(SendOutcome.SENT, message_id)

    async def send_summary_part(self, summary: DueSummary, part: SummaryPart) -> SendResult:
        return SendResult(SendOutcome.SENT)


async def populate(
    db: Database, api: LocalBotApi, *, taps: int, summaries: int
) -> tuple[list[Sent], list[int]]:
    """Make the users; return each tap user's sent reminder, and the summary users' ids."""
    now = datetime.now(UTC).replace(second=0, microsecond=0)
    due = now - timedelta(minutes=1)
    await _users(db, range(TAP_BASE, TAP_BASE + taps), due, now - timedelta(minutes=2))
    summary_ids = list(range(SUMMARY_BASE, SUMMARY_BASE + summaries))
    await _users(db, summary_ids, now + timedelta(hours=6), now - timedelta(days=8))
    await _week_of_answers(db, summary_ids, now)
    sender = StandInSender(api)
    policy = DispatchPolicy(batch=1000, concurrency=32, per_chat_gap=timedelta(0))
    dispatcher = Dispatcher(db, sender, lambda: datetime.now(UTC), policy=policy)
    while len(sender.sent) < taps:
        await dispatcher.tick()
        await asyncio.sleep(0.1)
    await sender.client.aclose()
    return sender.sent, summary_ids


async def _users(db: Database, ids, at: datetime, since: datetime) -> None:
    """Onboarded users in UTC, each with one mood reminder at `at` (planned from `since`)."""
    far = (at.weekday() + 3) % 7  # their weekly summaries are not due during the bench
    for user_id in ids:
        async with db.session() as session:
            user = await users.ensure_user(session, user_id=user_id, first_name="Sam", now=since)
            await users.set_timezone(session, user=user, tz=ZONE, now=since)
            user.summary_weekday = far
            await users.finish_onboarding(session, user=user, now=since)
            time_of_day = (at.hour, at.minute)
            await habits.add_habit(
                session, user=user, kind=HabitKind.MOOD, times=[time_of_day], now=since
            )


async def _week_of_answers(db: Database, ids: list[int], now: datetime) -> None:
    for user_id in ids:
        async with db.session() as session:
            user = await users.get_user(session, user_id)
            for days_ago in range(7, 0, -1):
                entry = Entry(Answer.DONE, value=float(3 + days_ago % 5))
                when = now - timedelta(days=days_ago)
                await checkins.log_checkin(
                    session, user=user, kind=HabitKind.MOOD, entry=entry, now=when
                )
