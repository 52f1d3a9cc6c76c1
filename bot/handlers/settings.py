"""/settings: time zone, weekly summary day and time, when the day ends, pause everything."""

from datetime import datetime, timedelta
from html import escape

from sqlmodel.ext.asyncio.session import AsyncSession
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot import keyboards, parsing, texts
from bot.callback_data import Button, button
from bot.context import Ctx
from bot.handlers import flow
from bot.handlers.replies import Reply, run_button, send
from models import schedule, users
from models.tables import User

DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
PAUSE_DAYS = (1, 3, 7, 14)


def _b(label: str, op: str, arg: str | int = "") -> InlineKeyboardButton:
    return InlineKeyboardButton(label, callback_data=button("s", op, None, arg))


def _overview(user: User, now: datetime) -> Reply:
    paused = user.paused_until is not None and user.paused_until > now
    local_pause = schedule.local_now(user.paused_until, user.tz) if paused else None
    lines = [
        "<b>Settings</b>",
        f"Time zone: {escape(user.tz)}",
        f"Weekly summary: {DAY_NAMES[user.summary_weekday]}s at {texts.hhmm(divmod(user.summary_minute, 60))}",
        f"Your day ends at {texts.hhmm(divmod(user.day_end_minute, 60))} (unanswered reminders count as 'no answer' then)",
        f"Reminders: paused until {local_pause:%a %-d %b %H:%M}"
        if local_pause
        else "Reminders: on",
    ]
    pause = _b("▶️ Resume reminders", "resume") if paused else _b("⏸ Pause reminders", "pause")
    markup = InlineKeyboardMarkup(
        [
            [_b("🌍 Time zone", "tz")],
            [_b("📅 Summary day", "sumday"), _b("🕕 Summary time", "sumtime")],
            [_b("🌙 Day ends at", "dayend"), pause],
        ]
    )
    return Reply("\n".join(lines), markup)


async def settings_command(update: Update, context: Ctx) -> None:
    """Show the user's settings with a button for each."""
    async with context.deps.db.session() as session:
        user = await users.get_user(session, update.effective_user.id)
    reply = Reply(texts.NOT_STARTED) if user is None else _overview(user, context.deps.clock())
    await send(update, [reply])


async def settings_button(update: Update, context: Ctx) -> None:
    """Change one setting from its button."""
    await run_button(update, context, _act)


async def _act(session: AsyncSession, user: User, choice: Button, now: datetime) -> list[Reply]:
    op, arg = choice.op, choice.arg
    if op == "tz":
        await users.set_flow(session, user, "tz", {"then": "settings"})
        return [Reply(texts.ASK_ZONE, keyboards.share_location())]
    if op in ("sumtime", "dayend"):
        await users.set_flow(session, user, "settings", {"step": op})
        return [Reply(texts.ASK_ONE_TIME)]
    if op == "sumday":
        rows = [[_b(name[:3], "setday", i) for i, name in enumerate(DAY_NAMES)]]
        return [Reply("Which day should your weekly summary come?", InlineKeyboardMarkup(rows))]
    if op == "setday" and arg.isdigit() and int(arg) < 7:
        await users.set_summary_time(
            session, user=user, weekday=int(arg), minute=user.summary_minute, now=now
        )
    elif op == "pause":
        rows = [[_b(f"{d} day{'s' if d > 1 else ''}", "pausefor", d) for d in PAUSE_DAYS]]
        return [
            Reply(
                "Pause all reminders for how long? They come back by themselves.",
                InlineKeyboardMarkup(rows),
            )
        ]
    elif op == "pausefor" and arg.isdigit() and int(arg) in PAUSE_DAYS:
        await users.pause_all(session, user=user, until=now + timedelta(days=int(arg)), now=now)
    elif op == "resume":
        await users.pause_all(session, user=user, until=None, now=now)
    else:
        return [Reply(texts.BUTTON_EXPIRED)]
    return [Reply("Saved ✓"), _overview(user, now)]


async def on_text(session: AsyncSession, user: User, text: str, now: datetime) -> list[Reply]:
    """Take a typed summary time or day-end time."""
    time = parsing.parse_time(text) if len(text) <= flow.MAX_TEXT else None
    if time is None:
        return [Reply(texts.BAD_TIME)]
    minute = time[0] * 60 + time[1]
    if user.flow_data.get("step") == "dayend":
        await users.set_day_end(session, user=user, minute=minute)
    else:
        await users.set_summary_time(
            session, user=user, weekday=user.summary_weekday, minute=minute, now=now
        )
    await users.set_flow(session, user, None)
    return [Reply("Saved ✓"), _overview(user, now)]
