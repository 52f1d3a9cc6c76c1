"""python-telegram-bot's own ceiling: Steady's webhook set-up and concurrency with one handler
that only answers the button pressed (the one Bot API call a tap needs), and no database.

Started by bench/load.py with the same settings as `python -m bot` (WEBHOOK_* and the token).
"""

import asyncio
import sys
from pathlib import Path

from telegram import Update
from telegram.ext import ApplicationBuilder, CallbackQueryHandler

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.config import Settings
from bot.serve import serve


async def answer_only(update: Update, context: object) -> None:
    await update.callback_query.answer()


def main() -> None:
    settings = Settings()
    app = (
        ApplicationBuilder()
        .token(settings.telegram_bot_token.get_secret_value())
        .base_url(settings.bot_base_url)
        .concurrent_updates(settings.update_concurrency)  # as many at once as Steady
        .build()
    )
    app.add_handler(CallbackQueryHandler(answer_only))
    asyncio.run(serve(app, settings))  # Steady's own webhook server (bot/webhook.py)


if __name__ == "__main__":
    main()
