"""Seed twelve weeks of a realistic history and render the doctor's report, to look at.

python bench/report_sample.py [--out bench/out] [--png]

Everything goes through the real migrations and queries into a fresh SQLite file: two
medications (Sertraline, its dose raised at week 3, no response by week 8, then a switch to
Escitalopram), a PHQ-9 every two weeks that improves after the switch (item 9 above zero
once), daily doses answered on their reminders, mood, sleep hours and quality, drinks,
side effects, the six- and eight-week answers, appointments and questions for the doctor.
With --png, pdftoppm turns the pages into out/report-1.png, out/report-2.png.
"""

import argparse
import asyncio
import random
import subprocess
import sys
import tempfile
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.report_pdf import render_report
from models import checkins, habits, meds, phq9, questions, reports, users
from models.checkins import Entry
from models.db import Database
from models.schedule import local_day
from models.stats_report import ReportData
from models.tables import Checkin, Delivery, Habit, MedReview, User
from models.types import (
    Answer,
    DeliveryStatus,
    HabitKind,
    Purpose,
    ReviewAnswer,
    SideEffect,
    StopReason,
)

TZ = "Europe/Berlin"
NOW = datetime(2026, 11, 27, 19, 0, tzinfo=UTC)
TODAY = date(2026, 11, 27)
START = TODAY - timedelta(days=83)  # Sertraline's first day: twelve weeks of data
SWITCH = START + timedelta(days=56)
# Every two weeks from the day before the start; the second has item 9 at "several days".
PHQ9 = ((-1, 19, 0), (13, 18, 1), (27, 17, 0), (41, 17, 0), (55, 17, 0), (69, 12, 0), (83, 8, 0))


def at(day: date, hour: int, minute: int = 0) -> datetime:
    """Return the UTC instant of a local time in Berlin."""
    return datetime.combine(day, time(hour, minute), ZoneInfo(TZ)).astimezone(UTC)


def day_of(offset: int) -> date:
    return START + timedelta(days=offset)


def answers_for(total: int, item9: int) -> list[int]:
    """Spread a PHQ-9 total over nine answers, item 9 as given."""
    rest = [0] * 8
    for i in range(total - item9):
        rest[i % 8] += 1
    return [*rest, item9]


async def seed(db: Database) -> None:
    rng = random.Random(11)
    async with db.session() as session:
        user = await users.ensure_user(session, user_id=1, first_name="Sam", now=at(START, 9))
        await users.set_timezone(session, user=user, tz=TZ, now=at(START, 9))
        await users.finish_onboarding(session, user=user, now=at(START, 9))
        await _journal(session, user)
        await _questions(session, user)
        for offset, total, item9 in PHQ9:
            await phq9.record_phq9(session, user_id=1, answers=answers_for(total, item9),
                                   now=at(day_of(offset), 20))  # fmt: skip
    async with db.session() as session:
        user = await users.get_user(session, 1)
        await _doses(session, user, rng)
        await _daily(session, user, rng)


async def _journal(session, user: User) -> None:
    """Sertraline 50 mg, 100 mg from week 3, stopped at week 8; Escitalopram from then on."""
    sertraline = await habits.add_habit(session, user=user, kind=HabitKind.MEDICATION,
                                        name="Sertraline", times=[(8, 0)], now=at(START, 9))  # fmt: skip
    first = await meds.start_medication(session, user=user, name="Sertraline", dose="50 mg",
                                        started_on=START, today=START, now=at(START, 9))  # fmt: skip
    await meds.change_dose(session, med=first, dose="100 mg", from_on=day_of(21),
                           now=at(day_of(21), 18))  # fmt: skip
    await meds.note_side_effects(session, med=first, effects=[SideEffect.NAUSEA,
                                 SideEffect.HEADACHE], note="mostly mornings, easing by week 2",
                                 on=day_of(3), now=at(day_of(3), 21))  # fmt: skip
    await meds.note_side_effects(session, med=first, effects=[SideEffect.INSOMNIA],
                                 note="awake at 4 am since the higher dose", on=day_of(24),
                                 now=at(day_of(24), 9))  # fmt: skip
    reviews = (await session.exec(MedReview.__table__.select())).all()
    for review_id, weeks, words in ((reviews[0].id, 6, "flat, no real change"),
                                    (reviews[1].id, 8, "talked to Dr Lee about switching")):  # fmt: skip
        review = await session.get(MedReview, review_id)
        await meds.answer_review(session, review=review, answer=ReviewAnswer.NO_CHANGE,
                                 now=at(day_of(weeks * 7), 18, 10))  # fmt: skip
        await meds.set_review_note(session, review=review, words=words)
    await meds.stop_medication(session, med=first, on=SWITCH, reason=StopReason.NO_EFFECT)
    await habits.remove_habit(session, habit=sertraline, now=at(SWITCH, 9))
    second = await meds.start_medication(session, user=user, name="Escitalopram", dose="10 mg",
                                         started_on=SWITCH, today=SWITCH, now=at(SWITCH, 9))  # fmt: skip
    escitalopram = await habits.add_habit(session, user=user, kind=HabitKind.MEDICATION,
                                          name="Escitalopram", times=[(8, 0)], now=at(SWITCH, 9))  # fmt: skip
    await meds.link_habit(session, habit=escitalopram)
    await meds.note_side_effects(session, med=second, effects=[SideEffect.DRY_MOUTH], note=None,
                                 on=day_of(61), now=at(day_of(61), 12))  # fmt: skip
    await habits.add_habit(session, user=user, kind=HabitKind.APPOINTMENT, name="Dr Lee",
                           times=[(15, 0)], days="thu", now=at(START, 9))  # fmt: skip
    for kind in (HabitKind.SLEEP, HabitKind.MOOD, HabitKind.SUBSTANCE_FREE):
        times = [(22, 30), (8, 30)] if kind is HabitKind.SLEEP else [(21, 0)]
        await habits.add_habit(session, user=user, kind=kind, times=times, now=at(START, 9))
    assert second.id


