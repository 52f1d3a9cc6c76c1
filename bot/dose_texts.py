"""Copy for medication details: pill counts and refills, follow-ups, doses taken as needed,
and yesterday's unanswered doses (pure, through gettext). Names are HTML-escaped."""

from datetime import date, datetime
from html import escape

from bot.i18n import _, ngettext, short_date
from bot.texts import hhmm
from models.catch_up import Dose
from models.refill import Forecast
from models.schedule import local_now

PILL_CHOICES = (28, 30, 56, 60, 90, 100)


def pills_button() -> str:
    return _("💊 Pills left")


def refilled_button() -> str:
    return _("🔄 Refilled")


def follow_ups_button(count: int) -> str:
    return _("🔔 Follow-ups: {count}").format(count=count)


def ask_pills(name: str) -> str:
    return _(
        "How many {name} pills do you have now? Tap or type the number — I'll say when "
        "they run out and remind you a few days before (one pill a dose)."
    ).format(name=escape(name))


def bad_pills() -> str:
    return _("Please type the number of pills, e.g. <i>30</i>.")


def forecast_text(name: str, found: Forecast | None, today: date) -> str:
    """Say when the pills run out and when Steady will remind (name as typed)."""
    name = escape(name)
    if found is None or found.runs_out is None:
        return _("Noted for {name}. With no set dose times I can't say when they run out.").format(
            name=name
        )
    days = (found.runs_out - today).days
    lasts = ngettext(
        "{name}: enough for about {count} day, until {day}.",
        "{name}: enough for about {count} days, until {day}.",
        days,
    ).format(name=name, count=days, day=short_date(found.runs_out))
    if found.remind_on is not None and found.remind_on > today:
        return (
            lasts
            + " "
            + _("I'll remind you on {day} to refill.").format(day=short_date(found.remind_on))
        )
    return lasts + " " + _("That's soon — worth refilling in the next days.")


def refilled_text(name: str, found: Forecast | None, today: date) -> str:
    return _("🔄 Refilled — thank you.") + " " + forecast_text(name, found, today)


def count_first() -> str:
    return _(
        "To know when your pills run out I need a count first: /habits → the medicine → "
        "<b>Pills left</b>."
    )


def which_refilled() -> str:
    return _("Which one did you refill?")


def ask_follow_ups(name: str) -> str:
    return _(
        "If a {name} reminder goes unanswered, how many gentle follow-ups, 30 minutes apart?"
    ).format(name=escape(name))


def follow_ups_set(name: str, count: int) -> str:
    if count == 0:
        return _("Okay — no follow-ups for {name}.").format(name=escape(name))
    return ngettext(
        "Okay — up to {count} gentle follow-up for {name}.",
        "Okay — up to {count} gentle follow-ups for {name}.",
        count,
    ).format(count=count, name=escape(name))


def as_needed_button() -> str:
    return _("As needed (no set times)")


def as_needed_added(title: str) -> str:
    return _(
        "Added: {habit}, as needed ✓ When you take one, tap it in /checkin — one tap — or type "
        "e.g. <i>took {habit}</i>."
    ).format(habit=title)


def as_needed_label() -> str:
    return _("as needed")


def catch_up_text(doses: list[Dose], tz: str) -> str:
    """Ask, once, about yesterday's unanswered doses."""
    if len(doses) == 1:
        dose = doses[0]
        return _(
            "🌅 Yesterday's {name} ({time}) wasn't answered — taken or skipped? "
            "No worries either way."
        ).format(name=escape(dose.name), time=_at(dose.due_at, tz))
    return _(
        "🌅 A few of yesterday's doses weren't answered — taken or skipped? No worries either way."
    )


def dose_label(dose: Dose, tz: str) -> str:
    return f"{dose.name} {_at(dose.due_at, tz)}"


def all_answered() -> str:
    return _("Yesterday's doses are all answered — thank you.")


def _at(at: datetime, tz: str) -> str:
    local = local_now(at, tz)
    return hhmm((local.hour, local.minute))
