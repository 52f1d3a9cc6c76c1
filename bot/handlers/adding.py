"""Adding a habit one question at a time, for onboarding and /habits (the steps of ADD_HABIT)."""

from bot import dose_texts, keyboards, parsing, setup_texts
from bot.callback_data import Area, Button
from bot.conversation import AddPhase, AddStep, Draft
from bot.handlers.replies import Reply, notice
from bot.handlers.turn import Turn
from bot.manage_texts import describe_habit
from bot.texts import habit_title, stale_step, tap_a_button, too_long
from models import habits, meds, schedule, users
from models.catalog import CATALOG, MAX_DOSES_A_DAY, Time
from models.schedule import WEEKDAYS
from models.types import HabitKind, StressTechnique

MAX_TEXT = 500
MAX_NAME = 60


async def start_adding(turn: Turn, kinds: list[HabitKind], *, onboarding: bool) -> list[Reply]:
    """Walk through adding each of the kinds, one after another."""
    return await _next(turn, tuple(kinds), onboarding=onboarding)


async def start_medication_reminder(turn: Turn, name: str) -> list[Reply]:
    """Offer the dose times for a medication the journal already names."""
    return await _propose(
        turn, AddStep(kind=HabitKind.MEDICATION, step=AddPhase.OK, draft=Draft(name=name))
    )


async def _next(turn: Turn, queue: tuple[HabitKind, ...], *, onboarding: bool) -> list[Reply]:
    if queue:
        data = AddStep(kind=queue[0], step=AddPhase.OK, queue=queue[1:], onboarding=onboarding)
        return await _begin(turn, data)
    await turn.end()
    if onboarding:
        await users.finish_onboarding(turn.session, user=turn.user, now=turn.now)
        turn.reschedule()
        return [Reply(setup_texts.all_set(turn.user.first_name, await habit_lines(turn)))]
    return [Reply(setup_texts.adding_done())]


async def _begin(turn: Turn, data: AddStep) -> list[Reply]:
    if data.kind is HabitKind.MEDICATION:
        return await _ask(turn, data, AddPhase.NAME, Reply(setup_texts.ask_med_name()))
    if data.kind is HabitKind.APPOINTMENT:
        return await _ask(turn, data, AddPhase.NAME, Reply(setup_texts.ask_appointment_name()))
    if data.kind is HabitKind.STRESS:
        await turn.go(data.model_copy(update={"step": AddPhase.TECHNIQUE}))
        markup = keyboards.techniques(Area.STEP, "tech", turn.step)
        return [Reply(setup_texts.ask_technique(), markup)]
    return await _propose(turn, data)


async def _ask(turn: Turn, data: AddStep, phase: AddPhase, reply: Reply) -> list[Reply]:
    await turn.go(data.model_copy(update={"step": phase}))
    return [reply]


async def _propose(turn: Turn, data: AddStep) -> list[Reply]:
    """Offer the kind's default times, to accept with one tap."""
    await turn.go(data.model_copy(update={"step": AddPhase.OK}))
    text = setup_texts.propose_default(data.kind, list(CATALOG[data.kind].times), data.draft.name)
    if data.kind is HabitKind.MEDICATION:
        return [Reply(text, keyboards.dose_choices(turn.step))]
    return [Reply(text, keyboards.accept_or_change(turn.step))]


async def _create(turn: Turn, data: AddStep, times: list[Time], **extra: object) -> list[Reply]:
    habit = await habits.add_habit(
        turn.session,
        user=turn.user,
        kind=data.kind,
        name=data.draft.name,
        times=times,
        now=turn.now,
        **extra,  # type: ignore[arg-type]
    )
    turn.reschedule()
    if data.kind is HabitKind.MEDICATION:
        await meds.link_habit(turn.session, habit=habit)  # its journal entry, if it has one
    title = habit_title(data.kind, habit.name)
    if data.kind is HabitKind.APPOINTMENT:
        weekly = "days" in extra
        done = setup_texts.appointment_added(title, data.draft.on, weekly, times[0])
    elif habit.as_needed:
        done = dose_texts.as_needed_added(title)
    else:
        done = setup_texts.habit_added(title)
    return [Reply(done), *await _next(turn, data.queue, onboarding=data.onboarding)]


async def on_text(turn: Turn, data: AddStep, text: str) -> list[Reply]:
    """Take what was typed for the current question."""
    if len(text) > MAX_TEXT:
        return [Reply(too_long())]
    if data.step is AddPhase.NAME:
        return await _named(turn, data, text)
    if data.step is AddPhase.WHEN:
        return await _appointment_when(turn, data, text)
    if data.step in (AddPhase.OK, AddPhase.TIME):
        return await _typed_times(turn, data, text)
    if data.step is AddPhase.REPEAT and text.strip().lower() in ("once", "weekly", "every week"):
        return await _repeat(turn, data, "once" if "once" in text.lower() else "weekly")
    return [Reply(tap_a_button())]


