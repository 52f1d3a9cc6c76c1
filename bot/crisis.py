"""Notice messages that speak of suicide or self-harm, and say where to find help (pure)."""

import re
from html import escape

from bot.crisis_lines import DIRECTORIES, crisis_lines_for, emergency_number_for

# Telegram messages are at most 4096 characters; a longer text is scanned in full anyway,
# because every pattern below is linear and a missed message costs far more than the scan.
_MYSELF = r"(?:my ?sel[fv]e?s?|myslef|mysefl|meself|my own self)"
# Accidents ("cut myself shaving") are not self-harm; everything else errs towards asking.
_ACCIDENT = (
    r"(?! (?:shaving|cooking|chopping|slicing|by accident|accidentally|at (?:the gym|work)"
    r"|playing|lifting|running|on (?:the|a|some) (?:stove|oven|pan|kettle|iron|glass|paper)))"
)
_WANT = r"(?:want|wanna|wanted|wanting|wish|ready|need|deserve|would like|like|plan\w*)"
_PILLS = r"(?:pills|meds|tablets|medication)"
_PATTERNS = [
    # suicide, suicidal, sucide, suiside, suicde, suicidally
    r"\bsu+[iy]*[cs]+[iy]*[dt]+(?:e|es|al|ally|ing)?\b",
    r"\b(?:kms|unalive\w*|self ?harm\w*|self ?injur\w*|self ?mutilat\w*)\b",
    r"\bki+l+(?:s|ed|ing)? " + _MYSELF + r"\b(?! laughing)",
    r"(?<!accidentally )\b(?:end|off|hang|hurt|harm|cut|shoot|stab|drown|poison|starve|punish"
    r"|burn|strangle)(?:s|ed|t|ing|ting)? (?:up )?" + _MYSELF + r"\b" + _ACCIDENT,
    r"\b(?:end|ending|take|taking|took) (?:it all|my (?:own )?life)\b",
    r"\b(?:end|ending) everything\b",
    r"\b(?:going to|gonna|want to|wanna|will|ill|about to|ready to|thinking about|thinking of)"
    r" end(?:ing)? it\b(?! (?:with|between))",
    r"\b" + _WANT + r" (?:to )?(?:just )?(?:fucking )?die\b",
    r"\b(?:hope|wish) i (?:could |would |will )?die\b",
    r"\bwish i (?:was|were|wasnt|werent) (?:dead|never born|gone|not alive|not here)\b",
    r"\bwish i (?:didnt|did not) exist\b",
    r"\b(?:better off dead|better off without me|rather be dead|want to be dead)\b",
    r"\b(?:dont|do not|no longer|not) (?:really )?" + _WANT + r" (?:to )?(?:be )?"
    r"(?:alive|exist|existing|wake up|be born)\b",
    r"\b(?:dont|do not|no longer|not) (?:really )?" + _WANT + r" (?:to )?(?:live|living)\b"
    r"(?! (?:in|at|with|near|on|there|by|next|together|abroad|alone)\b)",
    r"\b(?:dont|do not|no longer|not) (?:really )?" + _WANT + r" (?:to )?(?:go on|keep going)"
    r"(?: like this| any ?more| living|$)",
    r"\b(?:dont|do not|no longer) (?:really )?" + _WANT + r" (?:to )?(?:be )?(?:here|around)"
    r" (?:any ?more|no more)\b",
    r"\b(?:no reason to live|nothing to live for|no point (?:in )?(?:living|going on|being alive))\b",
    r"\b(?:not worth living|life isnt worth|life is not worth|cant go on|cannot go on)\b",
    r"\b(?:give up|giving up|given up) on (?:life|living)\b",
    r"\b(?:cant|cannot) do this any ?more\b",
    r"\b(?:want|wish|hope) (?:to |i could |i would |i )?(?:never|not) wake up\b",
    r"\b(?:want|wish) (?:to |i could )?sleep forever\b",
    r"\b(?:overdos\w*|od on purpose)\b",
    r"\b(?:swallow\w*|take|taking|took) (?:a whole bottle|a bottle|all (?:of )?(?:my|the) "
    + _PILLS
    + r" at once)",
    r"\bswallow\w* all (?:of )?(?:my|the) " + _PILLS + r"\b",
    r"\b" + _WANT + r" (?:to )?(?:take|swallow) all (?:of )?(?:my|the) " + _PILLS + r"\b",
    r"\b(?:slit|slash|cut|cutting) (?:my )?wrists?\b",
    r"\b(?:started|start|been) cutting again\b",
    r"\bjump(?:ing|ed)? (?:off|from) (?:a|the) (?:bridge|building|roof|cliff|balcony)\b",
    r"\b(?:jump|step|throw myself) in front of (?:a|the) (?:train|bus|car|truck)\b",
]
_CRISIS = re.compile("|".join(f"(?:{p})" for p in _PATTERNS))
_REPEATS = re.compile(r"([a-z])\1{2,}")
_NOT_WORD = re.compile(r"[^a-z0-9 ]+")
# "ran 5 kms" is about distance, not "kill myself".
_DISTANCE = re.compile(r"\b\d+(?:[.,]\d+)? ?kms\b")


def _normalise(text: str) -> str:
    lowered = text.lower().replace("’", "'").replace("'", "")
    lowered = _DISTANCE.sub(" ", lowered)
    return " ".join(_REPEATS.sub(r"\1", _NOT_WORD.sub(" ", lowered)).split())


def mentions_crisis(text: str) -> bool:
    """Tell whether a message speaks of suicide, wanting to die or harming oneself."""
    if not isinstance(text, str) or not text.strip():
        return False
    return _CRISIS.search(_normalise(text)) is not None


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
