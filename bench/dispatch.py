"""Measure the reminder dispatcher: memory, start-up, claims, bursts and live sending.

python bench/dispatch.py [--runs 3] [--live 3000] [--keep DIR]
Ends with one line: dispatch: rss_ratio=… startup_ratio=… claim5000_ms=… burst20000_lost=…
send_rate=…/s cap=30/s dupes=… lost=…
"""

import argparse
import asyncio
import logging
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.dispatch_data import build_population, minutes_from_now
from bench.dispatch_jobqueue import per_job_cost, same_second
from bench.dispatch_live import live_send
from bench.dispatch_runs import burst, run_bot_once, time_claims

SMALL_USERS, LARGE_USERS = 1_000, 100_000


def say(text: str) -> None:
    """Print a progress line at once."""
    print(text, flush=True)


async def populations(folder: Path, runs: int) -> dict[str, dict]:
    """Build the 10k and 1M databases and measure the real bot process on each, alternately."""
    paths = {}
    for name, users in (("10k", SMALL_USERS), ("1M", LARGE_USERS)):
        paths[name] = folder / f"schedules_{name}.db"
        started = time.perf_counter()
        # Rows fire from 30 minutes on, so none comes due while the bot is measured.
        count = await build_population(paths[name], users, after=minutes_from_now(30))
        say(f"built {count:,} schedules ({users:,} users) in {time.perf_counter() - started:.1f} s")
    # Alternating the two sizes spreads any drift of this shared machine over both.
    samples: dict[str, list] = {name: [] for name in paths}
    for _ in range(runs):
        for name, path in paths.items():
            samples[name].append(await asyncio.to_thread(run_bot_once, path, 1))
    results = {}
    for name, runs_of in samples.items():
        results[name] = {k: statistics.median(r[k] for r in runs_of) for k in runs_of[0]}
        bot = results[name] | {"path": paths[name]}
        results[name] = bot
        say(f"  bot at {name}: start-up {bot['startup_s']:.2f} s, RSS {bot['rss_kb'] / 1024:.1f} MiB, "
            f"peak {bot['hwm_kb'] / 1024:.1f} MiB (median of {runs}; start-ups "
            f"{[round(r['startup_s'], 2) for r in runs_of]})")  # fmt: skip
    return results


async def main(args: argparse.Namespace, folder: Path) -> str:
    """Run every measurement and return the summary line."""
    bots = await populations(folder, args.runs)
    claims = await time_claims(bots["1M"]["path"], args.claims)
    claim_ms = statistics.median(claims)
    say(f"claim 5000 of 1M: median {claim_ms:.0f} ms; runs {[round(c) for c in claims]}")
    jobs = await per_job_cost(args.jobs, args.jobs // 10)
    say(f"job per reminder: {args.jobs:,} run_daily jobs in {jobs['seconds']:.1f} s, "
        f"{jobs['rss_bytes']:.0f} B/job (RSS), {jobs['traced_bytes']:.0f} B/job (tracemalloc)")  # fmt: skip
    misfire = await same_second(20_000, lead=2 + 2 * 20_000 * jobs["seconds"] / args.jobs)
    say(f"job per reminder, 20,000 due in one second: ran {misfire['ran']:,}, "
        f"dropped {misfire['dropped']:,}")  # fmt: skip
    flood = await burst(folder / "burst.db", 20_000)
    say(f"dispatcher, 20,000 due in one second: handed {flood['handed']:,} "
        f"({flood['distinct']:,} distinct), SENT rows {flood['sent_rows']:,}, "
        f"lost {flood['lost']}, in {flood['seconds']:.1f} s")  # fmt: skip
    live = await live_send(folder / "live.db", args.live)
    say(f"live {args.live:,}: accepted {live['accepted']:,} at {live['rate']:.1f}/s, "
        f"429s {live['rejected_429']}, lateness p50 {live['late_p50']:.1f} s, "
        f"p99 {live['late_p99']:.1f} s, tick {live['tick_s']:.1f} s")  # fmt: skip
    small, large = bots["10k"], bots["1M"]
    return (
        f"dispatch: rss_ratio={large['rss_kb'] / small['rss_kb']:.2f} "
        f"startup_ratio={large['startup_s'] / small['startup_s']:.2f} "
        f"claim5000_ms={claim_ms:.0f} burst20000_lost={flood['lost']} "
        f"send_rate={live['rate']:.1f}/s cap=30/s dupes={live['dupes']} "
        f"lost={live['lost']}"
    )


def parse_args() -> argparse.Namespace:
    """Read the command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="bot starts per database")
    parser.add_argument("--claims", type=int, default=7, help="timed 5000-row claims")
    parser.add_argument("--jobs", type=int, default=100_000, help="JobQueue jobs to schedule")
    parser.add_argument("--live", type=int, default=3_000, help="chats in the live send")
    parser.add_argument("--keep", type=Path, help="keep the databases in this folder")
    return parser.parse_args()


if __name__ == "__main__":
    options = parse_args()
    # APScheduler logs one line per skipped job; the count is what matters here.
    logging.basicConfig(level=logging.ERROR)
    with tempfile.TemporaryDirectory(prefix="steady-bench-") as tmp:
        where = options.keep or Path(tmp)
        where.mkdir(parents=True, exist_ok=True)
        line = asyncio.run(main(options, where))
    print(line)
