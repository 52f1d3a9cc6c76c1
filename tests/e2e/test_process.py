"""`python -m bot` as a real process: onboarding, a restart, and start-up refusals."""

import os
import socket
import subprocess
import sys

from localchat.server import LocalBotApi
from tests.e2e.conftest import ROOT


def test_onboarding_survives_a_restart(bot_process):
    bot = bot_process
    bot.start()
    bot.say("/start")
    bot.wait_text("not a doctor or a crisis service")
    bot.say("Berlin")
    bot.wait_button("✅ Medication")  # the usual ones come ticked: add exercise, drop mood
    bot.tap("Exercise")
    bot.wait_button("✅ Exercise")
    bot.tap("✅ Mood")
    bot.wait_for_no_button("✅ Mood")
    bot.tap("Done")
    bot.wait_text("What's the medicine called?")
    bot.say("Sertraline")
    bot.wait_button("08:00 and 20:00")
    bot.tap("08:00 and 20:00")
    bot.wait_text("wind-down nudge")
    bot.tap("Sounds good")
    bot.wait_text("a reminder at 17:00")  # exercise's own question, not sleep's old buttons
    bot.tap("Sounds good")
    bot.wait_text("All set")
    output = bot.stop()
    assert bot.proc.returncode == 0, output
    assert bot.api.token not in output  # the token never reaches the logs

    bot.start()
    bot.say("/habits")
    overview = bot.wait_text("Your reminders")
    for fragment in (
        "Sertraline: 08:00, 20:00",
        "Sleep: bedtime 22:30, morning 08:30",
        "Exercise: 17:00",
    ):
        assert fragment in overview
    bot.stop()


def _run(env_changes: dict[str, str]) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "DATABASE_"))}
    return subprocess.run(
        [sys.executable, "-m", "bot"],
        cwd=ROOT,
        env=env | env_changes,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_no_token_and_no_terminal_exits_2_with_botfather_hint(tmp_path):
    result = _run({"DATABASE_URL": f"sqlite:///{tmp_path}/x.db"})
    assert result.returncode == 2
    assert "@BotFather" in result.stderr and "TELEGRAM_BOT_TOKEN" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_malformed_setting_names_it_in_one_line(tmp_path):
    result = _run({"TELEGRAM_BOT_TOKEN": "123:abcdefghij", "DATABASE_URL": "mysql://nope"})
    assert result.returncode == 2
    [line] = result.stderr.strip().splitlines()
    assert "DATABASE_URL" in line


def test_webhook_mode_answers_updates_posted_to_it(bot_env, tmp_path):
    import json
    import socket
    import urllib.request

    from tests.e2e.conftest import BotProcess, wait_until

    api, env = bot_env
    with socket.socket() as probe:  # a free port on 127.0.0.1 for the bot's webhook server
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = env | {
        "WEBHOOK_URL": "https://steady.example",
        "WEBHOOK_LISTEN": "127.0.0.1",
        "WEBHOOK_PORT": str(port),
        "WEBHOOK_SECRET_TOKEN": "s3cret-token",
    }
    bot = BotProcess(api, env)
    bot.proc = subprocess.Popen(
        [sys.executable, "-m", "bot"],
        cwd=ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        [hook] = wait_until(lambda: api.calls("setWebhook"), 30)
        assert hook["url"] == "https://steady.example/telegram"
        body = json.dumps(api.message_update(42, "/start")).encode()

        def post(secret: str) -> int:
            request = urllib.request.Request(
                f"http://127.0.0.1:{port}/telegram",
                data=body,
                method="POST",
                headers={
                    "Content-Type": "application/json",
                    "X-Telegram-Bot-Api-Secret-Token": secret,
                },
            )
            try:
                with urllib.request.urlopen(request, timeout=10) as response:
                    return response.status
            except urllib.error.HTTPError as error:
                return error.code

        assert post("wrong") == 403  # forged updates are refused
        assert post("s3cret-token") == 200
        bot.wait_text("not a doctor or a crisis service")
    finally:
        bot.stop()


def test_webhook_mode_without_a_secret_refuses_to_start(tmp_path):
    result = _run(
        {
            "TELEGRAM_BOT_TOKEN": "123:abcdefghij",
            "TELEGRAM_API_BASE_URL": f"http://127.0.0.1:{_closed_port()}",  # never the internet
            "DATABASE_URL": f"sqlite:///{tmp_path}/x.db",
            "WEBHOOK_URL": "https://steady.example",
        }
    )
    assert result.returncode == 2
    [line] = result.stderr.strip().splitlines()
    assert "WEBHOOK_SECRET_TOKEN" in line


def test_a_refused_token_is_one_line_without_the_token(tmp_path):
    wrong = "123456:WRONGabcdefghij"
    with LocalBotApi() as api:  # it accepts only its own token and answers 401 to any other
        result = _run(
            {
                "TELEGRAM_BOT_TOKEN": wrong,
                "TELEGRAM_API_BASE_URL": api.base_url,
                "DATABASE_URL": f"sqlite:///{tmp_path}/x.db",
            }
        )
    assert result.returncode == 2
    [line] = (result.stdout + result.stderr).strip().splitlines()
    assert "TELEGRAM_BOT_TOKEN" in line and "WRONG" not in line


def test_an_unreachable_bot_api_is_one_line_without_the_token(tmp_path):
    port = _closed_port()
    result = _run(
        {
            "TELEGRAM_BOT_TOKEN": "123456:SECRETabcdefghij",
            "TELEGRAM_API_BASE_URL": f"http://127.0.0.1:{port}",
            "DATABASE_URL": f"sqlite:///{tmp_path}/x.db",
        }
    )
    assert result.returncode == 2
    [line] = (result.stdout + result.stderr).strip().splitlines()
    assert f"127.0.0.1:{port}" in line and "SECRET" not in line


def _closed_port() -> int:
    """Return a port on 127.0.0.1 that nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
