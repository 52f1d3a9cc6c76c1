"""Send a summary: the chart as a photo, then the text; if drawing fails, the text still goes."""

import asyncio
import logging

from telegram import Bot, Message

from bot.summary_texts import render_summary
from models.stats import SummaryData

log = logging.getLogger(__name__)


async def send_summary(bot: Bot, chat_id: int, data: SummaryData, *, weekly: bool) -> Message:
    """Send the chart (when there is something to draw) and the summary text; return the text."""
    if data.checkins:
        # matplotlib is imported on first use: it would add ~50 MiB and ~0.3 s to every start.
        from bot.charts import render_chart

        try:
            # Drawing takes a few hundred milliseconds of CPU: keep the event loop free.
            chart = await asyncio.to_thread(render_chart, data)
        except Exception:
            log.exception("drawing the summary chart failed; sending the text alone")
        else:
            await bot.send_photo(chat_id, chart, filename="steady-summary.png")
    return await bot.send_message(chat_id, render_summary(data, weekly=weekly))
