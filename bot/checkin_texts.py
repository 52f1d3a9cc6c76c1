"""Copy for check-ins outside the reminder itself: /checkin, free text, snoozes, notes (pure)."""

from bot.i18n import _, ngettext
from bot.parsing_results import Measure


def cant_read() -> str:
    return _(
        "I didn't quite catch that. You can type things like <i>took my meds</i>, "
        "<i>took it at 9:40</i>, <i>slept 7.5h</i>, <i>30 min walk</i>, <i>meditated</i>, "
        "<i>2 drinks</i> or <i>mood 6</i> — or use /checkin, /habits and /help."
    )


def what_to_log() -> str:
    return _("What would you like to log?")


def nothing_to_log() -> str:
    return _("Nothing to log yet — add a habit with /habits, or just type e.g. <i>30 min walk</i>.")


def snooze_for_how_long() -> str:
    return _("⏰ Snooze for how long?")


def snoozed(minutes: int) -> str:
    return ngettext(
        "⏰ Snoozed — I'll remind you again in {count} minute.",
        "⏰ Snoozed — I'll remind you again in {count} minutes.",
        minutes,
    ).format(count=minutes)


def ask_side_effect() -> str:
    return _("Type the side effect in a few words — it goes into your doctor's report.")


def side_effect_noted() -> str:
    return _("📝 Noted for your doctor's report.")


def note_too_long() -> str:
    return _("That's a lot of text — up to 500 letters, please.")


def forwarded() -> str:
    return _(
        "That looks forwarded — I only log what you write yourself. Type it in your own words "
        "if it's yours."
    )


def edit_changes_nothing() -> str:
    return _("I saw your edit — it changes nothing here. Send a new message if something's new.")


def entry_removed() -> str:
    return _("Okay — I've taken that entry out.")


def corrected(saved: str) -> str:
    return _("Corrected. {saved}").format(saved=saved)


def too_old(day: str) -> str:
    return _("That reminder was for {day} — too long ago to change now.").format(day=day)


def saved_for(day: str) -> str:
    return _("(Saved for {day}.)").format(day=day)


def nothing_to_snooze() -> str:
    return _("That reminder's day is over — there's nothing to snooze.")


def day_ends_first() -> str:
    return _("Your day ends before then, so I won't bring it back today.")


def out_of_range(measure: Measure) -> str:
    """Say the range a number must be in, with an example (nothing was saved)."""
    return {
        Measure.MOOD: _("Mood goes from 0 (lowest) to 10 — e.g. <i>mood 6</i>. Nothing saved."),
        Measure.HOURS: _("Hours slept go from 0 to 20 — e.g. <i>slept 7.5h</i>. Nothing saved."),
        Measure.QUALITY: _(
            "Sleep quality goes from 1 (very poor) to 5 (very good) — e.g. <i>quality 4</i>. "
            "Nothing saved."
        ),
        Measure.MINUTES: _("Minutes go from 1 to 600 — e.g. <i>30 min walk</i>. Nothing saved."),
        Measure.DRINKS: _("Drinks go from 0 to 30 — e.g. <i>2 drinks</i>. Nothing saved."),
        Measure.AWAKENINGS: _(
            "Times woken go from 0 to 20 — e.g. <i>woke up twice</i>. Nothing saved."
        ),
        Measure.TIME: _("I couldn't read that time — try e.g. <i>9:40</i>. Nothing saved."),
    }[measure]


def hard_day() -> str:
    return _(
        "I'm sorry today feels hard. 💙 You don't have to do anything. If you like, tap how "
        "your mood is, from 0 (lowest) to 10 — it helps you and your doctor see the days."
    )


def which_medicine() -> str:
    return _("Which one? Tap it — or <b>All of them</b>.")


def all_of_them_button() -> str:
    return _("All of them")


def no_medicine_left() -> str:
    return _("That medicine isn't in your list any more — nothing changed.")


def log_dose_button(label: str) -> str:
    return _("{habit} — took one now").format(habit=label)
