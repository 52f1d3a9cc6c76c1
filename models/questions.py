"""Questions for the doctor (/ask): written down any time, asked at the next appointment."""

from datetime import datetime

from sqlalchemy import update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from models.tables import DoctorQuestion, User

MAX_TEXT = 300
MAX_OPEN = 20  # a list longer than this no longer fits one appointment, or one message


async def add_question(
    session: AsyncSession, *, user_id: int, text: str, now: datetime
) -> DoctorQuestion:
    row = DoctorQuestion(user_id=user_id, text=text[:MAX_TEXT], created_at=now)
    session.add(row)
    await session.flush()
    return row


async def open_questions(session: AsyncSession, *, user_id: int) -> list[DoctorQuestion]:
    """Return the questions not yet asked, oldest first."""
    found = await session.exec(
        select(DoctorQuestion)
        .where(DoctorQuestion.user_id == user_id, col(DoctorQuestion.asked_at).is_(None))
        .order_by(col(DoctorQuestion.id))
    )
    return list(found.all())


async def questions_since(
    session: AsyncSession, *, user_id: int, since: datetime
) -> list[DoctorQuestion]:
    """Return the open questions and those asked since a time, oldest first (the report)."""
    found = await session.exec(
        select(DoctorQuestion)
        .where(
            DoctorQuestion.user_id == user_id,
            col(DoctorQuestion.asked_at).is_(None) | (col(DoctorQuestion.asked_at) >= since),
        )
        .order_by(col(DoctorQuestion.id))
    )
    return list(found.all())


async def mark_asked(
    session: AsyncSession, *, user_id: int, question_id: int | None, now: datetime
) -> int:
    """Mark one question (or, with None, every open one) as asked; return how many."""
    statement = update(DoctorQuestion).where(
        col(DoctorQuestion.user_id) == user_id, col(DoctorQuestion.asked_at).is_(None)
    )
    if question_id is not None:
        statement = statement.where(col(DoctorQuestion.id) == question_id)
    result = await session.exec(statement.values(asked_at=now))  # type: ignore[call-overload]
    return result.rowcount or 0


async def open_texts_for(session: AsyncSession, *, user_id: int) -> tuple[list[str], str]:
    """Return the open questions' texts and the user's language (the day-before reminder)."""
    language = (await session.exec(select(User.language).where(User.id == user_id))).first()
    rows = await open_questions(session, user_id=user_id)
    return [row.text for row in rows], language or "en"
