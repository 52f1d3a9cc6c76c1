"""Adding a habit step by step, for onboarding and /habits; state lives in users.flow."""

from datetime import date, datetime
from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession

from bot import keyboards, parsing, texts
from bot.handlers.replies import Reply
from models import habits, schedule, users
from models.catalog import CATALOG, MAX_DOSES_A_DAY, WEEKDAYS, Time
from models.tables import Habit, Schedule, User
from models.types import HabitKind, StressTechnique

MAX_TEXT = 500


async def start_adding(
    session: AsyncSession, user: User, kinds: list[HabitKind], *, onboarding: bool, now: datetime
) -> list[Reply]:
    """Walk through adding each of the kinds, one after another."""
    data = {"queue": [k.value for k in kinds], "onboarding": onboarding}
    return await _next(session, user, data, now)


async def _next(session: AsyncSession, user: User, data: dict, now: datetime) -> list[Reply]:
    if data["queue"]:
        kind = HabitKind(data["queue"].pop(0))
        return await _begin(session, user, {**data, "kind": kind.value, "draft": {}}, kind)
    if data.get("onboarding"):
        await users.finish_onboarding(session, user=user, now=now)
        await users.set_flow(session, user, None)
        return [Reply(texts.all_set(user.first_name, await habit_lines(session, user)))]
    await users.set_flow(session, user, None)
    return [Reply("Done ✓ — /habits shows everything.")]


async def _begin(session: AsyncSession, user: User, data: dict, kind: HabitKind) -> list[Reply]:
    if kind is HabitKind.MEDICATION:
        return await _step(session, user, data, "name", Reply(texts.ASK_MED_NAME))
    if kind is HabitKind.APPOINTMENT:
        return await _step(session, user, data, "when", Reply(texts.ASK_APPOINTMENT))
    if kind is HabitKind.STRESS:
        return await _step(
            session, user, data, "technique", Reply(texts.ASK_TECHNIQUE, keyboards.techniques())
        )
    return await _propose(session, user, data)


async def _propose(session: AsyncSession, user: User, data: dict) -> list[Reply]:
    kind = HabitKind(data["kind"])
    defaults = list(CATALOG[kind].times)
    text = texts.propose_default(kind, defaults, data["draft"].get("name", ""))
    markup = (
        keyboards.dose_choices() if kind is HabitKind.MEDICATION else keyboards.accept_or_change()
    )
    return await _step(session, user, data, "ok", Reply(text, markup))


async def _step(
    session: AsyncSession, user: User, data: dict, step: str, reply: Reply
) -> list[Reply]:
    await users.set_flow(session, user, "add", {**data, "step": step})
    return [reply]


async def _create(
    session: AsyncSession, user: User, data: dict, times: list[Time], now: datetime, **extra: Any
) -> list[Reply]:
    kind, draft = HabitKind(data["kind"]), data["draft"]
    habit = await habits.add_habit(
        session, user=user, kind=kind, name=draft.get("name", ""), times=times, now=now, **extra
    )
    done = Reply(texts.habit_added(texts.habit_title(kind, habit.name)))
    return [done, *await _next(session, user, data, now)]


async def on_text(session: AsyncSession, user: User, text: str, now: datetime) -> list[Reply]:
    """Handle typed text for the current add-habit step."""
    data, step = user.flow_data, user.flow_data.get("step")
    if len(text) > MAX_TEXT:
        return [Reply(texts.TOO_LONG)]
    kind = HabitKind(data["kind"])
    if step == "name":
        name = " ".join(text.split())
        if not name or len(name) > 60 or name.startswith("/"):
            return [Reply(texts.BAD_NAME)]
        data["draft"]["name"] = name
        return await _propose(session, user, data)
    if step == "when":
        return await _appointment_when(session, user, data, text, now)
    if step in ("ok", "time"):
        return await _typed_times(session, user, data, kind, text, now)
    if step == "repeat" and text.strip().lower() in ("once", "weekly", "every week"):
        return await on_button(
            session, user, "repeat", "once" if "once" in text.lower() else "weekly", now
        )
    return [Reply("Tap one of the buttons above 🙂")]


