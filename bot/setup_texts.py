"""Copy for setting up: the welcome, the time zone, choosing habits and adding one (pure)."""

from datetime import date, datetime
from html import escape

from bot.i18n import _, ngettext, short_date
from bot.texts import habit_title, hhmm, kind_label, name_or_friend, not_a_doctor
from bot.timezones import describe_zone, is_fixed_offset
from models.catalog import Time
from models.types import HabitKind


def welcome(name: str) -> str:
    """Greet a new user and say plainly what Steady is not."""
    greeting = _("Hi {name}, I'm Steady 🌱").format(
        name=escape(name) if name.strip() else _("there")
    )
    return "\n\n".join(
        [
            greeting,
            _(
                "I'll gently remind you of the small steps that help treatment work — medicines, "
                "appointments, sleep, movement, calm, alcohol-free days — and you answer with "
                "one tap."
            ),
            not_a_doctor(),
        ]
    )


def welcome_back(name: str, lines: list[str]) -> str:
    body = "\n".join(f"• {line}" for line in lines) or _("• nothing yet")
    return "\n".join(
        [
            _("Welcome back, {name}. Everything you set up is still here.").format(
                name=name_or_friend(name)
            ),
            body,
            "",
            _("/habits to change them, /help for more."),
        ]
    )


def unblocked() -> str:
    return _("Good to see you again — your reminders are back on.")


def ask_zone() -> str:
    return _(
        "First, where are you, so reminders come at your time? Type your city or time zone "
        "(e.g. <i>Berlin</i> or <i>America/New_York</i>), or tap the button to share your "
        "location."
    )


def ask_zone_again() -> str:
    return _(
        "Where are you now? Type your city or time zone (e.g. <i>Berlin</i>), or share your "
        "location."
    )


def zone_unknown() -> str:
    return _(
        "I don't know that place yet. Try a big city near you, a zone like "
        "<i>Europe/Berlin</i>, or share your location."
    )


def zone_set(tz: str, now: datetime) -> str:
    text = _("Got it: {zone}.").format(zone=escape(describe_zone(tz, now)))
    return f"{text} {fixed_offset_note()}" if is_fixed_offset(tz) else text


def zone_changed(tz: str, now: datetime) -> str:
    text = _("Got it: {zone}. Your reminders now follow this zone's clock.").format(
        zone=escape(describe_zone(tz, now))
    )
    return f"{text} {fixed_offset_note()}" if is_fixed_offset(tz) else text


def fixed_offset_note() -> str:
    return _(
        "That's a fixed offset with no summer time — if your clocks change in summer, type "
        "your city instead."
    )


def share_location_button() -> str:
    return _("📍 Share my location")


def pick_habits() -> str:
    return _(
        "Which would you like gentle reminders for? I've ticked the usual ones — tap to "
        "change, then <b>Done</b>. You can change everything later."
    )


def picked(kinds: list[HabitKind]) -> str:
    chosen = ", ".join(kind_label(kind) for kind in kinds) or _("none for now")
    return f"{pick_habits()}\n\n✓ {escape(chosen)}"


def pick_at_least_one() -> str:
    return _("Tap the ones you'd like, then <b>Done</b>.")


def done_button() -> str:
    return _("Done ➜")


def ask_med_name() -> str:
    return _("What's the medicine called? (e.g. <i>Sertraline</i>)")


def ask_appointment_name() -> str:
    return _("What is the appointment? (e.g. <i>Therapy with Dr Lee</i>)")


def ask_appointment_when(name: str) -> str:
    return _(
        "When is <b>{name}</b> next? Type a date and time, e.g. <i>3 Dec 15:00</i> or "
        "<i>tomorrow 10:30</i>."
    ).format(name=escape(name))


def appointment_when(on: date, time: Time) -> str:
    return _("{day} at {time}").format(day=short_date(on), time=hhmm(time))


def ask_repeat(on: date, time: Time) -> str:
    return _("{when}. Is it just once, or every week at that time?").format(
        when=appointment_when(on, time)
    )


def once_button() -> str:
    return _("Just once")


