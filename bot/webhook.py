"""The webhook endpoint Telegram posts updates to, in front of python-telegram-bot's Application.

python-telegram-bot's own webhook server reads the whole body (up to tornado's 100 MB default)
before it looks at the secret, so forged posts cost memory before they are refused. This one
checks the secret as soon as the headers arrive, stops reading at MAX_BODY_BYTES, answers what it
cannot read with 400, and hands the rest to the Application's update queue.
"""

import hmac
import json
import logging
from http import HTTPStatus
from typing import Any

import tornado.httpserver
import tornado.web
from telegram import Bot, Update
from telegram.ext import Application

log = logging.getLogger(__name__)

PATH = "/telegram"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
# Telegram sends one update per post: a message of at most 4,096 characters (6 bytes each as a
# \uXXXX escape: 24 KB), its entities and buttons, and the message it replies to or quotes, i.e.
# some tens of KB at most. 256 KiB is generous and keeps 40 parallel posts under 11 MB.
MAX_BODY_BYTES = 256 * 1024
# A slow sender may hold a connection this long; Telegram's posts take milliseconds.
BODY_TIMEOUT_S, IDLE_TIMEOUT_S = 30.0, 120.0


@tornado.web.stream_request_body
class UpdateHandler(tornado.web.RequestHandler):
    """Take one update per POST: secret first, then at most MAX_BODY_BYTES, then the queue."""

    SUPPORTED_METHODS = ("POST",)  # type: ignore[assignment]

    def initialize(self, updates_for: Application, secret: str) -> None:
        """Keep what each request needs."""
        self.bot, self.updates = updates_for.bot, updates_for.update_queue
        self.secret = secret.encode()
        self.chunks: list[bytes] = []

    def prepare(self) -> None:
        """Refuse a post before its body is read: without the secret, or longer than allowed."""
        given = self.request.headers.get(SECRET_HEADER, "").encode("latin-1", "replace")
        if not hmac.compare_digest(given, self.secret):
            raise tornado.web.HTTPError(HTTPStatus.FORBIDDEN)
        length = self.request.headers.get("Content-Length", "0")
        if not length.isascii() or not length.isdigit() or int(length) > MAX_BODY_BYTES:
            raise tornado.web.HTTPError(HTTPStatus.REQUEST_ENTITY_TOO_LARGE)
        # A chunked body has no length up front: tornado stops reading it past this size.
        self.request.connection.set_max_body_size(MAX_BODY_BYTES)

    def data_received(self, chunk: bytes) -> None:
        """Collect the body, which prepare() has already bounded."""
        self.chunks.append(chunk)

    async def post(self) -> None:
        """Parse the update and queue it; 400 for anything that is not one."""
        update = read_update(b"".join(self.chunks), self.bot)
        if update is None:
            log.warning("refused a webhook post that is not a Telegram update")
            raise tornado.web.HTTPError(HTTPStatus.BAD_REQUEST)
        await self.updates.put(update)

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        """Answer errors with the status alone."""
        self.finish()

    def log_exception(self, *args: Any) -> None:
        """Say nothing: tornado's own message would quote the request, headers and all."""


def read_update(body: bytes, bot: Bot) -> Update | None:
    """Return the update a body holds, or None when it is not JSON or not an update."""
    try:
        payload = json.loads(body)
        if not isinstance(payload, dict) or not isinstance(payload.get("update_id"), int):
            return None
        return Update.de_json(payload, bot)
    except Exception:  # whatever de_json makes of a malformed update, it is not one
        return None


class Quiet(tornado.web.Application):
    """A tornado application without access logs (the request lines are noise at INFO)."""

    def log_request(self, handler: tornado.web.RequestHandler) -> None:
        """Log nothing per request."""


def webhook_server(application: Application, secret: str) -> tornado.httpserver.HTTPServer:
    """Build the HTTP server for PATH; every other path is capped at the same size."""
    routes = [(rf"{PATH}/?", UpdateHandler, {"updates_for": application, "secret": secret})]
    return tornado.httpserver.HTTPServer(
        Quiet(routes),
        max_body_size=MAX_BODY_BYTES,
        body_timeout=BODY_TIMEOUT_S,
        idle_connection_timeout=IDLE_TIMEOUT_S,
    )
