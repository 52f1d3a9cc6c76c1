"""Whether this process is healthy: its database answers, its dispatcher is alive, and nothing
due waits too long."""

import asyncio
import logging
from dataclasses import dataclass, field
from datetime import timedelta

from bot.context import Deps
from models import deliveries

log = logging.getLogger(__name__)
# A database that takes longer than this to answer one small query is as good as unreachable.
DATABASE_TIMEOUT_S = 5.0


@dataclass(frozen=True, slots=True)
class Health:
    healthy: bool
    reason: str  # "ok", or the first thing wrong, in a few words
    figures: dict[str, float | None] = field(default_factory=dict)

    def as_json(self) -> dict[str, object]:
        status = "ok" if self.healthy else "unhealthy"
        return {"status": status, "reason": self.reason, **self.figures}


async def check_health(deps: Deps) -> Health:
    """Look at the database, the dispatcher and the oldest due row, in that order."""
    settings, now = deps.settings, deps.clock()
    try:
        async with asyncio.timeout(DATABASE_TIMEOUT_S), deps.db.session() as session:
            due = await deliveries.next_due_at(session)
    except Exception as error:  # whatever the driver raises, the answer is the same
        log.warning("health check: database unreachable (%s)", type(error).__name__)
        return Health(False, "database unreachable")
    late = max(now - due, timedelta(0)) if due is not None else timedelta(0)
    silence = deps.metrics.silence(now)
    figures = {
        "oldest_due_late_s": round(late.total_seconds(), 1),
        "dispatcher_silent_s": None if silence is None else round(silence.total_seconds(), 1),
    }
    if silence is None:
        return Health(False, "dispatcher not started", figures)
    if silence > timedelta(seconds=settings.health_max_silence_seconds):
        return Health(False, "dispatcher silent", figures)
    if late > timedelta(seconds=settings.health_max_late_seconds):
        return Health(False, "reminders late", figures)
    return Health(True, "ok", figures)
