"""`python -m bot` in webhook mode, posted to over real HTTP: forged, oversized and malformed
posts are refused at once and cheaply, and nothing they carry reaches the logs."""

import json
import socket
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from localchat.server import LocalBotApi
from tests.e2e.conftest import ROOT, wait_until

SECRET = "s3cret-Token_42"
FORGED_LENGTH = 90 * 1024 * 1024  # what the review posted, four times over
WORDS = "Quetiazorb"


@dataclass
class WebhookBot:
    api: LocalBotApi
    proc: subprocess.Popen
    port: int
    database: Path

    def post(self, body: bytes, secret: str | None = SECRET, length: int | None = None) -> int:
        """POST the body's first bytes, claiming `length` in all; return the answer's status."""
        head = [
            "POST /telegram HTTP/1.1",
            "Host: 127.0.0.1",
            "Content-Type: application/json",
            f"Content-Length: {len(body) if length is None else length}",
        ]
        if secret is not None:
            head.append(f"X-Telegram-Bot-Api-Secret-Token: {secret}")
        with socket.create_connection(("127.0.0.1", self.port), timeout=10) as connection:
            connection.sendall("\r\n".join([*head, "", ""]).encode() + body)
            # A server that reads the whole claimed body first never answers within the timeout.
            status_line = connection.makefile("rb").readline()
        return int(status_line.split()[1])

    def users(self) -> list[int]:
        with sqlite3.connect(self.database) as connection:
            return [row[0] for row in connection.execute("select id from users")]

    def output(self) -> str:
        self.proc.terminate()
        return self.proc.communicate(timeout=30)[0]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def webhook_bot(bot_env, tmp_path) -> Iterator[WebhookBot]:
    api, env = bot_env
    port = _free_port()
    env = env | {
        "WEBHOOK_URL": "https://steady.example",
        "WEBHOOK_PORT": str(port),
        "WEBHOOK_SECRET_TOKEN": SECRET,
    }
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot"],
        cwd=ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    bot = WebhookBot(api, proc, port, tmp_path / "steady.db")
    try:
        wait_until(lambda: api.calls("setWebhook") or proc.poll() is not None, 30)
        assert proc.poll() is None, proc.stdout.read()
        yield bot
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(10)


def _update(api: LocalBotApi, payload: dict) -> bytes:
    return json.dumps(payload).encode()


def test_forged_posts_are_refused_before_their_body_is_read(webhook_bot):
    start = _update(webhook_bot.api, webhook_bot.api.message_update(77, "/start"))
    assert webhook_bot.post(start) == 200
    wait_until(lambda: webhook_bot.users() == [77])
    erase = webhook_bot.api.callback_update(77, "x:yes::")  # the delete confirmation
    for secret in (None, "", "wrong", SECRET[:-1]):
        assert webhook_bot.post(_update(webhook_bot.api, erase), secret=secret) == 403
        # The same, claiming 90 MB: refused after the headers, with 64 KB of it sent.
        assert webhook_bot.post(b" " * 65536, secret=secret, length=FORGED_LENGTH) == 403
    assert webhook_bot.users() == [77]  # nothing was erased
    assert webhook_bot.proc.poll() is None


def test_an_update_longer_than_telegram_sends_is_refused_unread(webhook_bot):
    assert webhook_bot.post(b" " * 65536, length=FORGED_LENGTH) == 413
    assert webhook_bot.post(b" " * 65536, length=1024 * 1024) == 413
    # Bigger than anything Telegram sends, yet under the cap: read, and answered.
    update = webhook_bot.api.message_update(78, "/start")
    body = json.dumps(update | {"padding": "x" * 200_000}).encode()
    assert webhook_bot.post(body) == 200
    wait_until(lambda: 78 in webhook_bot.users())


def test_what_is_not_an_update_gets_400_and_stays_out_of_the_logs(webhook_bot):
    not_updates = [
        f'{{"update_id": 5, "message": {{"text": "{WORDS}"'.encode(),  # cut short
        b"\xff\xfe" + WORDS.encode(),  # not even text
        json.dumps([WORDS]).encode(),
        json.dumps({"update_id": 6, "message": {"text": f"took {WORDS}", "chat": 1}}).encode(),
    ]
    for body in not_updates:
        assert webhook_bot.post(body) == 400
    assert webhook_bot.post(_update(webhook_bot.api, webhook_bot.api.message_update(79, "/start")))
    wait_until(lambda: 79 in webhook_bot.users())  # and the bot carries on
    output = webhook_bot.output()
    assert webhook_bot.proc.returncode == 0, output  # SIGTERM stops it cleanly
    assert "refused a webhook post" in output
    for secret_thing in (WORDS, SECRET, webhook_bot.api.token):
        assert secret_thing not in output
