"""The clock is injected: only bot/__main__ picks the system one; tests move a fixed one."""

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime

Clock = Callable[[], datetime]
Sleep = Callable[[float], Awaitable[None]]


def system_clock() -> datetime:
    """Return the current aware UTC time."""
    return datetime.now(UTC)
