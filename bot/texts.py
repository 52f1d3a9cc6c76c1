"""Copy shared by every part of the chat: habit names, notices, times (pure, through gettext).

Short, kind, never scolding. Every value a user typed (a name, a medicine) is HTML-escaped
where it is inserted, because messages are sent as Telegram HTML.
"""

from html import escape

from bot.i18n import _
from models.catalog import Time
from models.types import HabitKind, StressTechnique

KIND_EMOJI = {
    HabitKind.MEDICATION: "💊",
    HabitKind.APPOINTMENT: "🗓",
    HabitKind.SLEEP: "😴",
    HabitKind.EXERCISE: "🚶",
    HabitKind.STRESS: "🧘",
    HabitKind.SUBSTANCE_FREE: "🌿",
    HabitKind.MOOD: "🙂",
}


def kind_label(kind: HabitKind) -> str:
    """Return the one name of a habit kind, used everywhere (chat, summary, chart, PDF)."""
    return {
        HabitKind.MEDICATION: _("Medication"),
        HabitKind.APPOINTMENT: _("Therapy & appointments"),
        HabitKind.SLEEP: _("Sleep"),
        HabitKind.EXERCISE: _("Exercise"),
        HabitKind.STRESS: _("Stress relief"),
        HabitKind.SUBSTANCE_FREE: _("Alcohol- & drug-free days"),
        HabitKind.MOOD: _("Mood"),
    }[kind]


def technique_label(technique: StressTechnique) -> str:
    return {
        StressTechnique.YOGA: _("Yoga"),
        StressTechnique.TAI_CHI: _("Tai chi"),
        StressTechnique.MEDITATION: _("Meditation"),
        StressTechnique.MINDFULNESS: _("Mindfulness"),
        StressTechnique.MUSCLE_RELAXATION: _("Muscle relaxation"),
        StressTechnique.JOURNALING: _("Journaling"),
    }[technique]


def habit_title(kind: HabitKind, name: str) -> str:
    """Return how a habit is called (HTML), with the user's name for it if any."""
    if name and kind in (HabitKind.MEDICATION, HabitKind.APPOINTMENT):
        return escape(name)
    if kind is HabitKind.STRESS and name in StressTechnique.__members__.values():
        return f"{kind_label(kind)} ({technique_label(StressTechnique(name))})"
    return escape(kind_label(kind))


def labelled(kind: HabitKind, name: str) -> str:
    """Return a habit's emoji and title, for buttons and lists (HTML)."""
    return f"{KIND_EMOJI[kind]} {habit_title(kind, name)}"


def plain_label(kind: HabitKind, name: str = "") -> str:
    """Return a habit's emoji and title as plain text, for button labels (never HTML)."""
    if name and kind in (HabitKind.MEDICATION, HabitKind.APPOINTMENT):
        return f"{KIND_EMOJI[kind]} {name}"
    if kind is HabitKind.STRESS and name in StressTechnique.__members__.values():
        return f"{KIND_EMOJI[kind]} {technique_label(StressTechnique(name))}"
    return f"{KIND_EMOJI[kind]} {kind_label(kind)}"


def hhmm(time: Time) -> str:
    return f"{time[0]:02d}:{time[1]:02d}"


def times_list(times: list[Time]) -> str:
    return ", ".join(hhmm(t) for t in times)


def name_or_friend(name: str) -> str:
    """Return the user's first name, escaped, or a warm stand-in."""
    return escape(name) if name.strip() else _("friend")


# Notices: short answers to a button or a message that changes nothing.


def button_expired() -> str:
    return _("That button is from an older message — nothing changed.")


def stale_step() -> str:
    return _("That was for an earlier step — nothing changed.")


def not_yours() -> str:
    return _("That button isn't for you — nothing changed.")


def not_started() -> str:
    return _("Tap /start to set things up first — it takes about a minute.")


def finish_setup() -> str:
    return _("Setting up isn't finished yet — tap /start to pick up where you left off.")


def refused() -> str:
    return _("Sorry, this Steady bot is private. Nothing you send is stored.")


def private_only(bot_username: str) -> str:
    return _(
        "I work in private chats only, to keep what you share private. Message me directly: @{bot}"
    ).format(bot=bot_username)


def something_wrong() -> str:
    return _("Sorry, something went wrong on my side. Please try again in a moment.")


def unknown_command() -> str:
    return _("I don't know that command. /help lists what I can do.")


def too_long() -> str:
    return _("That's a lot of text — a short answer is enough here.")


def text_only(hint: str) -> str:
    return _("I can only read text here.") + " " + hint


def tap_a_button() -> str:
    return _("Tap one of the buttons above 🙂")


def type_or_tap() -> str:
    return _("Please type your answer, or use the buttons above.")


def what_i_can_do() -> str:
    return _("Type <i>/help</i> to see what I can do.")


def saved() -> str:
    return _("Saved ✓")


def stopped() -> str:
    return _("Okay, stopped. Nothing else changed. /help if you need me.")


def not_a_doctor() -> str:
    return _(
        "Please know: I'm not a doctor or a crisis service. If you ever feel unsafe, "
        "/help shows who you can call right away."
    )
