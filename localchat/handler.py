"""Answer one HTTP call to /bot<token>/<method> as Telegram would, after any injected fault."""

from __future__ import annotations

import asyncio
import contextlib
import json

import tornado.httputil
import tornado.iostream
import tornado.web

from localchat.methods import canonical, run
from localchat.state import JSON, ApiError, ApiState, is_message_method

# PTB JSON-encodes every form value that is not already a string, so "42" is ambiguous:
# these parameters are strings in the Bot API and must not be decoded.
STRING_PARAMS = frozenset(
    {"text", "caption", "parse_mode", "callback_query_id", "inline_message_id", "action",
     "url", "secret_token", "ip_address", "language_code", "emoji", "title", "description",
     "short_description", "name", "business_connection_id", "message_effect_id"}
)  # fmt: skip


def decode_params(request: tornado.httputil.HTTPServerRequest) -> JSON:
    """Decode a call's parameters from JSON, form or multipart, recording uploads by size."""
    params: JSON = {}
    if request.headers.get("Content-Type", "").startswith("application/json") and request.body:
        try:
            body = json.loads(request.body)
        except ValueError:
            body = None
        params.update(body if isinstance(body, dict) else {})
    for name, values in request.arguments.items():
        raw = values[-1].decode()
        try:
            params[name] = raw if name in STRING_PARAMS else json.loads(raw)
        except ValueError:
            params[name] = raw
    files = {name: uploads[0] for name, uploads in request.files.items()}
    for name, upload in files.items():
        params[name] = {"filename": upload.filename, "size": len(upload.body)}
    if files:
        params["_files"] = {name: upload.body for name, upload in files.items()}
    return params


class MethodHandler(tornado.web.RequestHandler):
    """Answer /bot<token>/<method> like Telegram, after any injected fault."""

    def initialize(self, state: ApiState, token: str) -> None:
        """Keep the state this handler serves and the one token it accepts."""
        self.state, self.token = state, token
        self.client_gone = False

    def on_connection_close(self) -> None:
        """Note that the client hung up (e.g. its process was killed) mid-request."""
        self.client_gone = True

    async def post(self, token: str, name: str) -> None:
        """Serve one Bot API call."""
        state = self.state
        if token != self.token:
            return self._reply(401, ApiError(401).body())
        method, params = canonical(name), decode_params(self.request)
        state.arrive(method or name, params)
        if method is None:
            state.record(name, params, 404)
            return self._reply(404, ApiError(404).body())
        fault = state.take_fault(method, params.get("chat_id"))
        if fault is not None and fault.kind == "drop":
            state.record(method, params, None)
            self.detach().close()  # no answer at all: the client sees a network error
            return None
        if fault is not None and fault.kind == "delay":
            await asyncio.sleep(fault.seconds)
            if self.client_gone:  # like Telegram, nothing is sent for a request nobody awaits
                state.record(method, params, None)
                return None
        if fault is not None and fault.error is not None:
            status, body = fault.error.status, fault.error.body()
        else:
            status, body = await self._answer(method, params)
        state.record(method, params, status)
        return self._reply(status, body)

    get = post

    async def _answer(self, method: str, params: JSON) -> tuple[int, JSON]:
        """Run the method, with latency and long polling, as (status, body)."""
        state = self.state
        if state.latency and is_message_method(method):
            await asyncio.sleep(state.latency)
        try:
            if method == "getUpdates":
                result = await self._long_poll(params)
            else:
                result = run(state, method, params)
        except ApiError as error:
            return error.status, error.body()
        return 200, {"ok": True, "result": result}

    async def _long_poll(self, params: JSON) -> list[JSON]:
        """Return queued updates, waiting up to the call's timeout for the first one."""
        state, loop = self.state, asyncio.get_running_loop()
        deadline = loop.time() + float(params.get("timeout") or 0)
        with state.polling():
            while True:
                version = state.version
                updates = run(state, "getUpdates", params)
                if updates or state.closing or loop.time() >= deadline:
                    return updates
                await state.wait_changed(version, deadline - loop.time())

    def _reply(self, status: int, body: JSON) -> None:
        """Write a JSON answer, ignoring a client that has already gone."""
        self.set_status(status)
        self.set_header("Content-Type", "application/json")
        with contextlib.suppress(tornado.iostream.StreamClosedError):
            self.finish(json.dumps(body))
