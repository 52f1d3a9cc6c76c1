"""The local Bot API stand-in, over real HTTP, with httpx and with python-telegram-bot's Bot."""

import asyncio
import datetime as dtm
import threading

import httpx
import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut
from telegram.request import HTTPXRequest

from localchat.server import LocalBotApi

PNG_16x32 = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x20" + bytes(20)
KEYBOARD = InlineKeyboardMarkup(
    [
        [InlineKeyboardButton("Taken", callback_data="c:1:t")],
        [InlineKeyboardButton("Skipped", callback_data="c:1:s")],
    ]
)


@pytest.fixture(autouse=True)
def _timedelta_durations(monkeypatch: pytest.MonkeyPatch) -> None:
    # PTB 22 warns when RetryAfter.retry_after is read as an int; opt in to timedelta.
    monkeypatch.setenv("PTB_TIMEDELTA", "true")


@pytest.fixture
async def bot(fake_api: LocalBotApi):
    # A pool as big as the 31-send burst, so all of them are in flight at once.
    request = HTTPXRequest(connection_pool_size=32)
    async with Bot(fake_api.token, base_url=fake_api.base_url, request=request) as bot:
        yield bot


def url(api: LocalBotApi, method: str) -> str:
    return f"{api.base_url}{api.token}/{method}"


def test_get_me_over_http_describes_the_bot(fake_api: LocalBotApi) -> None:
    body = httpx.post(url(fake_api, "getMe")).json()
    assert body["ok"] is True
    me = {key: body["result"][key] for key in ("is_bot", "first_name", "username")}
    assert me == {"is_bot": True, "first_name": "SteadyBot", "username": "steady_local_bot"}
    assert fake_api.base_url == f"http://127.0.0.1:{fake_api.port}/bot"


def test_wrong_token_is_unauthorized_and_unknown_method_not_found(fake_api: LocalBotApi) -> None:
    wrong = httpx.post(f"{fake_api.base_url}999:WRONG/getMe")
    unknown = httpx.post(url(fake_api, "getMeaningOfLife"))
    assert (wrong.status_code, wrong.json()["description"]) == (401, "Unauthorized")
    assert (unknown.status_code, unknown.json()["error_code"]) == (404, 404)


def test_params_decode_from_form_json_and_multipart(fake_api: LocalBotApi) -> None:
    markup = '{"inline_keyboard": []}'
    httpx.post(
        url(fake_api, "sendMessage"), data={"chat_id": "42", "text": "7", "reply_markup": markup}
    )
    httpx.post(url(fake_api, "sendMessage"), json={"chat_id": 43, "text": "hi"})
    httpx.post(
        url(fake_api, "sendDocument"),
        data={"chat_id": "44"},
        files={"document": ("a.csv", b"a,b\n")},
    )
    form, body, upload = fake_api.calls("sendMessage") + fake_api.calls("sendDocument")
    assert (form["chat_id"], form["text"], form["reply_markup"]) == (
        42,
        "7",
        {"inline_keyboard": []},
    )
    assert (body["chat_id"], body["text"]) == (43, "hi")
    assert upload["document"] == {"filename": "a.csv", "size": 4}
    assert upload["_files"]["document"] == b"a,b\n"


async def test_send_message_echoes_keyboard_and_counts_ids_per_chat(fake_api, bot) -> None:
    first = await bot.send_message(
        42, "<b>Time</b> for a walk &amp; air", parse_mode="HTML", reply_markup=KEYBOARD
    )
    second = await bot.send_message(42, "second")
    other = await bot.send_message(7, "elsewhere")
    assert first.text == "Time for a walk & air"
    assert first.reply_markup == KEYBOARD
    assert (first.chat.id, first.chat.type, first.from_user.username) == (
        42,
        "private",
        "steady_local_bot",
    )
    assert (first.message_id, second.message_id, other.message_id) == (1, 2, 1)
    assert [m["text"] for m in fake_api.sent_to(42)] == [
        "<b>Time</b> for a walk &amp; air",
        "second",
    ]


async def test_edit_message_text_updates_the_message_and_refuses_a_no_op(fake_api, bot) -> None:
    sent = await bot.send_message(42, "Dose due", reply_markup=KEYBOARD)
    edited = await bot.edit_message_text("Taken ✓", chat_id=42, message_id=sent.message_id)
    with pytest.raises(BadRequest, match="not modified"):
        await bot.edit_message_text("Taken ✓", chat_id=42, message_id=sent.message_id)
    assert (edited.text, edited.reply_markup) == ("Taken ✓", None)
    assert fake_api.sent_to(42)[0]["text"] == "Taken ✓"
    assert [e["method"] for e in fake_api.transcript(42)] == ["sendMessage", "editMessageText"]
    assert await bot.edit_message_reply_markup(inline_message_id="abc") is True


