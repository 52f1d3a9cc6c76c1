"""The reminder dispatcher: claim what is due, record it, send it, and say when to wake next."""

import asyncio
import contextlib
import logging
from collections import defaultdict
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import NamedTuple

from jobs.clock import Clock, Sleep
from jobs.observe import DispatchCounters, DispatchObserver
from jobs.policy import DispatchPolicy
from jobs.sender import CatchUp, DueReminder, DueSummary, Sender, SendOutcome, SendResult
from jobs.summaries import weekly_summary
from jobs.wanted import WantedCheck
from models import catch_up, deliveries, outcomes, users
from models.db import Database
from models.deliveries import Claimed
from models.schedule import fresh_since
from models.stats import SummaryData
from models.types import Purpose, SummaryPart

log = logging.getLogger(__name__)

SummaryBuilder = Callable[[Database, int, datetime], Awaitable[SummaryData]]
DEFAULT_POLICY = DispatchPolicy()


class Outcome(NamedTuple):
    claim: Claimed
    result: SendResult
    parts: SummaryPart | None = None  # a summary's parts that reached the user, if changed


Outcomes = asyncio.Queue  # of Outcome, then None when sending is over


class Dispatcher:
    """One per process; with PostgreSQL several processes may run one each.

    Whatever changes when something fires calls wake() after its unit of work commits; run()
    then ticks at once instead of at the time it had planned.
    """

    def __init__(
        self,
        db: Database,
        sender: Sender,
        clock: Clock,
        *,
        policy: DispatchPolicy = DEFAULT_POLICY,
        sleep: Sleep = asyncio.sleep,
        summary_builder: SummaryBuilder = weekly_summary,
        observer: DispatchObserver | None = None,
    ) -> None:
        self.db, self.sender, self.clock, self.sleep = db, sender, clock, sleep
        self.observer = observer if observer is not None else DispatchCounters()
        self.policy, self.summary_builder = policy, summary_builder
        self._lock = asyncio.Lock()
        self._woken = asyncio.Event()
        self._planned: datetime | None = None  # when run() ticks next, unless woken first
        self._last_sent: dict[int, datetime] = {}  # chat -> when its last message went
        self._wanted = WantedCheck(db)
        self._running: asyncio.Task[None] | None = None

    def wake(self) -> None:
        """Ask for a tick now: something changed that may fall due sooner than planned."""
        self._woken.set()

    def next_tick_at(self) -> datetime:
        """Return when run() ticks next: now if woken (or never ticked), else as planned."""
        if self._woken.is_set() or self._planned is None:
            return self.clock()
        return self._planned

    async def tick(self) -> datetime:
        """Send everything due now; return when to tick next."""
        async with self._lock:
            self._woken.clear()  # a wake from here on asks for another tick
            # Lateness is counted from the tick's start: rows this tick is busy with, or that
            # come due while it sends, are never "missed".
            policy = self.policy
            oldest = fresh_since(self.clock(), grace=policy.grace, claim_delay=policy.claim_delay)
            progressed = await self._expire()
            while claimed := await self._claim(self.clock(), oldest):
                progressed = True
                await self._send_all(claimed)
            self._planned = await self._plan(progressed)
            self.observer.ticked(self.clock())
            return self.next_tick_at()

    async def run(self) -> None:
        """Tick whenever something falls due or a wake asks, until cancelled."""
        while True:
            try:
                await self.tick()
            except Exception:  # a failed tick must not stop reminders for good
                log.exception("dispatcher tick failed; trying again shortly")
                self._planned = self.clock() + self.policy.error_pause
            await self._until_next_tick()

    def start(self) -> None:
        """Run the loop in the background (the bot calls this once it is up)."""
        if self._running is None or self._running.done():
            self._running = asyncio.create_task(self.run(), name="dispatcher")
            self.observer.leading(True)  # every process sends, each paced on its own

    async def stop(self) -> None:
        """Stop the loop; a send it cuts short goes again when its lease runs out."""
        if self._running is not None:
            self._running.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._running
            self._running = None
            self.observer.leading(False)

    async def recover(self) -> int:
        """Resend, on start-up, what a crash left pending (SQLite: this is the only process)."""
        async with self.db.session() as session:
            recovered = await deliveries.recover_orphans(session, now=self.clock())
        self.observer.repeated(recovered)  # Telegram may have taken them before the crash
        return recovered

    async def _until_next_tick(self) -> None:
        delay = (self.next_tick_at() - self.clock()).total_seconds()
        if delay <= 0:
            return
        woken = asyncio.ensure_future(self._woken.wait())
        slept = asyncio.ensure_future(self.sleep(delay))
        try:
            await asyncio.wait((woken, slept), return_when=asyncio.FIRST_COMPLETED)
        finally:
            woken.cancel()
            slept.cancel()

    async def _plan(self, progressed: bool) -> datetime:
        """Return when to tick next: when the next thing is due, and never later than max_wait."""
        now = self.clock()
        async with self.db.session() as session:
            due = await deliveries.next_due_at(session)
        # Another process may add rows at any time, so never sleep longer than max_wait.
        wake = min(due or now + self.policy.max_wait, now + self.policy.max_wait)
        if wake > now:
            return wake
        # Due rows this tick could not take (another process holds them) must not spin it.
        return now if progressed else now + self.policy.recheck

    async def _expire(self) -> bool:
        """Close every reminder whose user's day has ended; tell whether there were any."""
        closed, batch = 0, self.policy.expire_batch
        while True:
            async with self.db.session() as session:
                count = await deliveries.expire_unanswered(session, now=self.clock(), limit=batch)
            closed += count
            if count < batch:
                return closed > 0

    async def _claim(self, now: datetime, oldest: datetime) -> list[Claimed]:
        lease, limit = self.policy.lease, self.policy.batch
        async with self.db.session() as session:
            claimed = await deliveries.claim_resends(
                session, now=now, fresh_since=oldest, lease=lease, limit=limit
            )
            claimed += await deliveries.claim_due_schedules(
                session, now=now, fresh_since=oldest, lease=lease, limit=limit
            )
        return claimed

    async def _send_all(self, claimed: list[Claimed]) -> None:
        """Send each chat's messages in order, many chats at once, recording as results come."""
        by_chat: dict[int, list[Claimed]] = defaultdict(list)
        for claim in claimed:
            by_chat[claim.user_id].append(claim)
        results: Outcomes = asyncio.Queue()
        slots = asyncio.Semaphore(self.policy.concurrency)
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
        """Send one chat's messages a gap apart; stop at once if the user blocked the bot."""
        for index, claim in enumerate(items):
            last = self._last_sent.get(claim.user_id)
            if last is not None:  # Telegram allows about one message a second to one chat
                wait = (last + self.policy.per_chat_gap - self.clock()).total_seconds()
                if wait > 0:
                    await self.sleep(wait)
            async with slots:
                outcome = await self._send(claim)
            self._last_sent[claim.user_id] = self.clock()
            results.put_nowait(outcome)
            if outcome.result.outcome is SendOutcome.BLOCKED:
                for rest in items[index + 1 :]:
                    results.put_nowait(Outcome(rest, SendResult(SendOutcome.FAILED)))
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
            arrived = [item for item in batch if item is not None]
            if arrived:
                await self._record(arrived)

    async def _send(self, claim: Claimed) -> Outcome:
        """Hand one delivery to the sender; any error becomes a later retry, never a crash."""
        try:
            if not await self._still_wanted(claim):
                return Outcome(claim, SendResult(SendOutcome.FAILED))
            if claim.purpose is Purpose.SUMMARY:
                return await self._send_summary(claim)
            if claim.purpose is Purpose.CATCH_UP:
                return Outcome(claim, await self._send_catch_up(claim))
            return Outcome(claim, await self.sender.send_reminder(_reminder(claim)))
        except Exception:  # one user's failure must never stop the others
            log.exception("sending delivery %s failed", claim.delivery_id, extra=_about(claim))
            return Outcome(claim, SendResult(SendOutcome.RETRY))

    async def _still_wanted(self, claim: Claimed) -> bool:
        """Tell whether a delivery that waited for its turn was not erased or answered meanwhile.

        What goes at once after its claim needs no look: the claim has just seen it.
        """
        claimed_at = claim.lease_until - self.policy.lease
        if self.clock() - claimed_at <= self.policy.confirm_after:
            return True
        return await self._wanted(claim.delivery_id)

    async def _send_summary(self, claim: Claimed) -> Outcome:
        """Send the parts of a summary that have not reached the user yet, in order."""
        data = await self.summary_builder(self.db, claim.user_id, claim.due_at)
        summary = DueSummary(claim.delivery_id, claim.user_id, claim.tz, data)
        parts, result = SummaryPart(claim.parts_sent), SendResult(SendOutcome.SENT)
        for part in SummaryPart:
            if part in parts:
                continue
            try:
                result = await self.sender.send_summary_part(summary, part)
            except Exception:  # the parts that went are kept: a retry sends only the rest
                log.exception("sending delivery %s failed", claim.delivery_id, extra=_about(claim))
                result = SendResult(SendOutcome.RETRY)
            if result.outcome is not SendOutcome.SENT:
                break
            parts |= part
        return Outcome(claim, result, parts)

    async def _send_catch_up(self, claim: Claimed) -> SendResult:
        """Ask about yesterday's doses still unanswered now; nothing when all were answered."""
        async with self.db.session() as session:
            doses = await catch_up.unanswered_doses(session, user_id=claim.user_id, at=claim.due_at)
        if not doses:
            return SendResult(SendOutcome.SENT)
        question = CatchUp(claim.delivery_id, claim.user_id, claim.tz, tuple(doses))
        return await self.sender.send_catch_up(question)

    async def _record(self, arrived: list[Outcome]) -> None:
        """Record outcomes in one transaction; pause the users who blocked us."""
        now, policy = self.clock(), self.policy
        by_outcome: dict[SendOutcome, list[Outcome]] = defaultdict(list)
        for outcome in arrived:
            by_outcome[outcome.result.outcome].append(outcome)
            self.observer.sent(outcome.result.outcome, due_at=outcome.claim.due_at, at=now)
        sent = [(o.claim, o.result.message_id) for o in by_outcome[SendOutcome.SENT]]
        refused = [
            o.claim for o in by_outcome[SendOutcome.FAILED] + by_outcome[SendOutcome.BLOCKED]
        ]
        retry = [o.claim for o in by_outcome[SendOutcome.RETRY]]
        blocked = {o.claim.user_id for o in by_outcome[SendOutcome.BLOCKED]}
        progress = {o.claim.delivery_id: o.parts for o in arrived if o.parts is not None}
        async with self.db.session() as session:
            await outcomes.record_sent(session, sent=sent, now=now, follow_up=policy.follow_up)
            await outcomes.record_unsent(
                session,
                failed=refused,
                retry=retry,
                now=now,
                backoff=policy.retry_backoff,
            )
            await outcomes.record_parts(session, parts=progress)
            for user_id in blocked:
                await users.mark_blocked(session, user_id=user_id, now=now)
        self._prune(now)

    def _prune(self, now: datetime) -> None:
        if len(self._last_sent) > 10_000:
            gap = self.policy.per_chat_gap
            self._last_sent = {c: t for c, t in self._last_sent.items() if now - t < gap}


def _about(claim: Claimed) -> dict[str, int]:
    return {"delivery_id": claim.delivery_id}  # a field of its own in JSON logs


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
