"""Inline and reply keyboards (pure: data in, markup out).

Buttons of a conversation step carry the step's number (`step`), so a tap on an older step's
button changes nothing.
"""

from collections.abc import Iterable, Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, KeyboardButton, ReplyKeyboardMarkup

from bot import crisis_texts, dose_texts, manage_texts, plan_texts, setup_texts, texts
from bot.callback_data import Area, button
from models.catalog import CATALOG
from models.tables import Habit
from models.types import HabitKind, StressTechnique


def rows(buttons: Sequence[InlineKeyboardButton], width: int) -> list[list[InlineKeyboardButton]]:
    return [list(buttons[i : i + width]) for i in range(0, len(buttons), width)]


def b(
    label: str, area: Area, op: str, ref: int | None = None, arg: str | int = ""
) -> InlineKeyboardButton:
    return InlineKeyboardButton(label, callback_data=button(area, op, ref, arg))


def share_location() -> ReplyKeyboardMarkup:
    """Offer a one-tap location share for the time zone."""
    return ReplyKeyboardMarkup(
        [[KeyboardButton(setup_texts.share_location_button(), request_location=True)]],
        resize_keyboard=True,
        one_time_keyboard=True,
    )


def zone_suggestions(step: int, zones: Iterable[str]) -> InlineKeyboardMarkup | None:
    buttons = [b(zone, Area.STEP, "tz", step, zone.lower().replace("/", ".")) for zone in zones]
    return InlineKeyboardMarkup(rows(buttons, 1)) if buttons else None


def habit_picker(step: int, picked: Iterable[HabitKind]) -> InlineKeyboardMarkup:
    """Tick buttons for the catalog, then Done; each says what a tap does (set, not toggle)."""
    chosen = set(picked)
    buttons = [
        b(f"✅ {texts.kind_label(kind)}", Area.STEP, "unpick", step, kind.value)
        if kind in chosen
        else b(texts.plain_label(kind), Area.STEP, "pick", step, kind.value)
        for kind in CATALOG
    ]
    return InlineKeyboardMarkup(
        [*rows(buttons, 1), [b(setup_texts.done_button(), Area.STEP, "go", step)]]
    )


def accept_or_change(step: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                b(setup_texts.sounds_good_button(), Area.STEP, "ok", step),
                b(setup_texts.change_time_button(), Area.STEP, "change", step),
            ]
        ]
    )


def dose_choices(step: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                b("08:00", Area.STEP, "times", step, "0800"),
                b(setup_texts.two_times("08:00", "20:00"), Area.STEP, "times", step, "0800.2000"),
            ],
            [b(setup_texts.own_times_button(), Area.STEP, "change", step)],
            [b(dose_texts.as_needed_button(), Area.STEP, "prn", step)],
        ]
    )


def techniques(area: Area, op: str, ref: int | None) -> InlineKeyboardMarkup:
    buttons = [b(texts.technique_label(t), area, op, ref, t.value) for t in StressTechnique]
    return InlineKeyboardMarkup(rows(buttons, 2))


def repeat_choice(step: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                b(setup_texts.once_button(), Area.STEP, "repeat", step, "once"),
                b(setup_texts.weekly_button(), Area.STEP, "repeat", step, "weekly"),
            ]
        ]
    )


def habits_list(habits: Sequence[Habit]) -> InlineKeyboardMarkup:
    """One button per habit, then Add."""
    buttons = [b(texts.plain_label(h.kind, h.name), Area.HABIT, "view", h.id) for h in habits]
    return InlineKeyboardMarkup(
        [*rows(buttons, 1), [b(manage_texts.add_button(), Area.HABIT, "add")]]
    )


