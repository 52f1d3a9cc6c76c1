"""What the dispatcher tells the operator: its ticks, each send's outcome and lateness, 429s,
repeats, and whether this process is the one that sends.

The dispatcher calls a DispatchObserver; bot/metrics.py implements it with Prometheus, and
DispatchCounters keeps plain counts (the default, and what tests of jobs/ read).
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Protocol

from jobs.sender import SendOutcome


class DispatchObserver(Protocol):
    """Told by the dispatcher as things happen; never raises, never blocks."""

    def ticked(self, at: datetime) -> None:
        """A tick ended at `at`: the loop is alive."""

    def sent(self, outcome: str, *, due_at: datetime, at: datetime) -> None:
        """One send, of a delivery due at `due_at`, ended with `outcome` at `at`.

        `outcome` is a SendOutcome, or another short word from a closed set (a metric label).
        """

    def rate_limited(self) -> None:
        """Telegram answered one request with 429 (RetryAfter)."""

    def repeated(self, count: int = 1) -> None:
        """`count` deliveries whose outcome was unknown (a crash, a timeout) go out again."""

    def leading(self, leader: bool) -> None:
        """This process became (True) or stopped being (False) the one that sends."""


@dataclass
class DispatchCounters:
    """A DispatchObserver that counts in memory."""

    sends: Counter[str] = field(default_factory=Counter)
    rate_limited_total: int = 0
    repeats: int = 0
    leader: bool = False
    last_tick: datetime | None = None
    max_late: timedelta = timedelta(0)  # the latest any SENT delivery went out

    def ticked(self, at: datetime) -> None:
        self.last_tick = at

    def sent(self, outcome: str, *, due_at: datetime, at: datetime) -> None:
        self.sends[outcome] += 1
        if outcome == SendOutcome.SENT:
            self.max_late = max(self.max_late, at - due_at)

    def rate_limited(self) -> None:
        self.rate_limited_total += 1

    def repeated(self, count: int = 1) -> None:
        self.repeats += count

    def leading(self, leader: bool) -> None:
        self.leader = leader