async def _questions(session, user: User) -> None:
    asked = await questions.add_question(session, user_id=1, text="Is the insomnia from the "
                                         "higher dose of sertraline?", now=at(day_of(25), 9))  # fmt: skip
    await questions.mark_asked(session, user_id=1, question_id=asked.id, now=at(day_of(31), 16))
    for offset, text in ((62, "Dry mouth on escitalopram: will it pass?"),
                         (76, "Is there a cheaper generic of escitalopram?")):  # fmt: skip
        await questions.add_question(session, user_id=1, text=text, now=at(day_of(offset), 20))


async def _doses(session, user: User, rng: random.Random) -> None:
    """Answer each morning dose reminder: mostly taken, sometimes skipped with a reason."""
    meds_by_name = {h.name: h for h, _ in await habits.list_habits(session, user_id=1)}
    removed = (await session.exec(Habit.__table__.select().where(Habit.name == "Sertraline"))).one()
    sertraline = await session.get(Habit, removed.id)
    for offset in range(84):
        day = day_of(offset)
        habit = sertraline if day < SWITCH else meds_by_name["Escitalopram"]
        delivery = Delivery(user_id=1, habit_id=habit.id, purpose=Purpose.CHECKIN,
                            due_at=at(day, 8), status=DeliveryStatus.SENT, sent_at=at(day, 8))  # fmt: skip
        session.add(delivery)
        await session.flush()
        roll = rng.random()
        if roll < 0.04:
            continue  # no answer
        if roll < 0.10:
            entry = Entry(Answer.SKIPPED, note=rng.choice(("forgot", "side_effects")))
        else:
            entry = Entry(Answer.DONE)
        await checkins.record_checkin(session, user=user, delivery=delivery, habit=habit,
                                      entry=entry, now=at(day, 8, 20))  # fmt: skip


async def _daily(session, user: User, rng: random.Random) -> None:
    """Mood, sleep and drinks every evening or morning, a visit every other Thursday."""
    kinds = {h.kind: h for h, _ in await habits.list_habits(session, user_id=1)}
    for offset in range(84):
        day, better = day_of(offset), max(0.0, (offset - 56) / 28)
        if rng.random() < 0.9:
            mood = min(10, max(0, round(3.5 + 3 * better + rng.uniform(-1.2, 1.2))))
            _add(session, kinds[HabitKind.MOOD], day, Answer.DONE, at(day, 21), value=mood)
        if rng.random() < 0.85:
            hours = round(5.2 + 1.8 * better + rng.uniform(-0.8, 0.8), 1)
            quality = min(5, max(1, round(2 + 2 * better + rng.uniform(-0.7, 0.7))))
            _add(session, kinds[HabitKind.SLEEP], day, Answer.DONE, at(day, 8, 30), value=hours,
                 quality=quality)  # fmt: skip
        drinks = rng.choice((0, 0, 0, 1, 2, 3) if offset < 56 else (0, 0, 0, 0, 0, 1))
        answer = Answer.SKIPPED if drinks else Answer.DONE
        _add(session, kinds[HabitKind.SUBSTANCE_FREE], day, answer, at(day, 21, 5),
             value=float(drinks))  # fmt: skip
        if day.weekday() == 3 and offset % 14 < 7:
            _add(session, kinds[HabitKind.APPOINTMENT], day, Answer.DONE, at(day, 17))
    await session.flush()


def _add(session, habit: Habit, day: date, answer: Answer, when: datetime, **values) -> None:
    session.add(Checkin(user_id=1, habit_id=habit.id, kind=habit.kind, answer=answer,
                        local_date=local_day(when, TZ, 240), recorded_at=when, **values))  # fmt: skip
    assert local_day(when, TZ, 240) == day


async def sample_report(folder: str) -> ReportData:
    """Seed a fresh database in the folder and return its 12-week report data."""
    db = Database(f"sqlite:///{folder}/sample.db")
    await db.migrate()
    await seed(db)
    async with db.session() as session:
        data = await reports.report_data(session, user_id=1, weeks=12, now=NOW)
    await db.dispose()
    return data


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("bench/out"))
    parser.add_argument("--png", action="store_true", help="also write PNG pages (pdftoppm)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        data = asyncio.run(sample_report(folder))
    args.out.mkdir(parents=True, exist_ok=True)
    path = args.out / "report.pdf"
    path.write_bytes(render_report(data))
    print(path)
    if args.png:
        subprocess.run(["pdftoppm", "-png", "-r", "80", str(path), str(args.out / "report")],
                       check=True)  # fmt: skip
        print(*sorted(args.out.glob("report-*.png")), sep="\n")


if __name__ == "__main__":
    main()
