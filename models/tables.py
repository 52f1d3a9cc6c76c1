"""Every table Steady stores; the schema itself comes from the Alembic migrations."""

from datetime import date, datetime

from sqlalchemy import JSON, BigInteger, Column, ForeignKey, Index, Integer, MetaData, text
from sqlmodel import Field, SQLModel

from models.schedule import clustered_id
from models.types import (
    Answer,
    DeliveryStatus,
    HabitKind,
    Purpose,
    ReviewAnswer,
    SafetyEventKind,
    StopReason,
    UserText,
    UtcDateTime,
)

# Named constraints let Alembic's batch mode alter SQLite tables predictably.
SQLModel.metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)


# 64-bit ids; on SQLite an INTEGER primary key is the rowid, the order the table is stored in.
BIG_ID = BigInteger().with_variant(Integer(), "sqlite")


def _user_fk(*, index: bool = True) -> Column:
    return Column(
        BigInteger, ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=index
    )


def _utc(*, nullable: bool = True, index: bool = False) -> Column:
    return Column(UtcDateTime(), nullable=nullable, index=index)


class User(SQLModel, table=True):
    __tablename__ = "users"

    id: int = Field(sa_column=Column(BIG_ID, primary_key=True, autoincrement=False))
    first_name: str = Field(default="", sa_type=UserText(64))
    tz: str = Field(default="UTC", max_length=64)
    # The user's day ends at this local minute (default 04:00, for night owls).
    day_end_minute: int = 240
    summary_weekday: int = 6  # 0 = Monday; Sunday by default
    summary_minute: int = 18 * 60
    paused_until: datetime | None = Field(default=None, sa_column=_utc())
    blocked_at: datetime | None = Field(default=None, sa_column=_utc())
    onboarded_at: datetime | None = Field(default=None, sa_column=_utc())
    # Telegram's language_code of the user's latest update; texts fall back to English.
    language: str = Field(default="en", max_length=16)
    # The conversation step the user is in, so a restart or another process carries on.
    flow: str | None = Field(default=None, max_length=32)
    flow_data: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    # Counts the steps taken; a step's buttons carry it, so a tap on an old step changes nothing.
    flow_step: int = 0
    # ISO 3166 code whose crisis lines the user is shown; None follows the time zone's country.
    country: str | None = Field(default=None, max_length=2)
    # A caring message the day after a safety reply; the user can turn it off in /settings.
    safety_follow_up: bool = True
    created_at: datetime = Field(sa_column=_utc(nullable=False))


class Habit(SQLModel, table=True):
    __tablename__ = "habits"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(sa_column=_user_fk())
    kind: HabitKind = Field(max_length=20)
    name: str = Field(default="", sa_type=UserText(80))  # medicine, appointment or technique
    paused: bool = False
    # A medicine taken as needed: no set times, each dose logged counts as taken, never as due.
    as_needed: bool = False
    # Gentle follow-ups of an unanswered dose, 0-3, each models.catalog.FOLLOW_UP_MINUTES apart.
    follow_ups: int = 1
    # The pills counted on pills_counted_on; the refill forecast counts the doses due from then.
    pills_left: int | None = None
    pills_counted_on: date | None = None
    pack_size: int | None = None  # the last count given: "refilled" adds one such pack
    created_at: datetime = Field(sa_column=_utc(nullable=False))
    removed_at: datetime | None = Field(default=None, sa_column=_utc())


def _clustered(context) -> int:
    row = context.get_current_parameters()
    return clustered_id(
        row.get("next_fire_at"), row["hour"], row["minute"], row.get("offset_minutes") or 0
    )


class Schedule(SQLModel, table=True):
    """One timed thing: a dose time, a bedtime, an appointment reminder, a weekly summary."""

    __tablename__ = "schedules"

    # Chosen by models.schedule.clustered_id, so rows that fire together are stored together.
    id: int | None = Field(
        default=None,
        sa_column=Column(BIG_ID, primary_key=True, autoincrement=False, default=_clustered),
    )
    user_id: int = Field(sa_column=_user_fk())
    habit_id: int | None = Field(
        default=None,
        sa_column=Column(ForeignKey("habits.id", ondelete="CASCADE"), nullable=True, index=True),
    )
    purpose: Purpose = Field(max_length=16)
    hour: int
    minute: int
    days: str = Field(default="*", max_length=32)  # cron day_of_week: "*", "mon,wed", "fri"
    once_on: date | None = None  # a one-off appointment's local date
    offset_minutes: int = 0  # fire this long before (-) the local time, e.g. -60
    # None while paused or finished; the dispatcher only looks at rows with a time.
    next_fire_at: datetime | None = Field(default=None, sa_column=_utc(index=True))


