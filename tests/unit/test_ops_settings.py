"""The operator's settings: each bad value stops start-up with one line naming it; JSON log
lines carry a record's message and numeric ids, nothing else of what a log call passed."""

import json
import logging
import sys
from pathlib import Path

import pytest
from pydantic import ValidationError

from bot import log_safety
from bot.config import Settings, describe_error
from bot.logs import JsonFormatter

TOKEN = "123456:ABCDEFGHIJ"


def _refusal(env_file=None, **values: str) -> str:
    with pytest.raises(ValidationError) as caught:
        Settings(_env_file=env_file, telegram_bot_token=TOKEN, **values)
    line = describe_error(caught.value)
    assert "\n" not in line
    return line


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        ("log_format", "xml", "'text' or 'json'"),
        ("admin_port", "70000", "65535"),
        ("admin_port", "metrics", "integer"),
        ("health_max_silence_seconds", "1", "10"),
        ("health_max_late_seconds", "soon", "integer"),
    ],
)
def test_a_bad_operator_setting_is_named_in_one_line(name, value, expected):
    line = _refusal(**{name: value})
    assert name.upper() in line and expected in line


def test_the_defaults_keep_the_admin_port_off_and_logs_plain():
    settings = Settings(_env_file=None, telegram_bot_token=TOKEN)
    assert (settings.admin_port, settings.admin_listen) == (None, "127.0.0.1")
    assert settings.log_format == "text"
    assert Settings(_env_file=None, log_format=" JSON ").log_format == "json"


def test_multiproc_dir_only_in_dotenv_is_refused(tmp_path, monkeypatch):
    monkeypatch.delenv("PROMETHEUS_MULTIPROC_DIR", raising=False)
    env_file = tmp_path / ".env"
    env_file.write_text(f"PROMETHEUS_MULTIPROC_DIR={tmp_path}\n")
    line = _refusal(env_file=env_file)
    assert "PROMETHEUS_MULTIPROC_DIR" in line and "process environment" in line


def test_multiproc_dir_must_be_a_folder(tmp_path, monkeypatch):
    missing = tmp_path / "nowhere"
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(missing))
    line = _refusal()
    assert "PROMETHEUS_MULTIPROC_DIR" in line and "folder" in line
    missing.mkdir()
    assert Settings(_env_file=None).prometheus_multiproc_dir == missing


def _record(message: str, *args: object, **extra: object) -> logging.LogRecord:
    record = logging.getLogger("bot.handlers").makeRecord(
        "bot.handlers", logging.INFO, __file__, 1, message, args, None, extra=extra
    )
    return record


def test_json_lines_keep_numeric_ids_and_drop_other_extras():
    record = _record("error while handling update %s", 7, update_id=7, text="my words")
    record.delivery_id = "not a number"
    entry = json.loads(JsonFormatter().format(record))
    assert entry.keys() == {"time", "level", "logger", "message", "update_id"}
    assert entry["message"] == "error while handling update 7"
    assert (entry["level"], entry["logger"], entry["update_id"]) == ("INFO", "bot.handlers", 7)
    assert entry["time"].endswith("+00:00")


def test_json_lines_show_the_traceback_made_safe_with_the_record():
    typed = "a user's words"
    try:
        raise ValueError(typed)  # the traceback shows this line, not the value
    except ValueError:
        record = _record("failed")
        record.exc_info = sys.exc_info()
    log_safety.make_record_safe(record)
    entry = json.loads(JsonFormatter().format(record))
    assert entry["exception"].startswith("Traceback (most recent call last):")
    assert entry["exception"].endswith("ValueError (message <hidden>)")
    assert "a user's words" not in json.dumps(entry)


ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("name", sorted(name.upper() for name in Settings.model_fields))
def test_every_setting_is_in_env_example_and_the_readme_table(name):
    assert f"{name}=" in (ROOT / ".env.example").read_text()
    table = [line for line in (ROOT / "README.md").read_text().splitlines() if line.startswith("|")]
    assert any(f"`{name}`" in line for line in table)
