"""Copy for looking after one's reminders: /habits and /settings (pure)."""

from datetime import datetime
from html import escape

from babel.dates import format_datetime, get_day_names

from bot.countries import country_name
from bot.dose_texts import as_needed_label
from bot.i18n import _, locale, ngettext, short_date
from bot.texts import habit_title, hhmm, labelled, times_list
from bot.timezones import zone_name
from models.schedule import local_now, parse_cron_days
from models.tables import Habit, Schedule, User
from models.types import HabitKind, Purpose


def add_button() -> str:
    return _("➕ Add")


def resume_button() -> str:
    return _("▶️ Resume")


def pause_button() -> str:
    return _("⏸ Pause")


def times_button() -> str:
    return _("🕗 Times")


def days_button() -> str:
    return _("📅 Days")


def remove_button() -> str:
    return _("🗑 Remove")


def back_button() -> str:
    return _("« Back")


def confirm_remove_button() -> str:
    return _("Yes, remove")


def keep_button() -> str:
    return _("Keep it")


def every_day() -> str:
    return _("Every day")


def weekdays() -> str:
    return _("Weekdays")


def weekends() -> str:
    return _("Weekends")


def no_habits() -> str:
    return _("No reminders set up yet. Tap <b>Add</b> to choose one.")


def what_to_add() -> str:
    return _("What would you like to add?")


def habits_overview(lines: list[str]) -> str:
    body = "\n".join(f"• {line}" for line in lines)
    return "\n".join([_("<b>Your reminders</b>"), body, "", _("Tap one to change it.")])


def describe_habit(habit: Habit, schedules: list[Schedule]) -> str:
    """Return one line saying what a habit reminds of, and when (HTML)."""
    if habit.as_needed:
        return f"{labelled(habit.kind, habit.name)}: {as_needed_label()}"
    # The refill reminder is the medicine's, not one of its dose times.
    schedules = [s for s in schedules if s.purpose is not Purpose.REFILL]
    days = describe_days(schedules[0].days if schedules else "*")
    by_purpose = {s.purpose: s for s in schedules}
    if habit.kind is HabitKind.APPOINTMENT and Purpose.CHECKIN in by_purpose:
        event = by_purpose[Purpose.CHECKIN]
        at = hhmm((event.hour, event.minute))
        if event.once_on:
            when = _("{day} at {time}").format(day=short_date(event.once_on), time=at)
        else:
            when = _("{days} at {time}").format(days=days, time=at)
        past = event.once_on and all(s.next_fire_at is None for s in schedules)
        detail = when + (_(" · <i>past</i>") if past and not habit.paused else "")
    elif habit.kind is HabitKind.SLEEP and len(schedules) == 2:
        bed, morning = by_purpose[Purpose.WIND_DOWN], by_purpose[Purpose.CHECKIN]
        detail = _("bedtime {bedtime}, morning {morning}").format(
            bedtime=hhmm((bed.hour, bed.minute)), morning=hhmm((morning.hour, morning.minute))
        )
        detail += "" if bed.days == "*" else f", {days}"
    else:
        detail = times_list([(s.hour, s.minute) for s in schedules]) + f", {days}"
    paused = _(" · <i>paused</i>") if habit.paused else ""
    return f"{labelled(habit.kind, habit.name)}: {detail}{paused}"


def ask_days() -> str:
    return _("Which days? Tap one, or type e.g. <i>Mon Wed Fri</i>.")


def bad_days() -> str:
    return _("Try <i>every day</i>, <i>weekdays</i>, or days like <i>Mon Wed Fri</i>.")


def remove_confirm(kind: HabitKind, name: str) -> str:
    return _(
        "Remove <b>{habit}</b>? Its reminders stop; what you logged stays in your summaries."
    ).format(habit=habit_title(kind, name))


def removed() -> str:
    return _("Removed ✓")


