"""python-telegram-bot's own ceiling: Steady's webhook set-up and concurrency with one handler
that only answers the button pressed (the one Bot API call a tap needs), and no database.

Started by bench/load.py with the same settings as `python -m bot` (WEBHOOK_* and the token).
"""

import sys
from pathlib import Path

from telegram import Update
from telegram.ext import ApplicationBuilder, CallbackQueryHandler

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.config import Settings


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
    app.run_webhook(
        listen=settings.webhook_listen,
        port=settings.webhook_port,
        url_path="telegram",
        webhook_url=f"{settings.webhook_url}/telegram",
        allowed_updates=Update.ALL_TYPES,
        secret_token=settings.webhook_secret_token.get_secret_value(),
    )


if __name__ == "__main__":
    main()
