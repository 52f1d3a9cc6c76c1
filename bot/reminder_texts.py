"""The words of reminders and of the answers they get, per habit kind (pure, through gettext).

Every answer names its habit ("✅ Sertraline taken"), so a message read later, or forwarded,
still says what it was about. Names the user typed are HTML-escaped where they go in.
"""

from datetime import date, datetime
from html import escape

from bot import ask_texts, crisis_texts
from bot.i18n import _, ngettext, number, short_date
from bot.texts import hhmm, technique_label
from jobs.sender import DueReminder
from models.catalog import REFILL_LEAD_DAYS
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


def stress_prompt(technique: str) -> str:
    """Return a short guided prompt for a calming practice ("" for an unknown one)."""
    prompts = {
        StressTechnique.YOGA: _("A few gentle stretches or poses are plenty today."),
        StressTechnique.TAI_CHI: _("Slow, flowing movement for a few minutes — no rush."),
        StressTechnique.MEDITATION: _(
            "Sit comfortably, close your eyes and follow ten slow breaths."
        ),
        StressTechnique.MINDFULNESS: _("Notice five things you can see and three you can hear."),
        StressTechnique.MUSCLE_RELAXATION: _(
            "Tense your shoulders for five seconds, then let go. Repeat down your body."
        ),
        StressTechnique.JOURNALING: _(
            "Write three lines: how you feel, what weighs on you, one small good thing."
        ),
    }
    return prompts.get(technique, "")  # type: ignore[call-overload]


def sleep_quality_label(quality: int) -> str:
    """Return the Consensus Sleep Diary's words for a quality of 1-5."""
    return {
        1: _("Very poor"),
        2: _("Poor"),
        3: _("Fair"),
        4: _("Good"),
        5: _("Very good"),
    }[quality]


def reminder_text(r: DueReminder, questions: list[str] | None = None) -> str:
    """Return the words of a reminder; a repeat is gentler still. The day before an
    appointment it lists the open questions for the doctor."""
    name = escape(r.habit_name)
    at = hhmm(_local_time(r.event_at, r.tz))
    if r.purpose is Purpose.SAFETY_CARE:
        return crisis_texts.follow_up()
    if r.purpose is Purpose.WIND_DOWN:
        return _("🌙 Time to start winding down. Screens off soon, lights low — rest well.")
    if r.purpose is Purpose.DAY_BEFORE:
        text = _("🗓 Tomorrow at {time}: {name}. Worth keeping — it helps.").format(
            time=at, name=name or _("your appointment")
        )
        return f"{text}\n\n{ask_texts.for_tomorrow(questions)}" if questions else text
    if r.purpose is Purpose.HOUR_BEFORE:
        return _("🗓 In an hour, at {time}: {name}.").format(
            time=at, name=name or _("your appointment")
        )
    if r.purpose is Purpose.REFILL:
        return refill_due(name or _("your medicine"), local_now(r.event_at, r.tz).date())
    text = _checkin_question(r.kind, name, at, r.habit_name)
    return _("Gentle nudge: {reminder}").format(reminder=text) if r.repeat else text


def _checkin_question(kind: HabitKind | None, name: str, at: str, technique: str) -> str:
    if kind is HabitKind.MEDICATION:
        return _("💊 Time for {name} ({time}).").format(name=name or _("your medicine"), time=at)
    if kind is HabitKind.APPOINTMENT:
        return _("🗓 How did {name} go?").format(name=name or _("your appointment"))
    if kind is HabitKind.SLEEP:
        return _("☀️ Good morning. How many hours did you sleep?")
    if kind is HabitKind.EXERCISE:
        return _("🚶 A little movement today? Even a short walk counts.")
    if kind is HabitKind.STRESS:
        return (_("🧘 A few calm minutes for you.") + " " + stress_prompt(technique)).strip()
    if kind is HabitKind.SUBSTANCE_FREE:
        return _("🌿 Evening check: how was today with alcohol and drugs?")
    return _("🙂 How is your mood right now, from 0 (lowest) to 10?")


def _local_time(at: datetime, tz: str) -> tuple[int, int]:
    local = local_now(at, tz)
    return local.hour, local.minute


def refill_due(name: str, today: date, days_left: int | None = None) -> str:
    """Say that a medicine runs out soon (name is HTML already)."""
    left = REFILL_LEAD_DAYS if days_left is None else days_left
    runs_out = date.fromordinal(today.toordinal() + left)
    return ngettext(
        "💊 {name}: pills for about {count} more day (until {day}). Time to refill? "
        "Tap <b>Refilled</b> once you have.",
        "💊 {name}: pills for about {count} more days (until {day}). Time to refill? "
        "Tap <b>Refilled</b> once you have.",
        left,
    ).format(name=name, count=left, day=short_date(runs_out))


