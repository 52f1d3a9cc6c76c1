"""The reminder dispatcher: claim what is due, record it, send it, and say when to wake next."""

import asyncio
import logging
import time
from collections import defaultdict
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta

from jobs.clock import Clock, Sleep
from jobs.sender import DueReminder, Sender, SendOutcome, SendResult
from jobs.summaries import weekly_summary
from models import deliveries, users
from models.db import Database
from models.deliveries import Claimed
from models.types import Purpose

log = logging.getLogger(__name__)

SummaryBuilder = Callable[[Database, int, datetime], Awaitable[object]]
EXPIRE_BATCH = 5000
RECHECK = timedelta(seconds=1)
Outcomes = asyncio.Queue  # of (Claimed, SendResult), then None when sending is over


class Dispatcher:
    """One per process; with PostgreSQL several processes may run one each."""

    def __init__(
        self,
        db: Database,
        sender: Sender,
        clock: Clock,
        *,
        grace: timedelta = timedelta(hours=2),
        sleep: Sleep = asyncio.sleep,
        batch: int = 500,
        concurrency: int = 64,
        per_chat_gap: float = 1.05,
        lease: timedelta = timedelta(minutes=2),
        follow_up: timedelta = timedelta(minutes=30),
        max_wait: timedelta = timedelta(seconds=60),
        summary_builder: SummaryBuilder = weekly_summary,
    ) -> None:
        self.db, self.sender, self.clock, self.sleep = db, sender, clock, sleep
        self.grace, self.batch, self.concurrency = grace, batch, concurrency
        self.per_chat_gap, self.lease, self.follow_up, self.max_wait = (
            per_chat_gap,
            lease,
            follow_up,
            max_wait,
        )
        self.summary_builder = summary_builder
        self.on_wake: Callable[[], None] | None = None  # the bot re-plans its tick
        self._lock = asyncio.Lock()
        self._dirty = False
        self._last_sent: dict[int, float] = {}  # chat -> monotonic time of its last message
        db.on_schedules_changed.append(self.wake)

    def wake(self) -> None:
        """Ask for a tick soon: a schedule changed, so the next wake may be earlier."""
        self._dirty = True
        if self.on_wake is not None:
            self.on_wake()

    async def tick(self) -> datetime:
        """Send everything due now; return when to wake next."""
        async with self._lock:
            self._dirty = False
            progressed = await self._expire()
            while claimed := await self._claim(self.clock()):
                progressed = True
                await self._send_all(claimed)
            now = self.clock()
            async with self.db.session() as session:
                due = await deliveries.next_due_at(session)
            # Another process may add rows at any time, so never sleep longer than max_wait.
            wake = min(due or now + self.max_wait, now + self.max_wait)
            if self._dirty:
                return now
            # Due rows this tick could not take (another process holds them) must not spin it.
            return wake if wake > now else now + (timedelta(0) if progressed else RECHECK)

    async def _expire(self) -> bool:
        """Close every reminder whose user's day has ended; tell whether there were any."""
        closed = 0
        while True:
            async with self.db.session() as session:
                count = await deliveries.expire_unanswered(
                    session, now=self.clock(), limit=EXPIRE_BATCH
                )
            closed += count
            if count < EXPIRE_BATCH:
                return closed > 0

    async def recover(self) -> int:
        """Resend, on start-up, what a crash left pending (SQLite: this is the only process)."""
        async with self.db.session() as session:
            return await deliveries.recover_orphans(session, now=self.clock())

    async def _claim(self, now: datetime) -> list[Claimed]:
        kwargs = {"now": now, "grace": self.grace, "lease": self.lease, "limit": self.batch}
        async with self.db.session() as session:
            claimed = await deliveries.claim_resends(session, **kwargs)
            claimed += await deliveries.claim_due_schedules(session, **kwargs)
        return claimed

    async def _send_all(self, claimed: list[Claimed]) -> None:
        """Send each chat's messages in order, many chats at once, recording as results come."""
        by_chat: dict[int, list[Claimed]] = defaultdict(list)
        for claim in claimed:
            by_chat[claim.user_id].append(claim)
        results: Outcomes = asyncio.Queue()
        slots = asyncio.Semaphore(self.concurrency)
        writer = asyncio.create_task(self._record_as_they_come(results))
        try:
            # One task per chat: a chat that must wait (pacing, retries) holds up no other.
            await asyncio.gather(
                *(self._send_chat(items, slots, results) for items in by_chat.values())
            )
        finally:
            results.put_nowait(None)
            await writer

    async def _send_chat(
        self, items: list[Claimed], slots: asyncio.Semaphore, results: "Outcomes"
    ) -> None:
        """Send one chat's messages a second apart; stop at once if the user blocked the bot."""
        for index, claim in enumerate(items):
            wait = self._last_sent.get(claim.user_id, -1e9) + self.per_chat_gap - time.monotonic()
            if wait > 0:  # Telegram allows about one message a second to one chat
                await self.sleep(wait)
            async with slots:
                result = await self._send(claim)
            self._last_sent[claim.user_id] = time.monotonic()
            results.put_nowait((claim, result))
            if result.outcome is SendOutcome.BLOCKED:
                for rest in items[index + 1 :]:
                    results.put_nowait((rest, SendResult(SendOutcome.FAILED)))
                return

    async def _record_as_they_come(self, results: "Outcomes") -> None:
        """Write outcomes as soon as they arrive, many per transaction under load.

        Recording right away keeps the window in which Telegram has accepted a message that
        the database does not know of (and a crash would send again) to milliseconds.
        """
        done = False
        while not done:
            batch = [await results.get()]
            while not results.empty():
                batch.append(results.get_nowait())
            done = batch[-1] is None
            outcomes = [item for item in batch if item is not None]
            if outcomes:
                await self._record(outcomes)

    async def _send(self, claim: Claimed) -> SendResult:
        """Hand one delivery to the sender; any error becomes a later retry, never a crash."""
        try:
            if claim.purpose is Purpose.SUMMARY:
                data = await self.summary_builder(self.db, claim.user_id, claim.due_at)
                return await self.sender.send_summary(claim.user_id, claim.tz, data)
            return await self.sender.send_reminder(_reminder(claim))
        except Exception:  # one user's failure must never stop the others
            log.exception("sending delivery %s failed", claim.delivery_id)
            return SendResult(SendOutcome.RETRY)

    async def _record(self, outcomes: list[tuple[Claimed, SendResult]]) -> None:
        """Record outcomes in one transaction; pause the users who blocked us."""
        now = self.clock()
        sent = [(c, r.message_id) for c, r in outcomes if r.outcome is SendOutcome.SENT]
        failed = [
            c.delivery_id
            for c, r in outcomes
            if r.outcome in (SendOutcome.FAILED, SendOutcome.BLOCKED)
        ]
        retry = [c.delivery_id for c, r in outcomes if r.outcome is SendOutcome.RETRY]
        blocked = {c.user_id for c, r in outcomes if r.outcome is SendOutcome.BLOCKED}
        async with self.db.session() as session:
            await deliveries.record_sent(session, sent=sent, now=now, follow_up=self.follow_up)
            await deliveries.record_unsent(
                session, failed=failed, retry=retry, now=now, backoff=timedelta(minutes=1)
            )
            for user_id in blocked:
                await users.mark_blocked(session, user_id=user_id, now=now)
        self._prune(time.monotonic())

    def _prune(self, now: float) -> None:
        if len(self._last_sent) > 10_000:
            self._last_sent = {
                c: t for c, t in self._last_sent.items() if now - t < self.per_chat_gap
            }


def _reminder(claim: Claimed) -> DueReminder:
    return DueReminder(
        delivery_id=claim.delivery_id,
        user_id=claim.user_id,
        purpose=claim.purpose,
        kind=claim.kind,
        habit_name=claim.habit_name,
        event_at=claim.event_at,
        tz=claim.tz,
        repeat=claim.repeat,
    )
