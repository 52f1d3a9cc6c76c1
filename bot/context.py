"""Typed dependencies that handlers and jobs reach through the callback context."""

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from telegram.ext import CallbackContext, ExtBot

from bot.config import Settings
from bot.metrics import Metrics
from jobs.clock import Clock, Sleep
from models.db import Database

if TYPE_CHECKING:
    from jobs.dispatcher import Dispatcher


def _nothing_kept_elsewhere(user_id: int) -> None:
    """Do nothing: unless the composition root says otherwise, all data is in the database."""


@dataclass(frozen=True)
class Deps:
    settings: Settings
    db: Database
    clock: Clock
    sleep: Sleep = field(default=asyncio.sleep)
    dispatcher: "Dispatcher | None" = None
    metrics: Metrics = field(default_factory=Metrics)
    # Called with a user's id once their data is erased, for what the composition root keeps
    # elsewhere (the local chat's saved files).
    on_user_erased: Callable[[int], None] = _nothing_kept_elsewhere


class Ctx(CallbackContext[ExtBot, dict, dict, dict]):
    @property
    def deps(self) -> Deps:
        return self.bot_data["deps"]
