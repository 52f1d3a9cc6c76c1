"""Run `python -m bot` as a real process against the local Bot API stand-in."""

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from localchat.server import LocalBotApi

ROOT = Path(__file__).resolve().parents[2]


def wait_until(predicate, timeout: float = 20.0, every: float = 0.05):
    """Poll a condition the fake server does not see (e.g. the database) until a deadline."""
    deadline = time.monotonic() + timeout
    while not (value := predicate()):
        if time.monotonic() > deadline:
            raise TimeoutError(f"condition not met within {timeout} s")
        time.sleep(every)
    return value


class BotProcess:
    """One `python -m bot` child, and a user who talks to it through the fake server."""

    def __init__(self, api: LocalBotApi, env: dict[str, str], user_id: int = 42) -> None:
        self.api, self.env, self.user_id = api, env, user_id
        self.proc: subprocess.Popen | None = None

    def start(self) -> None:
        """Start the process and return once its first long poll has arrived, not ended."""
        polls = len(self.api.arrivals("getUpdates"))
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "bot"],
            cwd=ROOT,
            env=self.env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.api.wait_for(
            lambda: len(self.api.arrivals("getUpdates")) > polls or self.proc.poll() is not None,
            30,
        )
        assert self.proc.poll() is None, self.proc.stdout.read()

    def stop(self, sig: int = signal.SIGTERM) -> str:
        self.proc.send_signal(sig)
        out, _ = self.proc.communicate(timeout=30)
        return out

    def say(self, text: str) -> None:
        self.api.push_update(self.api.message_update(self.user_id, text))

    def tap(self, label: str) -> None:
        for message in reversed(self.api.sent_to(self.user_id)):
            for row in (message.get("reply_markup") or {}).get("inline_keyboard", []):
                for button in row:
                    if label in button["text"]:
                        update = self.api.callback_update(
                            self.user_id, button["callback_data"], message_id=message["message_id"]
                        )
                        self.api.push_update(update)
                        return
        raise AssertionError(f"no button {label!r}")

    def texts(self) -> list[str]:
        return [m.get("text") or m.get("caption") or "" for m in self.api.sent_to(self.user_id)]

    def wait_text(self, fragment: str, timeout: float = 15.0) -> str:
        """Wait until some message to the user contains fragment; return it."""
        return self.api.wait_for(
            lambda: next((t for t in self.texts() if fragment in t), None), timeout
        )

    def _has_button(self, label: str) -> bool:
        return any(
            label in b["text"]
            for m in self.api.sent_to(self.user_id)
            for row in (m.get("reply_markup") or {}).get("inline_keyboard", [])
            for b in row
        )

    def wait_button(self, label: str, timeout: float = 15.0) -> None:
        self.api.wait_for(lambda: self._has_button(label), timeout)

    def wait_for_no_button(self, label: str, timeout: float = 15.0) -> None:
        self.api.wait_for(lambda: not self._has_button(label), timeout)


@pytest.fixture
def bot_env(tmp_path: Path) -> Iterator[tuple[LocalBotApi, dict[str, str]]]:
    with LocalBotApi() as api:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "DATABASE_"))}
        env |= {
            "TELEGRAM_BOT_TOKEN": api.token,
            "TELEGRAM_API_BASE_URL": api.base_url,
            "DATABASE_URL": f"sqlite:///{tmp_path / 'steady.db'}",
            "LOG_LEVEL": "INFO",
            "PYTHONUNBUFFERED": "1",
        }
        yield api, env


@pytest.fixture
def bot_process(bot_env) -> Iterator[BotProcess]:
    api, env = bot_env
    process = BotProcess(api, env)
    yield process
    if process.proc is not None and process.proc.poll() is None:
        process.proc.kill()
        process.proc.wait(10)
