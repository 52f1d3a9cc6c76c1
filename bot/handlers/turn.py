"""One update's unit of work: the user's row (locked), their step, and what follows the commit."""

from collections.abc import Awaitable, Callable
from datetime import datetime

from sqlmodel.ext.asyncio.session import AsyncSession
from telegram import Update

from bot import texts
from bot.context import Ctx
from bot.conversation import State, StepData, dump_state, read_state
from bot.handlers.replies import Reply, answer, notice
from bot.metrics import Metrics
from models import users
from models.tables import User
from models.types import HabitKind, SafetyEventKind


class Turn:
    """What a step works with: one session, the user, the time, and their conversation state.

    Steps move the conversation with `go` (a new step: its buttons get a new number), `stay`
    (new data, same step) or `end`, and call `reschedule` after changing anything that fires,
    so the dispatcher wakes once the unit of work has committed. What it records for the
    operator's counts (a check-in, crisis resources sent) is counted after the commit too.
    """

    def __init__(self, session: AsyncSession, user: User, now: datetime) -> None:
        self.session, self.user, self.now = session, user, now
        self.state: State | None = read_state(user.flow, user.flow_data, user.flow_step)
        self.wake = False
        self.checkins: list[HabitKind] = []
        self.safety_replies: list[SafetyEventKind] = []

    @property
    def step(self) -> int:
        """Return the number that the buttons of the replies being built belong to."""
        return self.user.flow_step

    async def go(self, data: StepData) -> None:
        """Move to a new step; buttons of every earlier step stop working."""
        flow, stored = dump_state(data)
        await users.set_flow(self.session, self.user, flow, stored)
        self.state = State(flow, data, self.user.flow_step)

    async def stay(self, data: StepData) -> None:
        """Change the current step's data, keeping its number (its buttons still work)."""
        flow, stored = dump_state(data)
        await users.set_flow(self.session, self.user, flow, stored, new_step=False)
        self.state = State(flow, data, self.user.flow_step)

    async def end(self) -> None:
        """Leave the conversation; its buttons stop working."""
        if self.user.flow is not None or self.state is not None:
            await users.set_flow(self.session, self.user, None)
        self.state = None

    def reschedule(self) -> None:
        """Say that something may now fire sooner: the dispatcher wakes after the commit."""
        self.wake = True

    def checked_in(self, kind: HabitKind) -> None:
        """Count a recorded check-in answer once the unit of work commits."""
        self.checkins.append(kind)

    def safety_reply(self, kind: SafetyEventKind) -> None:
        """Count a reply of the safety net once the unit of work commits."""
        self.safety_replies.append(kind)


Step = Callable[[Turn], Awaitable[list[Reply]]]


async def run_turn(
    update: Update, context: Ctx, step: Step, *, create: bool = False
) -> list[Reply] | None:
    """Run a step for the update's user in one unit of work; None if they never started.

    With create=True someone who never started gets a row first: the safety net and the
    safety plan are for everyone, set up or not.
    """
    deps, sender = context.deps, update.effective_user
    if sender is None:
        return None
    async with deps.db.session() as session:
        if create:
            user = await users.ensure_user(
                session, user_id=sender.id, first_name=sender.first_name or "", now=deps.clock()
            )
        else:
            user = await users.get_user(session, sender.id, lock=True)
        if user is None:
            return None
        if sender.language_code and user.language != sender.language_code[:16]:
            user.language = sender.language_code[:16]  # jobs write to them in it
            session.add(user)
        turn = Turn(session, user, deps.clock())
        if user.flow is not None and turn.state is None:
            await turn.end()  # a stored step that no longer validates: start afresh
        replies = await step(turn)
    if turn.wake:
        deps.dispatcher.wake()
    _count(deps.metrics, turn, via="button" if update.callback_query else "text")
    return replies


def _count(metrics: Metrics, turn: Turn, via: str) -> None:
    for kind in turn.checkins:
        metrics.checked_in(kind, via)
    for kind in turn.safety_replies:
        metrics.crisis_reply(kind.value)


async def reply_turn(update: Update, context: Ctx, step: Step, *, create: bool = False) -> None:
    """Run a step and send (or, for a button, answer with) what it says."""
    replies = await run_turn(update, context, step, create=create)
    await answer(update, [notice(texts.not_started())] if replies is None else replies)
