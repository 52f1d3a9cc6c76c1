"""Score bot.safety on the hand-written evaluation sets and time it per message.

python bench/crisis.py [--misses] [--rounds 20]

Prints recall, HIGH recall and false alarms per language for tests/crisis/eval_set.tsv (the
set the detector was tuned on), heldout_set.tsv (never tuned on), dev_set.tsv (written to
generalise the detector by structure, and tuned on), blind_set.tsv (written by someone who
never saw bot/safety or the other sets; burned on 2026-11-30, when its misses were used for
development) and blind2_set.tsv (a second set written blind), then p50/p99 latency per
message with a cold cache
(first pass), warm, and warm taking each message's best pass (what the code costs, without
the other processes that share the machine), and ends with the line
`crisis: recall=R false_alarm=F p99_us=P n=N` for the tuned set. --misses lists the tuned
set's misses by rule; held-out and blind misses (both blind sets) are never printed, so they cannot steer tuning.
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.safety import assess, explain
from bot.safety.detect import _tags_for
from bot.safety.lexicon import load_lexicon
from tests.crisis.evalset import (
    BLIND2_SET,
    BLIND_SET,
    DEV_SET,
    EVAL_SET,
    HELDOUT_SET,
    Example,
    load,
    score,
)


def print_scores(title: str, examples: list[Example]) -> None:
    print(f"{title} ({len(examples)} messages)")
    print(
        f"  {'lang':8} {'risk':>5} {'recall':>7} {'high':>5} {'high_rec':>8} {'benign':>6} {'false_al':>8}"
    )
    for language, s in sorted(score(examples, assess).items(), key=lambda kv: kv[0] == "all"):
        print(
            f"  {language:8} {s.risky:5d} {s.recall:7.1%} {s.high:5d} {s.high_recall:8.1%}"
            f" {s.benign:6d} {s.false_alarm:8.1%}"
        )


def latencies_us(texts: list[str], rounds: int) -> tuple[list[float], list[float], list[float]]:
    """Time each message: the first pass with an empty token cache, then `rounds` warm passes.

    Returns the cold times, all warm times, and each message's best warm time.
    """
    _tags_for.cache_clear()
    cold = []
    for text in texts:
        start = time.perf_counter_ns()
        assess(text)
        cold.append((time.perf_counter_ns() - start) / 1000)
    warm: list[float] = []
    best = [float("inf")] * len(texts)
    for _ in range(rounds):
        for index, text in enumerate(texts):
            start = time.perf_counter_ns()
            assess(text)
            elapsed = (time.perf_counter_ns() - start) / 1000
            warm.append(elapsed)
            best[index] = min(best[index], elapsed)
    return cold, warm, best


def p99(values: list[float]) -> float:
    return statistics.quantiles(values, n=100)[98]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list the tuned set's misses")
    parser.add_argument("--rounds", type=int, default=20, help="warm timing passes")
    args = parser.parse_args()
    started = time.perf_counter()
    load_lexicon()
    print(f"lexicon loaded in {(time.perf_counter() - started) * 1000:.0f} ms")
    tuned, heldout = load(EVAL_SET), load(HELDOUT_SET)
    print_scores("eval_set.tsv, tuned on", tuned)
    print_scores("heldout_set.tsv, never tuned on", heldout)
    print_scores("dev_set.tsv, written to generalise, tuned on", load(DEV_SET))
    print_scores("blind_set.tsv, written blind, burned: used for development", load(BLIND_SET))
    print_scores("blind2_set.tsv, a second set written blind, never tuned on", load(BLIND2_SET))
    if args.misses:
        for example in tuned:
            found = explain(example.text)
            wrong = found.level < example.minimum if example.risky else found.level > 0
            if wrong:
                print(
                    f"  MISS {example.language} want={example.minimum.name} got={found.level.name}"
                    f" {found.rules} {example.text!r}"
                )
    texts = [e.text for e in tuned + heldout]
    cold, warm, best = latencies_us(texts, args.rounds)
    print(
        f"latency per message, cold cache: p50={statistics.median(cold):.0f} us p99={p99(cold):.0f} us"
    )
    print(
        f"latency per message, warm:       p50={statistics.median(warm):.0f} us p99={p99(warm):.0f} us"
    )
    print(
        f"latency per message, best pass:  p50={statistics.median(best):.0f} us p99={p99(best):.0f} us"
    )
    total = score(tuned, assess)["all"]
    print(
        f"crisis: recall={total.recall:.3f} false_alarm={total.false_alarm:.3f}"
        f" p99_us={p99(cold):.0f} n={len(tuned)}"
    )


if __name__ == "__main__":
    main()
