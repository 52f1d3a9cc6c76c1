"""The operator's port: GET /healthz and GET /metrics, on ADMIN_LISTEN:ADMIN_PORT.

It runs in each bot process, on the same event loop as the bot. It serves counts and health
only (nothing a user said or who they are), and listens on 127.0.0.1 unless told otherwise.
"""

import json
from http import HTTPStatus
from typing import Any

import tornado.httpserver
import tornado.netutil
import tornado.web

from bot.context import Deps
from bot.health import check_health


class HealthHandler(tornado.web.RequestHandler):
    """200 when healthy, 503 with a short reason otherwise; a small JSON object either way."""

    def initialize(self, deps: Deps) -> None:
        self.deps = deps

    async def get(self) -> None:
        health = await check_health(self.deps)
        self.set_status(HTTPStatus.OK if health.healthy else HTTPStatus.SERVICE_UNAVAILABLE)
        self.set_header("Content-Type", "application/json")
        self.set_header("Cache-Control", "no-store")
        self.finish(json.dumps(health.as_json()))


class MetricsHandler(tornado.web.RequestHandler):
    """The Prometheus text format; every process's counts in multiprocess mode."""

    def initialize(self, deps: Deps) -> None:
        self.deps = deps

    def get(self) -> None:
        body, content_type = self.deps.metrics.exposition()
        self.set_header("Content-Type", content_type)
        self.finish(body)


class _Quiet(tornado.web.Application):
    def log_request(self, handler: tornado.web.RequestHandler) -> None:
        """Log nothing per request: a scrape every few seconds is noise."""


class AdminServer:
    """The listening admin server; stop() closes it."""

    def __init__(self, deps: Deps, listen: str, port: int) -> None:
        routes: list[Any] = [
            (r"/healthz", HealthHandler, {"deps": deps}),
            (r"/metrics", MetricsHandler, {"deps": deps}),
        ]
        self.server = tornado.httpserver.HTTPServer(_Quiet(routes), idle_connection_timeout=60)
        sockets = tornado.netutil.bind_sockets(port, address=listen)
        self.port = sockets[0].getsockname()[1]
        self.server.add_sockets(sockets)

    async def stop(self) -> None:
        self.server.stop()
        await self.server.close_all_connections()
