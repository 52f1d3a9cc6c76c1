"""The treatment journal's queries: medications, doses, side effects and the 6/8-week reviews."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import delete, func
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from models.planning import plan_next
from models.tables import (
    Delivery,
    DoseChange,
    Habit,
    Medication,
    MedReview,
    Schedule,
    SideEffectNote,
    User,
)
from models.treatment import Course, Dose, Review, review_dates
from models.types import HabitKind, Purpose, ReviewAnswer, SideEffect, StopReason

REVIEW_TIME = (18, 0)  # the user's local time the 6/8-week question comes at
MAX_NAME = 80
MAX_DOSE = 40


@dataclass(frozen=True, slots=True)
class ReviewPrompt:
    """What the sender needs to ask "How is it going with X?"."""

    review_id: int
    name: str
    weeks: int
    language: str


async def start_medication(
    session: AsyncSession,
    *,
    user: User,
    name: str,
    dose: str,
    started_on: date,
    today: date,
    now: datetime,
    habit_id: int | None = None,
) -> Medication:
    """Add a medication with its first dose, linked to its reminder, and plan its reviews."""
    med = Medication(
        user_id=user.id, name=name[:MAX_NAME], started_on=started_on, created_at=now,
        habit_id=habit_id or await _habit_named(session, user_id=user.id, name=name),
    )  # fmt: skip
    session.add(med)
    await session.flush()
    session.add(_dose(med, dose, started_on, now))
    for weeks, day in review_dates(started_on, today):
        hour, minute = REVIEW_TIME
        row = Schedule(user_id=user.id, purpose=Purpose.MED_REVIEW, hour=hour, minute=minute,
                       once_on=day)  # fmt: skip
        plan_next(row, user=user, habit=None, now=now)
        session.add(row)
        await session.flush()
        session.add(MedReview(user_id=user.id, medication_id=med.id, weeks=weeks, due_on=day,
                              schedule_id=row.id))  # fmt: skip
    await session.flush()
    return med


def _dose(med: Medication, dose: str, from_on: date, now: datetime) -> DoseChange:
    return DoseChange(
        user_id=med.user_id, medication_id=med.id, dose=dose[:MAX_DOSE], from_on=from_on,
        recorded_at=now,
    )  # fmt: skip


async def _habit_named(session: AsyncSession, *, user_id: int, name: str) -> int | None:
    found = await session.exec(
        select(Habit.id).where(
            Habit.user_id == user_id,
            Habit.kind == HabitKind.MEDICATION,
            col(Habit.removed_at).is_(None),
            func.lower(Habit.name) == name.strip().lower(),
        )
    )
    return found.first()


async def link_habit(session: AsyncSession, *, habit: Habit) -> None:
    """Link a new medication reminder to the journal's medication of the same name, if any."""
    found = await session.exec(
        select(Medication).where(
            Medication.user_id == habit.user_id,
            col(Medication.habit_id).is_(None),
            col(Medication.stopped_on).is_(None),
            func.lower(Medication.name) == habit.name.strip().lower(),
        )
    )
    for med in found.all():
        med.habit_id = habit.id
        session.add(med)
    await session.flush()


async def get_medication(session: AsyncSession, *, user_id: int, med_id: int) -> Medication | None:
    """Return the medication if it is this user's (buttons can be forged)."""
    med = await session.get(Medication, med_id)
    return med if med is not None and med.user_id == user_id else None


async def courses(session: AsyncSession, *, user_id: int) -> list[Course]:
    """Return the user's medications with their doses, oldest start first."""
    meds = (
        await session.exec(
            select(Medication)
            .where(Medication.user_id == user_id)
            .order_by(col(Medication.started_on), col(Medication.id))
        )
    ).all()
    if not meds:
        return []
    doses = await session.exec(
        select(DoseChange)
        .where(DoseChange.user_id == user_id)
        .order_by(col(DoseChange.from_on), col(DoseChange.id))
    )
    by_med: dict[int, list[Dose]] = {}
    for row in doses:
        by_med.setdefault(row.medication_id, []).append(Dose(row.dose, row.from_on))
    return [
        Course(m.id or 0, m.name, m.habit_id, m.started_on, m.stopped_on, m.stop_reason,
               tuple(by_med.get(m.id or 0, ())))
        for m in meds
    ]  # fmt: skip


