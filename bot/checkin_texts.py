"""Copy for check-ins outside the reminder itself: /checkin, free text, snoozes, notes (pure)."""

from bot.i18n import _, ngettext


def cant_read() -> str:
    return _(
        "I didn't quite catch that. You can type things like <i>took my meds</i>, "
        "<i>slept 7.5h</i>, <i>30 min walk</i>, <i>meditated</i>, <i>2 drinks</i> or "
        "<i>mood 6</i> — or use /checkin, /habits and /help."
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
