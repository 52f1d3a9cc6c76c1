"""The conversation a user is in, as types: a Flow, its data, and the step number (pure).

The state lives in the users row (flow, flow_data, flow_step), so any process can carry on
any conversation. Data read back from the database is validated; what does not validate (an
older shape, a hand-edited row) ends the conversation instead of crashing a handler.
"""

import logging
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from models.types import HabitKind, SideEffect, StopReason

log = logging.getLogger(__name__)


class Flow(StrEnum):
    """What the user is in the middle of; the values are what users.flow stores."""

    ZONE = "tz"  # telling their time zone (onboarding or /settings)
    PICK = "pick"  # onboarding: choosing the habits to be reminded of
    ADD_HABIT = "add"  # adding a habit, one question at a time
    EDIT_HABIT = "habit"  # typing new times or days for a habit
    SETTING = "settings"  # typing a time for a setting
    NOTE = "checkin"  # typing a side-effect note for a check-in
    TAKEN_AT = "taken"  # typing the time a dose was really taken
    PHQ9 = "phq9"  # answering the PHQ-9
    SAFETY_PLAN = "plan"  # writing one step of the personal safety plan
    MEDS = "meds"  # writing in the treatment journal
    ASK = "ask"  # typing a question for the doctor


class _Data(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class ZoneStep(_Data):
    then: Literal["onboard", "settings"] = "settings"  # where the conversation goes next


class PickStep(_Data):
    picked: tuple[HabitKind, ...] = ()


class AddPhase(StrEnum):
    NAME = "name"  # the medicine's name
    WHEN = "when"  # an appointment's date and time
    TECHNIQUE = "technique"  # which calming practice
    OK = "ok"  # accept the proposed times, or change them
    TIME = "time"  # typed times
    REPEAT = "repeat"  # an appointment: once or weekly


class Draft(_Data):
    name: str = ""
    on: date | None = None  # an appointment's date
    time: tuple[int, int] | None = None  # an appointment's time


class AddStep(_Data):
    kind: HabitKind
    step: AddPhase
    queue: tuple[HabitKind, ...] = ()  # kinds still to add after this one
    onboarding: bool = False
    draft: Draft = Draft()


class EditField(StrEnum):
    TIMES = "times"
    DAYS = "days"
    PILLS = "pills"  # a medicine's pill count, for the refill forecast


class EditStep(_Data):
    habit_id: int
    step: EditField


class SettingField(StrEnum):
    SUMMARY_TIME = "sumtime"
    DAY_END = "dayend"
    COUNTRY = "country"  # the country whose crisis lines are shown


class SettingStep(_Data):
    step: SettingField


class NoteStep(_Data):
    checkin_id: int


class TakenAtStep(_Data):
    checkin_id: int  # the dose whose time is being said


class Phq9Step(_Data):
    # The answers so far, each 0-3; the ninth completes the questionnaire and ends the flow.
    answers: tuple[Annotated[int, Field(ge=0, le=3)], ...] = Field(default=(), max_length=8)


class PlanStep(_Data):
    step: int = Field(ge=0, le=5)  # which of the six steps of the safety plan is being written
    walk: bool = True  # going through the steps in order; False: editing this one step


class MedAction(StrEnum):
    """What the journal entry being written is."""

    START = "start"  # a medication started
    DOSE = "dose"  # its dose changed
    STOP = "stop"  # it was stopped
    EFFECTS = "effects"  # side effects noted
    REVIEW = "review"  # words for a 6/8-week answer


class MedPhase(StrEnum):
    NAME = "name"  # typing the medication's name
    DOSE = "dose"  # typing its dose (or its new dose)
    WHY = "why"  # tapping why it stopped
    WHEN = "when"  # tapping or typing the day it started, changed or stopped
    EFFECTS = "effects"  # ticking side effects
    WORDS = "words"  # typing words for a side-effect note or a 6/8-week answer


class MedStep(_Data):
    action: MedAction
    phase: MedPhase
    med_id: int | None = None  # the medication changed, stopped or noted
    habit_id: int | None = None  # the reminder a new medication starts from
    name: str = ""
    dose: str = ""
    reason: StopReason | None = None
    effects: tuple[SideEffect, ...] = ()
    ref: int | None = None  # the side-effect note or review that the typed words go to


class AskStep(_Data):
    """Typing a question for the doctor."""


StepData = (
    ZoneStep
    | PickStep
    | AddStep
    | EditStep
    | SettingStep
    | NoteStep
    | TakenAtStep
    | Phq9Step
    | PlanStep
    | MedStep
    | AskStep
)

DATA_OF: dict[Flow, type[_Data]] = {
    Flow.ZONE: ZoneStep,
    Flow.PICK: PickStep,
    Flow.ADD_HABIT: AddStep,
    Flow.EDIT_HABIT: EditStep,
    Flow.SETTING: SettingStep,
    Flow.NOTE: NoteStep,
    Flow.TAKEN_AT: TakenAtStep,
    Flow.PHQ9: Phq9Step,
    Flow.SAFETY_PLAN: PlanStep,
    Flow.MEDS: MedStep,
    Flow.ASK: AskStep,
}
FLOW_OF: dict[type[_Data], Flow] = {data: flow for flow, data in DATA_OF.items()}


@dataclass(frozen=True, slots=True)
class State:
    """Where a user is: the flow, its data, and the number of the step they were last shown."""

    flow: Flow
    data: StepData
    step: int


def read_state(flow: str | None, data: dict[str, Any], step: int) -> State | None:
    """Return the stored state, or None when there is none or it does not validate."""
    if flow is None:
        return None
    try:
        kind = Flow(flow)
        parsed = DATA_OF[kind].model_validate(data)
    except (ValueError, ValidationError):
        log.warning("dropped a conversation state that did not validate (flow %r)", flow)
        return None
    return State(kind, parsed, step)  # type: ignore[arg-type]


def dump_state(data: StepData) -> tuple[Flow, dict[str, Any]]:
    """Return what users.flow and users.flow_data store for this step."""
    return FLOW_OF[type(data)], data.model_dump(mode="json")
