"""Prometheus metrics of this process, or of every process sharing PROMETHEUS_MULTIPROC_DIR.

Labels come from closed sets (a send's outcome, a habit kind, an update's kind): never a user's
id, name or words. In multiprocess mode each process writes its values to files in that folder,
and a scrape of any one process reads them all (prometheus-client's multiprocess mode).
"""

import os
from datetime import datetime, timedelta

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
    multiprocess,
)

from jobs.sender import SendOutcome
from models.types import HabitKind, SafetyEventKind

MULTIPROC_VARIABLE = "PROMETHEUS_MULTIPROC_DIR"
# Seconds a reminder went out after it was due: Telegram's 30 a second makes a burst of
# thousands minutes late, the grace window ends at two hours.
LATENESS_BUCKETS = (1, 5, 15, 30, 60, 120, 300, 600, 1200, 1800, 3600, 7200)
UPDATE_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)


# The safety net's replies are counted by what they were (models.types.SafetyEventKind),
# and those to someone outside ALLOWED_USER_IDS, whom nothing is stored about, as this.
STRANGER = "stranger"
SAFETY_REPLIES = (*(kind.value for kind in SafetyEventKind), STRANGER)


class Metrics:
    """The counters one process updates; also the dispatcher's DispatchObserver."""

    def __init__(self) -> None:
        self.multiprocess = bool(os.environ.get(MULTIPROC_VARIABLE))
        # Multiprocess values live in files that each scrape collects afresh; otherwise each
        # Metrics has a registry of its own, so that tests may build many.
        self.registry = None if self.multiprocess else CollectorRegistry()
        self.last_tick: datetime | None = None
        self.last_beat: datetime | None = None  # a tick or a send: the dispatcher is alive
        self._build(self.registry)

    def _build(self, registry: CollectorRegistry | None) -> None:
        self._sends = Counter(
            "steady_sends",
            "Sends of reminders and summaries, by outcome",
            ["outcome"],
            registry=registry,
        )
        for outcome in SendOutcome:  # every series exists from the start, at 0
            self._sends.labels(outcome.value)
        self._rate_limited = Counter(
            "steady_telegram_429", "Bot API answers of 429 Too Many Requests", registry=registry
        )
        self._late = Histogram(
            "steady_reminder_lateness_seconds",
            "How long after it was due a send went out",
            buckets=LATENESS_BUCKETS,
            registry=registry,
        )
        self._repeats = Counter(
            "steady_repeated_sends",
            "Sends whose outcome was unknown, made again",
            registry=registry,
        )
        self._leader = Gauge(
            "steady_dispatcher_leader",
            "Processes whose dispatcher sends (1 each)",
            multiprocess_mode="livesum",
            registry=registry,
        )
        self._last_tick = Gauge(
            "steady_dispatcher_last_tick_timestamp_seconds",
            "When a dispatcher last ticked",
            multiprocess_mode="livemax",
            registry=registry,
        )
        self._checkins = Counter(
            "steady_checkins",
            "Check-in answers recorded, by habit kind and how given",
            ["kind", "via"],
            registry=registry,
        )
        self._crisis = Counter(
            "steady_crisis_replies",
            "Replies of the safety net, by what they were",
            ["kind"],
            registry=registry,
        )
        for kind in SAFETY_REPLIES:
            self._crisis.labels(kind)
        self._updates = Histogram(
            "steady_update_seconds",
            "Time to handle one update, by kind",
            ["kind"],
            buckets=UPDATE_BUCKETS,
            registry=registry,
        )

    def ticked(self, at: datetime) -> None:
        self.last_tick = self.last_beat = at
        self._last_tick.set(at.timestamp())

    def sent(self, outcome: str, *, due_at: datetime, at: datetime) -> None:
        self.last_beat = at
        self._sends.labels(str(outcome)).inc()
        if outcome == SendOutcome.SENT:
            self._late.observe(max((at - due_at).total_seconds(), 0.0))

    def rate_limited(self) -> None:
        self._rate_limited.inc()

    def repeated(self, count: int = 1) -> None:
        if count:
            self._repeats.inc(count)

    def leading(self, leader: bool) -> None:
        self._leader.set(1 if leader else 0)

    def checked_in(self, kind: HabitKind, via: str) -> None:
        """Count one recorded check-in answer (`via` "button" or "text")."""
        self._checkins.labels(kind.value, via).inc()

    def crisis_reply(self, kind: str) -> None:
        """Count one safety-net reply: a SafetyEventKind's value, or STRANGER."""
        self._crisis.labels(kind).inc()

    def update_handled(self, kind: str, seconds: float) -> None:
        self._updates.labels(kind).observe(seconds)

    def silence(self, now: datetime) -> timedelta | None:
        """Return how long the dispatcher has been silent, or None before its first tick."""
        return None if self.last_beat is None else now - self.last_beat

    def exposition(self) -> tuple[bytes, str]:
        """Return the text a Prometheus scrape reads, and its content type."""
        if not self.multiprocess:
            return generate_latest(self.registry), CONTENT_TYPE_LATEST
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        return generate_latest(registry), CONTENT_TYPE_LATEST

    def close(self) -> None:
        """Drop this process's live gauges from the shared folder (its counts stay)."""
        if self.multiprocess:
            multiprocess.mark_process_dead(os.getpid())
