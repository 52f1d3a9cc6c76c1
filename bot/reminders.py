"""Reminder messages and their check-in buttons, per habit kind (pure)."""

from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot import ask_texts, crisis_texts, keyboards, texts
from bot.callback_data import Area, button
from bot.i18n import _
from jobs.sender import DueReminder
from models.catalog import SNOOZE_MINUTES
from models.checkins import Entry
from models.schedule import local_now
from models.tables import Checkin
from models.types import Answer, HabitKind, Purpose, SkipReason, StressTechnique


def skip_reason_label(reason: SkipReason) -> str:
    return {
        SkipReason.FORGOT: _("Forgot"),
        SkipReason.SIDE_EFFECTS: _("Side effects"),
        SkipReason.COST: _("Cost"),
        SkipReason.FELT_WELL: _("Felt well"),
        SkipReason.OTHER: _("Other"),
    }[reason]


STRESS_PROMPTS = {
    StressTechnique.YOGA: "A few gentle stretches or poses are plenty today.",
    StressTechnique.TAI_CHI: "Slow, flowing movement for a few minutes — no rush.",
    StressTechnique.MEDITATION: "Sit comfortably, close your eyes and follow ten slow breaths.",
    StressTechnique.MINDFULNESS: "Notice five things you can see and three you can hear.",
    StressTechnique.MUSCLE_RELAXATION: "Tense your shoulders for five seconds, then let go. Repeat down your body.",
    StressTechnique.JOURNALING: "Write three lines: how you feel, what weighs on you, one small good thing.",
}


def _b(
    label: str, op: str, ref: int, arg: str | int = "", area: Area = Area.REMINDER
) -> InlineKeyboardButton:
    return InlineKeyboardButton(label, callback_data=button(area, op, ref, arg))


def reminder_text(r: DueReminder, questions: list[str] | None = None) -> str:
    """Return the words of a reminder; a repeat is gentler still. The day before an
    appointment it lists the open questions for the doctor."""
    name = escape(r.habit_name)
    when = local_now(r.event_at, r.tz)
    prefix = "Gentle nudge: " if r.repeat else ""
    if r.purpose is Purpose.SAFETY_CARE:
        return crisis_texts.follow_up()
    if r.purpose is Purpose.WIND_DOWN:
        return "🌙 Time to start winding down. Screens off soon, lights low — rest well."
    if r.purpose is Purpose.DAY_BEFORE:
        text = _("🗓 Tomorrow at {time}: {name}. Worth keeping — it helps.").format(
            time=f"{when:%H:%M}", name=name or _("your appointment")
        )
        return f"{text}\n\n{ask_texts.for_tomorrow(questions)}" if questions else text
    if r.purpose is Purpose.HOUR_BEFORE:
        return f"🗓 In an hour, at {when:%H:%M}: {name or 'your appointment'}."
    return (
        prefix
        + {
            HabitKind.MEDICATION: f"💊 Time for {name or 'your medicine'} ({when:%H:%M}).",
            HabitKind.APPOINTMENT: f"🗓 How did {name or 'your appointment'} go?",
            HabitKind.SLEEP: "☀️ Good morning. How many hours did you sleep?",
            HabitKind.EXERCISE: "🚶 A little movement today? Even a short walk counts.",
            HabitKind.STRESS: "🧘 A few calm minutes for you. "
            + STRESS_PROMPTS.get(r.habit_name, ""),
            HabitKind.SUBSTANCE_FREE: "🌿 Evening check: how was today with alcohol and drugs?",
            HabitKind.MOOD: "🙂 How is your mood right now, from 0 (lowest) to 10?",
        }[r.kind]
    )


def reminder_keyboard(r: DueReminder) -> InlineKeyboardMarkup | None:
    """Return the one-tap answers for a check-in reminder; nudges have none."""
    if r.purpose is Purpose.SAFETY_CARE:
        return keyboards.safety_question()  # the same buttons as "are you safe?"
    if r.purpose is not Purpose.CHECKIN or r.kind is None:
        return None
    return InlineKeyboardMarkup(answer_rows(r.kind, r.delivery_id, r.habit_name))


