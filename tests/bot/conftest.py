"""Fixtures for tests of the Telegram edge."""

import pytest
from telegram import Update

from bot.app import build_application, on_startup
from bot.config import Settings
from bot.context import Deps
from localchat.server import LocalBotApi


@pytest.fixture
async def app(fake_api: LocalBotApi, db, clock):
    """The real Application from build_application, talking HTTP to the fake Bot API."""
    settings = Settings(
        _env_file=None, telegram_bot_token=fake_api.token, telegram_api_base_url=fake_api.base_url
    )
    deps = Deps(settings=settings, db=db, clock=clock, sleep=clock.sleep)
    application = build_application(deps)
    async with application:
        await on_startup(application)
        yield application


class Chat:
    """Send updates as one user would, and read what the bot answered."""

    def __init__(self, app, api: LocalBotApi, user_id: int = 42) -> None:
        self.app, self.api, self.user_id = app, api, user_id

    async def say(self, text: str) -> None:
        await self._feed(self.api.message_update(self.user_id, text))

    async def tap(self, data: str, message_id: int | None = None) -> None:
        await self._feed(self.api.callback_update(self.user_id, data, message_id=message_id))

    async def tap_label(self, label: str) -> None:
        """Press the button whose label contains `label` on the newest message that has it."""
        for message in reversed(self.api.sent_to(self.user_id)):
            for row in (message.get("reply_markup") or {}).get("inline_keyboard", []):
                for button in row:
                    if label in button["text"]:
                        await self.tap(button["callback_data"], message.get("message_id"))
                        return
        raise AssertionError(f"no button {label!r} in {self.texts()[-3:]}")

    async def choose(self, *labels: str) -> None:
        """Leave exactly these habits ticked in the onboarding picker, then tap Done."""
        picker = next(m for m in reversed(self.api.sent_to(self.user_id)) if _done_button(m))
        count = len(picker["reply_markup"]["inline_keyboard"]) - 1
        for index in range(count):
            current = next(
                m for m in self.api.sent_to(self.user_id) if m["message_id"] == picker["message_id"]
            )
            [button] = current["reply_markup"]["inline_keyboard"][index]
            ticked = button["text"].startswith("✅")
            if ticked != any(label in button["text"] for label in labels):
                await self.tap(button["callback_data"], picker["message_id"])
        await self.tap_label("Done")

    async def _feed(self, payload: dict) -> None:
        await self.app.process_update(Update.de_json(payload, self.app.bot))

    def texts(self) -> list[str]:
        return [m.get("text") or m.get("caption") or "" for m in self.api.sent_to(self.user_id)]

    def last(self) -> str:
        return self.texts()[-1]


def _done_button(message: dict) -> bool:
    rows = (message.get("reply_markup") or {}).get("inline_keyboard", [])
    return bool(rows) and "Done" in rows[-1][0]["text"]


@pytest.fixture
def chat(app, fake_api: LocalBotApi) -> Chat:
    return Chat(app, fake_api)
