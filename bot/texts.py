"""All user-facing copy: short, kind, never scolding; HTML-escaped where users typed it."""

from datetime import date, datetime
from html import escape

from bot.timezones import describe_zone
from models.catalog import Time
from models.tables import Habit, Schedule
from models.types import HabitKind, Purpose, StressTechnique

KIND_LABEL = {
    HabitKind.MEDICATION: "Medication",
    HabitKind.APPOINTMENT: "Therapy & appointments",
    HabitKind.SLEEP: "Sleep",
    HabitKind.EXERCISE: "Exercise",
    HabitKind.STRESS: "Stress relief",
    HabitKind.SUBSTANCE_FREE: "Alcohol- & drug-free days",
    HabitKind.MOOD: "Mood check",
}
KIND_EMOJI = {
    HabitKind.MEDICATION: "💊",
    HabitKind.APPOINTMENT: "🗓",
    HabitKind.SLEEP: "😴",
    HabitKind.EXERCISE: "🚶",
    HabitKind.STRESS: "🧘",
    HabitKind.SUBSTANCE_FREE: "🌿",
    HabitKind.MOOD: "🙂",
}
TECHNIQUE_LABEL = {
    StressTechnique.YOGA: "Yoga",
    StressTechnique.TAI_CHI: "Tai chi",
    StressTechnique.MEDITATION: "Meditation",
    StressTechnique.MINDFULNESS: "Mindfulness",
    StressTechnique.MUSCLE_RELAXATION: "Muscle relaxation",
    StressTechnique.JOURNALING: "Journaling",
}

NOT_A_DOCTOR = (
    "Please know: I'm not a doctor or a crisis service. If you ever feel unsafe, "
    "/help shows who you can call right away."
)
ASK_ZONE = (
    "First, where are you, so reminders come at your time? Type your city or time zone "
    "(e.g. <i>Berlin</i> or <i>America/New_York</i>), or tap the button to share your location."
)
ZONE_UNKNOWN = (
    "I don't know that place yet. Try a big city near you, a zone like <i>Europe/Berlin</i>, "
    "or share your location."
)
PICK_HABITS = (
    "Which would you like gentle reminders for? Tap to choose, then <b>Done</b>. "
    "You can change everything later."
)
PICK_AT_LEAST_ONE = "Choose at least one, or tap Done to skip for now."
ASK_MED_NAME = "What's the medicine called? (e.g. <i>Sertraline</i>)"
ASK_APPOINTMENT = (
    "When is your next appointment? Type a date and time, e.g. <i>3 Dec 15:00</i> "
    "or <i>tomorrow 10:30</i>."
)
ASK_REPEAT = "Is it just once, or every week at that time?"
ASK_TECHNIQUE = "Which calming practice would you like to keep up?"
ASK_ONE_TIME = "Type a time, e.g. <i>18:30</i> or <i>7pm</i>."
ASK_SLEEP_TIMES = "Type your bedtime and morning check-in, e.g. <i>23:00, 07:30</i>."
ASK_DOSE_TIMES = "Type the times you take it, e.g. <i>8:00, 20:00</i> (up to 6)."
BAD_TIME = "Sorry, I couldn't read that time. Try something like <i>8:00</i> or <i>20:30</i>."
BAD_TIMES = "Sorry, I couldn't read those times. Try something like <i>8:00, 20:00</i>."
BAD_SLEEP_TIMES = "I need two times: bedtime, then morning — e.g. <i>23:00, 07:30</i>."
BAD_DATE = (
    "Sorry, I couldn't read that as a future date and time. Try <i>3 Dec 15:00</i> "
    "or <i>tomorrow 10:30</i>."
)
BAD_NAME = "A short name is enough (up to 60 letters), e.g. <i>Sertraline</i>."
BAD_DAYS = "Try <i>every day</i>, <i>weekdays</i>, or days like <i>Mon Wed Fri</i>."
TOO_LONG = "That's a lot of text — a short answer is enough here."
TEXT_ONLY = "I can only read text here."
BUTTON_EXPIRED = "That button is from an older message — nothing changed."
NOT_YOURS = "That button isn't for you — nothing changed."
NOT_STARTED = "Tap /start to set things up first — it takes about a minute."
FINISH_SETUP = "Setting up isn't finished yet — tap /start to pick up where you left off."
REFUSED = "Sorry, this Steady bot is private. Nothing you send is stored."
SOMETHING_WRONG = "Sorry, something went wrong on my side. Please try again in a moment."
UNKNOWN_COMMAND = "I don't know that command. /help lists what I can do."
NO_HABITS = "No reminders set up yet. Tap <b>Add</b> to choose one."
REMOVE_CONFIRM = (
    "Remove <b>{name}</b>? Its reminders stop; what you logged stays in your summaries."
)
WELCOME_BACK = "Welcome back, {name}. Everything you set up is still here."
UNBLOCKED = "Good to see you again — your reminders are back on."


