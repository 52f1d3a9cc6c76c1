"""A local stand-in for the Telegram Bot API on 127.0.0.1, for the terminal chat and tests."""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Callable
from types import TracebackType
from typing import Any

import tornado.httpserver
import tornado.netutil
import tornado.web

from localchat.handler import MethodHandler
from localchat.methods import canonical
from localchat.state import JSON, ApiError, ApiState, Fault
from localchat.updates import UpdateBuilders


class LocalBotApi(UpdateBuilders):
    """A Bot API server on 127.0.0.1 in its own thread: scripted updates, recorded calls."""

    def __init__(self, token: str = "123456:LOCAL", *, enforce_limits: bool = False) -> None:
        self._token = token
        bot_id = int(token.split(":")[0]) if token.split(":")[0].isdigit() else 123456
        bot_user = {"id": bot_id, "is_bot": True, "first_name": "SteadyBot"}
        bot_user |= {"username": "steady_local_bot", "can_join_groups": True}
        bot_user |= {"can_read_all_group_messages": False, "supports_inline_queries": False}
        bot_user |= {"can_connect_to_business": False, "has_main_web_app": False}
        self.state = ApiState(bot_user, enforce_limits=enforce_limits)
        self._port = 0
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop: asyncio.Event | None = None

    @property
    def token(self) -> str:
        """Return the one token this server accepts."""
        return self._token

    @property
    def port(self) -> int:
        """Return the port the server listens on (0 before start)."""
        return self._port

    @property
    def server_url(self) -> str:
        """Return the root URL, for settings that append /bot themselves."""
        return f"http://127.0.0.1:{self._port}"

    @property
    def base_url(self) -> str:
        """Return the URL for ApplicationBuilder().base_url() and Bot(base_url=...)."""
        return f"{self.server_url}/bot"

    def start(self) -> LocalBotApi:
        """Listen on a free port of 127.0.0.1 and serve from a daemon thread."""
        sockets = tornado.netutil.bind_sockets(0, "127.0.0.1")
        self._port = sockets[0].getsockname()[1]
        self.state.closing = False
        ready = threading.Event()
        self._thread = threading.Thread(
            target=lambda: asyncio.run(self._serve(sockets, ready)),
            name="local-bot-api",
            daemon=True,
        )
        self._thread.start()
        if not ready.wait(10):
            raise RuntimeError("local Bot API did not start")
        return self

    async def _serve(self, sockets: list[Any], ready: threading.Event) -> None:
        """Run the HTTP server until stop() is called, then close every connection."""
        self._loop, self._stop = asyncio.get_running_loop(), asyncio.Event()
        handler_args = {"state": self.state, "token": self._token}
        routes = [(r"/bot([^/]*)/([A-Za-z_]+)/?", MethodHandler, handler_args)]
        # No access log: calls are recorded, and request lines would carry the token.
        app = tornado.web.Application(routes, log_function=lambda handler: None)
        server = tornado.httpserver.HTTPServer(app)
        server.add_sockets(sockets)
        ready.set()
        await self._stop.wait()
        server.stop()
        with self.state.lock:
            self.state.closing = True  # long polls answer [] now instead of at their timeout
            self.state.notify()
        with contextlib.suppress(TimeoutError):  # let them answer before connections close
            await self.state.wait_for_async(lambda: self.state.pollers == 0, timeout=2)
        await asyncio.wait_for(server.close_all_connections(), 5)

    def stop(self) -> None:
        """Stop serving and wait for the thread to end."""
        if self._thread is None:
            return
        with contextlib.suppress(RuntimeError):  # the loop may have ended already
            self._loop.call_soon_threadsafe(self._stop.set)  # type: ignore[union-attr]
        self._thread.join(10)
        self._thread = None

    def __enter__(self) -> LocalBotApi:
        return self.start()

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self.stop()

    @property
    def enforce_limits(self) -> bool:
        """Tell whether Telegram's send limits are enforced."""
        return self.state.limits.enforce

    @enforce_limits.setter
    def enforce_limits(self, value: bool) -> None:
        self.state.limits.enforce = value

    @property
    def latency(self) -> float:
        """Return the seconds added to each send or edit."""
        return self.state.latency

    @latency.setter
    def latency(self, seconds: float) -> None:
        self.state.latency = seconds

    @property
    def polling(self) -> bool:
        """Tell whether a getUpdates long poll is waiting now (the bot is ready for updates)."""
        return self.state.pollers > 0

    @property
    def accepted(self) -> int:
        """Return how many sends and edits were accepted."""
        return self.state.limits.accepted

    @property
    def rejected_429(self) -> int:
        """Return how many sends and edits the rate limits refused."""
        return self.state.limits.rejected_429

    @property
    def accept_times(self) -> list[float]:
        """Return the time.monotonic() of each accepted send or edit."""
        with self.state.lock:
            return list(self.state.limits.accept_times)

    def calls(self, method: str | None = None) -> list[JSON]:
        """Return finished calls (params plus _method and _status), optionally of one method."""
        with self.state.lock:
            wanted = method.lower() if method else None
            return [dict(c) for c in self.state.call_log if wanted in (None, c["_method"].lower())]

    def arrivals(self, method: str | None = None) -> list[JSON]:
        """Return calls as they arrived, answered or not yet (a long poll counts at once), each
        with `_at`: its time.monotonic(), the same clock in every process of the machine."""
        with self.state.lock:
            wanted = method.lower() if method else None
            log = self.state.arrival_log
            return [dict(c) for c in log if wanted in (None, c["_method"].lower())]

    def sent_to(self, chat_id: Any) -> list[JSON]:
        """Return the messages, photos and documents sent to a chat, as they stand now."""
        with self.state.lock:
            return [dict(m) for m in self.state.chat(chat_id).messages.values()]

    def transcript(self, chat_id: Any) -> list[JSON]:
        """Return every send, edit and answered button (with its pop-up text) in a chat, in order."""
        with self.state.lock:
            return [dict(e) for e in self.state.chat(chat_id).events]

    def clear(self) -> None:
        """Forget calls, updates, chats, faults and counters."""
        self.state.reset()

    def wait_for(self, predicate: Callable[[], Any], timeout: float = 10.0) -> Any:
        """Block until predicate() is truthy and return it; raise TimeoutError after timeout."""
        return self.state.wait_for(predicate, timeout)

    async def wait_for_async(
        self,
        predicate: Callable[[], Any],
        timeout: float = 10.0,  # noqa: ASYNC109 - the twin of wait_for, same signature
    ) -> Any:
        """Await until predicate() is truthy and return it; raise TimeoutError after timeout."""
        return await self.state.wait_for_async(predicate, timeout)

    def fail_next(
        self, method: str, *, status: int = 429, retry_after: int = 1,
        description: str | None = None, times: int = 1, chat_id: Any = None,
    ) -> None:  # fmt: skip
        """Answer the next calls of a method (to one chat, if given) with an error."""
        error = ApiError(status, description, retry_after if status == 429 else None)
        self._add_fault(Fault(_known(method), "fail", times, error=error, chat_id=chat_id))

    def drop_next(self, method: str, times: int = 1) -> None:
        """Close the connection of the next calls of a method without answering."""
        self._add_fault(Fault(_known(method), "drop", times))

    def delay_next(
        self, method: str, seconds: float, times: int = 1, chat_id: int | None = None
    ) -> None:
        """Hold the answer to the next calls of a method (to one chat, if given) for a while."""
        self._add_fault(Fault(_known(method), "delay", times, seconds=seconds, chat_id=chat_id))

    def clear_faults(self) -> None:
        """Forget every injected fault that has not fired yet."""
        with self.state.lock:
            self.state.faults.clear()

    def _add_fault(self, fault: Fault) -> None:
        with self.state.lock:
            self.state.faults.append(fault)

    def block_chat(self, chat_id: Any) -> None:
        """Answer every call to this chat with 403, as when the user blocked the bot."""
        with self.state.lock:
            self.state.blocked.add(chat_id)

    def unblock_chat(self, chat_id: Any) -> None:
        """Let calls to this chat through again."""
        with self.state.lock:
            self.state.blocked.discard(chat_id)


def _known(method: str) -> str:
    """Return the canonical method name, refusing typos that would never match."""
    name = canonical(method)
    if name is None:
        raise ValueError(f"unknown Bot API method: {method}")
    return name