async def _typed_times(
    session: AsyncSession, user: User, data: dict, kind: HabitKind, text: str, now: datetime
) -> list[Reply]:
    if kind is HabitKind.SLEEP:
        times = parsing.parse_times(text)
        if not times or len(times) != 2:
            return [Reply(texts.BAD_SLEEP_TIMES)]
        # Keep the order the user typed: bedtime first, then morning.
        times = in_typed_order(text, times)
    elif kind is HabitKind.MEDICATION:
        times = parsing.parse_times(text)
        if not times or len(times) > MAX_DOSES_A_DAY:
            return [Reply(texts.BAD_TIMES)]
    else:
        time = parsing.parse_time(text)
        if time is None:
            return [Reply(texts.BAD_TIME)]
        times = [time]
    return await _create(session, user, data, times, now)


def in_typed_order(text: str, times: list[Time]) -> list[Time]:
    first = parsing.parse_time(text.replace(" and ", ",").split(",")[0])
    return times if first == times[0] else list(reversed(times))


async def _appointment_when(
    session: AsyncSession, user: User, data: dict, text: str, now: datetime
) -> list[Reply]:
    today = schedule.local_now(now, user.tz).date()
    words = text.strip().split()
    for cut in (1, 2):  # the time is the last word or two ("15:00", "3 pm")
        time = parsing.parse_time(" ".join(words[-cut:])) if len(words) > cut else None
        day = parsing.parse_date(" ".join(words[:-cut]), today) if time else None
        if time and day:
            data["draft"].update(on=day.isoformat(), time=list(time))
            return await _step(
                session,
                user,
                data,
                "repeat",
                Reply(
                    f"{texts.appointment_when(day, time)}. {texts.ASK_REPEAT}",
                    keyboards.repeat_choice(),
                ),
            )
    return [Reply(texts.BAD_DATE)]


async def on_button(
    session: AsyncSession, user: User, op: str, arg: str, now: datetime
) -> list[Reply]:
    """Handle a button of the current add-habit step; stale buttons change nothing."""
    data, step = user.flow_data, user.flow_data.get("step")
    kind = HabitKind(data["kind"])
    if op == "tech" and step == "technique" and arg in StressTechnique.__members__.values():
        data["draft"]["name"] = arg
        return await _propose(session, user, data)
    if op == "ok" and step == "ok":
        return await _create(session, user, data, list(CATALOG[kind].times), now)
    if op == "times" and step == "ok" and kind is HabitKind.MEDICATION:
        times = [parsing.parse_time(part) for part in arg.split(".")]
        if all(times):
            return await _create(session, user, data, times, now)
    if op == "change" and step in ("ok", "time"):
        ask = {HabitKind.SLEEP: texts.ASK_SLEEP_TIMES, HabitKind.MEDICATION: texts.ASK_DOSE_TIMES}
        return await _step(session, user, data, "time", Reply(ask.get(kind, texts.ASK_ONE_TIME)))
    if op == "repeat" and step == "repeat":
        draft = data["draft"]
        on, time = date.fromisoformat(draft["on"]), tuple(draft["time"])
        if arg == "weekly":
            return await _create(session, user, data, [time], now, days=WEEKDAYS[on.weekday()])
        return await _create(session, user, data, [time], now, once_on=on)
    return [Reply(texts.BUTTON_EXPIRED)]


async def habit_lines(session: AsyncSession, user: User) -> list[str]:
    """Return one line per current habit, for overviews."""
    return describe_habits(await habits.list_habits(session, user_id=user.id))


def describe_habits(rows: list[tuple[Habit, list[Schedule]]]) -> list[str]:
    """Return one line per habit with its schedule rows."""
    return [
        texts.describe_habit(
            habit, schedules, parsing.describe_days(schedules[0].days if schedules else "*")
        )
        for habit, schedules in rows
    ]