def welcome(name: str) -> str:
    """Greet a new user and say plainly what Steady is not."""
    return (
        f"Hi {escape(name) or 'there'}, I'm Steady 🌱\n\n"
        "I'll gently remind you of the small steps that help treatment work — medicines, "
        "appointments, sleep, movement, calm, alcohol-free days — and you answer with one tap.\n\n"
        f"{NOT_A_DOCTOR}"
    )


def zone_set(tz: str, now: datetime) -> str:
    return f"Got it: {escape(describe_zone(tz, now))}."


def hhmm(time: Time) -> str:
    return f"{time[0]:02d}:{time[1]:02d}"


def times_list(times: list[Time]) -> str:
    return ", ".join(hhmm(t) for t in times)


def propose_default(kind: HabitKind, times: list[Time], name: str = "") -> str:
    """Offer the sensible default for a habit, to accept with one tap."""
    label = f"{KIND_EMOJI[kind]} <b>{habit_title(kind, name)}</b>"
    if kind is HabitKind.SLEEP:
        return f"{label}: a wind-down nudge at {hhmm(times[0])} and a morning check-in at {hhmm(times[1])}. OK?"
    if kind is HabitKind.MEDICATION:
        return f"{label}: when do you take it? Tap a choice or type times like <i>8:00, 20:00</i>."
    return f"{label}: a reminder at {hhmm(times[0])} every day. OK?"


def habit_title(kind: HabitKind, name: str) -> str:
    """Return how a habit is called, with the user's name for it if any."""
    if name and kind in (HabitKind.MEDICATION, HabitKind.APPOINTMENT):
        return escape(name)
    if kind is HabitKind.STRESS and name in StressTechnique.__members__.values():
        return f"{KIND_LABEL[kind]} ({TECHNIQUE_LABEL[StressTechnique(name)]})"
    return KIND_LABEL[kind]


def describe_habit(habit: Habit, schedules: list[Schedule], days_text: str) -> str:
    """Return one line saying what a habit reminds of, and when."""
    line = f"{KIND_EMOJI[habit.kind]} {habit_title(habit.kind, habit.name)}: "
    by_purpose = {s.purpose: s for s in schedules}
    if habit.kind is HabitKind.APPOINTMENT and Purpose.CHECKIN in by_purpose:
        event = by_purpose[Purpose.CHECKIN]
        when = event.once_on.strftime("%a %-d %b") if event.once_on else f"every {days_text}"
        line += f"{when} at {hhmm((event.hour, event.minute))}"
        if event.once_on and all(s.next_fire_at is None for s in schedules) and not habit.paused:
            line += " · <i>past</i>"
    elif habit.kind is HabitKind.SLEEP and len(schedules) == 2:
        bed, morning = by_purpose[Purpose.WIND_DOWN], by_purpose[Purpose.CHECKIN]
        line += f"bedtime {hhmm((bed.hour, bed.minute))}, morning {hhmm((morning.hour, morning.minute))}"
        line += "" if days_text == "every day" else f", {days_text}"
    else:
        line += times_list([(s.hour, s.minute) for s in schedules]) + f", {days_text}"
    return line + (" · <i>paused</i>" if habit.paused else "")


def all_set(name: str, lines: list[str]) -> str:
    """Close onboarding by showing what is set up."""
    body = (
        "\n".join(f"• {line}" for line in lines) or "• nothing yet — add one any time with /habits"
    )
    return (
        f"All set, {escape(name) or 'friend'}! Here's what I'll remind you of:\n{body}\n\n"
        "One tap on a reminder is all it takes. /habits to change things, /settings for your "
        "zone and weekly summary, /help any time."
    )


def habits_overview(lines: list[str]) -> str:
    return (
        "<b>Your reminders</b>\n"
        + "\n".join(f"• {line}" for line in lines)
        + ("\n\nTap one to change it.")
    )


def habit_added(title: str) -> str:
    return f"Added: {title} ✓"


def appointment_when(on: date, time: Time) -> str:
    return f"{on:%a %-d %b} at {hhmm(time)}"
