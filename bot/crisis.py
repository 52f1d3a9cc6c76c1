"""Notice messages that speak of suicide or self-harm, and say where to find help (pure)."""

from html import escape

from bot.crisis_lines import DIRECTORIES, crisis_lines_for, emergency_number_for
from bot.safety import Risk, assess


def mentions_crisis(text: str) -> bool:
    """Tell whether a message speaks of suicide, wanting to die or harming oneself.

    A thin wrapper kept for today's callers; `bot.safety.assess` tells CONCERN from HIGH.
    """
    return assess(text) >= Risk.CONCERN


def crisis_reply(tz: str) -> str:
    """Return the warm reply with crisis resources for the user's country (Telegram HTML)."""
    lines = [
        "I'm really glad you told me. What you're feeling matters, and you don't have to"
        " carry it alone right now. 💛",
        "",
        "I'm only a reminder bot, not a crisis service, so please reach out to people"
        " who can listen and help:",
        *_resource_lines(tz),
        "",
        _emergency_sentence(tz),
        "",
        "I'm still here for your check-ins whenever you want.",
    ]
    return "\n".join(lines)


def crisis_resources_text(tz: str) -> str:
    """Return the short list of crisis resources for /help (Telegram HTML)."""
    return "\n".join(
        [
            "<b>If things feel too heavy</b>",
            "Steady is not a crisis service. You can talk to someone now:",
            *_resource_lines(tz),
            _emergency_sentence(tz),
        ]
    )


def _resource_lines(tz: str) -> list[str]:
    found = [f"• <b>{escape(line.name)}</b>: {escape(line.how)}" for line in crisis_lines_for(tz)]
    other = "Helplines in other countries" if found else "Find a helpline near you"
    return [*found, f"• {other}: {escape(DIRECTORIES[0])} or {escape(DIRECTORIES[1])}"]


def _emergency_sentence(tz: str) -> str:
    number = emergency_number_for(tz)
    suffix = f" (<b>{escape(number)}</b>)" if number else ""
    return f"If you are in danger now, call your local emergency number{suffix}."
