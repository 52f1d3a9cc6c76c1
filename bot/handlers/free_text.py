"""Typed check-ins ("slept 7.5h", "took my lithium at 9:40"), their edits, and which medicine
an ambiguous "took my meds" meant."""

from telegram import InlineKeyboardMarkup

from bot import checkin_texts, parsing, reminders
from bot.callback_data import Area, Button
from bot.conversation import TakenAtStep
from bot.handlers import details, doses
from bot.handlers.replies import Reply, notice
from bot.handlers.turn import Turn
from bot.keyboards import b
from bot.parsing import OutOfRange, ParsedCheckin
from bot.texts import button_expired, plain_label
from models import checkins, habits
from models.checkins import Entry
from models.schedule import latest_local
from models.tables import Checkin, Habit
from models.types import Answer, HabitKind, SkipReason


async def free_text(turn: Turn, text: str, message_id: int | None = None) -> list[Reply]:
    """Record a typed check-in, or say kindly what can be typed."""
    medicines = await habits.medicines(turn.session, user_id=turn.user.id)
    names = [habit.name for habit in medicines]
    refilled = parsing.parse_refilled(text, medicines=names, language=turn.user.language)
    if refilled is not None and medicines:
        return await doses.refilled_typed(turn, medicines, refilled)
    parsed = _parse(turn, text, medicines)
    if isinstance(parsed, OutOfRange):
        return [Reply(checkin_texts.out_of_range(parsed.measure))]
    if parsed is None:
        if parsing.is_low_mood(text, turn.user.language):
            return [Reply(checkin_texts.hard_day(), reminders.low_mood_keyboard())]
        return [Reply(checkin_texts.cant_read())]
    if parsed.kind is HabitKind.MEDICATION:
        return await _medication(turn, parsed, medicines, message_id)
    checkin = await checkins.log_checkin(
        turn.session, user=turn.user, kind=parsed.kind, entry=_entry(turn, parsed),
        now=turn.now, message_id=message_id,
    )  # fmt: skip
    turn.checked_in(checkin.kind)
    return [await details.answer_reply(turn, checkin, edit=False)]


def _parse(turn: Turn, text: str, medicines: list[Habit]) -> ParsedCheckin | OutOfRange | None:
    names = [habit.name for habit in medicines]
    return parsing.parse_checkin(text, medicines=names, language=turn.user.language)


def _entry(turn: Turn, parsed: ParsedCheckin) -> Entry:
    taken_at = None
    if parsed.taken_at is not None:
        taken_at = latest_local(*parsed.taken_at, latest=turn.now, tz=turn.user.tz)
    return Entry(
        parsed.answer, parsed.value, parsed.quality, parsed.note,
        taken_at=taken_at, bedtime_minute=parsed.bedtime, awakenings=parsed.awakenings,
    )  # fmt: skip


async def _medication(
    turn: Turn, parsed: ParsedCheckin, medicines: list[Habit], message_id: int | None
) -> list[Reply]:
    """Log a dose for the medicine it names; ask which when several could be meant."""
    if parsed.medicines:
        named = {name.lower() for name in parsed.medicines}
        targets = [habit for habit in medicines if habit.name.lower() in named]
    else:
        targets = await _meant(turn, medicines)
    if targets is None:
        candidates = await _candidates(turn, medicines)
        return [Reply(checkin_texts.which_medicine(), _which_keyboard(candidates, parsed))]
    return await _log_doses(turn, targets, _entry(turn, parsed), message_id, edit=False)


async def _meant(turn: Turn, medicines: list[Habit]) -> list[Habit] | None:
    """Return the medicine "my meds" means: the only one, or the only one asking right now."""
    if len(medicines) <= 1:
        return medicines
    candidates = await _candidates(turn, medicines)
    return candidates if len(candidates) == 1 else None


async def _candidates(turn: Turn, medicines: list[Habit]) -> list[Habit]:
    """Return the medicines with a reminder open now, or all of them when none (or one) is."""
    open_ids = await checkins.habits_with_open_reminders(
        turn.session, user_id=turn.user.id, kind=HabitKind.MEDICATION, now=turn.now
    )
    asking = [habit for habit in medicines if habit.id in open_ids]
    return asking if asking else medicines


