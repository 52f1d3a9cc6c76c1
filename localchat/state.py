"""Thread-safe state of the local Bot API stand-in: calls, updates, chats, faults, limits."""

from __future__ import annotations

import asyncio
import contextlib
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

JSON = dict[str, Any]

# Telegram documents about 30 messages a second overall and one a second per chat.
GLOBAL_PER_SECOND = 30
CHAT_INTERVAL = 1.0
# Client and server clocks jitter; a 0.98 s gap should not read as a burst.
JITTER = 0.05
# Re-check predicates this often even without a state change (they may read a database).
POLL_INTERVAL = 0.05

DESCRIPTIONS = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden: bot was blocked by the user",
    404: "Not Found",
    409: "Conflict: terminated by other getUpdates request",
    502: "Bad Gateway",
}


def is_message_method(method: str) -> bool:
    """Tell whether a method puts a message in a chat (and so counts against limits)."""
    return method.startswith(("send", "edit")) and method != "sendChatAction"


class ApiError(Exception):
    """An error answer in Telegram's shape: ok false, error_code, description."""

    def __init__(self, status: int, description: str | None = None, retry_after: int | None = None):
        if description is None and status == 429:
            description = f"Too Many Requests: retry after {retry_after}"
        self.status = status
        self.description = description or DESCRIPTIONS.get(status, f"Error {status}")
        self.retry_after = retry_after
        super().__init__(self.description)

    def body(self) -> JSON:
        """Return the JSON body Telegram sends with this error."""
        body: JSON = {"ok": False, "error_code": self.status, "description": self.description}
        if self.retry_after is not None:
            body["parameters"] = {"retry_after": self.retry_after}
        return body


@dataclass
class Fault:
    """One injected misbehaviour for the next calls of a method."""

    method: str
    kind: str  # "fail", "drop" or "delay"
    times: int
    error: ApiError | None = None
    seconds: float = 0.0
    chat_id: int | str | None = None


@dataclass
class RateLimits:
    """Telegram's send limits, counted over a sliding one-second window."""

    enforce: bool = False
    accepted: int = 0
    rejected_429: int = 0
    accept_times: list[float] = field(default_factory=list)
    window: deque[float] = field(default_factory=deque)
    last_by_chat: dict[Any, float] = field(default_factory=dict)

    def admit(self, chat_id: Any, now: float) -> bool:
        """Count a send at monotonic time now; return False when Telegram would answer 429."""
        if self.enforce:
            while self.window and self.window[0] <= now - (1.0 - JITTER):
                self.window.popleft()
            last = self.last_by_chat.get(chat_id)
            too_soon = last is not None and now - last < CHAT_INTERVAL - JITTER
            if len(self.window) >= GLOBAL_PER_SECOND or too_soon:
                self.rejected_429 += 1
                return False
        self.accepted += 1
        self.accept_times.append(now)
        self.window.append(now)
        if chat_id is not None:
            self.last_by_chat[chat_id] = now
        return True


@dataclass
class Chat:
    """A private chat: the messages the bot sent (current state) and the event log."""

    id: Any
    first_name: str = "Sam"
    next_message_id: int = 1
    messages: dict[int, JSON] = field(default_factory=dict)
    events: list[JSON] = field(default_factory=list)

    left: bool = False  # the bot left this group

    def as_json(self) -> JSON:
        """Return the chat as Telegram shapes it: private for a user, a group for ids below 0."""
        if isinstance(self.id, int) and self.id < 0:
            return {"id": self.id, "type": "group", "title": "Family"}
        return {"id": self.id, "type": "private", "first_name": self.first_name}

    def new_message_id(self) -> int:
        """Take the next message id; users and the bot share one sequence per chat."""
        self.next_message_id += 1
        return self.next_message_id - 1


