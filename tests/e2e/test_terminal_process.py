"""`make run` without a token: `python -m bot` in a real terminal (a pseudo-terminal)."""

import fcntl
import os
import pty
import re
import select
import signal
import subprocess
import sys
import termios
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.conftest import ROOT


class Terminal:
    """A process on a pseudo-terminal, read and typed into as a person would."""

    def __init__(self, cwd: Path, env: dict[str, str]) -> None:
        self.master, slave = pty.openpty()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "bot"],
            cwd=cwd,
            env=env,
            stdin=slave,
            stdout=slave,
            stderr=slave,
            start_new_session=True,
            # Make the terminal the session's own, so that Ctrl-C there sends SIGINT.
            preexec_fn=lambda: fcntl.ioctl(0, termios.TIOCSCTTY, 0),
        )
        os.close(slave)
        self.output = ""

    def type(self, text: str) -> None:
        os.write(self.master, text.encode())

    def wait_for(self, pattern: str, timeout: float = 20.0) -> re.Match[str]:
        """Read output until pattern matches (after the text read so far), or fail."""
        deadline, start = time.monotonic() + timeout, len(self.output)
        while (found := re.search(pattern, self.output[start:])) is None:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not self._read(remaining):
                raise AssertionError(f"{pattern!r} not shown; the terminal shows:\n{self.output}")
        return found

    def _read(self, timeout: float) -> bool:
        """Read what is there within timeout; False once the terminal has closed."""
        if not select.select([self.master], [], [], timeout)[0]:
            return True
        try:
            data = os.read(self.master, 65536)
        except OSError:  # the process ended and closed its side
            return False
        self.output += data.decode(errors="replace").replace("\r\n", "\n")
        return bool(data)

    def wait_exit(self, timeout: float = 30.0) -> int:
        deadline = time.monotonic() + timeout
        while self._read(max(deadline - time.monotonic(), 0)) and time.monotonic() < deadline:
            pass
        return self.proc.wait(max(deadline - time.monotonic(), 1))


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Terminal]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "DATABASE_"))}
    env |= {"PYTHONPATH": str(ROOT), "COLUMNS": "72", "LINES": "40"}
    env |= {"DATABASE_URL": f"sqlite:///{tmp_path / 'steady.db'}"}
    term = Terminal(tmp_path, env)
    yield term
    if term.proc.poll() is None:
        term.proc.send_signal(signal.SIGKILL)
        term.proc.wait(10)
    os.close(term.master)


def test_local_chat_saves_files_erases_them_and_stops_on_ctrl_c(terminal, tmp_path):
    terminal.wait_for(r"Steady — local chat")
    terminal.type("/start\n")
    terminal.wait_for(r"not a doctor")
    terminal.type("/export\n")
    saved = terminal.wait_for(r"\[document saved to\s+(\S+\.zip)\]").group(1)
    assert (tmp_path / saved).is_file() and saved.startswith("data/localchat/1/steady-export-")
    terminal.type("/deletedata\n")
    yes = terminal.wait_for(r"\[(\d+[a-z]+)\] Yes").group(1)
    terminal.type(f"{yes}\n")
    terminal.wait_for(r"everything is erased")
    assert not (tmp_path / saved).exists()
    terminal.type("\x03")  # Ctrl-C
    assert terminal.wait_exit() == 0
    assert "(chat closed)" in terminal.output and "Traceback" not in terminal.output
    assert max(len(line) for line in terminal.output.splitlines()) <= 72
