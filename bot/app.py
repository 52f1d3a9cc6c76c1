"""Composition root: build the Application with its handlers, sender and dispatcher loop."""

import asyncio
import logging
from dataclasses import replace
from datetime import UTC, timedelta

from telegram import BotCommand
from telegram.constants import ParseMode
from telegram.ext import AIORateLimiter, Application, ApplicationBuilder, ContextTypes, Defaults

from bot import handlers, i18n, log_safety, safety
from bot.admin import AdminServer
from bot.context import Ctx, Deps
from bot.handlers import errors
from bot.measured import CountingRequest, MeasuredApplication
from bot.ordering import OneAtATimePerUser
from bot.sender import DatabaseLookup, LanguageOf, TelegramSender
from bot.serve import CannotStart
from jobs.dispatcher import Dispatcher
from jobs.policy import DispatchPolicy
from models import users
from models.db import Database

log = logging.getLogger(__name__)
# Telegram allows about 30 messages a second overall. The default AsyncLimiter(30, 1) is a
# leaky bucket that first lets a burst of 30 through and then 30 a second, i.e. up to ~60
# within one second, which a per-second window answers with 429s. One message per 1/29 s
# allows no burst and keeps a margin for network jitter (bench/README.md, "Dispatch").
OVERALL_PER_SECOND = 29
# python-telegram-bot's default for the bot's requests (ApplicationBuilder.connection_pool_size).
CONNECTION_POOL_SIZE = 256


def build_application(deps: Deps) -> Application:
    """Wire the bot: handlers by group, the rate-limited sender, and the dispatcher."""
    settings = deps.settings
    log_safety.install()  # from here on, no log at INFO or above shows a user's words
    app = (
        ApplicationBuilder()
        .application_class(MeasuredApplication)
        .request(CountingRequest(deps.metrics, connection_pool_size=CONNECTION_POOL_SIZE))
        .token(settings.telegram_bot_token.get_secret_value())
        .base_url(settings.bot_base_url)
        .base_file_url(settings.file_base_url)
        .defaults(Defaults(parse_mode=ParseMode.HTML, tzinfo=UTC))
        # Overall pacing plus retries on RetryAfter; per-chat pacing is the dispatcher's.
        .rate_limiter(
            AIORateLimiter(
                overall_max_rate=1, overall_time_period=1 / OVERALL_PER_SECOND, max_retries=3
            )
        )
        .context_types(ContextTypes(context=Ctx))
        .concurrent_updates(OneAtATimePerUser(settings.update_concurrency))
        .post_init(start_dispatching)
        .post_stop(stop_dispatching)
        .post_shutdown(on_shutdown)
        .build()
    )
    sender = TelegramSender(
        app.bot, deps.sleep, language_of=_language_of(deps.db), lookup=DatabaseLookup(deps.db)
    )
    policy = DispatchPolicy(grace=timedelta(minutes=settings.grace_window_minutes))
    dispatcher = Dispatcher(
        deps.db, sender, deps.clock, policy=policy, sleep=deps.sleep, observer=deps.metrics
    )
    app.bot_data["deps"] = replace(deps, dispatcher=dispatcher)
    app.add_handlers(handlers.BY_GROUP)
    app.add_error_handler(errors.apologise_and_log)
    return app


def _language_of(db: Database) -> LanguageOf:
    async def language_of(user_id: int) -> str | None:
        async with db.session() as session:
            user = await users.get_user(session, user_id)
        return user.language if user else None

    return language_of


async def on_startup(app: Application) -> None:
    """Migrate, announce the commands and resend what a crash left (tests call this too)."""
    deps: Deps = app.bot_data["deps"]
    await deps.db.migrate()
    # The crisis detector's data (15 languages) take a few hundred ms to read: read them here,
    # off the event loop, so that the first message is not the one that waits.
    await asyncio.to_thread(safety.warm_up)
    await set_command_menus(app)
    if deps.db.is_sqlite:
        recovered = await deps.dispatcher.recover()
        if recovered:
            log.info("re-sending %d reminders a restart interrupted", recovered)


async def start_dispatching(app: Application) -> None:
    """Start up, let the dispatcher run in the background, and open the admin port if set."""
    await on_startup(app)
    deps: Deps = app.bot_data["deps"]
    deps.dispatcher.start()
    if deps.settings.admin_port is not None:
        app.bot_data["admin"] = start_admin(deps)


def start_admin(deps: Deps) -> AdminServer:
    """Serve /healthz and /metrics on ADMIN_LISTEN:ADMIN_PORT."""
    listen, port = deps.settings.admin_listen, deps.settings.admin_port or 0
    try:
        return AdminServer(deps, listen, port)
    except OSError as error:
        raise CannotStart(
            f"cannot listen on {listen}:{port} (ADMIN_PORT, {error.strerror})"
        ) from None


async def stop_dispatching(app: Application) -> None:
    if (admin := app.bot_data.pop("admin", None)) is not None:
        await admin.stop()
    await app.bot_data["deps"].dispatcher.stop()


async def set_command_menus(app: Application) -> None:
    """Set the command menu in English (the default) and in every language we have."""
    for language in sorted(i18n.available()):
        with i18n.use_language(language):
            commands = [BotCommand(name, i18n._(text)) for name, text in handlers.COMMANDS]
        code = None if language == i18n.SOURCE_LANGUAGE else language
        await app.bot.set_my_commands(commands, language_code=code)


async def on_shutdown(app: Application) -> None:
    deps: Deps = app.bot_data["deps"]
    await deps.db.dispose()
    deps.metrics.close()
