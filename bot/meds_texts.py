"""Copy of the treatment journal (/meds) and its six- and eight-week questions (pure).

What Steady says about medicines is the source article's, no more: antidepressants usually
take four to eight weeks to help, doses are changed together with the doctor, and a treatment
that only partly helps is worth raising with the doctor rather than settling for.
"""

from datetime import date
from html import escape

from bot.i18n import _, day_month, long_date, ngettext
from models.treatment import Course, weeks_on
from models.types import SideEffect, StopReason


def stop_reason_label(reason: StopReason) -> str:
    return {
        StopReason.SIDE_EFFECTS: _("Side effects"),
        StopReason.NO_EFFECT: _("No effect"),
        StopReason.COST: _("Cost"),
        StopReason.DOCTOR: _("Doctor's decision"),
        StopReason.OTHER: _("Other reason"),
    }[reason]


def side_effect_label(effect: SideEffect) -> str:
    return {
        SideEffect.NAUSEA: _("Nausea"),
        SideEffect.HEADACHE: _("Headache"),
        SideEffect.SLEEPINESS: _("Sleepiness"),
        SideEffect.INSOMNIA: _("Trouble sleeping"),
        SideEffect.DIZZINESS: _("Dizziness"),
        SideEffect.WEIGHT: _("Weight change"),
        SideEffect.SEXUAL: _("Sexual side effects"),
        SideEffect.DRY_MOUTH: _("Dry mouth"),
        SideEffect.RESTLESSNESS: _("Restlessness"),
        SideEffect.OTHER: _("Other"),
    }[effect]


def effects_list(effects: tuple[SideEffect, ...]) -> str:
    return ", ".join(side_effect_label(e).lower() for e in effects)


def weeks(count: int) -> str:
    return ngettext("{count} week", "{count} weeks", count).format(count=count)


def course_line(course: Course, today: date) -> str:
    """Say one medication: dose, since when, or from when to when and why it stopped (HTML)."""
    name = f"<b>{escape(course.name)}</b>"
    dose = f" {escape(course.dose)}" if course.dose else ""
    if course.stopped_on is None:
        since = _("since {day} (week {week})").format(
            day=day_month(course.started_on), week=weeks_on(course, today) + 1
        )
        return f"💊 {name}{dose} · {since}"
    reason = stop_reason_label(course.stop_reason) if course.stop_reason else ""
    span = f"{day_month(course.started_on)} – {day_month(course.stopped_on)}"
    stopped = _("stopped: {reason}").format(reason=reason.lower()) if reason else _("stopped")
    return f"<s>💊</s> {name}{dose} · {span} · {stopped}"


def overview(lines: list[str]) -> str:
    if not lines:
        return _(
            "<b>Your treatment journal</b>\n\nNothing in it yet. Add a medication you take — "
            "its dose and when you started — and I'll keep its changes and side effects for "
            "your doctor's report (/report)."
        )
    return "\n".join(
        [_("<b>Your treatment journal</b>"), "", *lines, "", _("Tap one to update it.")]
    )


def new_button() -> str:
    return _("➕ I started a medication")


def from_reminder_button(name: str) -> str:
    return _("➕ {name} (from your reminders)").format(name=name)


def dose_button() -> str:
    return _("Dose changed")


def stop_button() -> str:
    return _("I stopped it")


def effects_button() -> str:
    return _("Side effects")


def remind_button() -> str:
    return _("⏰ Add a daily reminder")


def today_button() -> str:
    return _("Today")


def yesterday_button() -> str:
    return _("Yesterday")


def detail(course: Course, today: date, effects: int) -> str:
    """Say a medication's doses over time and how many side-effect notes it has (HTML)."""
    lines = [course_line(course, today), ""]
    for dose in course.doses:
        lines.append(
            _("• {dose} from {day}").format(dose=escape(dose.dose), day=long_date(dose.from_on))
        )
    if effects:
        lines.append(
            ngettext("📝 {count} side-effect note", "📝 {count} side-effect notes", effects).format(
                count=effects
            )
        )
    return "\n".join(lines)