def weekday_name(weekday: int) -> str:
    """Return a weekday's full name (0 = Monday) in the user's language."""
    return get_day_names("wide", locale=locale())[weekday]


def weekday_abbr(weekday: int) -> str:
    """Return a weekday's short name (0 = Monday), for buttons."""
    return get_day_names("abbreviated", locale=locale())[weekday]


def describe_days(days: str) -> str:
    """Say which weekdays a cron string names: "every day", "weekdays", "Mon, Wed, Fri"."""
    chosen = parse_cron_days(days)
    if len(chosen) == 7:
        return _("every day")
    if chosen == {0, 1, 2, 3, 4}:
        return _("weekdays")
    if chosen == {5, 6}:
        return _("weekends")
    return ", ".join(weekday_abbr(d) for d in sorted(chosen))


def settings_overview(user: User, now: datetime) -> str:
    paused = user.paused_until is not None and user.paused_until > now
    summary_at = hhmm(divmod(user.summary_minute, 60))
    lines = [
        _("<b>Settings</b>"),
        _("Time zone: {zone}").format(zone=escape(zone_name(user.tz))),
        _("Weekly summary: {day} at {time}").format(
            day=weekday_name(user.summary_weekday), time=summary_at
        ),
        _("Your day ends at {time} (unanswered reminders count as 'no answer' then)").format(
            time=hhmm(divmod(user.day_end_minute, 60))
        ),
    ]
    if paused and user.paused_until is not None:
        until = local_now(user.paused_until, user.tz)
        lines.append(
            _("Reminders: paused until {when}").format(
                when=format_datetime(until, "EEE d MMM HH:mm", locale=locale())
            )
        )
    else:
        lines.append(_("Reminders: on"))
    return "\n".join(lines)


def safety_settings(country: str | None, chosen: bool, follow_up: bool) -> str:
    """Return the settings' lines about the safety net: whose helplines, and the follow-up."""
    if country is None:
        where = _("Helplines: the international directories (no country chosen)")
    elif chosen:
        where = _("Helplines: {country}").format(country=escape(country_name(country)))
    else:
        where = _("Helplines: {country} (from your time zone)").format(
            country=escape(country_name(country))
        )
    care = (
        _("A check-in the day after a hard moment: on")
        if follow_up
        else _("A check-in the day after a hard moment: off")
    )
    return f"{where}\n{care}"


def country_button() -> str:
    return _("🆘 Helpline country")


def follow_up_button(on: bool) -> str:
    return _("💛 Next-day check-in: turn off") if on else _("💛 Next-day check-in: turn on")


def ask_country() -> str:
    return _(
        "Which country's helplines should I show you? Type its name, e.g. <i>Austria</i>, "
        "or tap below to follow your time zone."
    )


def use_zone_button() -> str:
    return _("Follow my time zone")


def unknown_country() -> str:
    return _(
        "I don't know that country. Try its name, e.g. <i>Belgium</i>, or its code, <i>BE</i>."
    )


def zone_button() -> str:
    return _("🌍 Time zone")


def summary_day_button() -> str:
    return _("📅 Summary day")


def summary_time_button() -> str:
    return _("🕕 Summary time")


def day_end_button() -> str:
    return _("🌙 Day ends at")


def pause_all_button() -> str:
    return _("⏸ Pause reminders")


def resume_all_button() -> str:
    return _("▶️ Resume reminders")


def ask_summary_day() -> str:
    return _("Which day should your weekly summary come?")


def ask_summary_time() -> str:
    return _("What time should your weekly summary come? Type e.g. <i>18:00</i>.")


def ask_day_end() -> str:
    return _(
        "When does your day end? Reminders still unanswered then count as 'no answer'. "
        "Type e.g. <i>04:00</i>."
    )


def ask_pause() -> str:
    return _("Pause all reminders for how long? They come back by themselves.")


def days_count(days: int) -> str:
    return ngettext("{count} day", "{count} days", days).format(count=days)