async def _named(turn: Turn, data: AddStep, text: str) -> list[Reply]:
    name = " ".join(text.split())
    if parsing.parse_checkin(text) is not None and not _names_a_medicine(name):
        return [Reply(setup_texts.waiting_for_name(data.kind))]
    if not name or len(name) > MAX_NAME or name.startswith("/"):
        return [Reply(setup_texts.bad_name())]
    named = data.model_copy(update={"draft": data.draft.model_copy(update={"name": name})})
    if data.kind is HabitKind.APPOINTMENT:
        return await _ask(turn, named, AddPhase.WHEN, Reply(setup_texts.ask_appointment_when(name)))
    return await _propose(turn, named)


def _names_a_medicine(name: str) -> bool:
    # "Took my meds" reads as a check-in, but a one-word name such as "Lithium" is a name.
    return len(name.split()) == 1


async def _typed_times(turn: Turn, data: AddStep, text: str) -> list[Reply]:
    times = read_times(data.kind, text)
    if times is None:
        return [Reply(bad_times_text(data.kind))]
    return await _create(turn, data, times)


def read_times(kind: HabitKind, text: str) -> list[Time] | None:
    """Read the times typed for a kind: two for sleep, up to six doses, else one."""
    if kind is HabitKind.MEDICATION:
        times = parsing.parse_times(text)
        return times if times and len(times) <= MAX_DOSES_A_DAY else None
    if kind is HabitKind.SLEEP:
        times = parsing.parse_times(text)
        return in_typed_order(text, times) if times and len(times) == 2 else None
    time = parsing.parse_time(text)
    return [time] if time else None


def bad_times_text(kind: HabitKind) -> str:
    if kind is HabitKind.SLEEP:
        return setup_texts.bad_sleep_times()
    return setup_texts.bad_times() if kind is HabitKind.MEDICATION else setup_texts.bad_time()


def ask_times_text(kind: HabitKind) -> str:
    if kind is HabitKind.SLEEP:
        return setup_texts.ask_sleep_times()
    if kind is HabitKind.MEDICATION:
        return setup_texts.ask_dose_times()
    return setup_texts.ask_one_time()


def in_typed_order(text: str, times: list[Time]) -> list[Time]:
    """Keep the order the user typed: bedtime first, then morning."""
    first = parsing.parse_time(text.replace(" and ", ",").split(",")[0])
    return times if first == times[0] else list(reversed(times))


async def _appointment_when(turn: Turn, data: AddStep, text: str) -> list[Reply]:
    today = schedule.local_now(turn.now, turn.user.tz).date()
    words = text.strip().split()
    for cut in (1, 2):  # the time is the last word or two ("15:00", "3 pm")
        time = parsing.parse_time(" ".join(words[-cut:])) if len(words) > cut else None
        day = parsing.parse_date(" ".join(words[:-cut]), today) if time else None
        if time and day:
            draft = data.draft.model_copy(update={"on": day, "time": time})
            await turn.go(data.model_copy(update={"step": AddPhase.REPEAT, "draft": draft}))
            return [Reply(setup_texts.ask_repeat(day, time), keyboards.repeat_choice(turn.step))]
    return [Reply(setup_texts.bad_date())]


async def _repeat(turn: Turn, data: AddStep, choice: str) -> list[Reply]:
    on, time = data.draft.on, data.draft.time
    if on is None or time is None:
        return [notice(stale_step())]
    if choice == "weekly":
        return await _create(turn, data, [time], days=WEEKDAYS[on.weekday()])
    return await _create(turn, data, [time], once_on=on)


async def on_button(turn: Turn, data: AddStep, choice: Button) -> list[Reply]:
    """Take a tap on the current question's buttons."""
    op, arg, kind = choice.op, choice.arg, data.kind
    if (
        op == "tech"
        and data.step is AddPhase.TECHNIQUE
        and arg in StressTechnique.__members__.values()
    ):
        draft = data.draft.model_copy(update={"name": arg})
        return await _propose(turn, data.model_copy(update={"draft": draft}))
    if op == "ok" and data.step is AddPhase.OK:
        return await _create(turn, data, list(CATALOG[kind].times))
    if op == "times" and data.step is AddPhase.OK and kind is HabitKind.MEDICATION:
        times = [parsing.parse_time(part) for part in arg.split(".")]
        if all(times):
            return await _create(turn, data, [t for t in times if t])
    if op == "prn" and data.step is AddPhase.OK and kind is HabitKind.MEDICATION:
        return await _create(turn, data, [], as_needed=True)
    if op == "change" and data.step in (AddPhase.OK, AddPhase.TIME):
        return await _ask(turn, data, AddPhase.TIME, Reply(ask_times_text(kind)))
    if op == "repeat" and data.step is AddPhase.REPEAT and arg in ("once", "weekly"):
        return await _repeat(turn, data, arg)
    return [notice(stale_step())]


async def habit_lines(turn: Turn) -> list[str]:
    """Return one line per current habit, for overviews."""
    rows = await habits.list_habits(turn.session, user_id=turn.user.id)
    return [describe_habit(habit, schedules) for habit, schedules in rows]
