"""TelegramSender: renders what the dispatcher hands over and sends it, mapping failures."""

import logging
from collections.abc import Awaitable, Callable
from typing import Protocol

from telegram import Bot, InlineKeyboardMarkup, Message
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut

from bot import dose_texts, meds_keyboards, reminder_texts, reminders, review_texts
from bot.i18n import use_language
from bot.summary_send import CHART_FILENAME, draw_chart
from bot.summary_texts import render_summary
from jobs.clock import Sleep
from jobs.sender import CatchUp, DueReminder, DueSummary, SendOutcome, SendResult
from models import meds, questions
from models.db import Database
from models.meds import ReviewPrompt
from models.types import Purpose, SummaryPart

log = logging.getLogger(__name__)

LanguageOf = Callable[[int], Awaitable[str | None]]
# Passing network trouble is retried this many times, waiting longer each time.
BACKOFF = (0.5, 2.0, 5.0)


class Lookup(Protocol):
    """What a few reminders show besides their habit, read when they are sent."""

    async def review(self, delivery_id: int) -> ReviewPrompt | None: ...

    async def questions(self, user_id: int) -> tuple[list[str], str]: ...


class DatabaseLookup:
    """Reads a 6/8-week question's medication, and the questions for the doctor."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def review(self, delivery_id: int) -> ReviewPrompt | None:
        async with self.db.session() as session:
            return await meds.review_prompt(session, delivery_id=delivery_id)

    async def questions(self, user_id: int) -> tuple[list[str], str]:
        async with self.db.session() as session:
            return await questions.open_texts_for(session, user_id=user_id)


class TelegramSender:
    """Implements jobs.sender.Sender over python-telegram-bot."""

    def __init__(
        self,
        bot: Bot,
        sleep: Sleep,
        language_of: LanguageOf | None = None,
        lookup: Lookup | None = None,
    ) -> None:
        self.bot, self.sleep, self.language_of, self.lookup = bot, sleep, language_of, lookup

    async def send_reminder(self, reminder: DueReminder) -> SendResult:
        rendered = await self._render(reminder)
        if rendered is None:  # what it was about is gone (a medication stopped meanwhile)
            return SendResult(SendOutcome.FAILED)
        text, markup = rendered
        return await self._deliver(
            lambda: self.bot.send_message(reminder.user_id, text, reply_markup=markup)
        )

    async def _render(self, r: DueReminder) -> tuple[str, InlineKeyboardMarkup | None] | None:
        """Pick the words and buttons; the caring follow-up's, the journal's and /ask's in the
        user's language (the dispatcher does not carry it)."""
        if r.purpose is Purpose.MED_REVIEW:
            prompt = await self.lookup.review(r.delivery_id) if self.lookup else None
            if prompt is None:
                return None
            with use_language(prompt.language):
                text = review_texts.review_question(prompt.name, prompt.weeks)
                return text, meds_keyboards.review_answers(prompt.review_id)
        asks, language = [], None
        if r.purpose is Purpose.DAY_BEFORE and self.lookup is not None:
            asks, language = await self.lookup.questions(r.user_id)
        elif r.purpose is Purpose.SAFETY_CARE and self.language_of is not None:
            language = await self.language_of(r.user_id)
        with use_language(language):
            return reminder_texts.reminder_text(r, asks), reminders.reminder_keyboard(r)

    async def send_catch_up(self, catch_up: CatchUp) -> SendResult:
        doses = list(catch_up.doses)
        text = dose_texts.catch_up_text(doses, catch_up.tz)
        markup = reminders.catch_up_keyboard(doses, catch_up.tz)
        return await self._deliver(
            lambda: self.bot.send_message(catch_up.user_id, text, reply_markup=markup)
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
