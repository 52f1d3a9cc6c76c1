"""/start: welcome, time zone, then the habits to remind of (steps kept in users.flow)."""

import asyncio
from datetime import datetime

from sqlmodel.ext.asyncio.session import AsyncSession
from telegram import ReplyKeyboardRemove

from bot import keyboards, texts, timezones
from bot.handlers import flow
from bot.handlers.replies import Reply
from models import users
from models.tables import User
from models.types import HabitKind


async def start(session: AsyncSession, user: User, now: datetime) -> list[Reply]:
    """Begin onboarding, or welcome back someone who already set things up."""
    replies = []
    if await users.unblock(session, user=user, now=now):
        replies.append(Reply(texts.UNBLOCKED))
    if user.onboarded_at is not None:
        await users.set_flow(session, user, None)
        lines = await flow.habit_lines(session, user)
        text = texts.WELCOME_BACK.format(name=user.first_name or "friend")
        return [
            *replies,
            Reply(
                text
                + "\n"
                + "\n".join(f"• {line}" for line in lines)
                + "\n\n/habits to change them, /help for more."
            ),
        ]
    await users.set_flow(session, user, "tz", {"then": "onboard"})
    return [
        *replies,
        Reply(texts.welcome(user.first_name)),
        Reply(texts.ASK_ZONE, keyboards.share_location()),
    ]


async def on_zone_text(session: AsyncSession, user: User, text: str, now: datetime) -> list[Reply]:
    """Set the zone from a typed city or zone name, or say how to give one."""
    if len(text) > flow.MAX_TEXT:
        return [Reply(texts.TOO_LONG)]
    # The first city look-up loads ~30,000 cities (a third of a second): keep the loop free.
    tz = await asyncio.to_thread(timezones.resolve_zone, text)
    if tz is None:
        return [
            Reply(texts.ZONE_UNKNOWN, keyboards.zone_suggestions(timezones.suggest_zones(text)))
        ]
    return await zone_chosen(session, user, tz, now)


async def on_location(
    session: AsyncSession, user: User, lat: float, lon: float, now: datetime
) -> list[Reply]:
    """Set the zone from a shared location, resolved offline."""
    tz = timezones.zone_for_location(lat, lon)
    if tz is None:
        return [Reply(texts.ZONE_UNKNOWN)]
    return await zone_chosen(session, user, tz, now)


async def zone_chosen(session: AsyncSession, user: User, tz: str, now: datetime) -> list[Reply]:
    """Save the zone and go on with whatever asked for it."""
    then = user.flow_data.get("then") if user.flow == "tz" else None
    await users.set_timezone(session, user=user, tz=tz, now=now)
    done = Reply(texts.zone_set(tz, now), ReplyKeyboardRemove())
    if then == "onboard":
        await users.set_flow(session, user, "pick", {"picked": []})
        return [done, Reply(texts.PICK_HABITS, keyboards.habit_picker([]))]
    await users.set_flow(session, user, None)
    return [done]


async def on_pick_button(
    session: AsyncSession, user: User, op: str, arg: str, now: datetime
) -> list[Reply]:
    """Toggle a habit in the picker, or go on to set up the chosen ones."""
    picked: list[str] = list(user.flow_data.get("picked", []))
    if op == "pick" and arg in HabitKind.__members__.values():
        picked.remove(arg) if arg in picked else picked.append(arg)
        await users.set_flow(session, user, "pick", {"picked": picked})
        return [Reply(texts.PICK_HABITS, keyboards.habit_picker(picked), edit=True)]
    if op == "go":
        chosen = [kind for kind in HabitKind if kind.value in picked]  # catalog order
        return [
            Reply(
                texts.PICK_HABITS
                + "\n\n✓ "
                + (", ".join(texts.KIND_LABEL[k] for k in chosen) or "none for now"),
                edit=True,
            ),
            *await flow.start_adding(session, user, chosen, onboarding=True, now=now),
        ]
    return [Reply(texts.BUTTON_EXPIRED)]