async def test_invalid_html_is_refused_like_telegram_and_nothing_is_sent(fake_api, bot) -> None:
    sent = await bot.send_message(42, "Hi <b>Sam</b>", parse_mode="HTML")
    refusals = [
        bot.send_message(42, "Welcome back, Anna <3", parse_mode="HTML"),
        bot.edit_message_text(
            "<i>Taken", chat_id=42, message_id=sent.message_id, parse_mode="HTML"
        ),
        bot.send_photo(42, PNG_16x32, caption="<week>", parse_mode="HTML"),
        bot.send_document(42, b"x", filename="a.csv", caption="1 < 2", parse_mode="HTML"),
    ]
    for call in refusals:
        with pytest.raises(BadRequest, match="Can't parse entities"):
            await call
    assert [m["text"] for m in fake_api.sent_to(42)] == ["Hi <b>Sam</b>"]


def test_invalid_html_gets_telegrams_exact_description(fake_api: LocalBotApi) -> None:
    params = {"chat_id": 1, "text": "a < b", "parse_mode": "HTML"}
    answer = httpx.post(url(fake_api, "sendMessage"), json=params)
    assert (answer.status_code, answer.json()["description"]) == (
        400,
        'Bad Request: can\'t parse entities: Unsupported start tag "" at byte offset 2',
    )


async def test_text_without_html_mode_is_shown_as_typed(fake_api, bot) -> None:
    plain = await bot.send_message(42, "a < b &amp; <i>", parse_mode=None)
    assert plain.text == "a < b &amp; <i>"
    with pytest.raises(BadRequest, match=r"(?i)unsupported parse_mode"):
        await bot.send_message(42, "hi", parse_mode="XML")


async def test_too_long_text_or_caption_is_refused(fake_api, bot) -> None:
    assert (await bot.send_message(42, "<b>x</b>" * 4096, parse_mode="HTML")).text == "x" * 4096
    with pytest.raises(BadRequest, match=r"(?i)message is too long"):
        await bot.send_message(42, "x" * 4097)
    with pytest.raises(BadRequest, match=r"(?i)caption is too long"):
        await bot.send_photo(42, PNG_16x32, caption="x" * 1025)


async def test_send_photo_keeps_the_uploaded_bytes(fake_api, bot) -> None:
    message = await bot.send_photo(42, PNG_16x32, caption="Your week", filename="week.png")
    assert (message.photo[-1].width, message.photo[-1].height, message.caption) == (
        16,
        32,
        "Your week",
    )
    call = fake_api.calls("sendPhoto")[0]
    assert call["photo"] == {"filename": "week.png", "size": len(PNG_16x32)}
    assert fake_api.sent_to(42)[0]["_files"]["photo"] == PNG_16x32


async def test_get_updates_serves_pushed_updates_from_offset(fake_api, bot) -> None:
    first = fake_api.push_update(fake_api.message_update(1, "/start"))
    second = fake_api.push_update(fake_api.message_update(1, "slept 7h"))
    updates = await bot.get_updates(timeout=5)
    later = await bot.get_updates(offset=second, timeout=0)
    assert [u.update_id for u in updates] == [first, second]
    assert updates[0].message.entities[0].type == "bot_command"
    assert [u.update_id for u in later] == [second]


async def test_get_updates_long_polls_until_an_update_arrives(fake_api, bot) -> None:
    loop = asyncio.get_running_loop()
    loop.call_later(0.05, fake_api.push_update, fake_api.message_update(1, "hello"))
    updates = await bot.get_updates(timeout=5)
    assert [u.message.text for u in updates] == ["hello"]


async def test_built_updates_parse_as_telegram_updates(fake_api, bot) -> None:
    await bot.send_message(5, "Did you take it?", reply_markup=KEYBOARD)
    built = [
        fake_api.location_update(5, 52.52, 13.4),
        fake_api.sticker_update(5),
        fake_api.photo_update(5, caption="lunch"),
        fake_api.callback_update(5, "c:1:t"),
    ]
    location, sticker, photo, press = (Update.de_json(d, bot) for d in built)
    assert (location.message.location.latitude, location.effective_chat.id) == (52.52, 5)
    assert sticker.message.sticker.emoji and photo.message.caption == "lunch"
    assert (press.callback_query.data, press.callback_query.from_user.id) == ("c:1:t", 5)
    assert press.callback_query.message.text == "Did you take it?"
    assert len({u.update_id for u in (location, sticker, photo, press)}) == 4


async def test_fail_next_answers_429_with_retry_after_then_recovers(fake_api, bot) -> None:
    fake_api.fail_next("sendMessage", retry_after=3)
    with pytest.raises(RetryAfter) as error:
        await bot.send_message(1, "hi")
    await bot.send_message(1, "hi")
    assert error.value.retry_after == dtm.timedelta(seconds=3)
    assert [c["_status"] for c in fake_api.calls("sendMessage")] == [429, 200]


async def test_fail_next_for_one_chat_leaves_other_chats_alone(fake_api, bot) -> None:
    fake_api.fail_next(
        "sendMessage", status=400, description="Bad Request: chat not found", chat_id=2
    )
    await bot.send_message(1, "fine")
    with pytest.raises(BadRequest, match=r"(?i)chat not found"):
        await bot.send_message(2, "fails")


async def test_blocked_chat_is_forbidden_until_unblocked(fake_api, bot) -> None:
    fake_api.block_chat(9)
    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await bot.send_message(9, "Time for your dose")
    fake_api.unblock_chat(9)
    assert (await bot.send_message(9, "Welcome back")).text == "Welcome back"


