"""Summarize py-spy's raw stacks of a bot under load: where its CPU goes, by part.

    .venv/bin/python bench/load_profile.py bench/out/load-sqlite-40-0.txt

Each sample is put in the first part (in this order) that one of its frames belongs to;
samples of threads waiting for work (an idle selector, an idle aiosqlite thread) are left out.
"""

import sys
from collections import Counter
from pathlib import Path

# (part, a fragment of a frame that marks it), first match wins.
PARTS = (
    ("chart (matplotlib, in a thread)", "render_chart"),
    ("Bot API calls (httpx, via python-telegram-bot)", "BaseRequest._request_wrapper"),
    ("SQL: sessions, queries, aiosqlite/asyncpg", "greenlet_spawn"),
    ("SQL: sessions, queries, aiosqlite/asyncpg", "aiosqlite/core.py"),
    ("SQL: sessions, queries, aiosqlite/asyncpg", "asyncpg"),
    ("SQL: sessions, queries, aiosqlite/asyncpg", "sqlalchemy/"),  # greenlets' own stacks
    ("Steady's handlers (their own code)", "bot/handlers/"),
    ("webhook server (tornado, parsing the update)", "tornado/"),
    ("python-telegram-bot dispatch", "telegram/ext/"),
    ("asyncio (the loop, transports, thread wake-ups)", "asyncio/"),
)
IDLE = ("EpollSelector.select", "_connection_worker_thread (aiosqlite/core.py:59)")


def summarize(path: Path) -> list[tuple[str, float]]:
    parts: Counter[str] = Counter()
    for line in path.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        frames = stack.split(";")
        if any(frames[-1].startswith(idle) for idle in IDLE):
            continue
        part = next((name for name, mark in PARTS if any(mark in f for f in frames)), "other")
        parts[part] += int(count)
    total = sum(parts.values()) or 1
    return [(name, count / total) for name, count in parts.most_common()]


if __name__ == "__main__":
    for name, share in summarize(Path(sys.argv[1])):
        print(f"{share:6.1%}  {name}")
