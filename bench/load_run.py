"""One step of the load bench: the processes under load, the updates, and what came of them."""

import json
import os
import resource
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from bench.load_data import TAP_BASE, Sent
from localchat.server import LocalBotApi

ROOT = Path(__file__).resolve().parent.parent
SECRET = "load-bench-secret"
SETTLE_S = 15.0  # how long replies may still come after the last post
TICKS = os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True, slots=True)
class Expect:
    kind: str  # "tap" or "summary"
    key: str | int  # the button press's query id, or the summary user's chat id


class Requests:
    """Build the webhook posts of a step: taps on sent reminders, and now and then /summary."""

    def __init__(
        self, api: LocalBotApi, sent: list[Sent], summaries: list[int], *, every: int = 0
    ) -> None:
        """Build taps on `sent`; every `every`th update is /summary instead (0: never)."""
        self.api, self.sent, self.summaries = api, sent, summaries
        self.every = every if summaries else 0
        self.invented = not any(tap.message_id for tap in sent)  # the ceiling's
        self.turn = 0

    @staticmethod
    def invented_taps(api: LocalBotApi, count: int) -> tuple[list[Sent], list[int]]:
        """Users for the ceiling: their buttons name no delivery, nothing reads them."""
        return [Sent(TAP_BASE + i, 0, 0) for i in range(count)], []

    def build(self, count: int) -> tuple[list[str], list[Expect]]:
        raws, expects = [], []
        for _ in range(count):
            self.turn += 1
            if self.every and self.turn % self.every == 0:
                user_id = self.summaries[(self.turn // self.every) % len(self.summaries)]
                update = self.api.message_update(user_id, "/summary")
                expects.append(Expect("summary", user_id))
            else:
                tap = self.sent[self.turn % len(self.sent)]
                value = 5 + (self.turn // len(self.sent)) % 2  # each tap changes the answer
                data = f"c:val:{tap.delivery_id}:{value}"
                if self.invented:
                    update = self.api.callback_update(tap.user_id, data, message_text="Mood?")
                else:
                    update = self.api.callback_update(tap.user_id, data, message_id=tap.message_id)
                expects.append(Expect("tap", update["callback_query"]["id"]))
            raws.append(_http_post(json.dumps(update)))
        return raws, expects


def _http_post(body: str) -> str:
    head = (
        "POST /telegram HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        f"X-Telegram-Bot-Api-Secret-Token: {SECRET}\r\nContent-Length: {len(body)}\r\n\r\n"
    )
    return head + body  # json.dumps escapes everything outside ASCII


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Processes:
    """The bot processes (or the ceiling's) in webhook mode, one port each."""

    def __init__(self, api: LocalBotApi, kind: str, url: str | None, count: int, logs: Path):
        self.api, self.kind, self.url, self.count, self.log_prefix = api, kind, url, count, logs
        self.procs: list[subprocess.Popen] = []
        self.ports: list[int] = []
        self.logs: list[Path] = []

    def __enter__(self) -> "Processes":
        command = [sys.executable, "-m", "bot"]
        if self.kind == "ceiling":
            command = [sys.executable, str(ROOT / "bench" / "load_ceiling.py")]
        for index in range(self.count):
            port, log = _free_port(), Path(f"{self.log_prefix}-{index}.log")
            env = {k: v for k, v in os.environ.items() if not k.startswith("TELEGRAM_")}
            env |= {
                "TELEGRAM_BOT_TOKEN": self.api.token,
                "TELEGRAM_API_BASE_URL": self.api.base_url,
                "DATABASE_URL": self.url or "sqlite:///:memory:",
                "WEBHOOK_URL": "https://load.invalid",
                "WEBHOOK_SECRET_TOKEN": SECRET,
                "WEBHOOK_LISTEN": "127.0.0.1",
                "WEBHOOK_PORT": str(port),
                "LOG_LEVEL": "WARNING",
            }
            with log.open("w") as sink:
                self.procs.append(
                    subprocess.Popen(
                        command,
                        cwd=ROOT,
                        env=env,
                        stdin=subprocess.DEVNULL,
                        stdout=sink,
                        stderr=subprocess.STDOUT,
                    )
                )
            self.ports.append(port)
            self.logs.append(log)
        self.api.wait_for(lambda: len(self.api.calls("setWebhook")) >= self.count, 120)
        return self

    def __exit__(self, *exc: object) -> None:
        for proc in self.procs:
            proc.send_signal(signal.SIGTERM)
        for proc in self.procs:
            try:
                proc.wait(30)
            except subprocess.TimeoutExpired:
                proc.kill()

    def log_sizes(self) -> list[int]:
        return [log.stat().st_size for log in self.logs]

    def errors_logged(self, since: list[int]) -> int:
        count = 0
        for log, offset in zip(self.logs, since, strict=True):
            with log.open("rb") as reading:
                reading.seek(offset)
                lines = reading.read().decode(errors="replace").splitlines()
            count += sum(1 for line in lines if " ERROR " in line or " CRITICAL " in line)
        return count

    def cpu_seconds(self) -> float:
        return sum(_cpu_of(proc.pid) for proc in self.procs)

    @contextmanager
    def profiled(self, prefix: Path | None) -> Iterator[None]:
        """Sample every process's stacks with py-spy while inside (raw, collapsed stacks)."""
        if not prefix:
            yield
            return
        spies = [
            subprocess.Popen(
                ["py-spy", "record", "--format", "raw", "--rate", "200", "--nonblocking",
                 "--pid", str(proc.pid), "--output", f"{prefix}-{index}.txt"],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            )
            for index, proc in enumerate(self.procs)
        ]  # fmt: skip
        try:
            yield
        finally:
            for spy in spies:
                spy.send_signal(signal.SIGINT)
                spy.wait(30)


def _cpu_of(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime, stime


def _postgres_cpu() -> float:
    total = 0.0
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if (entry / "comm").read_text().strip() == "postgres":
                    total += _cpu_of(int(entry.name))
            except OSError:
                continue
    return total


@dataclass
class Step:
    rate: float
    seconds: float
    latencies_ms: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    http_errors: int = 0
    missing: int = 0
    api_errors: int = 0
    logged: int = 0
    cpu: dict[str, float] = field(default_factory=dict)  # share of one core, per component

    @property
    def errors(self) -> int:
        return self.http_errors + self.missing + self.api_errors + self.logged

    @property
    def p99_ms(self) -> float:
        every = [v for values in self.latencies_ms.values() for v in values]
        return _quantile(every, 0.99)

    def ok(self, p99_limit_ms: float) -> bool:
        return self.errors == 0 and self.p99_ms < p99_limit_ms

    def line(self) -> str:
        every = [v for values in self.latencies_ms.values() for v in values]
        kinds = " ".join(
            f"{kind}_p99={_quantile(v, 0.99):.0f}" for kind, v in sorted(self.latencies_ms.items())
        )
        # CPU time per update, whatever else the machine runs: a capacity that neighbours on a
        # shared machine do not change as much as they change latency.
        cpu = " ".join(f"{name}={share * 1000 / self.rate:.1f}" for name, share in self.cpu.items())
        return (
            f"rate={self.rate:.0f}/s for {self.seconds:.0f}s: n={len(every)} "
            f"p50_ms={_quantile(every, 0.5):.1f} p99_ms={self.p99_ms:.1f} "
            f"max_ms={max(every, default=0):.0f} {kinds} errors={self.errors} "
            f"(http={self.http_errors} missing={self.missing} api={self.api_errors} "
            f"logged={self.logged}) cpu_ms_per_update: {cpu}"
        )


def _quantile(values: list[float], q: float) -> float:
    if len(values) < 2:
        return values[0] if values else 0.0
    return statistics.quantiles(values, n=1000, method="inclusive")[round(q * 1000) - 1]


def run_step(processes: Processes, requests: Requests, rate: float, seconds: float) -> Step:
    """Post rate × seconds updates at `rate`, then read how long each took and what failed."""
    api, step = processes.api, Step(rate, seconds)
    raws, expects = requests.build(max(1, round(rate * seconds)))
    state = api.state
    with state.lock:
        arrived_from, called_from = len(state.arrival_log), len(state.call_log)
    logs_from = processes.log_sizes()
    with tempfile.TemporaryDirectory() as folder:
        posts, results = Path(folder) / "posts.jsonl", Path(folder) / "results.json"
        posts.write_text("\n".join(json.dumps(raw) for raw in raws))
        cpu = _cpu_before(processes)
        post = [sys.executable, str(ROOT / "bench" / "load_post.py"), str(posts), str(results)]
        post += ["--rate", str(rate), "--ports", ",".join(map(str, processes.ports))]
        subprocess.run(post, check=True)
        outcome = json.loads(results.read_text())
    done = _wait_for_replies(api, expects, arrived_from)
    step.cpu = _cpu_after(processes, cpu, seconds)
    start = outcome["start"]
    for index, (expect, status) in enumerate(zip(expects, outcome["statuses"], strict=True)):
        if status != 200:
            step.http_errors += 1
        elif (at := done.get((expect.kind, expect.key, index))) is None:
            step.missing += 1
        else:
            step.latencies_ms[expect.kind].append((at - start - index / rate) * 1000)
    with state.lock:
        step.api_errors = sum(1 for c in state.call_log[called_from:] if c["_status"] != 200)
    step.logged = processes.errors_logged(logs_from)
    time.sleep(2.0)  # let the bots settle (WAL checkpoints, pools) before the next step
    return step


def _wait_for_replies(api: LocalBotApi, expects: list[Expect], arrived_from: int) -> dict:
    """Return when each expected update's last reply arrived, waiting up to SETTLE_S."""
    deadline = time.monotonic() + SETTLE_S
    while True:
        done = _match(api, expects, arrived_from)
        if len(done) == len(expects) or time.monotonic() > deadline:
            return done
        time.sleep(0.25)


def _match(api: LocalBotApi, expects: list[Expect], arrived_from: int) -> dict:
    with api.state.lock:
        arrivals = api.state.arrival_log[arrived_from:]
    answered = {
        a.get("callback_query_id"): a["_at"]
        for a in arrivals
        if a["_method"] == "answerCallbackQuery"
    }
    texts: dict[int, list[float]] = defaultdict(list)
    for a in arrivals:
        if a["_method"] == "sendMessage":
            texts[a.get("chat_id")].append(a["_at"])
    done, asked = {}, defaultdict(int)
    for index, expect in enumerate(expects):
        if expect.kind == "tap" and expect.key in answered:
            done[("tap", expect.key, index)] = answered[expect.key]
        elif expect.kind == "summary":
            turn = asked[expect.key]  # this user's nth /summary of the step gets the nth text
            asked[expect.key] += 1
            if turn < len(texts[expect.key]):
                done[("summary", expect.key, index)] = texts[expect.key][turn]
    return done


def _cpu_before(processes: Processes) -> tuple[float, float, float, float, float]:
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (
        time.monotonic(),
        processes.cpu_seconds(),
        children.ru_utime + children.ru_stime,
        time.process_time(),
        _postgres_cpu(),
    )


def _cpu_after(processes: Processes, before: tuple, seconds: float) -> dict[str, float]:
    started, bots, posters, stand_in, postgres = before
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall = max(time.monotonic() - started, seconds)
    return {
        "bots": (processes.cpu_seconds() - bots) / wall,
        "postgres": (_postgres_cpu() - postgres) / wall,
        "poster": (children.ru_utime + children.ru_stime - posters) / wall,
        "stand_in": (time.process_time() - stand_in) / wall,
    }
