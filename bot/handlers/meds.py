"""/meds: the treatment journal's overview, each medication's buttons, the 6/8-week answers."""

from telegram import Update

from bot import meds_keyboards, meds_texts, review_texts
from bot.callback_data import Button, parse
from bot.context import Ctx
from bot.conversation import MedAction, MedPhase, MedStep
from bot.handlers import adding
from bot.handlers.replies import Reply, notice
from bot.handlers.turn import Turn, reply_turn
from bot.texts import button_expired
from models import habits, meds
from models.schedule import local_day
from models.tables import Medication
from models.treatment import Course
from models.types import HabitKind, ReviewAnswer


def today_of(turn: Turn):
    """Return the user's day now (their day ends at day_end_minute)."""
    return local_day(turn.now, turn.user.tz, turn.user.day_end_minute)


async def meds_command(update: Update, context: Ctx) -> None:
    """Show the journal: medications taken and stopped, with a button for each."""
    await reply_turn(update, context, overview)


async def overview(turn: Turn, *, edit: bool = False) -> list[Reply]:
    courses = await meds.courses(turn.session, user_id=turn.user.id)
    today = today_of(turn)
    lines = [meds_texts.course_line(c, today) for c in _newest_first(courses)]
    markup = meds_keyboards.journal(courses, await _reminders_not_in_journal(turn, courses))
    return [Reply(meds_texts.overview(lines), markup, edit=edit)]


def _newest_first(courses: list[Course]) -> list[Course]:
    return sorted(courses, key=lambda c: (c.stopped_on is None, c.started_on), reverse=True)


async def _reminders_not_in_journal(turn: Turn, courses: list[Course]):
    linked = {c.habit_id for c in courses} | {None}
    named = {c.name.strip().lower() for c in courses}
    rows = await habits.list_habits(turn.session, user_id=turn.user.id)
    return [
        habit
        for habit, _ in rows
        if habit.kind is HabitKind.MEDICATION
        and habit.id not in linked
        and habit.name.strip().lower() not in named
    ]


async def meds_button(update: Update, context: Ctx) -> None:
    """Act on a journal button; a medication or review of someone else's is refused."""
    choice = parse(update.callback_query.data if update.callback_query else None)

    async def step(turn: Turn) -> list[Reply]:
        return await _act(turn, choice) if choice else [notice(button_expired())]

    await reply_turn(update, context, step)


async def _act(turn: Turn, choice: Button) -> list[Reply]:
    if choice.op == "list":
        return await overview(turn, edit=True)
    if choice.op == "new":
        return await _new(turn, choice.ref)
    if choice.op in ("rev", "revnote"):
        return await _review(turn, choice)
    med = await meds.get_medication(turn.session, user_id=turn.user.id, med_id=choice.ref or 0)
    if med is None:
        return [notice(meds_texts.not_found())]
    return await _act_on(turn, med, choice.op)


async def _new(turn: Turn, habit_id: int | None) -> list[Reply]:
    """Start a new medication, from scratch or from one of the user's reminders."""
    if habit_id is None:
        await turn.go(MedStep(action=MedAction.START, phase=MedPhase.NAME))
        return [Reply(meds_texts.ask_name())]
    habit = await habits.get_habit(turn.session, user_id=turn.user.id, habit_id=habit_id)
    if habit is None or habit.kind is not HabitKind.MEDICATION:
        return [notice(button_expired())]
    data = MedStep(action=MedAction.START, phase=MedPhase.DOSE, habit_id=habit.id, name=habit.name)
    await turn.go(data)
    return [Reply(meds_texts.ask_dose(habit.name))]


async def _act_on(turn: Turn, med: Medication, op: str) -> list[Reply]:
    ref = med.id
    if op == "view":
        return await detail(turn, med, edit=True)
    if op == "remind":
        return await adding.start_medication_reminder(turn, med.name)
    if med.stopped_on is not None:
        return [notice(meds_texts.not_found())]
    if op == "dose":
        await turn.go(MedStep(action=MedAction.DOSE, phase=MedPhase.DOSE, med_id=ref))
        return [Reply(meds_texts.ask_new_dose(med.name))]
    if op == "stop":
        await turn.go(MedStep(action=MedAction.STOP, phase=MedPhase.WHY, med_id=ref))
        return [Reply(meds_texts.ask_why_stopped(med.name), meds_keyboards.stop_reasons(turn.step))]
    if op == "fx":
        await turn.go(MedStep(action=MedAction.EFFECTS, phase=MedPhase.EFFECTS, med_id=ref))
        markup = meds_keyboards.side_effects(turn.step, ())
        return [Reply(meds_texts.ask_effects(med.name), markup)]
    return [notice(button_expired())]


async def detail(turn: Turn, med: Medication, *, edit: bool = False) -> list[Reply]:
    courses = await meds.courses(turn.session, user_id=turn.user.id)
    course = next(c for c in courses if c.id == med.id)
    notes = await meds.side_effects(turn.session, user_id=turn.user.id)
    count = sum(n.medication_id == med.id for n in notes)
    text = meds_texts.detail(course, today_of(turn), count)
    return [Reply(text, meds_keyboards.medication(course), edit=edit)]


async def _review(turn: Turn, choice: Button) -> list[Reply]:
    """Keep a 6/8-week answer (a second tap changes it), or ask for words about it."""
    found = await meds.review_with_med(
        turn.session, user_id=turn.user.id, review_id=choice.ref or 0
    )
    if found is None:
        return [notice(button_expired())]
    review, med = found
    if choice.op == "revnote":
        data = MedStep(action=MedAction.REVIEW, phase=MedPhase.WORDS, med_id=med.id, ref=review.id)
        await turn.go(data)
        return [Reply(review_texts.ask_review_words())]
    if choice.arg not in ReviewAnswer.__members__.values():
        return [notice(button_expired())]
    answer = ReviewAnswer(choice.arg)
    await meds.answer_review(turn.session, review=review, answer=answer, now=turn.now)
    text = review_texts.review_saved(med.name, answer, review.weeks)
    return [Reply(text, meds_keyboards.review_words(review.id or 0), edit=True)]
