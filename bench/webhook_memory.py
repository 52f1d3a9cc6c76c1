"""Measure what forged webhook posts cost `python -m bot`: its memory before and after them.

python bench/webhook_memory.py [--posts 4] [--megabytes 90]
Ends with one line: webhook: rss_before=… MiB rss_after=… MiB peak=… MiB answers=[…]
Each post claims --megabytes and carries a wrong secret; all are sent at once, and each keeps
sending until its body is done or the bot closes the connection.
"""

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from localchat.server import LocalBotApi  # noqa: E402 - after the path is set

CHUNK = 1024 * 1024


def memory_kib(pid: int) -> dict[str, int]:
    """Return VmRSS and VmHWM (peak) of a process, in KiB."""
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            fields[name] = int(value.split()[0])
    return fields


def forged_post(port: int, size: int, answers: list) -> None:
    """POST `size` bytes with a wrong secret; record the status, or what ended the post."""
    head = (
        "POST /telegram HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        f"X-Telegram-Bot-Api-Secret-Token: forged\r\nContent-Length: {size}\r\n\r\n"
    )
    with socket.create_connection(("127.0.0.1", port), timeout=120) as connection:
        try:
            connection.sendall(head.encode())
            for _ in range(size // CHUNK):
                connection.sendall(b" " * CHUNK)
        except OSError as error:  # the bot hung up once it had answered
            answers.append(type(error).__name__)
        status = connection.makefile("rb").readline().split()
        answers.append(int(status[1]) if len(status) > 1 else "closed")


def start_bot(api: LocalBotApi, folder: Path, port: int) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "WEBHOOK_"))}
    env |= {
        "TELEGRAM_BOT_TOKEN": api.token,
        "TELEGRAM_API_BASE_URL": api.base_url,
        "DATABASE_URL": f"sqlite:///{folder / 'steady.db'}",
        "WEBHOOK_URL": "https://steady.example",
        "WEBHOOK_PORT": str(port),
        "WEBHOOK_SECRET_TOKEN": "the-real-secret",
    }
    bot = subprocess.Popen(
        [sys.executable, "-m", "bot"], cwd=ROOT, env=env, stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    api.wait_for(lambda: api.calls("setWebhook") or bot.poll() is not None, 60)
    return bot


def measure(posts: int, size: int) -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with LocalBotApi() as api, tempfile.TemporaryDirectory() as folder:
        bot = start_bot(api, Path(folder), port)
        try:
            time.sleep(1)  # let start-up settle
            before = memory_kib(bot.pid)
            answers: list = []
            threads = [
                threading.Thread(target=forged_post, args=(port, size, answers))
                for _ in range(posts)
            ]
            started = time.perf_counter()
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            seconds = time.perf_counter() - started
            time.sleep(1)
            after = memory_kib(bot.pid)
        finally:
            bot.terminate()
            bot.wait(30)
    return (
        f"webhook: rss_before={before['VmRSS'] / 1024:.0f} MiB "
        f"rss_after={after['VmRSS'] / 1024:.0f} MiB peak={after['VmHWM'] / 1024:.0f} MiB "
        f"answers={answers} in {seconds:.1f} s"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=4)
    parser.add_argument("--megabytes", type=int, default=90)
    options = parser.parse_args()
    print(measure(options.posts, options.megabytes * CHUNK))
