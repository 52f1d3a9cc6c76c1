"""The operator's view over HTTP: /healthz answers for the database, the dispatcher and the
oldest due reminder; /metrics counts sends, 429s, lateness, check-ins, crisis replies and
update handling, with no user's words or ids in it."""

from dataclasses import replace
from datetime import UTC, datetime

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families
from telegram import Update

from bot.admin import AdminServer
from bot.app import build_application, on_startup
from bot.config import Settings
from bot.context import Deps
from bot.metrics import SAFETY_REPLIES
from jobs.sender import SendOutcome
from models.db import Database
from models.types import HabitKind
from tests import factories

NOON_BERLIN = datetime(2026, 11, 26, 11, 0, tzinfo=UTC)
WORDS = "Quetiazorb-Lindwurm"
CLOSED = {*SendOutcome, *SAFETY_REPLIES}  # the series that exist from the start


def sample(exposition: str, name: str, **labels: str) -> float:
    """Return one sample's value from the Prometheus text, 0 when the series is absent."""
    for family in text_string_to_metric_families(exposition):
        for found in family.samples:
            if found.name == name and all(found.labels.get(k) == v for k, v in labels.items()):
                return found.value
    return 0.0


@pytest.fixture
async def admin(app):
    """Serve the admin port of the app's own deps on a free port of 127.0.0.1."""
    deps = app.bot_data["deps"]
    server = AdminServer(deps, "127.0.0.1", 0)
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{server.port}") as client:
        yield client
    await server.stop()


async def _reminder_due(db, clock, user_id: int = 42) -> None:
    await factories.user(db, user_id=user_id, now=clock())
    morning = clock().replace(hour=10)
    await factories.habit(db, user_id=user_id, kind=HabitKind.MOOD, times=[(12, 0)], now=morning)


async def test_healthz_is_200_once_the_dispatcher_ticks(app, admin, clock, no_errors):
    await app.bot_data["deps"].dispatcher.tick()
    answer = await admin.get("/healthz")
    assert answer.status_code == 200
    assert answer.json() == {
        "status": "ok",
        "reason": "ok",
        "oldest_due_late_s": 0.0,
        "dispatcher_silent_s": 0.0,
    }


async def test_healthz_is_503_before_the_dispatcher_ticks(admin):
    answer = await admin.get("/healthz")
    assert (answer.status_code, answer.json()["reason"]) == (503, "dispatcher not started")


async def test_healthz_is_503_when_the_dispatcher_falls_silent(app, admin, clock):
    await app.bot_data["deps"].dispatcher.tick()
    clock.advance(seconds=app.bot_data["deps"].settings.health_max_silence_seconds + 1)
    answer = await admin.get("/healthz")
    assert (answer.status_code, answer.json()["reason"]) == (503, "dispatcher silent")


async def test_healthz_is_503_when_a_due_reminder_waits_too_long(app, admin, db, clock):
    clock.set(NOON_BERLIN)
    await _reminder_due(db, clock)
    clock.advance(minutes=11)  # due at 12:00 Berlin, never sent: the dispatcher did not claim it
    app.bot_data["deps"].metrics.ticked(clock())  # the loop itself is alive
    answer = await admin.get("/healthz")
    assert answer.status_code == 503
    assert answer.json()["reason"] == "reminders late"
    assert answer.json()["oldest_due_late_s"] == 660.0


async def test_healthz_is_503_when_the_database_is_unreachable(app, clock):
    deps = app.bot_data["deps"]
    deps.metrics.ticked(clock())
    nowhere = Database("postgresql://steady@127.0.0.1:1/steady")  # nothing listens on port 1
    server = AdminServer(replace(deps, db=nowhere), "127.0.0.1", 0)
    try:
        async with httpx.AsyncClient() as client:
            answer = await client.get(f"http://127.0.0.1:{server.port}/healthz")
    finally:
        await server.stop()
        await nowhere.dispose()
    assert answer.status_code == 503
    assert answer.json() == {"status": "unhealthy", "reason": "database unreachable"}


async def test_metrics_count_sends_429s_and_lateness(app, admin, fake_api, db, clock, no_errors):
    clock.set(NOON_BERLIN)
    await _reminder_due(db, clock)
    clock.advance(seconds=40)
    fake_api.fail_next("sendMessage", status=429, retry_after=1)
    await app.bot_data["deps"].dispatcher.tick()
    text = (await admin.get("/metrics")).text
    assert sample(text, "steady_sends_total", outcome="sent") == 1
    assert sample(text, "steady_sends_total", outcome="retry") == 0
    assert sample(text, "steady_telegram_429_total") == 1
    assert sample(text, "steady_reminder_lateness_seconds_count") == 1
    # Sent 40 s after it was due (the clock stands still while the limiter waits).
    assert sample(text, "steady_reminder_lateness_seconds_bucket", le="30.0") == 0
    assert sample(text, "steady_reminder_lateness_seconds_bucket", le="60.0") == 1
    assert sample(text, "steady_dispatcher_last_tick_timestamp_seconds") == clock().timestamp()


async def test_metrics_count_checkins_crisis_replies_and_updates(app, admin, chat, db, clock):
    await factories.user(db, now=clock())
    await chat.say("slept 7h")
    await chat.say("/summary")
    await chat.say(f"I want to kill myself, {WORDS}")
    text = (await admin.get("/metrics")).text
    assert sample(text, "steady_checkins_total", kind="sleep", via="text") == 1
    assert sample(text, "steady_crisis_replies_total", kind="resources") == 1
    assert sample(text, "steady_update_seconds_count", kind="text") == 2
    assert sample(text, "steady_update_seconds_count", kind="command_summary") == 1
    assert WORDS not in text
    assert label_values(text) <= {"sleep", "text", "command_summary", "command_other", *CLOSED}


def label_values(exposition: str) -> set[str]:
    """Return every label value but the buckets' bounds."""
    return {
        value
        for family in text_string_to_metric_families(exposition)
        for found in family.samples
        for name, value in found.labels.items()
        if name != "le"
    }


async def test_metrics_count_a_tapped_checkin_and_phq9_crisis(app, admin, chat, db, clock):
    await factories.user(db, now=clock())
    await factories.habit(db, kind=HabitKind.MOOD, times=[(20, 0)], now=clock())
    await chat.say("/checkin")
    await chat.tap_label("Mood")
    await chat.tap_label("6")
    await chat.say("/phq9")
    for _ in range(8):
        await chat.tap_label("Not at all")
    await chat.tap_label("Nearly every day")
    text = (await admin.get("/metrics")).text
    assert sample(text, "steady_checkins_total", kind="mood", via="button") == 1
    assert sample(text, "steady_crisis_replies_total", kind="phq9") == 1
    assert sample(text, "steady_update_seconds_count", kind="button_log") == 2


async def test_metrics_count_the_resources_a_stranger_gets(fake_api, db, clock):
    settings = Settings(
        _env_file=None,
        telegram_bot_token=fake_api.token,
        telegram_api_base_url=fake_api.base_url,
        allowed_user_ids="7",
    )
    app = build_application(Deps(settings=settings, db=db, clock=clock, sleep=clock.sleep))
    async with app:
        await on_startup(app)
        for update in (
            fake_api.message_update(42, "hello"),
            fake_api.message_update(42, "nobody would miss me"),
        ):
            await app.process_update(Update.de_json(update, app.bot))
    text, _ = app.bot_data["deps"].metrics.exposition()
    assert sample(text.decode(), "steady_crisis_replies_total", kind="stranger") == 1
