"""What reading a free-text check-in can give: a check-in, or a number out of its range."""

from dataclasses import dataclass
from enum import StrEnum

from models.types import Answer, HabitKind


class Measure(StrEnum):
    """A number a check-in can carry; each has the range RANGES gives."""

    MOOD = "mood"
    HOURS = "hours"
    QUALITY = "quality"
    MINUTES = "minutes"
    DRINKS = "drinks"
    AWAKENINGS = "awakenings"
    TIME = "time"


RANGES: dict[Measure, tuple[int, int]] = {
    Measure.MOOD: (0, 10),
    Measure.HOURS: (0, 20),
    Measure.QUALITY: (1, 5),
    Measure.MINUTES: (1, 600),
    Measure.DRINKS: (0, 30),
    Measure.AWAKENINGS: (0, 20),
}


@dataclass(frozen=True)
class ParsedCheckin:
    """One check-in read from text; value is hours, minutes, drinks or mood by kind."""

    kind: HabitKind
    answer: Answer
    value: float | None = None
    quality: int | None = None
    note: str | None = None
    medicines: tuple[str, ...] = ()  # the configured medicines it names, as they are configured
    taken_at: tuple[int, int] | None = None  # "took it at 9:40": the local time of the dose
    bedtime: int | None = None  # the local minute of the day they went to bed
    awakenings: int | None = None


@dataclass(frozen=True)
class OutOfRange:
    """A check-in of a known kind whose number cannot be: "mood 11", "slept 30h"."""

    measure: Measure

    @property
    def low(self) -> int:
        return RANGES[self.measure][0]

    @property
    def high(self) -> int:
        return RANGES[self.measure][1]
