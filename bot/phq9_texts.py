"""The PHQ-9's words and its result (pure).

The questions are the PHQ-9's own wording (Kroenke, Spitzer & Williams 2001; free to use): a
validated questionnaire is only valid word for word, so a translation must be the published,
validated one for that language, never a fresh one.
"""

from datetime import date

from bot.i18n import _, day_month, short_date
from models import phq9
from models.stats import SummaryData
from models.tables import Phq9Result


def question() -> str:
    return _("Over the last 2 weeks, how often have you been bothered by:")


def items() -> tuple[str, ...]:
    return (
        _("Little interest or pleasure in doing things"),
        _("Feeling down, depressed, or hopeless"),
        _("Trouble falling or staying asleep, or sleeping too much"),
        _("Feeling tired or having little energy"),
        _("Poor appetite or overeating"),
        _(
            "Feeling bad about yourself — or that you are a failure or have let yourself or "
            "your family down"
        ),
        _("Trouble concentrating on things, such as reading the newspaper or watching television"),
        _(
            "Moving or speaking so slowly that other people could have noticed? Or the opposite "
            "— being so fidgety or restless that you have been moving around a lot more than "
            "usual"
        ),
        _("Thoughts that you would be better off dead or of hurting yourself in some way"),
    )


def answers() -> tuple[str, ...]:
    return (_("Not at all"), _("Several days"), _("More than half the days"), _("Nearly every day"))


def intro() -> str:
    return _(
        "Nine short questions about the last two weeks — the PHQ-9, a questionnaire doctors "
        "use. One tap each, about a minute. /cancel stops at any point."
    )


def tap_an_answer() -> str:
    return _("Please tap one of the answers above 🙂")


def question_text(index: int) -> str:
    header = _("{number} of {total}").format(number=index + 1, total=phq9.ITEMS)
    return f"<b>{header}</b> · {question()}\n\n<i>{items()[index]}</i>"


def severity(total: int) -> str:
    """Return the severity band of a total score, in the user's language."""
    return {
        "minimal": _("minimal"),
        "mild": _("mild"),
        "moderate": _("moderate"),
        "moderately severe": _("moderately severe"),
        "severe": _("severe"),
    }[phq9.severity(total)]


def result(total: int, previous: Phq9Result | None) -> str:
    text = _("Thank you. Your PHQ-9 score is <b>{score} of 27</b> ({band}).").format(
        score=total, band=severity(total)
    )
    if previous is not None:
        text += " " + _("Last time ({day}): {score}.").format(
            day=short_date(previous.at.date()), score=previous.score
        )
    return (
        text
        + "\n\n"
        + _(
            "It's a screening, not a diagnosis — a way to see how things move over time. A "
            "score of 10 or more, or one that keeps rising, is worth talking over with your "
            "doctor."
        )
    )


def self_harm_line(data: SummaryData) -> str | None:
    """Flag, with its days, each PHQ-9 in the summary's period whose item 9 was above zero."""
    flagged = [(day, answer) for day, answer in data.self_harm if data.start <= day <= data.end]
    if not flagged:
        return None
    days = ", ".join(
        f"{day_month(day)} (<i>{answers()[answer].lower()}</i>)" for day, answer in flagged
    )
    return "⚠️ " + _(
        "PHQ-9, {days}: thoughts of being better off dead or of hurting yourself. That is "
        "worth telling your doctor; /help has people to talk to any time, and /safetyplan "
        "your plan."
    ).format(days=days)


def self_harm_flag(day: date, answer: int) -> str:
    """Flag item 9 above zero for the doctor's PDF, with its date (plain text)."""
    return _(
        "Item 9 (thoughts that you would be better off dead, or of hurting yourself) "
        "answered above 0 on {day}: {answer} ({value})."
    ).format(day=short_date(day), answer=answers()[answer], value=answer)
