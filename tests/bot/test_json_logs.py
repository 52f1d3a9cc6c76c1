"""LOG_FORMAT=json through the real Application: one JSON object a line, ids as fields, and
never the words a user typed, also when handling their message fails."""

import io
import json
import logging

import pytest

from bot.logs import JsonFormatter
from tests import factories

WORDS = "Quetiazorb Lindwurm"


@pytest.fixture
def json_lines():
    """Capture every record at INFO and above as the JSON formatter writes it."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.setLevel(logging.INFO)
    root = logging.getLogger()
    level, root.level = root.level, logging.INFO
    root.addHandler(handler)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    root.removeHandler(handler)
    root.setLevel(level)


async def test_json_logs_carry_ids_but_no_words(chat, fake_api, db, clock, json_lines):
    await factories.user(db, now=clock())
    await chat.say(f"slept 7h, dreamt of {WORDS}")
    await chat.say(f"I want to end it all, {WORDS}")
    # Telegram's refusal may quote the text it refused: the error line must not carry it.
    fake_api.fail_next("sendMessage", status=400, description=f"Bad Request: {WORDS}")
    await chat.say(f"took my meds {WORDS}")
    lines = json_lines()
    assert lines, "nothing was logged"
    assert all(line.keys() >= {"time", "level", "logger", "message"} for line in lines)
    [failure] = [line for line in lines if line["level"] == "ERROR"]
    assert isinstance(failure["update_id"], int) and "Traceback" in failure["exception"]
    assert "safety net answered a message (HIGH)" in [line["message"] for line in lines]
    assert not [line for line in lines if "Quetiazorb" in json.dumps(line, ensure_ascii=False)]