async def test_dropped_connection_is_a_network_error(fake_api, bot) -> None:
    fake_api.drop_next("sendMessage")
    with pytest.raises(NetworkError):
        await bot.send_message(1, "lost")
    assert fake_api.calls("sendMessage")[0]["_status"] is None


async def test_delayed_answer_times_out(fake_api, bot) -> None:
    fake_api.delay_next("sendMessage", 0.3)
    with pytest.raises(TimedOut):
        await bot.send_message(1, "slow", read_timeout=0.05)


async def test_limits_refuse_a_second_send_to_a_chat_within_a_second() -> None:
    with LocalBotApi(enforce_limits=True) as api:
        async with Bot(api.token, base_url=api.base_url) as bot:
            await bot.send_message(1, "first")
            with pytest.raises(RetryAfter) as error:
                await bot.send_message(1, "too soon")
            await bot.send_message(2, "another chat is fine")
    assert error.value.retry_after == dtm.timedelta(seconds=1)
    assert (api.accepted, api.rejected_429) == (2, 1)


def test_limits_refuse_the_31st_send_in_one_second(fake_api) -> None:
    # The window is counted on the clock the caller passes: no timing, so no flakiness.
    limits = fake_api.state.limits
    limits.enforce = True
    admitted = [limits.admit(chat_id, 100.0 + chat_id / 100) for chat_id in range(1, 32)]
    assert admitted.count(False) == 1 and admitted[-1] is False
    assert limits.admit(99, 101.5)  # a second later the window has room again
    assert (limits.accepted, limits.rejected_429) == (31, 1)


async def test_a_refused_send_reaches_the_bot_as_retry_after(fake_api, bot) -> None:
    fake_api.enforce_limits = True
    sends = [bot.send_message(7, "hi") for _ in range(2)]  # one chat: one a second
    results = await asyncio.gather(*sends, return_exceptions=True)
    assert sum(isinstance(r, RetryAfter) for r in results) == 1


async def test_latency_is_added_to_sends(fake_api, bot) -> None:
    fake_api.latency = 0.05
    loop = asyncio.get_running_loop()
    started = loop.time()
    await bot.send_message(1, "hi")
    assert loop.time() - started >= 0.05


def test_wait_for_returns_the_value_from_another_thread_or_times_out(fake_api) -> None:
    threading.Timer(0.02, fake_api.push_update, [fake_api.message_update(1, "hi")]).start()
    assert (
        fake_api.wait_for(lambda: fake_api.state.updates, timeout=2)[0]["message"]["text"] == "hi"
    )
    with pytest.raises(TimeoutError):
        fake_api.wait_for(lambda: fake_api.calls("sendMessage"), timeout=0.05)


async def test_wait_for_async_wakes_on_a_call(fake_api, bot) -> None:
    waiting = asyncio.create_task(fake_api.wait_for_async(lambda: fake_api.sent_to(3)))
    await bot.send_message(3, "hello")
    assert [m["text"] for m in await waiting] == ["hello"]


async def test_clear_forgets_calls_but_keeps_update_ids_rising(fake_api, bot) -> None:
    before = fake_api.push_update(fake_api.message_update(1, "a"))
    await bot.send_message(1, "x")
    fake_api.clear()
    after = fake_api.push_update(fake_api.message_update(1, "b"))
    assert (fake_api.calls(), fake_api.sent_to(1)) == ([], [])
    assert after > before


async def test_a_long_poll_is_seen_when_it_arrives_not_only_when_it_ends(fake_api, bot) -> None:
    poll = asyncio.create_task(bot.get_updates(timeout=30))
    [arrived] = await fake_api.wait_for_async(lambda: fake_api.arrivals("getUpdates"), timeout=2)
    assert (arrived["timeout"], fake_api.calls("getUpdates")) == (30, [])
    fake_api.push_update(fake_api.message_update(1, "hi"))
    assert [u.message.text for u in await asyncio.wait_for(poll, 2)] == ["hi"]
    assert [c["_status"] for c in fake_api.calls("getUpdates")] == [200]


async def test_stop_ends_a_pending_long_poll() -> None:
    api = LocalBotApi().start()
    async with Bot(api.token, base_url=api.base_url) as bot:
        poll = asyncio.create_task(bot.get_updates(timeout=30))
        await api.wait_for_async(lambda: api.polling, timeout=2)
        await asyncio.to_thread(api.stop)
        assert await asyncio.wait_for(poll, 2) == ()


async def test_commands_and_webhook_round_trip(fake_api, bot) -> None:
    await bot.set_my_commands([("summary", "Your week so far")])
    commands = await bot.get_my_commands()
    await bot.set_webhook("https://example.invalid/hook")
    info = await bot.get_webhook_info()
    assert await bot.delete_webhook(drop_pending_updates=True) is True
    assert [(c.command, c.description) for c in commands] == [("summary", "Your week so far")]
    assert info.url == "https://example.invalid/hook"
    assert await bot.answer_callback_query("q1") and await bot.send_chat_action(1, "typing")
