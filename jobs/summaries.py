"""The weekly summary: ask models for the user's week, hand it to the sender."""

from datetime import datetime

from models import reports
from models.db import Database
from models.stats import SummaryData

WEEK_DAYS = 7


async def weekly_summary(db: Database, user_id: int, now: datetime) -> SummaryData:
    """Return the user's last seven days, compared with the seven before."""
    async with db.session() as session:
        return await reports.summary_data(session, user_id=user_id, days=WEEK_DAYS, now=now)
