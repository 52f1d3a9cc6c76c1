"""The personal safety plan's words: Stanley & Brown's six steps, asked gently (pure).

Each step is asked in plain words with a few examples; none names a method or a means, in
keeping with safe-messaging guidance (the last step speaks of "things" to put out of reach).
"""

from html import escape

from bot.crisis_lines import DIRECTORIES, CrisisLine, crisis_lines_in, emergency_number_in
from bot.i18n import _

STEPS = 6


def title(step: int) -> str:
    """Return a step's short title."""
    return (
        _("My warning signs"),
        _("What I can do on my own"),
        _("People and places that take my mind off things"),
        _("People I can ask for help"),
        _("Professionals and crisis lines"),
        _("Making my surroundings safer"),
    )[step]


def question(step: int) -> str:
    """Return what a step asks, with a few examples."""
    return (
        _(
            "What tells you a hard time may be coming? Thoughts, feelings, situations, things "
            "you start or stop doing. For example: <i>not sleeping, cancelling plans, "
            "thinking nothing will change</i>."
        ),
        _(
            "What can you do on your own to get through a difficult moment, even a little? "
            "For example: <i>a walk, a shower, music, a film, holding something cold</i>."
        ),
        _(
            "Who or where helps you think about something else for a while? You don't have "
            "to talk about how you feel there. For example: <i>a friend to text, a café, the "
            "park, a relative's kitchen</i>."
        ),
        _(
            "Who could you tell that you are struggling and ask for help? Names and numbers "
            "help, so they are there when it's hard to think."
        ),
        _(
            "Who can you call for professional help? Your doctor or therapist, their numbers, "
            "and crisis lines. I wrote in the lines for your country; change it as you like."
        ),
        _(
            "What could make your surroundings safer while things are hard? For example: "
            "<i>asking someone to keep certain things for you for a while, or keeping them "
            "somewhere hard to reach</i>."
        ),
    )[step]


def intro() -> str:
    return _(
        "<b>Your safety plan</b>\n"
        "A short plan in your own words, for the moments when things get very hard: what to "
        "notice, what helps, and who to turn to. Six small steps, at your own pace. Skip any "
        "of them and come back whenever you like; /safetyplan shows your plan any time."
    )


def ask(step: int, current: str | None) -> str:
    """Return a step's question, with what is written there now."""
    header = _("Step {number} of {total} · <b>{title}</b>").format(
        number=step + 1, total=STEPS, title=title(step)
    )
    text = f"{header}\n\n{question(step)}"
    if current:
        text += "\n\n" + _("Written now:") + f"\n<i>{escape(current)}</i>"
    return text + "\n\n" + _("Type your answer, as short or long as you like.")


def overview(steps: tuple[str | None, ...], in_report: bool) -> str:
    """Return the whole plan, step by step (HTML; the user's words escaped)."""
    lines = [_("<b>Your safety plan</b>")]
    for index, text in enumerate(steps):
        written = escape(text) if text else "<i>" + _("not written yet") + "</i>"
        lines += ["", f"<b>{index + 1}. {title(index)}</b>", written]
    lines += [
        "",
        _("In your doctor's report: yes") if in_report else _("In your doctor's report: no"),
    ]
    return "\n".join(lines)


def professionals_default(country: str | None) -> str:
    """Return the crisis lines and emergency number to start step 5 with (plain text)."""
    lines: list[CrisisLine] = list(crisis_lines_in(country))
    written = [f"{line.name}: {_(line.how)}" for line in lines] or [DIRECTORIES[0]]
    number = emergency_number_in(country)
    if number:
        written.append(_("Emergency: {number}").format(number=number))
    return "\n".join(written)


def skipped() -> str:
    return _("Skipped for now — you can come back to it any time.")


def stopped() -> str:
    return _("Okay. Your plan keeps what you wrote; /safetyplan picks up from here any time.")


def finished() -> str:
    return _(
        "That's your plan. 💛 It's yours to change whenever you like. Keep it somewhere you "
        "can find it, and maybe share it with someone you trust."
    )


def too_long(limit: int) -> str:
    return _("That's a bit long for one step: up to {limit} characters, please.").format(
        limit=limit
    )


def keep_button() -> str:
    return _("Keep it as it is")


def skip_button() -> str:
    return _("Skip for now")


def stop_button() -> str:
    return _("Stop here for now")


def edit_button(step: int) -> str:
    return f"✏️ {step + 1}. {title(step)}"


def continue_button() -> str:
    return _("➡️ Continue where I left off")


def report_on_button() -> str:
    return _("📄 Put it in my doctor's report")


def report_off_button() -> str:
    return _("📄 Leave it out of my doctor's report")


def no_plan_yet() -> str:
    return _(
        "You don't have a safety plan yet. Whenever you feel able, /safetyplan helps you "
        "write one, one small step at a time. For now, please reach out to the numbers above."
    )
