"""Copy of /ask: questions for the doctor, gathered for the next appointment (pure)."""

from html import escape

from bot.i18n import _, ngettext


def questions(texts: list[str]) -> str:
    """List the open questions, numbered so each "Asked ✓" button can name its number."""
    if not texts:
        return _(
            "<b>Questions for your doctor</b>\n\nNone open. Side effects, costs, doubts — "
            "write them down here when they come up, and I'll bring them up the day before "
            "your next appointment and in /report."
        )
    lines = [f"{number}. {escape(text)}" for number, text in enumerate(texts, start=1)]
    return "\n".join(
        [_("<b>Questions for your doctor</b>"), "", *lines, "", _("Tap “Asked ✓” once you have.")]
    )


def add_button() -> str:
    return _("➕ Add a question")


def about_it_button() -> str:
    return _("❓ Ask my doctor about it")


def asked_button(number: int) -> str:
    return _("{number} · Asked ✓").format(number=number)


def all_asked_button() -> str:
    return _("All asked ✓")


def show_button() -> str:
    return _("Show them")


def ask_question() -> str:
    return _(
        "What would you like to ask your doctor? A side effect, a cost, a doubt — a line is enough."
    )


def too_long(limit: int) -> str:
    return _("That's a bit long — {limit} characters at most, please.").format(limit=limit)


def too_many() -> str:
    return _("That's a long list already — mark some as asked first (“Asked ✓”).")


def saved() -> str:
    return _(
        "❓ Saved. I'll bring it up the day before your next appointment, and it's in /report."
    )


def marked(count: int) -> str:
    return ngettext("✓ Marked as asked.", "✓ {count} marked as asked.", count).format(count=count)


def after_visit(count: int) -> str:
    return ngettext(
        "Did you get to ask your question for the doctor?",
        "Did you get to ask your {count} questions for the doctor?",
        count,
    ).format(count=count)


def for_tomorrow(texts: list[str]) -> str:
    """The day-before reminder's list of open questions (HTML)."""
    lines = "\n".join(f"• {escape(text)}" for text in texts)
    return _("Your questions for the doctor (/ask):") + "\n" + lines


def side_effect_question(name: str, effects: str) -> str:
    return _("Side effects of {name}: {effects}").format(name=name, effects=effects)
