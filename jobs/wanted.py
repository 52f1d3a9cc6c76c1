"""Before a send that waited its turn, confirm it is still wanted: one query for all that ask."""

import asyncio

from models import outcomes
from models.db import Database


class WantedCheck:
    """Tell whether a claimed delivery still exists unanswered (the user may have erased
    everything, or answered, while it waited for its turn).

    Sends that ask at the same moment share one query, so a burst costs a query per few dozen
    sends, not one each.
    """

    def __init__(self, db: Database) -> None:
        self.db = db
        self._asking: dict[int, asyncio.Future[bool]] = {}
        self._answering: asyncio.Task[None] | None = None

    async def __call__(self, delivery_id: int) -> bool:
        future = self._asking.get(delivery_id)
        if future is None:
            future = self._asking[delivery_id] = asyncio.get_running_loop().create_future()
        if self._answering is None or self._answering.done():
            self._answering = asyncio.create_task(self._answer())
        return await future

    async def _answer(self) -> None:
        while self._asking:
            asking, self._asking = self._asking, {}
            try:
                async with self.db.engine.connect() as connection:  # a read: no commit
                    wanted = await outcomes.still_wanted(connection, delivery_ids=list(asking))
            except Exception as error:  # each asker treats it as a failed send
                for future in asking.values():
                    if not future.done():
                        future.set_exception(error)
                continue
            for delivery_id, future in asking.items():
                if not future.done():
                    future.set_result(delivery_id in wanted)
