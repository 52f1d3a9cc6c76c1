"""Copy for taking and erasing one's data (pure)."""

from bot.i18n import _


def no_data() -> str:
    return _("I don't keep any data about you.")


def export_caption() -> str:
    return _("All your data, one CSV file per kind. It's yours.")


def delete_ask() -> str:
    return _(
        "This erases <b>everything</b> Steady keeps about you: your habits, reminders, "
        "check-ins and settings. It can't be undone. (Tip: /export first if you'd like a "
        "copy.)\n\nErase it all?"
    )


def erase_button() -> str:
    return _("Yes, erase everything")


def keep_button() -> str:
    return _("No, keep it")


def deleted() -> str:
    return _(
        "Done — everything is erased. If you ever want to start again, just send /start. "
        "Take care 💙"
    )


def kept() -> str:
    return _("Okay, nothing was erased.")
