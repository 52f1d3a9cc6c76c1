"""Read the hand-written crisis evaluation sets and score a detector on them (pure)."""

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bot.safety import Risk

HERE = Path(__file__).parent
EVAL_SET = HERE / "eval_set.tsv"
HELDOUT_SET = HERE / "heldout_set.tsv"
DEV_SET = HERE / "dev_set.tsv"  # written to generalise by structure, and tuned on
# Written without sight of bot/safety, then burned: used for development since the second
# generation (2026-11-30).
BLIND_SET = HERE / "blind_set.tsv"
BLIND2_SET = (
    HERE / "blind2_set.tsv"
)  # a second blind set, by another hand; reported, never asserted
_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")
_LEVELS = {"concern": Risk.CONCERN, "high": Risk.HIGH, "-": Risk.NONE}


@dataclass(frozen=True)
class Example:
    text: str
    language: str
    risky: bool
    minimum: Risk  # what a risky message must reach; NONE for a benign one


@dataclass
class Score:
    risky: int = 0
    caught: int = 0
    high: int = 0
    high_caught: int = 0
    benign: int = 0
    false_alarms: int = 0

    def add(self, example: Example, level: Risk) -> None:
        if example.risky:
            self.risky += 1
            self.caught += level >= example.minimum
            self.high += example.minimum == Risk.HIGH
            self.high_caught += example.minimum == Risk.HIGH and level == Risk.HIGH
        else:
            self.benign += 1
            self.false_alarms += level > Risk.NONE

    @property
    def recall(self) -> float:
        return self.caught / self.risky if self.risky else 1.0

    @property
    def high_recall(self) -> float:
        return self.high_caught / self.high if self.high else 1.0

    @property
    def false_alarm(self) -> float:
        return self.false_alarms / self.benign if self.benign else 0.0


def load(path: Path) -> list[Example]:
    """Read one TSV set; comment lines start with #, the first other line is the header."""
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = [line.split("\t") for line in lines if not line.startswith("#")][1:]
    return [
        Example(
            text=_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text),
            language=language,
            risky=label == "risk",
            minimum=_LEVELS[level],
        )
        for text, language, label, level in rows
    ]


def score(examples: list[Example], detect: Callable[[str], Risk]) -> dict[str, Score]:
    """Score by language, with "all" for the whole set."""
    scores: dict[str, Score] = {"all": Score()}
    for example in examples:
        level = detect(example.text)
        scores.setdefault(example.language, Score()).add(example, level)
        scores["all"].add(example, level)
    return scores