class ApiState:
    """Everything the stand-in remembers, behind one lock, with change notification."""

    def __init__(self, bot_user: JSON, *, enforce_limits: bool = False) -> None:
        self.lock = threading.RLock()
        self._cond = threading.Condition(self.lock)
        self._version = 0
        self._listeners: set[tuple[asyncio.AbstractEventLoop, asyncio.Event]] = set()
        self.bot_user = bot_user
        self.limits = RateLimits(enforce=enforce_limits)
        self.latency = 0.0
        self.closing = False
        self.pollers = 0
        # Update ids survive reset(): a polling client keeps its offset, as with Telegram.
        self.last_update_id = 0  # the highest id handed out
        self.last_pushed_id = 0  # ids in the queue must rise
        self.reset()

    def reset(self) -> None:
        """Forget calls, updates, chats, faults and counters."""
        with self.lock:
            self.call_log: list[JSON] = []
            self.arrival_log: list[JSON] = []
            self.updates: list[JSON] = []
            self.chats: dict[Any, Chat] = {}
            self.blocked: set[Any] = set()
            self.faults: list[Fault] = []
            self.commands: list[JSON] = []
            # Each button press built here: query id -> (chat id, message id), for its answer.
            self.queries: dict[str, tuple[Any, Any]] = {}
            self.webhook: JSON = {}
            self.limits = RateLimits(enforce=self.limits.enforce)
            self.notify()

    def notify(self) -> None:
        """Wake every waiter, in any thread or event loop; call with the lock held."""
        self._version += 1
        self._cond.notify_all()
        for loop, event in list(self._listeners):
            try:
                loop.call_soon_threadsafe(event.set)
            except RuntimeError:  # that loop has closed; its waiter is gone
                self._listeners.discard((loop, event))

    def chat(self, chat_id: Any) -> Chat:
        """Return the chat with this id, creating it on first use."""
        with self.lock:
            return self.chats.setdefault(chat_id, Chat(chat_id))

    def arrive(self, method: str, params: JSON) -> None:
        """Log a call as it arrives, before any answer (a long poll may not answer for long)."""
        with self.lock:
            self.arrival_log.append({**params, "_method": method, "_at": time.monotonic()})
            self.notify()

    def record(self, method: str, params: JSON, status: int | None) -> None:
        """Log a finished call; status None means the connection was dropped."""
        with self.lock:
            self.call_log.append({**params, "_method": method, "_status": status})
            self.notify()

    def take_fault(self, method: str, chat_id: Any) -> Fault | None:
        """Consume and return the first fault queued for this method and chat."""
        with self.lock:
            for fault in self.faults:
                if fault.method == method and fault.chat_id in (None, chat_id):
                    fault.times -= 1
                    if fault.times <= 0:
                        self.faults.remove(fault)
                    return fault
        return None

    def admit(self, method: str, params: JSON) -> None:
        """Raise the error Telegram would give before running the method, if any."""
        chat_id = params.get("chat_id")
        if chat_id is not None and chat_id in self.blocked:
            raise ApiError(403)
        if is_message_method(method) and not self.limits.admit(chat_id, time.monotonic()):
            raise ApiError(429, retry_after=1)

    def push_update(self, update: JSON) -> int:
        """Queue an update, renumbering it if its update_id would not come after the last."""
        with self.lock:
            update_id = int(update.get("update_id") or 0)
            if update_id <= self.last_pushed_id:
                update_id = update["update_id"] = self.next_update_id()
            self.last_pushed_id = update_id
            self.last_update_id = max(self.last_update_id, update_id)
            self.updates.append(update)
            self.notify()
            return update_id

    def next_update_id(self) -> int:
        """Reserve an update_id for an update built but not yet pushed."""
        with self.lock:
            self.last_update_id += 1
            return self.last_update_id

    def take_updates(self, offset: int, limit: int) -> list[JSON]:
        """Confirm updates below offset, as Telegram does, and return the next ones."""
        with self.lock:
            if self.webhook.get("url"):
                raise ApiError(409, "Conflict: can't use getUpdates method while webhook is active")
            self.updates = [u for u in self.updates if u["update_id"] >= offset]
            return list(self.updates[: max(1, min(limit, 100))])

    def wait_for(self, predicate: Callable[[], Any], timeout: float = 10.0) -> Any:
        """Block until predicate() is truthy and return its value, or raise TimeoutError."""
        deadline = time.monotonic() + timeout
        while True:
            with self.lock:
                version = self._version
            value = predicate()
            if value:
                return value
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError(f"condition not met within {timeout} s")
            with self._cond:
                if self._version == version:
                    self._cond.wait(min(remaining, POLL_INTERVAL))

    async def wait_for_async(
        self,
        predicate: Callable[[], Any],
        timeout: float = 10.0,  # noqa: ASYNC109 - the twin of wait_for, same signature
    ) -> Any:
        """Await until predicate() is truthy and return its value, or raise TimeoutError."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            with self.lock:
                version = self._version
            value = predicate()
            if value:
                return value
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise TimeoutError(f"condition not met within {timeout} s")
            await self.wait_changed(version, min(remaining, POLL_INTERVAL))

    async def wait_changed(self, version: int, within: float) -> bool:
        """Await a change after version, for up to within seconds; return whether one came."""
        entry = (asyncio.get_running_loop(), asyncio.Event())
        with self.lock:
            if self._version != version:
                return True
            self._listeners.add(entry)
        try:
            await asyncio.wait_for(entry[1].wait(), within)
            return True
        except TimeoutError:
            return False
        finally:
            with self.lock:
                self._listeners.discard(entry)

    @contextlib.contextmanager
    def polling(self) -> Iterator[None]:
        """Count a long poll as waiting while the block runs."""
        with self.lock:
            self.pollers += 1
            self.notify()
        try:
            yield
        finally:
            with self.lock:
                self.pollers -= 1
                self.notify()

    @property
    def version(self) -> int:
        """Return a counter that grows with every change."""
        with self.lock:
            return self._version
