"""Inline and reply keyboards (pure: data in, markup out)."""

from collections.abc import Iterable, Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, KeyboardButton, ReplyKeyboardMarkup

from bot import texts
from bot.callback_data import button
from models.catalog import CATALOG
from models.tables import Habit
from models.types import HabitKind, StressTechnique


def _rows(buttons: Sequence[InlineKeyboardButton], width: int) -> list[list[InlineKeyboardButton]]:
    return [list(buttons[i : i + width]) for i in range(0, len(buttons), width)]


def _b(
    label: str, area: str, op: str, ref: int | None = None, arg: str | int = ""
) -> InlineKeyboardButton:
    return InlineKeyboardButton(label, callback_data=button(area, op, ref, arg))


def share_location() -> ReplyKeyboardMarkup:
    """Offer a one-tap location share for the time zone."""
    return ReplyKeyboardMarkup(
        [[KeyboardButton("📍 Share my location", request_location=True)]],
        resize_keyboard=True,
        one_time_keyboard=True,
    )


def zone_suggestions(zones: Iterable[str]) -> InlineKeyboardMarkup | None:
    buttons = [_b(zone, "f", "tz", arg=zone.lower().replace("/", ".")) for zone in zones]
    return InlineKeyboardMarkup(_rows(buttons, 1)) if buttons else None


def habit_picker(picked: Iterable[str]) -> InlineKeyboardMarkup:
    """Toggle buttons for the catalog, then Done."""
    chosen = set(picked)
    buttons = [
        _b(
            f"{'✅' if kind.value in chosen else texts.KIND_EMOJI[kind]} {texts.KIND_LABEL[kind]}",
            "f",
            "pick",
            arg=kind.value,
        )
        for kind in CATALOG
    ]
    return InlineKeyboardMarkup([*_rows(buttons, 1), [_b("Done ➜", "f", "go")]])


def accept_or_change() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[_b("Sounds good ✓", "f", "ok"), _b("Change time", "f", "change")]]
    )


def dose_choices() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                _b("08:00", "f", "times", arg="0800"),
                _b("08:00 and 20:00", "f", "times", arg="0800.2000"),
            ],
            [_b("Type my own times", "f", "change")],
        ]
    )


def techniques(area: str = "f", op: str = "tech", ref: int | None = None) -> InlineKeyboardMarkup:
    buttons = [_b(texts.TECHNIQUE_LABEL[t], area, op, ref, t.value) for t in StressTechnique]
    return InlineKeyboardMarkup(_rows(buttons, 2))


def repeat_choice() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                _b("Just once", "f", "repeat", arg="once"),
                _b("Every week", "f", "repeat", arg="weekly"),
            ]
        ]
    )


def habits_list(habits: Sequence[tuple[Habit, str]]) -> InlineKeyboardMarkup:
    """One button per habit, then Add."""
    buttons = [_b(title, "h", "view", habit.id) for habit, title in habits]
    return InlineKeyboardMarkup([*_rows(buttons, 1), [_b("➕ Add", "h", "add")]])


def habit_actions(habit: Habit) -> InlineKeyboardMarkup:
    toggle = (
        _b("▶️ Resume", "h", "resume", habit.id)
        if habit.paused
        else _b("⏸ Pause", "h", "pause", habit.id)
    )
    return InlineKeyboardMarkup(
        [
            [_b("🕗 Times", "h", "times", habit.id), _b("📅 Days", "h", "days", habit.id)],
            [toggle, _b("🗑 Remove", "h", "remove", habit.id)],
            [_b("« Back", "h", "list")],
        ]
    )


def days_choices(habit_id: int) -> InlineKeyboardMarkup:
    options = [("Every day", "all"), ("Weekdays", "weekdays"), ("Weekends", "weekends")]
    return InlineKeyboardMarkup(
        [[_b(label, "h", "setdays", habit_id, arg) for label, arg in options]]
    )


def confirm_remove(habit_id: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[_b("Yes, remove", "h", "confirm", habit_id), _b("Keep it", "h", "view", habit_id)]]
    )


def add_kinds() -> InlineKeyboardMarkup:
    buttons = [
        _b(f"{texts.KIND_EMOJI[k]} {texts.KIND_LABEL[k]}", "h", "add", arg=k.value)
        for k in HabitKind
    ]
    return InlineKeyboardMarkup(_rows(buttons, 1))