def saved_text(checkin: Checkin, title: str, tz: str) -> str:
    """Say what was stored, naming the habit (title is HTML already), warmly and briefly."""
    kind, answer = checkin.kind, checkin.answer
    if answer is Answer.NO_ANSWER:
        return _("{habit}: no answer recorded — that's okay.").format(habit=title)
    if kind is HabitKind.MEDICATION:
        return _medication_saved(checkin, title, tz)
    if kind is HabitKind.APPOINTMENT:
        return {
            Answer.DONE: _("✅ {habit}: went — that matters."),
            Answer.SKIPPED: _("{habit}: missed — noted. Maybe book a new time when you can."),
            Answer.RESCHEDULED: _("{habit}: rescheduled — noted."),
        }[answer].format(habit=title)
    if kind is HabitKind.SLEEP:
        return sleep_saved(checkin)
    if kind in (HabitKind.EXERCISE, HabitKind.STRESS):
        return _moved_saved(checkin, title)
    if kind is HabitKind.SUBSTANCE_FREE:
        return _substance_saved(checkin)
    if checkin.value is None:
        return _("🙂 Mood: noted.")
    return _("🙂 Mood {value}/10 — noted.").format(value=number(checkin.value))


def _medication_saved(checkin: Checkin, title: str, tz: str) -> str:
    if checkin.answer is Answer.DONE:
        if checkin.taken_at is not None:
            at = hhmm(_local_time(checkin.taken_at, tz))
            return _("✅ {habit} taken at {time} — well done.").format(habit=title, time=at)
        return _("✅ {habit} taken — well done.").format(habit=title)
    if checkin.note in SkipReason.__members__.values():
        reason = skip_reason_label(SkipReason(checkin.note)).lower()
        return _("{habit} skipped ({reason}) — noted for your doctor's report.").format(
            habit=title, reason=reason
        )
    return _("{habit} skipped — noted. Want to say why? (optional)").format(habit=title)


def sleep_saved(checkin: Checkin) -> str:
    """Say the night as stored: hours, quality, bedtime and awakenings, whichever were given."""
    parts = []
    if checkin.value is not None:
        parts.append(_("{hours} h").format(hours=number(checkin.value)))
    if checkin.quality:
        parts.append(sleep_quality_label(checkin.quality).lower())
    if checkin.bedtime_minute is not None:
        parts.append(_("in bed {time}").format(time=hhmm(divmod(checkin.bedtime_minute, 60))))
    if checkin.awakenings is not None:
        parts.append(woke_times(checkin.awakenings))
    if not parts:
        return _("😴 Sleep: noted.")
    return _("😴 Sleep: {night} — noted.").format(night=", ".join(parts))


def woke_times(count: int) -> str:
    if count == 0:
        return _("slept through")
    return ngettext("woke {count} time", "woke {count} times", count).format(count=count)


def _moved_saved(checkin: Checkin, title: str) -> str:
    if checkin.answer is not Answer.DONE:
        return _("{habit}: not today — rest is okay too.").format(habit=title)
    if checkin.kind is HabitKind.STRESS:
        if checkin.note in StressTechnique.__members__.values():
            title = technique_label(StressTechnique(checkin.note))
        return _("🧘 {habit} done — good for you.").format(habit=title)
    if checkin.value:
        minutes = int(checkin.value)
        return ngettext(
            "🚶 {habit}: {count} minute moved — nice.",
            "🚶 {habit}: {count} minutes moved — nice.",
            minutes,
        ).format(habit=title, count=number(checkin.value))
    return _("🚶 {habit}: done — nice.").format(habit=title)


def _substance_saved(checkin: Checkin) -> str:
    if checkin.answer is Answer.DONE:
        return _("🌿 Alcohol- and drug-free today — noted.")
    if checkin.value:
        drinks = int(checkin.value)
        return ngettext(
            "🌿 Noted: {count} drink today. Thanks for being honest.",
            "🌿 Noted: {count} drinks today. Thanks for being honest.",
            drinks,
        ).format(count=number(checkin.value))
    return _("🌿 Noted. Thanks for being honest.")


def ask_quality() -> str:
    return _("How well did you sleep?")


def ask_sleep_details() -> str:
    return _("Optional — when did you go to bed, and did you wake in the night?")


def ask_taken_at() -> str:
    return _("When did you take it? Tap a time, or type one (e.g. <i>7:40</i>).")
