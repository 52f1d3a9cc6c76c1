"""Check-ins: one tap on a reminder, its optional details, /checkin, and free text."""

from dataclasses import replace
from datetime import timedelta
from html import escape

from telegram import InlineKeyboardMarkup, Update

from bot import checkin_texts, parsing, reminders
from bot.callback_data import Area, Button, parse, small_int
from bot.context import Ctx
from bot.conversation import NoteStep
from bot.handlers import ask
from bot.handlers.replies import Reply, notice
from bot.handlers.turn import Turn, reply_turn
from bot.i18n import short_date
from bot.keyboards import b
from bot.texts import button_expired, not_yours, plain_label
from models import checkins, habits
from models.catalog import SNOOZE_MINUTES
from models.checkins import Entry
from models.tables import Checkin, Delivery
from models.types import Answer, HabitKind, Purpose, SkipReason

MAX_NOTE = 500


async def checkin_button(update: Update, context: Ctx) -> None:
    """Record the tapped answer once; a second tap changes it, never counts twice."""
    choice = parse(update.callback_query.data if update.callback_query else None)

    async def step(turn: Turn) -> list[Reply]:
        if choice is None:
            return [notice(button_expired())]
        if choice.area is Area.DETAIL:
            return await _details(turn, choice)
        if choice.area is Area.LOG:
            return await _logged(turn, choice)
        return await _answered(turn, choice)

    await reply_turn(update, context, step)


async def _answered(turn: Turn, choice: Button) -> list[Reply]:
    owned = await checkins.owned_delivery(
        turn.session, user_id=turn.user.id, delivery_id=choice.ref or 0
    )
    if owned is None:
        return [notice(not_yours())]
    delivery, habit = owned
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
    saved = _saved(checkin)
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
        turn.session, user=turn.user, kind=habit.kind, entry=entry, now=turn.now
    )
    return [_saved(checkin), *await _after_visit(turn, checkin)]


async def _after_visit(turn: Turn, checkin: Checkin) -> list[Reply]:
    """After "Went", offer to mark the questions for the doctor as asked."""
    if checkin.kind is HabitKind.APPOINTMENT and checkin.answer is Answer.DONE:
        return await ask.after_visit(turn)
    return []


async def _details(turn: Turn, choice: Button) -> list[Reply]:
    arg, ref = choice.arg, choice.ref or 0
    if choice.op == "note":
        await turn.go(NoteStep(checkin_id=ref))
        return [Reply(checkin_texts.ask_side_effect())]
    quality = small_int(arg, 1, 5) if choice.op == "qual" else None
    note = arg if choice.op == "why" and arg in SkipReason.__members__.values() else None
    if quality is None and note is None:
        return [notice(button_expired())]
    checkin = await checkins.add_details(
        turn.session, user_id=turn.user.id, checkin_id=ref, quality=quality, note=note
    )
    if checkin is None:
        return [notice(not_yours())]
    return [Reply(reminders.saved_text(checkin.kind, checkin), edit=True)]


def _saved(checkin: Checkin) -> Reply:
    """Edit the reminder to show the answer, offering the optional next detail."""
    text = reminders.saved_text(checkin.kind, checkin)
    if checkin.kind is HabitKind.SLEEP and checkin.value is not None:
        return Reply(
            f"{text} {reminders.ask_quality()}", reminders.quality_keyboard(checkin.id), edit=True
        )
    markup = None
    if checkin.kind is HabitKind.MEDICATION:
        markup = (
            reminders.skip_reasons_keyboard(checkin.id or 0)
            if checkin.answer is Answer.SKIPPED
            else reminders.note_keyboard(checkin.id or 0)
        )
    return Reply(text, markup, edit=True)


async def checkin_command(update: Update, context: Ctx) -> None:
    """Offer the user's habits to log one now, without a reminder."""
    await reply_turn(update, context, _log_menu)


async def _log_menu(turn: Turn) -> list[Reply]:
    rows = await habits.list_habits(turn.session, user_id=turn.user.id)
    if not rows:
        return [Reply(checkin_texts.nothing_to_log())]
    buttons = [[b(plain_label(h.kind, h.name), Area.LOG, "kind", h.id)] for h, _ in rows]
    return [Reply(checkin_texts.what_to_log(), InlineKeyboardMarkup(buttons))]


async def free_text(turn: Turn, text: str, message_id: int | None = None) -> list[Reply]:
    """Record a typed check-in such as "slept 7.5h", or say what can be typed."""
    parsed = parsing.parse_checkin(text)
    if parsed is None:
        return [Reply(checkin_texts.cant_read())]
    entry = Entry(parsed.answer, parsed.value, parsed.quality, parsed.note)
    checkin = await checkins.log_checkin(
        turn.session,
        user=turn.user,
        kind=parsed.kind,
        entry=entry,
        now=turn.now,
        message_id=message_id,
    )
    return [Reply(reminders.saved_text(checkin.kind, checkin))]


async def edited(turn: Turn, text: str, message_id: int) -> list[Reply]:
    """Correct the entry an edited message made; an edit of anything else changes nothing."""
    session, user = turn.session, turn.user
    checkin = await checkins.checkin_from_message(session, user_id=user.id, message_id=message_id)
    if checkin is None:
        return [Reply(checkin_texts.edit_changes_nothing())]
    parsed = parsing.parse_checkin(text)
    if parsed is None:
        await checkins.remove_checkin(session, checkin=checkin)
        return [Reply(checkin_texts.entry_removed())]
    entry = Entry(parsed.answer, parsed.value, parsed.quality, parsed.note)
    if parsed.kind is not checkin.kind:
        await checkins.remove_checkin(session, checkin=checkin)
        return await free_text(turn, text, message_id)
    corrected = await checkins.correct_checkin(session, checkin=checkin, entry=entry, now=turn.now)
    saved = reminders.saved_text(corrected.kind, corrected)
    return [Reply(checkin_texts.corrected(saved))]


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
