"""TelegramSender: renders what the dispatcher hands over and sends it, mapping failures."""

import logging
from collections.abc import Awaitable, Callable

from telegram import Bot, Message
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut

from bot import reminders
from bot.i18n import use_language
from bot.summary_send import CHART_FILENAME, draw_chart
from bot.summary_texts import render_summary
from jobs.clock import Sleep
from jobs.sender import DueReminder, DueSummary, SendOutcome, SendResult
from models.types import Purpose, SummaryPart

log = logging.getLogger(__name__)

LanguageOf = Callable[[int], Awaitable[str | None]]
# Passing network trouble is retried this many times, waiting longer each time.
BACKOFF = (0.5, 2.0, 5.0)


class TelegramSender:
    """Implements jobs.sender.Sender over python-telegram-bot."""

    def __init__(self, bot: Bot, sleep: Sleep, language_of: LanguageOf | None = None) -> None:
        self.bot, self.sleep, self.language_of = bot, sleep, language_of

    async def send_reminder(self, reminder: DueReminder) -> SendResult:
        language = None
        if reminder.purpose is Purpose.SAFETY_CARE and self.language_of is not None:
            # The caring follow-up speaks the user's language; the dispatcher does not carry it.
            language = await self.language_of(reminder.user_id)
        with use_language(language):
            text = reminders.reminder_text(reminder)
            markup = reminders.reminder_keyboard(reminder)
        return await self._deliver(
            lambda: self.bot.send_message(reminder.user_id, text, reply_markup=markup)
        )

    async def send_summary_part(self, summary: DueSummary, part: SummaryPart) -> SendResult:
        chat = summary.user_id
        if part is SummaryPart.CHART:
            chart = await draw_chart(summary.data)
            if chart is None:  # nothing to draw: the text goes alone
                return SendResult(SendOutcome.SENT)
            return await self._deliver(
                lambda: self.bot.send_photo(chat, chart, filename=CHART_FILENAME)
            )
        text = render_summary(summary.data, weekly=True)
        return await self._deliver(lambda: self.bot.send_message(chat, text))

    async def _deliver(self, send: Callable[[], Awaitable[Message | None]]) -> SendResult:
        """Send, retrying passing network errors; RetryAfter is the rate limiter's to honour."""
        for attempt, pause in enumerate((*BACKOFF, None)):
            try:
                message = await send()
                return SendResult(SendOutcome.SENT, message.message_id if message else None)
            except Forbidden:
                return SendResult(SendOutcome.BLOCKED)
            except RetryAfter:  # still limited after the limiter's own retries
                log.warning("still rate limited after retries; will try again later")
                return SendResult(SendOutcome.RETRY)
            except BadRequest as error:
                # After its first colon, Telegram's description may quote the message itself.
                log.warning("Telegram refused a message: %s", error.message.partition(":")[0])
                return SendResult(SendOutcome.FAILED)
            except (TimedOut, NetworkError) as error:
                if pause is None:
                    log.warning(
                        "network trouble after %d tries: %s", attempt + 1, type(error).__name__
                    )
                    return SendResult(SendOutcome.RETRY)
                await self.sleep(pause)
        raise AssertionError("unreachable")