class Delivery(SQLModel, table=True):
    """One reminder sent (or missed) for a schedule at one due time."""

    __tablename__ = "deliveries"
    __table_args__ = (
        Index("ix_deliveries_user_due", "user_id", "due_at"),
        # Partial: only the few open deliveries are indexed, not millions of finished ones.
        *(
            Index(
                f"ix_deliveries_{name}",
                name,
                sqlite_where=text(f"{name} IS NOT NULL"),
                postgresql_where=text(f"{name} IS NOT NULL"),
            )
            for name in ("resend_at", "expires_at")
        ),
    )

    id: int | None = Field(default=None, sa_column=Column(BIG_ID, primary_key=True))
    user_id: int = Field(sa_column=_user_fk(index=False))
    # Plain references, no foreign keys: the claim inserts thousands of deliveries at once, and
    # each key would cost a lookup per row there (and a scan of this table whenever a schedule
    # is replaced). Deliveries go with their user; habits are only ever soft-deleted.
    habit_id: int | None = None
    schedule_id: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    purpose: Purpose = Field(max_length=16)
    due_at: datetime = Field(sa_column=_utc(nullable=False))
    status: DeliveryStatus = Field(default=DeliveryStatus.PENDING, max_length=8)
    sent_at: datetime | None = Field(default=None, sa_column=_utc())
    message_id: int | None = None
    # When the delivery is owed (again): a follow-up, a snooze, a retry. While a dispatcher holds
    # it, the end of that claim's lease, so a crash mid-send leaves it owed, never lost.
    resend_at: datetime | None = Field(default=None, sa_column=_utc())
    snoozed: bool = False
    # A weekly summary's parts (models.types.SummaryPart) that reached the user already.
    parts_sent: int = Field(
        default=0, sa_column=Column(Integer, nullable=False, server_default=text("0"))
    )
    follow_ups_sent: int = 0
    # Set while unanswered; past it the delivery is stored as "no answer".
    expires_at: datetime | None = Field(default=None, sa_column=_utc())


class Checkin(SQLModel, table=True):
    """One answer: a tap on a reminder, a free-text report or a /checkin."""

    __tablename__ = "checkins"
    __table_args__ = (Index("ix_checkins_user_date", "user_id", "local_date"),)

    id: int | None = Field(default=None, sa_column=Column(BIG_ID, primary_key=True))
    user_id: int = Field(sa_column=_user_fk(index=False))
    habit_id: int | None = Field(
        default=None,
        sa_column=Column(ForeignKey("habits.id", ondelete="CASCADE"), nullable=True, index=True),
    )
    delivery_id: int | None = Field(
        default=None,
        sa_column=Column(
            BigInteger, ForeignKey("deliveries.id", ondelete="CASCADE"), nullable=True, unique=True
        ),
    )
    kind: HabitKind = Field(max_length=20)
    answer: Answer = Field(max_length=12)
    value: float | None = None  # hours slept, minutes moved, drinks, mood 0-10
    quality: int | None = None  # sleep quality 1-5
    note: str | None = Field(default=None, sa_type=UserText(500))  # technique, reason, side effect
    # When a dose was really taken, if the user said ("took it at 9:40"); else about recorded_at.
    taken_at: datetime | None = Field(default=None, sa_column=_utc())
    bedtime_minute: int | None = None  # sleep: local minute of the day they went to bed
    awakenings: int | None = None  # sleep: times woken in the night, not counting the last
    local_date: date  # the user's day it counts for (their day ends at day_end_minute)
    recorded_at: datetime = Field(sa_column=_utc(nullable=False))
    # The typed message that made it, so editing that message corrects this entry.
    source_message_id: int | None = Field(default=None, sa_column=Column(BigInteger))


class SafetyEvent(SQLModel, table=True):
    """A safety reply was sent or answered; counted, never with the message text."""

    __tablename__ = "safety_events"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(sa_column=_user_fk())
    at: datetime = Field(sa_column=_utc(nullable=False))
    kind: SafetyEventKind = Field(default=SafetyEventKind.RESOURCES, max_length=13)


PLAN_TEXT_MAX = 500  # per step: the six steps and their titles fit one Telegram message


