"""/settings: time zone, weekly summary day and time, when the day ends, pause everything."""

from datetime import timedelta

from telegram import InlineKeyboardMarkup, Update

from bot import keyboards, manage_texts, parsing, setup_texts
from bot.callback_data import Area, Button, parse, small_int
from bot.context import Ctx
from bot.conversation import SettingField, SettingStep, ZoneStep
from bot.countries import resolve_country
from bot.crisis_lines import country_of
from bot.handlers.replies import Reply, notice
from bot.handlers.turn import Turn, reply_turn
from bot.keyboards import b
from bot.texts import button_expired, saved, too_long
from models import safety, users

PAUSE_DAYS = (1, 3, 7, 14)
MAX_TEXT = 500


def overview(turn: Turn) -> Reply:
    t = manage_texts
    paused = turn.user.paused_until is not None and turn.user.paused_until > turn.now
    pause = (
        b(t.resume_all_button(), Area.SETTINGS, "resume")
        if paused
        else b(t.pause_all_button(), Area.SETTINGS, "pause")
    )
    user = turn.user
    markup = InlineKeyboardMarkup(
        [
            [b(t.zone_button(), Area.SETTINGS, "tz")],
            [
                b(t.summary_day_button(), Area.SETTINGS, "sumday"),
                b(t.summary_time_button(), Area.SETTINGS, "sumtime"),
            ],
            [b(t.day_end_button(), Area.SETTINGS, "dayend"), pause],
            [b(t.country_button(), Area.SETTINGS, "country")],
            [b(t.follow_up_button(user.safety_follow_up), Area.SETTINGS, "care")],
        ]
    )
    country = country_of(user.tz, user.country)
    safety_lines = t.safety_settings(country, user.country is not None, user.safety_follow_up)
    return Reply(t.settings_overview(user, turn.now) + "\n" + safety_lines, markup)


async def settings_command(update: Update, context: Ctx) -> None:
    """Show the user's settings with a button for each."""

    async def step(turn: Turn) -> list[Reply]:
        return [overview(turn)]

    await reply_turn(update, context, step)


async def settings_button(update: Update, context: Ctx) -> None:
    """Change one setting from its button."""
    choice = parse(update.callback_query.data if update.callback_query else None)

    async def step(turn: Turn) -> list[Reply]:
        return await _act(turn, choice) if choice else [notice(button_expired())]

    await reply_turn(update, context, step)


async def _act(turn: Turn, choice: Button) -> list[Reply]:
    op, arg, user, now = choice.op, choice.arg, turn.user, turn.now
    if op == "tz":
        await turn.go(ZoneStep(then="settings"))
        return [Reply(setup_texts.ask_zone_again(), keyboards.share_location())]
    if op == "country":
        await turn.go(SettingStep(step=SettingField.COUNTRY))
        zone = InlineKeyboardMarkup([[b(manage_texts.use_zone_button(), Area.SETTINGS, "usezone")]])
        return [Reply(manage_texts.ask_country(), zone)]
    if op in ("sumtime", "dayend"):
        field = SettingField(op)
        await turn.go(SettingStep(step=field))
        ask = manage_texts.ask_summary_time if op == "sumtime" else manage_texts.ask_day_end
        return [Reply(ask())]
    if op == "sumday":
        days = [b(manage_texts.weekday_abbr(i), Area.SETTINGS, "setday", None, i) for i in range(7)]
        return [Reply(manage_texts.ask_summary_day(), InlineKeyboardMarkup([days]))]
    if op == "setday" and (weekday := small_int(arg, 0, 6)) is not None:
        await users.set_summary_time(
            turn.session, user=user, weekday=weekday, minute=user.summary_minute, now=now
        )
    elif op == "pause":
        options = [
            b(manage_texts.days_count(d), Area.SETTINGS, "pausefor", None, d) for d in PAUSE_DAYS
        ]
        return [Reply(manage_texts.ask_pause(), InlineKeyboardMarkup([options]))]
    elif op == "pausefor" and (days := small_int(arg, 1, 14)) in PAUSE_DAYS and days:
        await users.pause_all(turn.session, user=user, until=now + timedelta(days=days), now=now)
    elif op == "resume":
        await users.pause_all(turn.session, user=user, until=None, now=now)
    elif op == "usezone":
        if turn.state is not None and turn.state.data == SettingStep(step=SettingField.COUNTRY):
            await turn.end()  # the country question, answered by the button
        await safety.set_country(turn.session, user=user, country=None)
    elif op == "care":
        await safety.set_follow_up(turn.session, user=user, on=not user.safety_follow_up)
    else:
        return [notice(button_expired())]
    turn.reschedule()
    return [Reply(saved()), overview(turn)]


async def setting_text(turn: Turn, data: SettingStep, text: str) -> list[Reply]:
    """Take a typed summary time, day-end time or helpline country."""
    if len(text) > MAX_TEXT:
        return [Reply(too_long())]
    if data.step is SettingField.COUNTRY:
        return await _country_text(turn, text)
    time = parsing.parse_time(text)
    if time is None:
        return [Reply(setup_texts.bad_time())]
    minute = time[0] * 60 + time[1]
    if data.step is SettingField.DAY_END:
        await users.set_day_end(turn.session, user=turn.user, minute=minute)
    else:
        await users.set_summary_time(
            turn.session,
            user=turn.user,
            weekday=turn.user.summary_weekday,
            minute=minute,
            now=turn.now,
        )
        turn.reschedule()
    await turn.end()
    return [Reply(saved()), overview(turn)]


async def _country_text(turn: Turn, text: str) -> list[Reply]:
    country = resolve_country(text)
    if country is None:
        return [Reply(manage_texts.unknown_country())]
    await safety.set_country(turn.session, user=turn.user, country=country)
    await turn.end()
    return [Reply(saved()), overview(turn)]