def weekly_button() -> str:
    return _("Every week")


def ask_technique() -> str:
    return _("Which calming practice would you like to keep up?")


def ask_one_time() -> str:
    return _("Type a time, e.g. <i>18:30</i> or <i>7pm</i>.")


def ask_sleep_times() -> str:
    return _("Type your bedtime and morning check-in, e.g. <i>23:00, 07:30</i>.")


def ask_dose_times() -> str:
    return _("Type the times you take it, e.g. <i>8:00, 20:00</i> (up to 6).")


def bad_time() -> str:
    return _("Sorry, I couldn't read that time. Try something like <i>8:00</i> or <i>20:30</i>.")


def bad_times() -> str:
    return _("Sorry, I couldn't read those times. Try something like <i>8:00, 20:00</i>.")


def bad_sleep_times() -> str:
    return _("I need two times: bedtime, then morning — e.g. <i>23:00, 07:30</i>.")


def bad_date() -> str:
    return _(
        "Sorry, I couldn't read that as a future date and time. Try <i>3 Dec 15:00</i> or "
        "<i>tomorrow 10:30</i>."
    )


def bad_name() -> str:
    return _("A short name is enough (up to 60 letters), e.g. <i>Sertraline</i>.")


def waiting_for_name(kind: HabitKind) -> str:
    """Say what the step waits for when the text looks like a check-in instead."""
    if kind is HabitKind.APPOINTMENT:
        return _(
            "I'm still waiting for the appointment's name — type it, or /cancel to stop adding it."
        )
    return _("I'm still waiting for the medicine's name — type it, or /cancel to stop adding it.")


def propose_default(kind: HabitKind, times: list[Time], name: str = "") -> str:
    """Offer the sensible default for a habit, to accept with one tap."""
    label = f"<b>{habit_title(kind, name)}</b>"
    if kind is HabitKind.SLEEP:
        return _(
            "{habit}: a wind-down nudge at {bedtime} and a morning check-in at {morning}. OK?"
        ).format(habit=label, bedtime=hhmm(times[0]), morning=hhmm(times[1]))
    if kind is HabitKind.MEDICATION:
        return _(
            "{habit}: when do you take it? Tap a choice or type times like <i>8:00, 20:00</i>."
        ).format(habit=label)
    return _("{habit}: a reminder at {time} every day. OK?").format(
        habit=label, time=hhmm(times[0])
    )


def sounds_good_button() -> str:
    return _("Sounds good ✓")


def change_time_button() -> str:
    return _("Change time")


def own_times_button() -> str:
    return _("Type my own times")


def two_times(first: str, second: str) -> str:
    return _("{first} and {second}").format(first=first, second=second)


def habit_added(title: str) -> str:
    return _("Added: {habit} ✓").format(habit=title)


def appointment_added(title: str, on: date | None, weekly: bool, event: Time) -> str:
    """Confirm an appointment and say when Steady will remind of it."""
    before = hhmm(((event[0] - 1) % 24, event[1]))
    if weekly or on is None:
        when = _("every week at {time}").format(time=hhmm(event))
    else:
        when = appointment_when(on, event)
    return _(
        "Added: {habit}, {when} ✓\nI'll remind you the day before at {time} and an hour "
        "before, at {before}, then ask how it went."
    ).format(habit=title, when=when, time=hhmm(event), before=before)


def adding_done() -> str:
    return _("Done ✓ — /habits shows everything.")


def all_set(name: str, lines: list[str]) -> str:
    """Close onboarding by showing what is set up."""
    body = "\n".join(f"• {line}" for line in lines) or _(
        "• nothing yet — add one any time with /habits"
    )
    return "\n".join(
        [
            _("All set, {name}! Here's what I'll remind you of:").format(name=name_or_friend(name)),
            body,
            "",
            _(
                "One tap on a reminder is all it takes. /habits to change things, /settings "
                "for your zone and weekly summary, /help any time."
            ),
        ]
    )


def doses(count: int) -> str:
    return ngettext("{count} dose a day", "{count} doses a day", count).format(count=count)
