"""The dispatcher's tuning knobs, in one place."""

from dataclasses import dataclass
from datetime import timedelta


@dataclass(frozen=True, slots=True)
class DispatchPolicy:
    """How the dispatcher claims, paces, retries and waits; the defaults suit Telegram."""

    # A reminder later than this beyond the normal claim delay is stored as missed, not sent
    # (GRACE_WINDOW_MINUTES): what came due while the bot was down, long ago.
    grace: timedelta = timedelta(hours=2)
    # How late a claim normally is while the bot runs: waking up, a busy database, one retry.
    # Lateness up to this never counts against the grace.
    claim_delay: timedelta = timedelta(minutes=1)
    batch: int = 500  # deliveries claimed per transaction
    concurrency: int = 64  # sends in flight at once
    # Telegram allows about one message a second to one chat.
    per_chat_gap: timedelta = timedelta(seconds=1.05)
    # A claimed delivery is sent again by whoever finds it once this runs out (a crash).
    lease: timedelta = timedelta(minutes=2)
    follow_up: timedelta = timedelta(minutes=30)  # an unanswered dose is asked about again
    # Another process may add rows at any time, so the dispatcher never sleeps longer.
    max_wait: timedelta = timedelta(seconds=60)
    retry_backoff: timedelta = timedelta(minutes=1)  # after a passing failure
    expire_batch: int = 5000  # ended days closed per transaction
    # Due rows another process holds are looked at again after this, never in a busy loop.
    recheck: timedelta = timedelta(seconds=1)
    error_pause: timedelta = timedelta(seconds=5)  # after a tick that failed
    # A delivery that waited longer than this since its claim (pacing, a queue of sends) is
    # confirmed just before it goes: its user may have erased everything, or answered, meanwhile.
    confirm_after: timedelta = timedelta(seconds=1)

    def __post_init__(self) -> None:
        if self.grace < timedelta(0) or self.claim_delay < timedelta(0):
            raise ValueError("grace and claim_delay cannot be negative")
        if min(self.batch, self.concurrency, self.expire_batch) < 1:
            raise ValueError("batch, concurrency and expire_batch must be at least 1")
