"""Copy around /summary and /report: asking, waiting, and the PDF's caption (pure)."""

from bot.i18n import _, ngettext
from models.treatment import Response, Verdict


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


# The PDF's words. Plain text (fpdf2 writes it as it is), so nothing here is HTML.


def pdf_title(first_name: str) -> str:
    if first_name.strip():
        return _("Treatment and self-care report: {name}").format(name=first_name.strip())
    return _("Treatment and self-care report")


def pdf_period(span: str, weeks: int) -> str:
    return ngettext("{span} · {count} week", "{span} · {count} weeks", weeks).format(
        span=span, count=weeks
    )


def self_reported() -> str:
    return _(
        "Self-reported: the patient recorded all of this with Steady, a reminder bot for "
        "daily self-care. It is not a clinical record; 'no answer' means a reminder went "
        "unanswered, not that the step was missed."
    )


def nothing_recorded() -> str:
    return _("No check-ins were recorded in this period.")


def at_a_glance() -> str:
    return _("At a glance")


def medications_heading() -> str:
    return _("Medications")


def week_by_week() -> str:
    return _("Week by week")


def phq9_heading() -> str:
    return _("PHQ-9 (self-completed)")


def phq9_bands() -> str:
    return _("Bands: 0–4 minimal, 5–9 mild, 10–14 moderate, 15–19 moderately severe, 20–27 severe.")


def side_effects_heading() -> str:
    return _("Side effects")


def reviews_heading() -> str:
    return _("How it's going (asked at six and eight weeks)")


def daily_heading() -> str:
    return _("Sleep, alcohol and daily habits")


def appointments_heading() -> str:
    return _("Appointments")


def questions_heading() -> str:
    return _("Questions the patient wants to ask")


def notes_heading() -> str:
    return _("Notes in the patient's words")


def table_header() -> list[str]:
    return [
        _("Medication"),
        _("Doses (from)"),
        _("Taken"),
        _("Doses taken*"),
        _("PHQ-9 start → latest"),
        _("Result"),
    ]


def doses_footnote() -> str:
    return _(
        "* Self-reported: reminders answered 'Taken', of the doses due while the medication "
        "was taken, where it has a reminder in Steady. Response: PHQ-9 down by at least 50% "
        "from the score nearest before the start (up to 4 weeks before); remission: under 5."
    )


def no_reminder() -> str:
    return _("no reminder")


def ongoing() -> str:
    return _("ongoing")


def since(day: str) -> str:
    return _("since {day}").format(day=day)


def weeks_short(count: int) -> str:
    return ngettext("{count} wk", "{count} wks", count).format(count=count)


def stopped_because(reason: str) -> str:
    return _("stopped: {reason}").format(reason=reason)


def week_starting() -> str:
    return _("Week of")


def doses_row(name: str) -> str:
    return _("{name}: doses taken").format(name=name)


def mood_row() -> str:
    return _("Mood (avg 0–10)")


def sleep_row() -> str:
    return _("Sleep (avg hours)")


def quality_row() -> str:
    return _("Sleep quality (avg 1–5)")


def alcohol_free_row() -> str:
    return _("Alcohol- & drug-free days")


def drinks_row() -> str:
    return _("Drinks")


def earlier(lines: str) -> str:
    return _("Before this period: {lines}").format(lines=lines)


def more_notes(count: int) -> str:
    return ngettext("(and {count} earlier note)", "(and {count} earlier notes)", count).format(
        count=count
    )


def asked_on(day: str) -> str:
    return _("asked {day}").format(day=day)


def open_question() -> str:
    return _("open")


def verdict(judged: Response) -> str:
    """Say whether a medication helped, by the PHQ-9."""
    return {
        Verdict.REMISSION: _("remission"),
        Verdict.RESPONSE: _("response"),
        Verdict.NO_RESPONSE: _("no response at 8+ weeks"),
        Verdict.TOO_EARLY: _("too early to tell (< 8 weeks)"),
        Verdict.NO_BASELINE: _("no PHQ-9 before the start"),
        Verdict.NOT_MEASURED: _("no PHQ-9 since the start"),
    }[judged.verdict]


def score_change(judged: Response) -> str:
    """Say the PHQ-9 at the start and the latest: "18 → 8 (−56%)"."""
    start = "–" if judged.baseline is None else str(judged.baseline[1])
    latest = "–" if judged.latest is None else str(judged.latest[1])
    if judged.change is None:
        return f"{start} → {latest}"
    percent = round(judged.change * 100)
    sign = "−" if percent < 0 else "+" if percent > 0 else "±"
    return f"{start} → {latest} ({sign}{abs(percent)}%)"


def not_in_journal() -> str:
    return _("reminder only, not in /meds")
