"""Reminders' buttons and what each answer button means, per habit kind (pure).

The words are in bot/reminder_texts.py; buttons carry compact callback data (bot/callback_data.py).
"""

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot import dose_texts, keyboards, reminder_texts, texts
from bot.callback_data import Area, button
from bot.i18n import _, ngettext
from jobs.sender import DueReminder
from models.catalog import SNOOZE_MINUTES
from models.catch_up import Dose
from models.checkins import Entry
from models.tables import Checkin
from models.types import Answer, HabitKind, Purpose, SkipReason, StressTechnique

# Bedtimes offered with one tap after the sleep check-in (local hours).
BEDTIME_HOURS = (21, 22, 23, 0, 1, 2)
AWAKENING_CHOICES = (0, 1, 2, 3)  # the last reads "3+"


def _b(
    label: str, op: str, ref: int | None, arg: str | int = "", area: Area = Area.REMINDER
) -> InlineKeyboardButton:
    return InlineKeyboardButton(label, callback_data=button(area, op, ref, arg))


def reminder_keyboard(r: DueReminder) -> InlineKeyboardMarkup | None:
    """Return the one-tap answers for a check-in reminder; nudges have none."""
    if r.purpose is Purpose.SAFETY_CARE:
        return keyboards.safety_question()  # the same buttons as "are you safe?"
    if r.purpose is Purpose.REFILL:
        return refill_keyboard(r.delivery_id)
    if r.purpose is not Purpose.CHECKIN or r.kind is None:
        return None
    return InlineKeyboardMarkup(answer_rows(r.kind, r.delivery_id, r.habit_name))


def refill_keyboard(delivery_id: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                _b(dose_texts.refilled_button(), "refilled", delivery_id),
                _b(_("Count my pills"), "pills", delivery_id),
            ]
        ]
    )


def answer_rows(
    kind: HabitKind, ref: int, name: str = "", area: Area = Area.REMINDER
) -> list[list[InlineKeyboardButton]]:
    """Return the answer buttons of a kind; ref is a delivery (REMINDER) or a habit (LOG)."""

    def b(label: str, op: str, arg: str | int = "") -> InlineKeyboardButton:
        return _b(label, op, ref, arg, area)

    if kind is HabitKind.MEDICATION:
        later = [b(_("⏰ Snooze"), "snooze")] if area is Area.REMINDER else []
        return [
            [b(_("✅ Taken"), "done"), b(_("Skipped"), "skip")],
            [b(_("🕘 Taken earlier…"), "early"), *later],
        ]
    if kind is HabitKind.APPOINTMENT:
        return [[b(_("✅ Went"), "done"), b(_("Missed"), "skip"), b(_("Rescheduled"), "resch")]]
    if kind is HabitKind.SLEEP:
        hours = [b(_("{hours}h").format(hours=h), "val", h) for h in (4, 5, 6, 7, 8, 9, 10)]
        return [hours[:4], hours[4:]]
    if kind is HabitKind.EXERCISE:
        minutes = [b(_("{count} min").format(count=m), "val", m) for m in (10, 20, 30, 45, 60)]
        return [minutes[:3], [*minutes[3:], b(_("Not today"), "skip")]]
    if kind is HabitKind.STRESS:
        order = sorted(StressTechnique, key=lambda t: t.value != name)
        techs = [
            b(f"{'✅ ' if t.value == name else ''}{texts.technique_label(t)}", "tech", t.value)
            for t in order
        ]
        return [techs[:2], techs[2:4], techs[4:], [b(_("Not today"), "skip")]]
    if kind is HabitKind.SUBSTANCE_FREE:
        drinks = [b(_drinks_label(d), "val", d) for d in (1, 2, 3, 4)]
        return [
            [b(_("🌿 Alcohol- & drug-free"), "done")],
            drinks,
            [b(_("Used drugs"), "skip", "drugs")],
        ]
    return mood_scale(lambda value: b(str(value), "val", value))


def _drinks_label(count: int) -> str:
    if count == 4:
        return _("4+ drinks")
    return ngettext("{count} drink", "{count} drinks", count).format(count=count)


def mood_scale(make) -> list[list[InlineKeyboardButton]]:
    """Return the 0-10 mood buttons in two rows; make(value) builds one button."""
    scale = [make(value) for value in range(11)]
    return [scale[:6], scale[6:]]


def low_mood_keyboard() -> InlineKeyboardMarkup:
    """Offer a one-tap mood check-in, with or without a mood habit."""
    return InlineKeyboardMarkup(mood_scale(lambda v: _b(str(v), "mood", None, v, Area.LOG)))


def snooze_keyboard(ref: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[_b(_("{count} min").format(count=m), "snooze", ref, m) for m in SNOOZE_MINUTES]]
    )


