"""The PHQ-9 depression questionnaire: scoring (pure) and storing a completed one."""

from collections.abc import Iterable
from datetime import date, datetime

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from models.tables import Phq9Result

ITEMS = 9
SELF_HARM_ITEM = 8  # item 9 (0-based 8): thoughts of being better off dead or of self-harm
# Kroenke, Spitzer & Williams (2001): the standard severity bands of the total score.
BANDS = ((20, "severe"), (15, "moderately severe"), (10, "moderate"), (5, "mild"), (0, "minimal"))


def score(answers: list[int]) -> int:
    """Return the total of nine answers, each 0-3; raise ValueError otherwise."""
    if len(answers) != ITEMS or any(a not in (0, 1, 2, 3) for a in answers):
        raise ValueError("a PHQ-9 has nine answers from 0 to 3")
    return sum(answers)


def severity(total: int) -> str:
    """Return the severity band of a total score (0-27)."""
    return next(name for floor, name in BANDS if total >= floor)


def needs_safety_reply(item: int, answer: int) -> bool:
    """Tell whether this answer must be met at once with crisis resources."""
    return item == SELF_HARM_ITEM and answer > 0


def self_harm_days(results: Iterable[tuple[date, list[int]]]) -> tuple[tuple[date, int], ...]:
    """Return (day, answer) for each questionnaire whose item 9 was above "not at all"."""
    return tuple(
        (day, answers[SELF_HARM_ITEM])
        for day, answers in results
        if len(answers) == ITEMS and answers[SELF_HARM_ITEM] > 0
    )


async def record_phq9(
    session: AsyncSession, *, user_id: int, answers: list[int], now: datetime
) -> Phq9Result:
    """Store a completed questionnaire."""
    result = Phq9Result(user_id=user_id, answers=list(answers), score=score(answers), at=now)
    session.add(result)
    await session.flush()
    return result


async def previous_phq9(
    session: AsyncSession, *, user_id: int, before: datetime
) -> Phq9Result | None:
    """Return the user's most recent questionnaire before the given time."""
    found = await session.exec(
        select(Phq9Result)
        .where(Phq9Result.user_id == user_id, col(Phq9Result.at) < before)
        .order_by(col(Phq9Result.at).desc())
        .limit(1)
    )
    return found.first()
