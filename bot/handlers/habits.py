"""/habits: list, add, change times and days, pause, resume and remove (with a confirmation)."""

from telegram import Update

from bot import dose_texts, keyboards, manage_texts, parsing
from bot.callback_data import Button, parse
from bot.context import Ctx
from bot.conversation import EditField, EditStep
from bot.handlers import adding, doses
from bot.handlers.replies import Reply, notice
from bot.handlers.turn import Turn, reply_turn
from bot.texts import button_expired, saved, stale_step, too_long
from models import habits, refill
from models.schedule import local_day
from models.tables import Habit
from models.types import HabitKind

# The preset buttons of the days question, as cron day_of_week strings.
PRESET_DAYS = {"all": "*", "weekdays": "mon-fri", "weekends": "sat,sun"}
MEDICINE_OPS = frozenset({"pills", "refilled", "nudges", "setnudges"})


async def habits_command(update: Update, context: Ctx) -> None:
    """Show the user's reminders with a button for each."""
    await reply_turn(update, context, overview)


async def overview(turn: Turn, *, edit: bool = False) -> list[Reply]:
    rows = await habits.list_habits(turn.session, user_id=turn.user.id)
    if not rows:
        return [Reply(manage_texts.no_habits(), keyboards.habits_list([]), edit=edit)]
    lines = [manage_texts.describe_habit(habit, schedules) for habit, schedules in rows]
    markup = keyboards.habits_list([habit for habit, _ in rows])
    return [Reply(manage_texts.habits_overview(lines), markup, edit=edit)]


async def habit_button(update: Update, context: Ctx) -> None:
    """Act on one habit's button; a habit of someone else's is refused."""
    choice = parse(update.callback_query.data if update.callback_query else None)

    async def step(turn: Turn) -> list[Reply]:
        return await _act(turn, choice) if choice else [notice(button_expired())]

    await reply_turn(update, context, step)


async def _act(turn: Turn, choice: Button) -> list[Reply]:
    if choice.op == "list":
        return await overview(turn, edit=True)
    if choice.op == "add":
        if choice.arg in HabitKind.__members__.values():
            return await adding.start_adding(turn, [HabitKind(choice.arg)], onboarding=False)
        return [Reply(manage_texts.what_to_add(), keyboards.add_kinds(), edit=True)]
    habit = None
    if choice.ref is not None:
        habit = await habits.get_habit(turn.session, user_id=turn.user.id, habit_id=choice.ref)
    if habit is None:
        return [notice(button_expired())]
    return await _act_on_habit(turn, habit, choice.op, choice.arg)


async def _act_on_habit(turn: Turn, habit: Habit, op: str, arg: str) -> list[Reply]:
    session, user, now = turn.session, turn.user, turn.now
    if op in ("pause", "resume"):
        await habits.set_paused(session, user=user, habit=habit, paused=op == "pause", now=now)
        turn.reschedule()
    elif op in ("times", "days"):
        await turn.go(EditStep(habit_id=habit.id or 0, step=EditField(op)))
        if op == "times":
            return [Reply(adding.ask_times_text(habit.kind))]
        return [Reply(manage_texts.ask_days(), keyboards.days_choices(habit.id or 0))]
    elif op == "setdays" and arg in PRESET_DAYS:
        await habits.set_days(session, user=user, habit=habit, days=PRESET_DAYS[arg], now=now)
        turn.reschedule()
        await turn.end()
    elif op == "remove":
        markup = keyboards.confirm_remove(habit.id or 0)
        return [Reply(manage_texts.remove_confirm(habit.kind, habit.name), markup, edit=True)]
    elif op == "confirm":
        await habits.remove_habit(session, habit=habit, now=now)
        return [Reply(manage_texts.removed(), edit=True), *await overview(turn)]
    elif op in MEDICINE_OPS and habit.kind is HabitKind.MEDICATION:
        return await doses.medicine_button(turn, habit, op, arg)
    elif op != "view":
        return [notice(button_expired())]
    return await _detail(turn, habit)


async def _detail(turn: Turn, habit: Habit) -> list[Reply]:
    schedules = await habits.schedules_of_habit(turn.session, habit_id=habit.id or 0)
    line = manage_texts.describe_habit(habit, schedules)
    found = await refill.habit_forecast(turn.session, user=turn.user, habit=habit, now=turn.now)
    if found is not None:
        today = local_day(turn.now, turn.user.tz, turn.user.day_end_minute)
        line += "\n" + dose_texts.forecast_text(habit.name, found, today)
    return [Reply(line, keyboards.habit_actions(habit), edit=True)]


async def edit_button(turn: Turn, data: EditStep, choice: Button) -> list[Reply]:
    """Take a tap on a pill count offered by the current step."""
    habit = await habits.get_habit(turn.session, user_id=turn.user.id, habit_id=data.habit_id)
    if habit is None or data.step is not EditField.PILLS or choice.op != "count":
        return [notice(stale_step())]
    return await doses.count_pills(turn, habit, choice.arg)


async def edit_text(turn: Turn, data: EditStep, text: str) -> list[Reply]:
    """Take the new times or days typed for a habit."""
    habit = await habits.get_habit(turn.session, user_id=turn.user.id, habit_id=data.habit_id)
    if habit is None:
        await turn.end()
        return [Reply(button_expired())]
    if len(text) > adding.MAX_TEXT:
        return [Reply(too_long())]
    session, user, now = turn.session, turn.user, turn.now
    if data.step is EditField.PILLS:
        return await doses.count_pills(turn, habit, text)
    if data.step is EditField.DAYS:
        days = parsing.parse_days(text)
        if days is None:
            return [Reply(manage_texts.bad_days())]
        await habits.set_days(session, user=user, habit=habit, days=days, now=now)
    else:
        times = adding.read_times(habit.kind, text)
        if times is None:
            return [Reply(adding.bad_times_text(habit.kind))]
        await habits.set_times(session, user=user, habit=habit, times=times, now=now)
    turn.reschedule()
    await turn.end()
    return [Reply(saved()), *await _detail(turn, habit)]
