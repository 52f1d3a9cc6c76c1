"""What became of claimed deliveries: sent, refused, to try again; and whether one is still wanted.

Every outcome changes a delivery's resend_at only while it still holds the claim's lease: an
answer or a snooze that came in while the message was on its way wins over the outcome.
"""

from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import bindparam, case, exists, literal, null, select, update
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlmodel import SQLModel
from sqlmodel.ext.asyncio.session import AsyncSession

import models.tables  # noqa: F401  (registers the tables)
from models.deliveries import Claimed
from models.schedule import day_end_after
from models.types import DeliveryStatus, HabitKind, Purpose

D, C = SQLModel.metadata.tables["deliveries"], SQLModel.metadata.tables["checkins"]
H = SQLModel.metadata.tables["habits"]
# The follow-ups the delivery's habit asks for (none for a delivery without a habit).
_FOLLOW_UPS = select(H.c.follow_ups).where(H.c.id == D.c.habit_id).scalar_subquery()


def _after_lease(then):
    """Return resend_at set to `then` if it still holds this claim's lease, else unchanged."""
    lease = bindparam("lease", type_=D.c.resend_at.type)
    return case((D.c.resend_at == lease, null() if then is None else then), else_=D.c.resend_at)


async def record_sent(
    session: AsyncSession,
    *,
    sent: Sequence[tuple[Claimed, int | None]],
    now: datetime,
    follow_up: timedelta,
) -> None:
    """Record that Telegram accepted these; plan the follow-up and the day's end.

    A repeat (follow-up or snooze) records its own showing: a later edit targets that message.
    A dose gets up to its habit's follow_ups gentle nudges, follow_up apart; a snoozed one
    comes back once more and then waits for an answer.
    """
    first, repeats = [], []
    for claim, message_id in sent:
        row = {"did": claim.delivery_id, "lease": claim.lease_until, "mid": message_id, "sa": now}
        if claim.repeat:
            row["next"] = now + follow_up if _is_dose(claim) else None
            repeats.append(row)
            continue
        asks = claim.purpose is Purpose.CHECKIN
        row["ra"] = now + follow_up if _is_dose(claim) else None
        row["ea"] = day_end_after(claim.due_at, claim.tz, claim.day_end_minute) if asks else None
        first.append(row)
    connection = await session.connection()
    shown: dict[str, Any] = {"sent_at": bindparam("sa"), "message_id": bindparam("mid")}
    when = D.c.id == bindparam("did")
    if first:
        await connection.execute(
            update(D)
            .where(when)
            .values(
                status=DeliveryStatus.SENT,
                resend_at=_after_lease(
                    case((_FOLLOW_UPS > 0, bindparam("ra", type_=D.c.resend_at.type)), else_=null())
                ),
                expires_at=bindparam("ea"),
                **shown,
            ),
            first,
        )
    if repeats:
        # This showing is follow-up number follow_ups_sent + 1, unless it is a snooze's.
        follow_up_shown = D.c.snoozed.is_(False)
        more = follow_up_shown & (D.c.follow_ups_sent + 1 < _FOLLOW_UPS)
        after = case((more, bindparam("next", type_=D.c.resend_at.type)), else_=null())
        await connection.execute(
            update(D)
            .where(when)
            .values(
                resend_at=_after_lease(after),
                follow_ups_sent=D.c.follow_ups_sent + case((follow_up_shown, 1), else_=0),
                **shown,
            ),
            repeats,
        )


def _is_dose(claim: Claimed) -> bool:
    return claim.purpose is Purpose.CHECKIN and claim.kind is HabitKind.MEDICATION


async def record_unsent(
    session: AsyncSession,
    *,
    failed: Sequence[Claimed],
    retry: Sequence[Claimed],
    now: datetime,
    backoff: timedelta,
) -> None:
    """Mark refused first showings failed (a refused repeat leaves the first one as it was), and
    plan a later try for those a passing error stopped."""
    connection = await session.connection()
    when = D.c.id == bindparam("did")
    if failed:
        pending = D.c.status == DeliveryStatus.PENDING
        await connection.execute(
            update(D)
            .where(when)
            .values(
                status=case(
                    (pending, literal(DeliveryStatus.FAILED, D.c.status.type)), else_=D.c.status
                ),
                resend_at=_after_lease(None),
            ),
            [{"did": c.delivery_id, "lease": c.lease_until} for c in failed],
        )
    if retry:
        later = bindparam("later", type_=D.c.resend_at.type)
        await connection.execute(
            update(D).where(when).values(resend_at=_after_lease(later)),
            [{"did": c.delivery_id, "lease": c.lease_until, "later": now + backoff} for c in retry],
        )


async def record_parts(session: AsyncSession, *, parts: Mapping[int, int]) -> None:
    """Remember which parts of each summary (delivery id -> SummaryPart) reached the user."""
    if parts:
        await (await session.connection()).execute(
            update(D).where(D.c.id == bindparam("did")).values(parts_sent=bindparam("parts")),
            [{"did": did, "parts": int(sent)} for did, sent in parts.items()],
        )


async def still_wanted(connection: AsyncConnection, *, delivery_ids: Sequence[int]) -> set[int]:
    """Return which of these deliveries still exist unanswered.

    Checked just before sending: the user may have erased everything, or answered, meanwhile.
    """
    answered = exists().where(C.c.delivery_id == D.c.id)
    found = await connection.execute(select(D.c.id).where(D.c.id.in_(delivery_ids), ~answered))
    return {row.id for row in found}