async def change_dose(
    session: AsyncSession, *, med: Medication, dose: str, from_on: date, now: datetime
) -> None:
    """Record a new dose from a day on."""
    session.add(_dose(med, dose, from_on, now))
    await session.flush()


async def stop_medication(
    session: AsyncSession, *, med: Medication, on: date, reason: StopReason
) -> None:
    """Record the stop; reviews not yet asked are dropped with their schedule rows."""
    med.stopped_on, med.stop_reason = on, reason
    session.add(med)
    pending = (
        await session.exec(
            select(MedReview).where(
                MedReview.medication_id == med.id, col(MedReview.answer).is_(None)
            )
        )
    ).all()
    schedules = [r.schedule_id for r in pending if r.schedule_id is not None]
    if schedules:
        await session.exec(
            delete(Schedule).where(
                col(Schedule.id).in_(schedules), Schedule.purpose == Purpose.MED_REVIEW
            )
        )
    for review in pending:
        if review.due_on > on:
            await session.delete(review)
    await session.flush()


async def note_side_effects(
    session: AsyncSession,
    *,
    med: Medication,
    effects: Iterable[SideEffect],
    note: str | None,
    on: date,
    now: datetime,
) -> SideEffectNote:
    """Store the side effects noted for a medication on one day."""
    row = SideEffectNote(
        user_id=med.user_id, medication_id=med.id, effects=[e.value for e in effects],
        note=note, noted_on=on, recorded_at=now,
    )  # fmt: skip
    session.add(row)
    await session.flush()
    return row


async def side_effect_note(
    session: AsyncSession, *, user_id: int, note_id: int
) -> SideEffectNote | None:
    row = await session.get(SideEffectNote, note_id)
    return row if row is not None and row.user_id == user_id else None


async def add_side_effect_words(session: AsyncSession, *, note: SideEffectNote, words: str) -> None:
    """Add the user's words to a side-effect note (after any already there)."""
    note.note = f"{note.note} {words}"[:500] if note.note else words[:500]
    session.add(note)
    await session.flush()


async def side_effects(
    session: AsyncSession, *, user_id: int, first: date | None = None
) -> list[SideEffectNote]:
    """Return the user's side-effect notes from a day on, oldest first."""
    query = select(SideEffectNote).where(SideEffectNote.user_id == user_id)
    if first is not None:
        query = query.where(SideEffectNote.noted_on >= first)
    found = await session.exec(query.order_by(col(SideEffectNote.noted_on), col(SideEffectNote.id)))
    return list(found.all())


async def review_with_med(
    session: AsyncSession, *, user_id: int, review_id: int
) -> tuple[MedReview, Medication] | None:
    """Return a review and its medication if they are this user's."""
    review = await session.get(MedReview, review_id)
    if review is None or review.user_id != user_id:
        return None
    med = await session.get(Medication, review.medication_id)
    return (review, med) if med is not None else None


async def answer_review(
    session: AsyncSession, *, review: MedReview, answer: ReviewAnswer, now: datetime
) -> None:
    """Keep the answer; a second tap changes it."""
    review.answer, review.answered_at = answer, now
    session.add(review)
    await session.flush()


async def set_review_note(session: AsyncSession, *, review: MedReview, words: str) -> None:
    review.note = words[:500]
    session.add(review)
    await session.flush()


async def reviews(session: AsyncSession, *, user_id: int) -> list[Review]:
    """Return the user's answered reviews, oldest first."""
    found = await session.exec(
        select(MedReview)
        .where(MedReview.user_id == user_id, col(MedReview.answer).is_not(None))
        .order_by(col(MedReview.due_on), col(MedReview.id))
    )
    return [Review(r.medication_id, r.weeks, r.due_on, r.answer, r.note) for r in found]


async def review_prompt(session: AsyncSession, *, delivery_id: int) -> ReviewPrompt | None:
    """Return what a MED_REVIEW delivery asks about, or None when its review is gone."""
    found = await session.exec(
        select(MedReview.id, Medication.name, MedReview.weeks, User.language)
        .join(Delivery, col(Delivery.schedule_id) == col(MedReview.schedule_id))
        .join(Medication, col(Medication.id) == col(MedReview.medication_id))
        .join(User, col(User.id) == col(Medication.user_id))
        .where(Delivery.id == delivery_id, Delivery.user_id == MedReview.user_id)
    )
    row = found.first()
    return ReviewPrompt(*row) if row else None
