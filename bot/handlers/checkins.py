"""Check-ins by button: one tap on a reminder, /checkin's menu, and every answer's details."""

from dataclasses import replace
from datetime import timedelta
from html import escape

from telegram import InlineKeyboardMarkup, Update

from bot import checkin_texts, reminders
from bot.callback_data import Area, Button, parse, small_int
from bot.context import Ctx
from bot.handlers import ask, details, doses, free_text
from bot.handlers.replies import Reply, notice
from bot.handlers.turn import Turn, reply_turn
from bot.i18n import short_date
from bot.keyboards import b
from bot.texts import button_expired, not_yours, plain_label
from models import checkins, habits
from models.catalog import SNOOZE_MINUTES
from models.checkins import Entry
from models.tables import Checkin, Delivery, Habit
from models.types import Answer, HabitKind, Purpose


async def checkin_button(update: Update, context: Ctx) -> None:
    """Record the tapped answer once; a second tap changes it, never counts twice."""
    choice = parse(update.callback_query.data if update.callback_query else None)

    async def step(turn: Turn) -> list[Reply]:
        if choice is None:
            return [notice(button_expired())]
        return await _BY_AREA[choice.area](turn, choice)

    await reply_turn(update, context, step)


async def _answered(turn: Turn, choice: Button) -> list[Reply]:
    owned = await checkins.owned_delivery(
        turn.session, user_id=turn.user.id, delivery_id=choice.ref or 0
    )
    if owned is None:
        return [notice(not_yours())]
    delivery, habit = owned
    if habit is not None and delivery.purpose is Purpose.REFILL:
        return await doses.refill_answer(turn, habit, choice.op)
    if habit is None or delivery.purpose is not Purpose.CHECKIN:
        return [notice(button_expired())]
    late = checkins.days_late(delivery, turn.user, turn.now)
    day = short_date(checkins.reminder_day(delivery, turn.user))
    if late > checkins.ANSWERABLE_DAYS:
        return [notice(checkin_texts.too_old(day))]
    if choice.op == "snooze":
        return await _snooze(turn, delivery, choice.arg)
    entry = reminders.button_entry(habit.kind, choice.op, choice.arg)
    if entry is None:
        return [notice(button_expired())]
    checkin = await checkins.record_checkin(
        turn.session, user=turn.user, delivery=delivery, habit=habit, entry=entry, now=turn.now
    )
    turn.checked_in(checkin.kind)
    if choice.op == "early":
        return await details.ask_taken_at(turn, checkin, delivery.due_at)
    saved = await details.answer_reply(turn, checkin)
    if late:  # say plainly which day a late answer went to
        saved = replace(saved, text=f"{saved.text}\n{checkin_texts.saved_for(day)}")
    return [saved, *await _after_visit(turn, checkin)]


async def _snooze(turn: Turn, delivery: Delivery, arg: str) -> list[Reply]:
    """Snooze for the chosen minutes, or ask how long; never past the end of the user's day."""
    minutes = small_int(arg, 1, 24 * 60)
    if delivery.expires_at is None:
        return [notice(checkin_texts.nothing_to_snooze())]
    if minutes in SNOOZE_MINUTES and minutes is not None:
        until = turn.now + timedelta(minutes=minutes)
        if not checkins.can_snooze(delivery, until):
            return [notice(checkin_texts.day_ends_first())]
        await checkins.snooze(turn.session, delivery=delivery, until=until)
        turn.reschedule()
        return [Reply(checkin_texts.snoozed(minutes), edit=True)]
    markup = reminders.snooze_keyboard(delivery.id or 0)
    return [Reply(checkin_texts.snooze_for_how_long(), markup, edit=True)]


async def _logged(turn: Turn, choice: Button) -> list[Reply]:
    if choice.op == "mood":
        return await _mood_logged(turn, choice.arg)
    habit = await habits.get_habit(turn.session, user_id=turn.user.id, habit_id=choice.ref or 0)
    if habit is None:
        return [notice(button_expired())]
    if choice.op == "kind":
        rows = reminders.answer_rows(habit.kind, habit.id or 0, habit.name, area=Area.LOG)
        title = plain_label(habit.kind, habit.name)
        return [Reply(f"{escape(title)}:", InlineKeyboardMarkup(rows), edit=True)]
    entry = reminders.button_entry(habit.kind, choice.op, choice.arg)
    if entry is None:
        return [notice(button_expired())]
    checkin = await checkins.log_checkin(
        turn.session, user=turn.user, kind=habit.kind, entry=entry, now=turn.now, habit=habit
    )
    turn.checked_in(checkin.kind)
    if choice.op == "early":
        return await details.ask_taken_at(turn, checkin, await details.dose_time(turn, checkin))
    return [await details.answer_reply(turn, checkin), *await _after_visit(turn, checkin)]


async def _after_visit(turn: Turn, checkin: Checkin) -> list[Reply]:
    """After "Went", offer to mark the questions for the doctor as asked."""
    if checkin.kind is HabitKind.APPOINTMENT and checkin.answer is Answer.DONE:
        return await ask.after_visit(turn)
    return []


async def _mood_logged(turn: Turn, arg: str) -> list[Reply]:
    """Log the mood tapped on the scale a hard-day message offered."""
    value = small_int(arg, 0, 10)
    if value is None:
        return [notice(button_expired())]
    checkin = await checkins.log_checkin(
        turn.session, user=turn.user, kind=HabitKind.MOOD,
        entry=Entry(Answer.DONE, value=float(value)), now=turn.now,
    )  # fmt: skip
    turn.checked_in(checkin.kind)
    return [await details.answer_reply(turn, checkin)]


async def checkin_command(update: Update, context: Ctx) -> None:
    """Offer the user's habits to log one now, without a reminder."""
    await reply_turn(update, context, _log_menu)


async def _log_menu(turn: Turn) -> list[Reply]:
    rows = await habits.list_habits(turn.session, user_id=turn.user.id)
    if not rows:
        return [Reply(checkin_texts.nothing_to_log())]
    buttons = [[_log_button(habit)] for habit, _ in rows]
    return [Reply(checkin_texts.what_to_log(), InlineKeyboardMarkup(buttons))]


def _log_button(habit: Habit):
    """A medicine taken as needed is logged with this one tap; other habits ask their answer."""
    label = plain_label(habit.kind, habit.name)
    if habit.as_needed:
        return b(checkin_texts.log_dose_button(label), Area.LOG, "done", habit.id)
    return b(label, Area.LOG, "kind", habit.id)


_BY_AREA = {
    Area.REMINDER: _answered,
    Area.LOG: _logged,
    Area.DETAIL: details.on_detail,
    Area.WHICH: free_text.which_button,
    Area.YESTERDAY: doses.yesterday_button,
}
