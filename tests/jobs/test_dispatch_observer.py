"""What the dispatcher tells its observer: ticks, each send's outcome and lateness, repeats."""

from datetime import UTC, datetime, timedelta

from jobs.observe import DispatchCounters
from jobs.sender import SendOutcome
from models import deliveries
from models.types import HabitKind
from tests import factories
from tests.jobs.conftest import make_due

BERLIN_NOON = datetime(2026, 11, 26, 11, 0, tzinfo=UTC)


async def _two_users_due(db, clock) -> None:
    for user_id in (42, 7):
        await factories.user(db, user_id=user_id, now=clock())
        await factories.habit(
            db, user_id=user_id, kind=HabitKind.MOOD, times=[(12, 0)], now=clock()
        )
    await make_due(db, clock())


async def test_sends_are_counted_by_outcome_with_their_lateness(db, clock, dispatcher, sender):
    clock.set(BERLIN_NOON)
    await _two_users_due(db, clock)
    sender.outcomes[7] = SendOutcome.BLOCKED
    clock.advance(seconds=45)
    await dispatcher.tick()
    counters: DispatchCounters = dispatcher.observer
    assert counters.sends == {SendOutcome.SENT: 1, SendOutcome.BLOCKED: 1}
    assert counters.max_late == timedelta(seconds=45)
    assert counters.last_tick == clock()


async def test_deliveries_a_crash_left_pending_are_counted_as_repeats(db, clock, dispatcher):
    clock.set(BERLIN_NOON)
    await _two_users_due(db, clock)
    crashed = DispatchCounters()
    dispatcher.observer = crashed
    async with db.session() as session:  # claimed, then the process died before sending
        claimed = await deliveries.claim_due_schedules(
            session, now=clock(), fresh_since=clock(), lease=timedelta(minutes=2), limit=10
        )
    assert len(claimed) == 2
    assert await dispatcher.recover() == 2
    assert crashed.repeats == 2