def answer_rows(
    kind: HabitKind, ref: int, name: str = "", area: Area = Area.REMINDER
) -> list[list[InlineKeyboardButton]]:
    """Return the answer buttons of a kind; ref is a delivery (REMINDER) or a habit (LOG)."""

    def _b(label: str, op: str, ref: int, arg: str | int = "") -> InlineKeyboardButton:
        return InlineKeyboardButton(label, callback_data=button(area, op, ref, arg))

    if kind is HabitKind.MEDICATION:
        snooze = [_b("⏰ Snooze", "snooze", ref)] if area is Area.REMINDER else []
        return [[_b("✅ Taken", "done", ref), _b("Skipped", "skip", ref), *snooze]]
    if kind is HabitKind.APPOINTMENT:
        return [
            [_b("✅ Went", "done", ref), _b("Missed", "skip", ref), _b("Rescheduled", "resch", ref)]
        ]
    if kind is HabitKind.SLEEP:
        hours = [_b(f"{h}h", "val", ref, h) for h in (4, 5, 6, 7, 8, 9, 10)]
        return [hours[:4], hours[4:]]
    if kind is HabitKind.EXERCISE:
        minutes = [_b(f"{m} min", "val", ref, m) for m in (10, 20, 30, 45, 60)]
        return [minutes[:3], [*minutes[3:], _b("Not today", "skip", ref)]]
    if kind is HabitKind.STRESS:
        order = sorted(StressTechnique, key=lambda t: t.value != name)
        techs = [
            _b(
                f"{'✅ ' if t.value == name else ''}{texts.technique_label(t)}",
                "tech",
                ref,
                t.value,
            )
            for t in order
        ]
        return [techs[:2], techs[2:4], techs[4:], [_b("Not today", "skip", ref)]]
    if kind is HabitKind.SUBSTANCE_FREE:
        drinks = [
            _b(f"{d}{'+' if d == 4 else ''} drink{'s' if d > 1 else ''}", "val", ref, d)
            for d in (1, 2, 3, 4)
        ]
        return [
            [_b("🌿 Alcohol- & drug-free", "done", ref)],
            drinks,
            [_b("Used drugs", "skip", ref, "drugs")],
        ]
    scale = [_b(str(v), "val", ref, v) for v in range(11)]
    return [scale[:6], scale[6:]]


def ask_quality() -> str:
    return _("How well did you sleep, 1–5?")


def snooze_keyboard(ref: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[_b(f"{m} min", "snooze", ref, m) for m in SNOOZE_MINUTES]])


def skip_reasons_keyboard(ref: int) -> InlineKeyboardMarkup:
    buttons = [
        _b(skip_reason_label(reason), "why", ref, reason.value, Area.DETAIL)
        for reason in SkipReason
    ]
    return InlineKeyboardMarkup([buttons[:3], buttons[3:]])


def quality_keyboard(ref: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[_b(str(q), "qual", ref, q, Area.DETAIL) for q in range(1, 6)]])


def note_keyboard(ref: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[_b("📝 Note a side effect", "note", ref, "", Area.DETAIL)]])


def saved_text(kind: HabitKind, checkin: Checkin) -> str:
    """Say what was stored, warmly and briefly."""
    a, v = checkin.answer, checkin.value
    if a is Answer.NO_ANSWER:
        return "No answer recorded — that's okay."
    if kind is HabitKind.MEDICATION:
        return "✅ Taken — well done." if a is Answer.DONE else _skipped_med(checkin)
    if kind is HabitKind.APPOINTMENT:
        return {
            Answer.DONE: "✅ Went — that matters.",
            Answer.SKIPPED: "Missed — noted. Maybe book a new time when you can.",
            Answer.RESCHEDULED: "Rescheduled — noted.",
        }[a]
    if kind is HabitKind.SLEEP:
        quality = f", quality {checkin.quality}/5" if checkin.quality else ""
        return f"😴 Slept {v:g}h{quality} — noted." if v is not None else "😴 Noted."
    if kind is HabitKind.EXERCISE:
        return (
            f"🚶 {v:g} minutes moved — nice."
            if a is Answer.DONE and v
            else "Not today — rest is okay too."
        )
    if kind is HabitKind.STRESS:
        label = (
            texts.technique_label(StressTechnique(checkin.note))
            if checkin.note in StressTechnique.__members__.values()
            else ""
        )
        return (
            f"🧘 {label or 'Practice'} done — good for you."
            if a is Answer.DONE
            else "Not today — that's okay."
        )
    if kind is HabitKind.SUBSTANCE_FREE:
        if a is Answer.DONE:
            return "🌿 Alcohol- and drug-free today — noted."
        return (
            f"Noted: {v:g} drink{'s' if v != 1 else ''}. Thanks for being honest."
            if v
            else "Noted. Thanks for being honest."
        )
    return f"🙂 Mood {v:g}/10 — noted." if v is not None else "Noted."


def _skipped_med(checkin: Checkin) -> str:
    reason = (
        skip_reason_label(SkipReason(checkin.note))
        if checkin.note in SkipReason.__members__.values()
        else None
    )
    if reason:
        return f"Skipped ({reason.lower()}) — noted for your doctor's report."
    return "Skipped — noted. Want to say why? (optional)"


# The range each kind's number may take; a forged button outside it is refused.
VALUE_RANGE = {
    HabitKind.SLEEP: (0, 24),
    HabitKind.EXERCISE: (0, 600),
    HabitKind.SUBSTANCE_FREE: (0, 50),
    HabitKind.MOOD: (0, 10),
}


def button_entry(kind: HabitKind, op: str, arg: str) -> Entry | None:
    """Return what an answer button means for this kind, or None if it does not fit."""
    if op == "done" and kind in (
        HabitKind.MEDICATION,
        HabitKind.APPOINTMENT,
        HabitKind.SUBSTANCE_FREE,
    ):
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
