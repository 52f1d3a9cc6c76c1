"""Medication details: counting pills and refilling, follow-ups, and yesterday's unanswered doses."""

from telegram import InlineKeyboardMarkup

from bot import checkin_texts, dose_texts, reminders
from bot.callback_data import Area, Button, small_int
from bot.conversation import EditField, EditStep
from bot.handlers import details
from bot.handlers.replies import Reply, notice
from bot.handlers.turn import Turn
from bot.i18n import short_date
from bot.keyboards import b, rows
from bot.texts import button_expired, not_yours
from models import catch_up, checkins, refill
from models.catalog import MAX_FOLLOW_UPS
from models.habits import set_follow_ups
from models.schedule import local_day
from models.tables import Habit
from models.types import HabitKind, Purpose


async def refill_answer(turn: Turn, habit: Habit, op: str) -> list[Reply]:
    """Answer the refill reminder: refilled (one more pack), or count the pills anew."""
    if op in ("refilled", "pills"):
        return await medicine_button(turn, habit, op, "")
    return [notice(button_expired())]


async def medicine_button(turn: Turn, habit: Habit, op: str, arg: str) -> list[Reply]:
    """Act on a medicine's own buttons: its pills, a refill, its follow-ups."""
    if op == "pills":
        return await ask_pills(turn, habit)
    if op == "refilled":
        return await refilled(turn, habit)
    if op == "nudges":
        return await ask_follow_ups(turn, habit)
    if op == "setnudges":
        return await choose_follow_ups(turn, habit, arg)
    return [notice(button_expired())]


async def ask_pills(turn: Turn, habit: Habit) -> list[Reply]:
    """Ask how many pills there are now: a tap on a usual pack size, or a typed number."""
    await turn.go(EditStep(habit_id=habit.id or 0, step=EditField.PILLS))
    buttons = [b(str(n), Area.STEP, "count", turn.step, n) for n in dose_texts.PILL_CHOICES]
    return [Reply(dose_texts.ask_pills(habit.name), InlineKeyboardMarkup(rows(buttons, 3)))]


async def count_pills(turn: Turn, habit: Habit, text: str) -> list[Reply]:
    """Take the number of pills, typed or tapped, and say the forecast."""
    pills = small_int(text, 0, refill.MAX_PILLS)
    if pills is None:
        return [Reply(dose_texts.bad_pills())]
    await turn.end()
    found = await refill.count_pills(turn.session, user=turn.user, habit=habit, pills=pills,
                                     now=turn.now)  # fmt: skip
    turn.reschedule()
    return [Reply(dose_texts.forecast_text(habit.name, found, _today(turn)))]


async def refilled(turn: Turn, habit: Habit) -> list[Reply]:
    """Add one pack to what is left; never counted before, ask for the count instead."""
    found = await refill.refilled(turn.session, user=turn.user, habit=habit, now=turn.now)
    if found is None:
        return await ask_pills(turn, habit)
    turn.reschedule()
    return [Reply(dose_texts.refilled_text(habit.name, found, _today(turn)), edit=True)]


async def refilled_typed(turn: Turn, medicines: list[Habit], named: tuple[str, ...]) -> list[Reply]:
    """Take a typed "refilled": the medicine it names, the one with a pill count, or ask which."""
    wanted = {name.lower() for name in named}
    counted = [h for h in medicines if h.pills_left is not None and not h.as_needed]
    targets = [h for h in medicines if h.name.lower() in wanted] or counted
    if not targets and len(medicines) == 1:
        targets = medicines
    if len(targets) == 1:
        return await refilled(turn, targets[0])
    if not targets:
        return [Reply(dose_texts.count_first())]
    buttons = [b(h.name, Area.HABIT, "refilled", h.id) for h in targets]
    return [Reply(dose_texts.which_refilled(), InlineKeyboardMarkup(rows(buttons, 1)))]


def _today(turn: Turn):
    return local_day(turn.now, turn.user.tz, turn.user.day_end_minute)


async def ask_follow_ups(turn: Turn, habit: Habit) -> list[Reply]:
    buttons = [
        b(("✓ " if n == habit.follow_ups else "") + str(n), Area.HABIT, "setnudges", habit.id, n)
        for n in range(MAX_FOLLOW_UPS + 1)
    ]
    markup = InlineKeyboardMarkup([buttons])
    return [Reply(dose_texts.ask_follow_ups(habit.name), markup, edit=True)]


async def choose_follow_ups(turn: Turn, habit: Habit, arg: str) -> list[Reply]:
    count = small_int(arg, 0, MAX_FOLLOW_UPS)
    if count is None or habit.kind is not HabitKind.MEDICATION:
        return [notice(button_expired())]
    await set_follow_ups(turn.session, habit=habit, count=count)
    return [Reply(dose_texts.follow_ups_set(habit.name, count), edit=True)]


async def yesterday_button(turn: Turn, choice: Button) -> list[Reply]:
    """Answer one of yesterday's doses from the morning question; the rest stay on it."""
    owned = await checkins.owned_delivery(
        turn.session, user_id=turn.user.id, delivery_id=choice.ref or 0
    )
    if owned is None:
        return [notice(not_yours())]
    delivery, habit = owned
    if habit is None or delivery.purpose is not Purpose.CHECKIN:
        return [notice(button_expired())]
    if checkins.days_late(delivery, turn.user, turn.now) > checkins.ANSWERABLE_DAYS:
        day = short_date(checkins.reminder_day(delivery, turn.user))
        return [notice(checkin_texts.too_old(day))]
    entry = reminders.button_entry(habit.kind, choice.op, "")
    if entry is None:
        return [notice(button_expired())]
    checkin = await checkins.record_checkin(
        turn.session, user=turn.user, delivery=delivery, habit=habit, entry=entry, now=turn.now
    )
    turn.checked_in(checkin.kind)
    saved = await details.answer_reply(turn, checkin)
    left = await catch_up.unanswered_doses(turn.session, user_id=turn.user.id, at=turn.now)
    if not left:
        return [Reply(f"{saved.text}\n{dose_texts.all_answered()}", edit=True)]
    text = f"{saved.text}\n\n{dose_texts.catch_up_text(left, turn.user.tz)}"
    return [Reply(text, reminders.catch_up_keyboard(left, turn.user.tz), edit=True)]
