"""Copy of the six- and eight-week "How is it going with X?" and of the summary's "don't
settle" (pure): a treatment that only partly helps is worth raising with the doctor."""

from html import escape

from bot.i18n import _
from bot.meds_texts import weeks
from models.types import ReviewAnswer


def review_answer_label(answer: ReviewAnswer) -> str:
    return {
        ReviewAnswer.BETTER: _("Better"),
        ReviewAnswer.A_LITTLE: _("A little better"),
        ReviewAnswer.NO_CHANGE: _("No different"),
        ReviewAnswer.WORSE: _("Worse"),
    }[answer]


def review_question(name: str, weeks_in: int) -> str:
    return _(
        "💊 It's been {weeks} since you started <b>{name}</b>. How is it going with it?"
    ).format(weeks=weeks(weeks_in), name=escape(name))


def review_saved(name: str, answer: ReviewAnswer, weeks_in: int) -> str:
    text = _("Thank you — noted for <b>{name}</b>: {answer}.").format(
        name=escape(name), answer=review_answer_label(answer).lower()
    )
    if answer in (ReviewAnswer.NO_CHANGE, ReviewAnswer.WORSE):
        if weeks_in < 8:
            return text + " " + _("It can take up to eight weeks; I'll ask again at eight.")
        return text + "\n\n" + dont_settle()
    return text


def dont_settle() -> str:
    return _(
        "If it hasn't helped enough by now, that is worth raising with your doctor — "
        "you don't have to settle for a treatment that only partly works."
    )


def add_words_button() -> str:
    return _("📝 Add a few words")


def ask_review_words() -> str:
    return _("Type a few words about how it's going — they go into your doctor's report.")


def not_helping_line(name: str, weeks_in: int, baseline: int, latest: int) -> str:
    """The weekly summary's "don't settle", for a medication whose PHQ-9 is not down by half."""
    return _(
        "💊 <b>{name}</b>, {weeks} in: your PHQ-9 is {latest}, from {baseline} when you "
        "started — not yet down by half. That is worth raising with your doctor; you don't "
        "have to settle for a treatment that only partly works."
    ).format(name=escape(name), weeks=weeks(weeks_in), latest=latest, baseline=baseline)