def _which_keyboard(candidates: list[Habit], parsed: ParsedCheckin) -> InlineKeyboardMarkup:
    op = "done" if parsed.answer is Answer.DONE else "skip"
    arg = parsed.note or ""
    if op == "done" and parsed.taken_at is not None:
        arg = f"{parsed.taken_at[0]:02d}{parsed.taken_at[1]:02d}"
    rows = [[b(plain_label(h.kind, h.name), Area.WHICH, op, h.id, arg)] for h in candidates]
    rows.append([b(checkin_texts.all_of_them_button(), Area.WHICH, op, None, arg)])
    return InlineKeyboardMarkup(rows)


async def which_button(turn: Turn, choice: Button) -> list[Reply]:
    """Log the dose for the medicine tapped, or for all of them."""
    medicines = await habits.medicines(turn.session, user_id=turn.user.id)
    if choice.ref is None:
        targets = await _candidates(turn, medicines)
    else:
        targets = [habit for habit in medicines if habit.id == choice.ref]
    entry = _which_entry(turn, choice)
    if not targets or entry is None:
        return [notice(checkin_texts.no_medicine_left() if entry else button_expired())]
    return await _log_doses(turn, targets, entry, None, edit=True)


def _which_entry(turn: Turn, choice: Button) -> Entry | None:
    if choice.op == "skip":
        reason = choice.arg if choice.arg in SkipReason.__members__.values() else None
        return Entry(Answer.SKIPPED, note=reason) if reason or not choice.arg else None
    time = parsing.parse_time(choice.arg) if choice.arg else None
    if choice.arg and time is None:
        return None
    taken_at = latest_local(*time, latest=turn.now, tz=turn.user.tz) if time else None
    return Entry(Answer.DONE, taken_at=taken_at)


async def _log_doses(
    turn: Turn, targets: list[Habit], entry: Entry, message_id: int | None, *, edit: bool
) -> list[Reply]:
    """Log one dose per medicine; a typed message that made one entry can correct it later."""
    one = len(targets) == 1
    saved: list[Checkin] = []
    for habit in targets or [None]:
        saved.append(
            await checkins.log_checkin(
                turn.session, user=turn.user, kind=HabitKind.MEDICATION, entry=entry,
                now=turn.now, message_id=message_id if one or not targets else None, habit=habit,
            )
        )  # fmt: skip
    for checkin in saved:
        turn.checked_in(checkin.kind)
    if len(saved) == 1:
        return [await details.answer_reply(turn, saved[0], edit=edit)]
    lines = [(await details.answer_reply(turn, checkin)).text for checkin in saved]
    return [Reply("\n".join(lines), edit=edit)]


async def edited(turn: Turn, text: str, message_id: int) -> list[Reply]:
    """Correct the entry an edited message made; an edit of anything else changes nothing."""
    session, user = turn.session, turn.user
    checkin = await checkins.checkin_from_message(session, user_id=user.id, message_id=message_id)
    if checkin is None:
        return [Reply(checkin_texts.edit_changes_nothing())]
    parsed = _parse(turn, text, await habits.medicines(session, user_id=user.id))
    if isinstance(parsed, OutOfRange):
        return [Reply(checkin_texts.out_of_range(parsed.measure))]
    if parsed is None:
        await checkins.remove_checkin(session, checkin=checkin)
        return [Reply(checkin_texts.entry_removed())]
    if parsed.kind is not checkin.kind or parsed.medicines:
        await checkins.remove_checkin(session, checkin=checkin)
        return await free_text(turn, text, message_id)
    entry = _entry(turn, parsed)
    corrected = await checkins.correct_checkin(session, checkin=checkin, entry=entry, now=turn.now)
    saved = await details.answer_reply(turn, corrected, edit=False)
    return [Reply(checkin_texts.corrected(saved.text))]


async def taken_at_text(turn: Turn, data: TakenAtStep, text: str) -> list[Reply]:
    """Take a typed time for when a dose was really taken."""
    checkin = await turn.session.get(Checkin, data.checkin_id)
    if checkin is None or checkin.user_id != turn.user.id:
        await turn.end()
        return [Reply(button_expired())]
    time = parsing.parse_time(text)
    await turn.end()
    if time is None:  # the question was optional: read the words as anything else typed
        return await free_text(turn, text)
    taken_at = details.taken_instant(turn, checkin, time)
    await checkins.add_details(turn.session, user_id=turn.user.id, checkin_id=checkin.id or 0,
                               taken_at=taken_at)  # fmt: skip
    return [await details.answer_reply(turn, checkin, edit=False)]
