"""Copy around /summary and /report: asking, waiting, and the PDF's caption (pure)."""

from bot.i18n import _, ngettext


def bad_days() -> str:
    return _(
        "Try <i>/summary</i> for the last week, or <i>/summary 30</i> — any number of days "
        "from 1 to 365."
    )


def report_ask() -> str:
    return _(
        "A PDF of what you logged, to take to your doctor or therapist. How far back should it go?"
    )


def weeks(count: int) -> str:
    return ngettext("{count} week", "{count} weeks", count).format(count=count)


def making_report() -> str:
    return _("Making your report…")


def report_caption(count: int) -> str:
    return ngettext(
        "Your last week. Self-reported through Steady — worth talking through with your doctor.",
        "Your last {count} weeks. Self-reported through Steady — worth talking through with "
        "your doctor.",
        count,
    ).format(count=count)
