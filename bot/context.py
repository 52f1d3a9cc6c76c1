"""Typed dependencies that handlers and jobs reach through the callback context."""

import asyncio
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from telegram.ext import CallbackContext, ExtBot

from bot.config import Settings
from jobs.clock import Clock, Sleep
from models.db import Database

if TYPE_CHECKING:
    from jobs.dispatcher import Dispatcher


@dataclass(frozen=True)
class Deps:
    settings: Settings
    db: Database
    clock: Clock
    sleep: Sleep = field(default=asyncio.sleep)
    dispatcher: "Dispatcher | None" = None


class Ctx(CallbackContext[ExtBot, dict, dict, dict]):
    @property
    def deps(self) -> Deps:
        return self.bot_data["deps"]
