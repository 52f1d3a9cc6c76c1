"""Every update is answered in its sender's language (Telegram's language_code)."""

from telegram import Update

from bot.context import Ctx
from bot.i18n import set_language


async def use_senders_language(update: Update, context: Ctx) -> None:
    """Render this update's replies in the sender's language, or English if we have none."""
    user = update.effective_user
    set_language(user.language_code if user else None)
