"""Check-ins: one tap on a reminder, its optional details, /checkin, and free text."""

from datetime import datetime, timedelta

from sqlmodel.ext.asyncio.session import AsyncSession
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot import parsing, reminders, texts
from bot.callback_data import Button, button, parse
from bot.context import Ctx
from bot.handlers.replies import Reply, send
from models import checkins, habits, users
from models.catalog import SNOOZE_MINUTES
from models.checkins import Entry
from models.tables import Checkin, User
from models.types import Answer, HabitKind, Purpose, SkipReason

CANT_READ = (
    "I didn't quite catch that. You can type things like <i>took my meds</i>, "
    "<i>slept 7.5h</i>, <i>30 min walk</i>, <i>meditated</i>, <i>2 drinks</i> or <i>mood 6</i> "
    "— or use /checkin, /habits and /help."
)


async def checkin_button(update: Update, context: Ctx) -> None:
    """Record the tapped answer once; a second tap changes it, never counts twice."""
    query, now = update.callback_query, context.deps.clock()
    choice = parse(query.data)
    async with context.deps.db.session() as session:
        user = await users.get_user(session, query.from_user.id)
        if choice is None or user is None:
            replies, notice = [], texts.BUTTON_EXPIRED
        else:
            replies, notice = await _answer(session, user, choice, now)
    await query.answer(notice)
    await send(update, replies)


async def _answer(
    session: AsyncSession, user: User, choice: Button, now: datetime
) -> tuple[list[Reply], str | None]:
    if choice.area == "q":
        return await _details(session, user, choice)
    if choice.area == "k":
        return await _logged(session, user, choice, now)
    owned = await checkins.owned_delivery(session, user_id=user.id, delivery_id=choice.ref or 0)
    if owned is None:
        return [], texts.NOT_YOURS
    delivery, habit = owned
    if habit is None or delivery.purpose is not Purpose.CHECKIN:
        return [], texts.BUTTON_EXPIRED
    if choice.op == "snooze":
        if choice.arg.isdigit() and int(choice.arg) in SNOOZE_MINUTES:
            until = now + timedelta(minutes=int(choice.arg))
            await checkins.snooze(session, delivery=delivery, until=until)
            return [
                Reply(f"⏰ Snoozed — I'll remind you again in {choice.arg} minutes.", edit=True)
            ], None
        return [
            Reply("⏰ Snooze for how long?", reminders.snooze_keyboard(delivery.id), edit=True)
        ], None
    entry = reminders.button_entry(habit.kind, choice.op, choice.arg)
    if entry is None:
        return [], texts.BUTTON_EXPIRED
    checkin = await checkins.record_checkin(
        session, user=user, delivery=delivery, habit=habit, entry=entry, now=now
    )
    return [_saved(checkin)], None


async def _logged(
    session: AsyncSession, user: User, choice: Button, now: datetime
) -> tuple[list[Reply], str | None]:
    habit = await habits.get_habit(session, user_id=user.id, habit_id=choice.ref or 0)
    if habit is None:
        return [], texts.BUTTON_EXPIRED
    if choice.op == "kind":
        rows = reminders.answer_rows(habit.kind, habit.id, habit.name, area="k")
        return [
            Reply(
                f"{texts.KIND_EMOJI[habit.kind]} {texts.habit_title(habit.kind, habit.name)}:",
                InlineKeyboardMarkup(rows),
                edit=True,
            )
        ], None
    entry = reminders.button_entry(habit.kind, choice.op, choice.arg)
    if entry is None:
        return [], texts.BUTTON_EXPIRED
    checkin = await checkins.log_checkin(session, user=user, kind=habit.kind, entry=entry, now=now)
    return [_saved(checkin)], None


async def _details(
    session: AsyncSession, user: User, choice: Button
) -> tuple[list[Reply], str | None]:
    arg, ref = choice.arg, choice.ref or 0
    if choice.op == "note":
        await users.set_flow(session, user, "checkin", {"checkin_id": ref})
        return [
            Reply("Type the side effect in a few words — it goes into your doctor's report.")
        ], None
    quality = int(arg) if choice.op == "qual" and arg in ("1", "2", "3", "4", "5") else None
    note = arg if choice.op == "why" and arg in SkipReason.__members__.values() else None
    if quality is None and note is None:
        return [], texts.BUTTON_EXPIRED
    checkin = await checkins.add_details(
        session, user_id=user.id, checkin_id=ref, quality=quality, note=note
    )
    if checkin is None:
        return [], texts.NOT_YOURS
    return [Reply(reminders.saved_text(checkin.kind, checkin), edit=True)], None


def _saved(checkin: Checkin) -> Reply:
    """Edit the reminder to show the answer, offering the optional next detail."""
    markup = None
    if checkin.kind is HabitKind.SLEEP and checkin.value is not None:
        markup = reminders.quality_keyboard(checkin.id)
        return Reply(
            reminders.saved_text(checkin.kind, checkin) + " How well did you sleep, 1–5?",
            markup,
            edit=True,
        )
    if checkin.kind is HabitKind.MEDICATION:
        markup = (
            reminders.skip_reasons_keyboard(checkin.id)
            if checkin.answer is Answer.SKIPPED
            else reminders.note_keyboard(checkin.id)
        )
    return Reply(reminders.saved_text(checkin.kind, checkin), markup, edit=True)


async def checkin_command(update: Update, context: Ctx) -> None:
    """Offer the user's habits to log one now, without a reminder."""
    async with context.deps.db.session() as session:
        user = await users.get_user(session, update.effective_user.id)
        rows = await habits.list_habits(session, user_id=user.id) if user else []
    loggable = [habit for habit, _ in rows]
    if user is None:
        await send(update, [Reply(texts.NOT_STARTED)])
        return
    if not loggable:
        await send(
            update,
            [
                Reply(
                    "Nothing to log yet — add a habit with /habits, or just type e.g. <i>30 min walk</i>."
                )
            ],
        )
        return
    buttons = [
        [
            InlineKeyboardButton(
                f"{texts.KIND_EMOJI[h.kind]} {texts.habit_title(h.kind, h.name)}",
                callback_data=button("k", "kind", h.id),
            )
        ]
        for h in loggable
    ]
    await send(update, [Reply("What would you like to log?", InlineKeyboardMarkup(buttons))])


async def on_free_text(session: AsyncSession, user: User, text: str, now: datetime) -> list[Reply]:
    """Record a typed check-in such as "slept 7.5h", or say what can be typed."""
    parsed = parsing.parse_checkin(text)
    if parsed is None:
        return [Reply(CANT_READ)]
    entry = Entry(parsed.answer, parsed.value, parsed.quality, parsed.note)
    checkin = await checkins.log_checkin(session, user=user, kind=parsed.kind, entry=entry, now=now)
    return [Reply(reminders.saved_text(checkin.kind, checkin))]


async def on_flow_text(session: AsyncSession, user: User, text: str, now: datetime) -> list[Reply]:
    """Take a typed side-effect note for a medication check-in."""
    if len(text) > 500:
        return [Reply(texts.TOO_LONG + " Up to 500 letters, please.")]
    note = " ".join(text.split())
    checkin = await checkins.add_details(
        session, user_id=user.id, checkin_id=user.flow_data.get("checkin_id", 0), note=note
    )
    await users.set_flow(session, user, None)
    return [Reply("📝 Noted for your doctor's report." if checkin else texts.BUTTON_EXPIRED)]
