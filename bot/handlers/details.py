"""What an answer says back, and its optional details: sleep quality, bedtime and awakenings,
why a dose was skipped, a side effect, and when a dose was really taken."""

from datetime import datetime, timedelta

from telegram import InlineKeyboardMarkup

from bot import checkin_texts, parsing, reminder_texts, reminders
from bot.callback_data import Button, small_int
from bot.conversation import NoteStep, TakenAtStep
from bot.handlers.replies import Reply, notice
from bot.handlers.turn import Turn
from bot.texts import button_expired, habit_title, not_yours
from models import checkins
from models.schedule import day_start, half_hours_before, latest_local
from models.tables import Checkin, Delivery, Habit
from models.types import Answer, HabitKind, SkipReason

MAX_NOTE = 500
# A dose logged without a reminder was most likely taken within the couple of hours before.
LOGGED_LATE = timedelta(hours=2)


async def title_of(turn: Turn, checkin: Checkin) -> str:
    """Return the name of the habit an answer is about (HTML)."""
    habit = await turn.session.get(Habit, checkin.habit_id) if checkin.habit_id else None
    return habit_title(checkin.kind, habit.name if habit else "")


async def answer_reply(turn: Turn, checkin: Checkin, *, edit: bool = True) -> Reply:
    """Show what was stored, naming its habit, with the optional next detail."""
    text = reminder_texts.saved_text(checkin, await title_of(turn, checkin), turn.user.tz)
    markup = next_detail(checkin)
    if checkin.kind is HabitKind.SLEEP and markup is not None:
        text = f"{text}\n{_sleep_question(checkin)}"
    return Reply(text, markup, edit=edit)


def next_detail(checkin: Checkin) -> InlineKeyboardMarkup | None:
    """Return the buttons of the detail an answer may still get, if any."""
    if checkin.kind is HabitKind.SLEEP and checkin.answer is Answer.DONE:
        if checkin.quality is None:
            return reminders.quality_keyboard(checkin.id or 0)
        return reminders.sleep_details_keyboard(checkin)
    if checkin.kind is HabitKind.MEDICATION and checkin.answer is Answer.SKIPPED:
        return reminders.skip_reasons_keyboard(checkin.id or 0)
    if checkin.kind is HabitKind.MEDICATION and checkin.answer is Answer.DONE:
        return reminders.medication_details_keyboard(checkin)
    return None


def _sleep_question(checkin: Checkin) -> str:
    """Return the question that goes with the sleep buttons next_detail offers."""
    if checkin.quality is None:
        return reminder_texts.ask_quality()
    return reminder_texts.ask_sleep_details()


async def ask_taken_at(turn: Turn, checkin: Checkin, anchor: datetime) -> list[Reply]:
    """Offer the times around the dose to say when it was really taken (or type one)."""
    await turn.go(TakenAtStep(checkin_id=checkin.id or 0))
    times = half_hours_before(anchor, _latest(turn, checkin), turn.user.tz)
    text = reminder_texts.saved_text(checkin, await title_of(turn, checkin), turn.user.tz)
    markup = reminders.taken_at_keyboard(checkin.id or 0, times)
    return [Reply(f"{text}\n{reminder_texts.ask_taken_at()}", markup, edit=True)]


async def dose_time(turn: Turn, checkin: Checkin) -> datetime:
    """Return when the dose was due: its reminder's time, or a while before it was logged."""
    delivery = (
        await turn.session.get(Delivery, checkin.delivery_id) if checkin.delivery_id else None
    )
    return delivery.due_at if delivery else checkin.recorded_at - LOGGED_LATE


def _latest(turn: Turn, checkin: Checkin) -> datetime:
    """Return the last moment a dose of this check-in's day can have been taken."""
    user, next_day = turn.user, checkin.local_date + timedelta(days=1)
    return min(turn.now, day_start(next_day, user.tz, user.day_end_minute))


def taken_instant(turn: Turn, checkin: Checkin, time: tuple[int, int]) -> datetime:
    return latest_local(*time, latest=_latest(turn, checkin), tz=turn.user.tz)


async def on_detail(turn: Turn, choice: Button) -> list[Reply]:
    """Take a tap on one of an answer's detail buttons."""
    arg, ref, op = choice.arg, choice.ref or 0, choice.op
    checkin = await turn.session.get(Checkin, ref)
    if checkin is None or checkin.user_id != turn.user.id:
        return [notice(not_yours())]
    if op == "note":
        await turn.go(NoteStep(checkin_id=ref))
        return [Reply(checkin_texts.ask_side_effect())]
    if op == "at" and not arg:
        return await ask_taken_at(turn, checkin, await dose_time(turn, checkin))
    details = _detail(turn, checkin, op, arg)
    if details is None:
        return [notice(button_expired())]
    if op == "at" and turn.state is not None and isinstance(turn.state.data, TakenAtStep):
        await turn.end()  # a tapped time answers the question the typed one would have
    await checkins.add_details(turn.session, user_id=turn.user.id, checkin_id=ref, **details)
    return [await answer_reply(turn, checkin)]


def _detail(turn: Turn, checkin: Checkin, op: str, arg: str) -> dict | None:
    """Return the detail a button sets, or None when it does not fit the check-in."""
    sleep, med = checkin.kind is HabitKind.SLEEP, checkin.kind is HabitKind.MEDICATION
    if op == "qual" and sleep and (quality := small_int(arg, 1, 5)) is not None:
        return {"quality": quality}
    if (
        op == "woke"
        and sleep
        and (woke := small_int(arg, 0, reminders.AWAKENING_CHOICES[-1])) is not None
    ):
        return {"awakenings": woke}
    time = parsing.parse_time(arg) if op in ("bed", "at") and len(arg) == 4 else None
    if op == "bed" and sleep and time is not None:
        return {"bedtime_minute": time[0] * 60 + time[1]}
    if op == "at" and med and checkin.answer is Answer.DONE and time is not None:
        return {"taken_at": taken_instant(turn, checkin, time)}
    if op == "why" and med and arg in SkipReason.__members__.values():
        return {"note": arg}
    return None


async def note_text(turn: Turn, data: NoteStep, text: str) -> list[Reply]:
    """Take a typed side-effect note for a medication check-in."""
    if len(text) > MAX_NOTE:
        return [Reply(checkin_texts.note_too_long())]
    note = " ".join(text.split())
    checkin = await checkins.add_details(
        turn.session, user_id=turn.user.id, checkin_id=data.checkin_id, note=note
    )
    await turn.end()
    return [Reply(checkin_texts.side_effect_noted() if checkin else button_expired())]