class SafetyPlan(SQLModel, table=True):
    """A personal safety plan: Stanley & Brown's six steps, in the user's own words.

    A step never filled in is None; one the user skipped stays None too, to come back to.
    """

    __tablename__ = "safety_plans"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(
        sa_column=Column(
            BigInteger, ForeignKey("users.id", ondelete="CASCADE"), nullable=False, unique=True
        )
    )
    warning_signs: str | None = Field(default=None, sa_type=UserText(PLAN_TEXT_MAX))
    coping_alone: str | None = Field(default=None, sa_type=UserText(PLAN_TEXT_MAX))
    distractions: str | None = Field(default=None, sa_type=UserText(PLAN_TEXT_MAX))
    people_to_ask: str | None = Field(default=None, sa_type=UserText(PLAN_TEXT_MAX))
    professionals: str | None = Field(default=None, sa_type=UserText(PLAN_TEXT_MAX))
    safer_surroundings: str | None = Field(default=None, sa_type=UserText(PLAN_TEXT_MAX))
    # Shown in the doctor's PDF (/report) only when the user says so.
    in_report: bool = False
    updated_at: datetime = Field(sa_column=_utc(nullable=False))


class Phq9Result(SQLModel, table=True):
    """A completed PHQ-9 questionnaire: nine answers (0-3 each) and their total."""

    __tablename__ = "phq9_results"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(sa_column=_user_fk())
    answers: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    score: int
    at: datetime = Field(sa_column=_utc(nullable=False))


def _medication_fk() -> Column:
    return Column(ForeignKey("medications.id", ondelete="CASCADE"), nullable=False, index=True)


class Medication(SQLModel, table=True):
    """One medication in the treatment journal (/meds), from its start to its stop."""

    __tablename__ = "medications"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(sa_column=_user_fk())
    # The reminder it goes with, if any. Habits are only soft-deleted, so removing one keeps
    # the journal; SET NULL covers a habit row that is really deleted.
    habit_id: int | None = Field(
        default=None,
        sa_column=Column(ForeignKey("habits.id", ondelete="SET NULL"), nullable=True, index=True),
    )
    name: str = Field(sa_type=UserText(80))
    started_on: date  # the user's day
    stopped_on: date | None = None
    stop_reason: StopReason | None = Field(default=None, max_length=12)
    created_at: datetime = Field(sa_column=_utc(nullable=False))


class DoseChange(SQLModel, table=True):
    """A medication's dose from a day on; the first is the dose it started at."""

    __tablename__ = "dose_changes"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(sa_column=_user_fk(index=False))
    medication_id: int = Field(sa_column=_medication_fk())
    dose: str = Field(sa_type=UserText(40))  # as the user wrote it: "50 mg", "1 tablet"
    from_on: date
    recorded_at: datetime = Field(sa_column=_utc(nullable=False))


class SideEffectNote(SQLModel, table=True):
    """Side effects of a medication noted on one day: taps from a short list, and words."""

    __tablename__ = "side_effects"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(sa_column=_user_fk(index=False))
    medication_id: int = Field(sa_column=_medication_fk())
    effects: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    note: str | None = Field(default=None, sa_type=UserText(500))
    noted_on: date
    recorded_at: datetime = Field(sa_column=_utc(nullable=False))


class MedReview(SQLModel, table=True):
    """ "How is it going with X?", six or eight weeks after a start, and the answer."""

    __tablename__ = "med_reviews"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(sa_column=_user_fk(index=False))
    medication_id: int = Field(sa_column=_medication_fk())
    weeks: int
    due_on: date
    # The schedule row that asks it (a plain reference, like deliveries.schedule_id: the
    # dispatcher's rows carry no foreign keys); the sender finds the question through it.
    schedule_id: int | None = Field(default=None, sa_column=Column(BigInteger, index=True))
    answer: ReviewAnswer | None = Field(default=None, max_length=9)
    note: str | None = Field(default=None, sa_type=UserText(500))
    answered_at: datetime | None = Field(default=None, sa_column=_utc())


class DoctorQuestion(SQLModel, table=True):
    """Something to ask the doctor (/ask), until it is marked as asked."""

    __tablename__ = "doctor_questions"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(sa_column=_user_fk())
    text: str = Field(sa_type=UserText(500))
    created_at: datetime = Field(sa_column=_utc(nullable=False))
    asked_at: datetime | None = Field(default=None, sa_column=_utc())
