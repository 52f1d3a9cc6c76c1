"""Handle many users' updates at once, and each user's one at a time, in the order they came.

python-telegram-bot handles one update at a time by default: each waits for the one before,
including its replies' round trips to Telegram, so a process answers ~100 updates a second
however idle its CPU (bench/README.md, "Load"). Fully concurrent handling would let a double
tap's two updates run side by side. This processor does both: different users concurrently,
each user's updates in arrival order.
"""

import asyncio
from collections.abc import Awaitable
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor


class OneAtATimePerUser(BaseUpdateProcessor):
    """Up to `max_concurrent_updates` updates at once; never two of one user at once."""

    def __init__(self, max_concurrent_updates: int) -> None:
        super().__init__(max_concurrent_updates)
        self._locks: dict[int, asyncio.Lock] = {}
        self._using: dict[int, int] = {}  # user -> updates holding or awaiting their lock

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        key = _sender(update)
        if key is None:  # no user (e.g. a channel post): nothing to keep in order
            await coroutine
            return
        lock = self._locks.setdefault(key, asyncio.Lock())
        self._using[key] = self._using.get(key, 0) + 1
        try:
            async with lock:
                await coroutine
        finally:
            self._using[key] -= 1
            if not self._using[key]:  # forget idle users: memory follows the users active now
                del self._using[key], self._locks[key]

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to release."""


def _sender(update: object) -> int | None:
    if not isinstance(update, Update):
        return None
    if update.effective_user is not None:
        return update.effective_user.id
    return update.effective_chat.id if update.effective_chat is not None else None