def habit_actions(habit: Habit) -> InlineKeyboardMarkup:
    t = manage_texts
    toggle = (
        b(t.resume_button(), Area.HABIT, "resume", habit.id)
        if habit.paused
        else b(t.pause_button(), Area.HABIT, "pause", habit.id)
    )
    medicine = []
    if habit.kind is HabitKind.MEDICATION and not habit.as_needed:
        refilled = [b(dose_texts.refilled_button(), Area.HABIT, "refilled", habit.id)]
        medicine = [
            [
                b(dose_texts.pills_button(), Area.HABIT, "pills", habit.id),
                *(refilled if habit.pills_left is not None else []),
                b(dose_texts.follow_ups_button(habit.follow_ups), Area.HABIT, "nudges", habit.id),
            ]
        ]
    return InlineKeyboardMarkup(
        [
            [
                b(t.times_button(), Area.HABIT, "times", habit.id),
                b(t.days_button(), Area.HABIT, "days", habit.id),
            ],
            *medicine,
            [toggle, b(t.remove_button(), Area.HABIT, "remove", habit.id)],
            [b(t.back_button(), Area.HABIT, "list")],
        ]
    )


def days_choices(habit_id: int) -> InlineKeyboardMarkup:
    t = manage_texts
    options = [(t.every_day(), "all"), (t.weekdays(), "weekdays"), (t.weekends(), "weekends")]
    return InlineKeyboardMarkup(
        [[b(label, Area.HABIT, "setdays", habit_id, arg) for label, arg in options]]
    )


def confirm_remove(habit_id: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                b(manage_texts.confirm_remove_button(), Area.HABIT, "confirm", habit_id),
                b(manage_texts.keep_button(), Area.HABIT, "view", habit_id),
            ]
        ]
    )


def add_kinds() -> InlineKeyboardMarkup:
    buttons = [b(texts.plain_label(k), Area.HABIT, "add", arg=k.value) for k in HabitKind]
    return InlineKeyboardMarkup(rows(buttons, 1))


def safety_question() -> InlineKeyboardMarkup:
    """The answers to "are you safe?" (and to the next day's follow-up), and the plan."""
    t = crisis_texts
    return InlineKeyboardMarkup(
        [
            [b(t.safe_button(), Area.SAFETY, "safe")],
            [b(t.not_safe_button(), Area.SAFETY, "unsafe")],
            [b(t.numbers_button(), Area.SAFETY, "numbers")],
            [b(t.plan_button(), Area.SAFETY, "plan")],
        ]
    )


def safety_plan_offer() -> InlineKeyboardMarkup:
    """The safety plan, offered with every safety reply."""
    return InlineKeyboardMarkup([[b(crisis_texts.plan_button(), Area.SAFETY, "plan")]])


def numbers_offer() -> InlineKeyboardMarkup:
    """The way to the numbers, with a voice note's request to type."""
    return InlineKeyboardMarkup([[b(crisis_texts.numbers_button(), Area.SAFETY, "numbers")]])


def plan_step(step: int, *, has_text: bool, walk: bool) -> InlineKeyboardMarkup:
    """Keep what is written or skip the step; going through them all, stop for now too."""
    t = plan_texts
    first = (
        b(t.keep_button(), Area.STEP, "keep", step)
        if has_text
        else b(t.skip_button(), Area.STEP, "skip", step)
    )
    stop = [[b(t.stop_button(), Area.STEP, "stop", step)]] if walk else []
    return InlineKeyboardMarkup([[first], *stop])


def plan_overview(steps: Sequence[str | None], in_report: bool) -> InlineKeyboardMarkup:
    """Edit any step, carry on with the empty ones, and choose whether the report has it."""
    t = plan_texts
    edits = [[b(t.edit_button(i), Area.PLAN, "edit", None, i)] for i in range(len(steps))]
    more = [[b(t.continue_button(), Area.PLAN, "next")]] if not all(steps) else []
    report = (
        b(t.report_off_button(), Area.PLAN, "report", None, "off")
        if in_report
        else b(t.report_on_button(), Area.PLAN, "report", None, "on")
    )
    return InlineKeyboardMarkup([*edits, *more, [report]])
