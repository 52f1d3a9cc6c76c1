"""What the safety net says (pure, through gettext): warm, short, never a quiz.

Written after the safe-messaging guidance for replying to someone who may be suicidal (WHO's
resource for media professionals, Samaritans' and the NSPA's guidelines for online spaces,
#chatsafe): when someone may be in danger the numbers come at once and complete, the
emergency number first; warmth comes with them, never instead of them; a direct, caring
question about safety is fine, "are you sure?" or a list of questions is not; the person's own
words are never repeated back, so no method or means is ever echoed; and the door stays open.
"""

from html import escape

from bot.crisis_lines import DIRECTORIES, crisis_lines_in, emergency_number_in
from bot.i18n import _


def emergency_line(country: str | None) -> str:
    """Return the emergency number, first of all the resources."""
    number = emergency_number_in(country)
    if number is None:
        return _("If you are in danger now, call your local emergency number.")
    return _("If you are in danger now, call emergency services on <b>{number}</b>.").format(
        number=escape(number)
    )


def line_items(country: str | None) -> list[str]:
    """Return the country's crisis lines, then the international directories."""
    found = [
        f"• <b>{escape(line.name)}</b>: {escape(_(line.how))}" for line in crisis_lines_in(country)
    ]
    links = " · ".join(escape(link) for link in DIRECTORIES)
    if found:
        return [*found, "• " + _("Helplines in other countries: {links}").format(links=links)]
    return ["• " + _("Find a helpline near you: {links}").format(links=links)]


def resources(country: str | None) -> str:
    """Return the numbers: the emergency number first, then people to talk to now."""
    return "\n".join(
        [
            emergency_line(country),
            "",
            _("You can talk to someone right now:"),
            *line_items(country),
        ]
    )


def short_resources(country: str | None) -> str:
    """Return the numbers in one line: the country's first line and the emergency number."""
    lines = crisis_lines_in(country)
    number = emergency_number_in(country)
    first = (
        f"<b>{escape(lines[0].name)}</b>: {escape(_(lines[0].how))}"
        if lines
        else escape(DIRECTORIES[0])
    )
    if number is None:
        return _("{line} · in an emergency: your local emergency number").format(line=first)
    return _("{line} · in an emergency: <b>{number}</b>").format(line=first, number=escape(number))


def high_reply(country: str | None) -> str:
    """Answer intent, a plan, means or an attempt: the resources at once."""
    return "\n".join(
        [
            _("I'm really glad you told me, and I'm taking it seriously. 💛"),
            "",
            resources(country),
            "",
            _(
                "I'm a reminder bot, not a crisis service, so please reach out to one of them. "
                "You don't have to go through this alone, and I'm still here."
            ),
        ]
    )


def concern_question(country: str | None) -> str:
    """Answer a passive or ambiguous message: a warm question, and the way to the numbers."""
    return "\n".join(
        [
            _("Thank you for telling me. That sounds really heavy. 💛"),
            "",
            _("Can I ask: are you safe right now?"),
            "",
            _("If you'd like to talk to someone: {numbers}").format(
                numbers=short_resources(country)
            ),
        ]
    )


def phq9_reply(country: str | None) -> str:
    """Answer PHQ-9 item 9 above "not at all": the resources, warmly, before going on."""
    return "\n".join(
        [
            _(
                "Thank you for answering that honestly. Thoughts like these are worth talking "
                "about with someone, and you don't have to wait until they get worse. 💛"
            ),
            "",
            resources(country),
            "",
            _("Please tell your doctor about them too."),
        ]
    )


def safe_reply() -> str:
    return _(
        "Thank you for letting me know. I'm glad. 💛 If that changes, the numbers are in /help "
        "any time, day or night, and your safety plan is in /safetyplan."
    )


def not_safe_reply(country: str | None) -> str:
    """Answer "I'm not safe": the resources at once, the safety plan comes next."""
    return "\n".join(
        [
            _("Thank you for telling me. Please reach out now, you deserve help with this. 💛"),
            "",
            resources(country),
        ]
    )


def voice_reply(country: str | None) -> str:
    """Answer a voice or video note: we cannot listen, so ask kindly to type."""
    return "\n".join(
        [
            _("I can't listen to voice or video messages, sorry. Could you type it instead? 🙏"),
            "",
            _("If something heavy is on your mind, you can talk to someone now: {numbers}").format(
                numbers=short_resources(country)
            ),
        ]
    )


def follow_up() -> str:
    """The caring message the day after a safety reply."""
    return _("I was thinking of you since yesterday 💛 How are you today?")


def help_resources(country: str | None) -> str:
    """Return where to find help, for /help."""
    return "\n".join(
        [
            _("<b>If things feel too heavy</b>"),
            _("Steady is not a crisis service."),
            resources(country),
            _("/safetyplan keeps your own plan for hard moments."),
        ]
    )


def safe_button() -> str:
    return _("💛 I'm safe for now")


def not_safe_button() -> str:
    return _("I'm not safe")


def numbers_button() -> str:
    return _("📞 Show me the numbers")


def plan_button() -> str:
    return _("📋 My safety plan")