def skip_reasons_keyboard(ref: int) -> InlineKeyboardMarkup:
    buttons = [
        _b(reminder_texts.skip_reason_label(reason), "why", ref, reason.value, Area.DETAIL)
        for reason in SkipReason
    ]
    return InlineKeyboardMarkup([buttons[:3], buttons[3:]])


def quality_keyboard(ref: int) -> InlineKeyboardMarkup:
    buttons = [
        _b(reminder_texts.sleep_quality_label(q), "qual", ref, q, Area.DETAIL) for q in range(1, 6)
    ]
    return InlineKeyboardMarkup([buttons[:3], buttons[3:]])


def sleep_details_keyboard(checkin: Checkin) -> InlineKeyboardMarkup | None:
    """Offer bedtime and awakenings, one tap each; a row goes once it is answered."""
    ref, rows = checkin.id, []
    if checkin.bedtime_minute is None:
        rows.append(
            [_b(f"{h:02d}:00", "bed", ref, f"{h:02d}00", Area.DETAIL) for h in BEDTIME_HOURS]
        )
    if checkin.awakenings is None:
        woke = [_b(_awakening_label(n), "woke", ref, n, Area.DETAIL) for n in AWAKENING_CHOICES]
        rows.append(woke)
    return InlineKeyboardMarkup(rows) if rows else None


def _awakening_label(count: int) -> str:
    if count == 0:
        return _("Slept through")
    if count == AWAKENING_CHOICES[-1]:
        return _("Woke {count}+").format(count=count)
    return _("Woke {count}×").format(count=count)


def medication_details_keyboard(checkin: Checkin) -> InlineKeyboardMarkup:
    """After a dose: say when it was really taken, or note a side effect."""
    ref = checkin.id or 0
    row = [_b(_("📝 Note a side effect"), "note", ref, "", Area.DETAIL)]
    if checkin.taken_at is None:
        row.insert(0, _b(_("🕘 Taken earlier…"), "at", ref, "", Area.DETAIL))
    return InlineKeyboardMarkup([row])


def taken_at_keyboard(ref: int, times: list[tuple[int, int]]) -> InlineKeyboardMarkup:
    buttons = [
        _b(texts.hhmm(time), "at", ref, f"{time[0]:02d}{time[1]:02d}", Area.DETAIL)
        for time in times
    ]
    return InlineKeyboardMarkup([buttons[:4], buttons[4:]] if len(buttons) > 4 else [buttons])


def catch_up_keyboard(doses: list[Dose], tz: str) -> InlineKeyboardMarkup:
    """One row per unanswered dose of yesterday: taken, or skipped."""
    return InlineKeyboardMarkup(
        [
            [
                _b(
                    f"✅ {dose_texts.dose_label(dose, tz)}",
                    "done",
                    dose.delivery_id,
                    "",
                    Area.YESTERDAY,
                ),
                _b(_("Skipped"), "skip", dose.delivery_id, "", Area.YESTERDAY),
            ]
            for dose in doses
        ]
    )


def note_keyboard(ref: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[_b(_("📝 Note a side effect"), "note", ref, "", Area.DETAIL)]])


# The range each kind's number may take; a forged button outside it is refused.
VALUE_RANGE = {
    HabitKind.SLEEP: (0, 24),
    HabitKind.EXERCISE: (0, 600),
    HabitKind.SUBSTANCE_FREE: (0, 50),
    HabitKind.MOOD: (0, 10),
}


def button_entry(kind: HabitKind, op: str, arg: str) -> Entry | None:
    """Return what an answer button means for this kind, or None if it does not fit."""
    if op in ("done", "early") and kind in (
        HabitKind.MEDICATION,
        HabitKind.APPOINTMENT,
        HabitKind.SUBSTANCE_FREE,
    ):
        if op == "early" and kind is not HabitKind.MEDICATION:
            return None
        return Entry(Answer.DONE, value=0.0 if kind is HabitKind.SUBSTANCE_FREE else None)
    if op == "skip" and kind is not HabitKind.MOOD and kind is not HabitKind.SLEEP:
        note = "drugs" if kind is HabitKind.SUBSTANCE_FREE and arg == "drugs" else None
        return Entry(Answer.SKIPPED, note=note) if arg in ("", "drugs") else None
    if op == "resch" and kind is HabitKind.APPOINTMENT:
        return Entry(Answer.RESCHEDULED)
    if op == "tech" and kind is HabitKind.STRESS and arg in StressTechnique.__members__.values():
        return Entry(Answer.DONE, note=arg)
    if op == "val" and kind in VALUE_RANGE and arg.isdigit():
        low, high = VALUE_RANGE[kind]
        if low <= int(arg) <= high:
            drank = kind is HabitKind.SUBSTANCE_FREE and int(arg) > 0
            return Entry(Answer.SKIPPED if drank else Answer.DONE, value=float(arg))
    return None
