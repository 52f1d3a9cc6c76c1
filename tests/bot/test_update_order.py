"""Updates are handled concurrently across users, and one at a time, in order, for each user."""

import asyncio

from telegram import Update

from bot.ordering import OneAtATimePerUser
from localchat.server import LocalBotApi


def _update(api: LocalBotApi, user_id: int, text: str) -> Update:
    return Update.de_json(api.message_update(user_id, text), None)


async def test_a_users_updates_wait_their_turn_while_others_go_ahead(fake_api):
    processor = OneAtATimePerUser(8)
    log: list[str] = []
    release_first = asyncio.Event()

    async def handle(name: str, gate: asyncio.Event | None = None) -> None:
        log.append(f"{name} starts")
        if gate is not None:
            await gate.wait()
        log.append(f"{name} ends")

    first = asyncio.create_task(
        processor.process_update(_update(fake_api, 42, "a"), handle("42a", release_first))
    )
    second = asyncio.create_task(
        processor.process_update(_update(fake_api, 42, "b"), handle("42b"))
    )
    other = asyncio.create_task(processor.process_update(_update(fake_api, 7, "c"), handle("7")))
    await other  # another user's update does not wait for 42's
    assert log == ["42a starts", "7 starts", "7 ends"]
    release_first.set()
    await asyncio.gather(first, second)
    assert log[3:] == ["42a ends", "42b starts", "42b ends"]  # 42's second came after the first
    assert processor._locks == {}  # nobody is remembered once their updates are done


async def test_a_failing_update_does_not_block_the_users_next(fake_api):
    processor = OneAtATimePerUser(4)

    async def broken() -> None:
        raise RuntimeError("handler failed")

    async def fine() -> str:
        return "handled"

    failed = processor.process_update(_update(fake_api, 42, "a"), broken())
    results = await asyncio.gather(failed, return_exceptions=True)
    assert isinstance(results[0], RuntimeError)
    await asyncio.wait_for(processor.process_update(_update(fake_api, 42, "b"), fine()), 5)
