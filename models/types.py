"""Column types and enums shared by the tables and the rules over them."""

import re
from datetime import UTC, datetime
from enum import IntFlag, StrEnum

from sqlalchemy import DateTime
from sqlalchemy.types import TypeDecorator
from sqlmodel.sql.sqltypes import AutoString

# PostgreSQL's text cannot hold NUL, and neither database can encode a lone surrogate (JSON lets
# an update carry one as "\ud800"): either makes the whole unit of work fail.
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def storable_text(text: str) -> str:
    """Return text without the characters PostgreSQL or SQLite refuse to store."""
    return _UNSTORABLE.sub("", text)


class UtcDateTime(TypeDecorator):
    """Store aware UTC datetimes; re-attach the zone that SQLite drops."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime; store aware UTC")
        value = value.astimezone(UTC)
        # SQLite compares datetimes as text, so one fixed, zone-less format keeps order.
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect):
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class UserText(TypeDecorator):
    """Text a user typed or Telegram relayed: stored without what the database refuses, and cut
    to the column's length (PostgreSQL refuses longer text rather than cutting it)."""

    impl = AutoString
    cache_ok = True

    def process_bind_param(self, value: str | None, dialect):
        if value is None:
            return None
        value = storable_text(value)
        return value[: self.impl.length] if self.impl.length else value


class HabitKind(StrEnum):
    MEDICATION = "medication"
    APPOINTMENT = "appointment"
    SLEEP = "sleep"
    EXERCISE = "exercise"
    STRESS = "stress"
    SUBSTANCE_FREE = "substance_free"
    MOOD = "mood"


class Purpose(StrEnum):
    """What a schedule row fires for."""

    CHECKIN = "checkin"  # the habit's reminder with check-in buttons
    WIND_DOWN = "wind_down"  # sleep: a bedtime nudge, no answer expected
    DAY_BEFORE = "day_before"  # appointment: the day before
    HOUR_BEFORE = "hour_before"  # appointment: an hour before
    SUMMARY = "summary"  # the user's weekly summary
    # "How is it going with X?" six and eight weeks after a medication's start. Names stay
    # within 11 letters: on SQLite the column is a VARCHAR as long as the longest name.
    MED_REVIEW = "med_review"
    # The caring message the day after a safety reply. Names stay within 11 letters: see
    # migrations/versions/0005_safety_net.py for why a longer one would cost SQLite data.
    SAFETY_CARE = "safety_care"
    REFILL = "refill"  # medication: a few days before the pills run out
    CATCH_UP = "catch_up"  # the morning after doses went unanswered: taken or skipped?


class SafetyEventKind(StrEnum):
    """What a safety moment was; counted so the operator sees how the net is used, never with
    the words that led to it."""

    RESOURCES = "resources"  # high risk: the crisis resources at once
    ASKED = "asked"  # a passive or ambiguous message: a gentle "are you safe?"
    PHQ9 = "phq9"  # PHQ-9 item 9 answered above "not at all"
    SAID_SAFE = "said_safe"  # "I'm safe for now"
    SAID_NOT_SAFE = "said_not_safe"  # "I'm not safe": the resources and the safety plan
    NUMBERS = "numbers"  # "Show me the numbers"


class Answer(StrEnum):
    """A check-in's outcome; texts render it per habit kind (Taken, Went, Not today...)."""

    DONE = "done"
    SKIPPED = "skipped"
    RESCHEDULED = "rescheduled"
    NO_ANSWER = "no_answer"


class DeliveryStatus(StrEnum):
    PENDING = "pending"  # claimed, not yet accepted by Telegram
    SENT = "sent"
    MISSED = "missed"  # came due while the bot was down, past the grace window
    FAILED = "failed"  # Telegram refused it for good (blocked, chat gone)


class SummaryPart(IntFlag):
    """The messages a weekly summary is made of, in the order they are sent.

    A delivery stores the parts that reached the user, so a retry sends only the rest.
    """

    CHART = 1
    TEXT = 2


class StressTechnique(StrEnum):
    YOGA = "yoga"
    TAI_CHI = "tai_chi"
    MEDITATION = "meditation"
    MINDFULNESS = "mindfulness"
    MUSCLE_RELAXATION = "muscle_relaxation"
    JOURNALING = "journaling"


class SkipReason(StrEnum):
    FORGOT = "forgot"
    SIDE_EFFECTS = "side_effects"
    COST = "cost"
    FELT_WELL = "felt_well"
    OTHER = "other"


class StopReason(StrEnum):
    """Why a medication was stopped."""

    SIDE_EFFECTS = "side_effects"
    NO_EFFECT = "no_effect"
    COST = "cost"
    DOCTOR = "doctor"  # the doctor's decision
    OTHER = "other"


class SideEffect(StrEnum):
    """The side effects offered as one tap each; anything else goes in the user's words."""

    NAUSEA = "nausea"
    HEADACHE = "headache"
    SLEEPINESS = "sleepiness"
    INSOMNIA = "insomnia"
    DIZZINESS = "dizziness"
    WEIGHT = "weight"
    SEXUAL = "sexual"
    DRY_MOUTH = "dry_mouth"
    RESTLESSNESS = "restlessness"
    OTHER = "other"


class ReviewAnswer(StrEnum):
    """The one-tap answers to "How is it going with X?"."""

    BETTER = "better"
    A_LITTLE = "a_little"
    NO_CHANGE = "no_change"
    WORSE = "worse"
