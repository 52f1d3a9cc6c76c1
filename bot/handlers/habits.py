"""/habits: list, add, change times and days, pause, resume and remove (with a confirmation)."""

from datetime import datetime

from sqlmodel.ext.asyncio.session import AsyncSession
from telegram import Update

from bot import keyboards, parsing, texts
from bot.callback_data import Button
from bot.context import Ctx
from bot.handlers import flow
from bot.handlers.replies import Reply, run_button, send
from models import habits, users
from models.catalog import MAX_DOSES_A_DAY
from models.tables import Habit, User
from models.types import HabitKind

PRESET_DAYS = {"all": "*", "weekdays": "mon-fri", "weekends": "sat,sun"}


async def habits_command(update: Update, context: Ctx) -> None:
    """Show the user's reminders with a button for each."""
    async with context.deps.db.session() as session:
        user = await users.get_user(session, update.effective_user.id)
        replies = [Reply(texts.NOT_STARTED)] if user is None else await overview(session, user)
    await send(update, replies)


async def overview(session: AsyncSession, user: User, *, edit: bool = False) -> list[Reply]:
    rows = await habits.list_habits(session, user_id=user.id)
    if not rows:
        return [Reply(texts.NO_HABITS, keyboards.habits_list([]), edit=edit)]
    lines = flow.describe_habits(rows)
    buttons = [(habit, texts.habit_title(habit.kind, habit.name)) for habit, _ in rows]
    return [Reply(texts.habits_overview(lines), keyboards.habits_list(buttons), edit=edit)]


async def habit_button(update: Update, context: Ctx) -> None:
    """Act on one habit's button; a habit of someone else's is refused."""
    await run_button(update, context, _act)


async def _act(session: AsyncSession, user: User, choice: Button, now: datetime) -> list[Reply]:
    op, ref, arg = choice.op, choice.ref, choice.arg
    if op == "list":
        return await overview(session, user, edit=True)
    if op == "add":
        if arg in HabitKind.__members__.values():
            return await flow.start_adding(
                session, user, [HabitKind(arg)], onboarding=False, now=now
            )
        return [Reply("What would you like to add?", keyboards.add_kinds(), edit=True)]
    habit = await habits.get_habit(session, user_id=user.id, habit_id=ref) if ref else None
    if habit is None:
        return [Reply(texts.BUTTON_EXPIRED)]
    return await _act_on_habit(session, user, habit, op, arg, now)


async def _act_on_habit(
    session: AsyncSession, user: User, habit: Habit, op: str, arg: str, now: datetime
) -> list[Reply]:
    if op in ("pause", "resume"):
        await habits.set_paused(session, user=user, habit=habit, paused=op == "pause", now=now)
    elif op == "times":
        await users.set_flow(session, user, "habit", {"habit_id": habit.id, "step": "times"})
        return [Reply(_ask_times(habit.kind))]
    elif op == "days":
        await users.set_flow(session, user, "habit", {"habit_id": habit.id, "step": "days"})
        return [
            Reply(
                "Which days? Tap one, or type e.g. <i>Mon Wed Fri</i>.",
                keyboards.days_choices(habit.id),
            )
        ]
    elif op == "setdays" and arg in PRESET_DAYS:
        await habits.set_days(session, user=user, habit=habit, days=PRESET_DAYS[arg], now=now)
        await users.set_flow(session, user, None)
    elif op == "remove":
        title = texts.habit_title(habit.kind, habit.name)
        return [
            Reply(
                texts.REMOVE_CONFIRM.format(name=title),
                keyboards.confirm_remove(habit.id),
                edit=True,
            )
        ]
    elif op == "confirm":
        await habits.remove_habit(session, habit=habit, now=now)
        return [Reply("Removed ✓", edit=True), *await overview(session, user)]
    return await _detail(session, user, habit)


async def _detail(session: AsyncSession, user: User, habit: Habit) -> list[Reply]:
    schedules = await habits.schedules_of_habit(session, habit_id=habit.id)
    [line] = flow.describe_habits([(habit, schedules)])
    return [Reply(line, keyboards.habit_actions(habit), edit=True)]


def _ask_times(kind: HabitKind) -> str:
    if kind is HabitKind.SLEEP:
        return texts.ASK_SLEEP_TIMES
    if kind is HabitKind.MEDICATION:
        return texts.ASK_DOSE_TIMES
    return texts.ASK_ONE_TIME


async def on_text(session: AsyncSession, user: User, text: str, now: datetime) -> list[Reply]:
    """Take the new times or days typed for a habit."""
    habit = await habits.get_habit(
        session, user_id=user.id, habit_id=user.flow_data.get("habit_id", 0)
    )
    if habit is None:
        await users.set_flow(session, user, None)
        return [Reply(texts.BUTTON_EXPIRED)]
    if len(text) > flow.MAX_TEXT:
        return [Reply(texts.TOO_LONG)]
    if user.flow_data.get("step") == "days":
        days = parsing.parse_days(text)
        if days is None:
            return [Reply(texts.BAD_DAYS)]
        await habits.set_days(session, user=user, habit=habit, days=days, now=now)
    else:
        times = _read_times(habit.kind, text)
        if times is None:
            return [
                Reply(texts.BAD_SLEEP_TIMES if habit.kind is HabitKind.SLEEP else texts.BAD_TIMES)
            ]
        await habits.set_times(session, user=user, habit=habit, times=times, now=now)
    await users.set_flow(session, user, None)
    return [Reply("Saved ✓"), *await _detail(session, user, habit)]


def _read_times(kind: HabitKind, text: str) -> list[tuple[int, int]] | None:
    if kind is HabitKind.MEDICATION:
        times = parsing.parse_times(text)
        return times if times and len(times) <= MAX_DOSES_A_DAY else None
    if kind is HabitKind.SLEEP:
        times = parsing.parse_times(text)
        return flow.in_typed_order(text, times) if times and len(times) == 2 else None
    time = parsing.parse_time(text)
    return [time] if time else None