def ask_name() -> str:
    return _("What is the medication called?")


def bad_name() -> str:
    return _("A short name is enough, like <i>Sertraline</i>.")


def ask_dose(name: str) -> str:
    return _("What dose of <b>{name}</b>? For example <i>50 mg</i>.").format(name=escape(name))


def bad_dose() -> str:
    return _("A short dose is enough, like <i>50 mg</i> or <i>1 tablet</i>.")


def ask_started(name: str) -> str:
    return _("When did you start <b>{name}</b>? Tap, or type a date like <i>3 Sep</i>.").format(
        name=escape(name)
    )


def ask_changed(name: str) -> str:
    return _("Since when? Tap, or type a date like <i>3 Sep</i>.").format(name=escape(name))


def ask_stopped_when(name: str) -> str:
    return _("When did you stop <b>{name}</b>? Tap, or type a date like <i>3 Sep</i>.").format(
        name=escape(name)
    )


def bad_day() -> str:
    return _(
        "I couldn't read that as a day. Try <i>today</i>, <i>yesterday</i>, <i>3 Sep</i> or "
        "<i>2026-09-03</i> — not in the future."
    )


def before_start(started_on: date) -> str:
    return _("That's before it started ({day}). Which day was it?").format(
        day=long_date(started_on)
    )


def started(name: str, dose: str, day: date) -> str:
    return "\n\n".join(
        [
            _("💊 Saved: <b>{name}</b> {dose}, from {day}.").format(
                name=escape(name), dose=escape(dose), day=long_date(day)
            ),
            give_it_time(),
        ]
    )


def give_it_time() -> str:
    return _(
        "Antidepressants usually take four to eight weeks to help, so give it time. "
        "I'll ask you how it's going at six and at eight weeks."
    )


def ask_new_dose(name: str) -> str:
    return _("What is the new dose of <b>{name}</b>?").format(name=escape(name))


def dose_changed(name: str, dose: str, day: date) -> str:
    return "\n\n".join(
        [
            _("💊 Saved: <b>{name}</b> {dose} from {day}.").format(
                name=escape(name), dose=escape(dose), day=long_date(day)
            ),
            _(
                "Doses are changed together with your doctor. If this change wasn't agreed "
                "with them, please talk to them before going on."
            ),
        ]
    )


def ask_why_stopped(name: str) -> str:
    return _("Why did you stop <b>{name}</b>?").format(name=escape(name))


def stopped(name: str, day: date, reason: StopReason) -> str:
    text = _("Saved: <b>{name}</b> stopped on {day} ({reason}).").format(
        name=escape(name), day=long_date(day), reason=stop_reason_label(reason).lower()
    )
    if reason is StopReason.DOCTOR:
        return text
    return (
        text
        + "\n\n"
        + _(
            "Stopping some medicines can bring symptoms back or cause withdrawal-like effects. "
            "If your doctor doesn't know yet, please tell them soon."
        )
    )


def ask_effects(name: str) -> str:
    return _(
        "Which side effects from <b>{name}</b>? Tick all that fit, then tap <b>Done</b> — "
        "or type them in your own words."
    ).format(name=escape(name))


def done_button() -> str:
    return _("Done")


def pick_an_effect() -> str:
    return _("Tick at least one — or type it in your own words.")


def effects_saved(name: str, effects: tuple[SideEffect, ...]) -> str:
    return _(
        "📝 Noted for <b>{name}</b>: {effects}. Want to add a few words — when, how strong? "
        "Type them now."
    ).format(name=escape(name), effects=effects_list(effects) or _("in your words"))


def thats_all_button() -> str:
    return _("That's all ✓")


def words_saved() -> str:
    return _("📝 Noted for your doctor's report.")


def not_found() -> str:
    return _("That medication isn't in your journal any more — nothing changed.")
