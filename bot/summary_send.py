"""Send a summary: the chart as a photo, then the text; if drawing fails, the text still goes."""

import asyncio
import logging

from telegram import Bot, Message

from bot.summary_texts import render_summary
from models.stats import SummaryData

log = logging.getLogger(__name__)
CHART_FILENAME = "steady-summary.png"


async def draw_chart(data: SummaryData) -> bytes | None:
    """Return the chart as PNG bytes, or None when there is nothing to draw or drawing failed."""
    if not data.checkins:
        return None
    # matplotlib is imported on first use: it would add ~50 MiB and ~0.3 s to every start.
    from bot.charts import render_chart

    try:
        # Drawing takes a few hundred milliseconds of CPU: keep the event loop free.
        return await asyncio.to_thread(render_chart, data)
    except Exception:
        log.exception("drawing the summary chart failed; sending the text alone")
        return None


async def send_summary(bot: Bot, chat_id: int, data: SummaryData, *, weekly: bool) -> Message:
    """Send the chart (when there is something to draw) and the summary text; return the text."""
    chart = await draw_chart(data)
    if chart is not None:
        await bot.send_photo(chat_id, chart, filename=CHART_FILENAME)
    return await bot.send_message(chat_id, render_summary(data, weekly=weekly))
