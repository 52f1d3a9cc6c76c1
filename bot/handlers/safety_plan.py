"""/safetyplan: a personal safety plan in Stanley & Brown's six steps (Flow.SAFETY_PLAN).

Written one step at a time at the user's pace: each can be skipped and come back to, and any
can be changed later from the plan's overview.
"""

from dataclasses import replace

from telegram import Update

from bot import keyboards, plan_texts
from bot.callback_data import Button, parse, small_int
from bot.context import Ctx
from bot.conversation import PlanStep
from bot.crisis_lines import country_of
from bot.handlers.replies import Reply, notice
from bot.handlers.turn import Turn, reply_turn
from bot.texts import button_expired, saved, stale_step
from models import safety
from models.tables import PLAN_TEXT_MAX, SafetyPlan


def overview(plan: SafetyPlan) -> Reply:
    """Show the whole plan with a button for each step."""
    steps = safety.plan_steps(plan)
    return Reply(
        plan_texts.overview(steps, plan.in_report), keyboards.plan_overview(steps, plan.in_report)
    )


async def safetyplan_command(update: Update, context: Ctx) -> None:
    """Show the plan, or start writing one."""
    await reply_turn(update, context, open_plan, create=True)


async def open_plan(turn: Turn) -> list[Reply]:
    """Show the user's plan, or start one at its first step."""
    plan = await safety.get_plan(turn.session, user_id=turn.user.id)
    if plan is not None:
        return [overview(plan)]
    plan = await _plan(turn)
    return [Reply(plan_texts.intro()), *await ask(turn, plan, 0, walk=True)]


async def _plan(turn: Turn) -> SafetyPlan:
    """Return the plan, started with the crisis lines of the user's country written in."""
    country = country_of(turn.user.tz, turn.user.country)
    default = plan_texts.professionals_default(country)
    return await safety.ensure_plan(
        turn.session, user_id=turn.user.id, professionals=default, now=turn.now
    )


async def ask(turn: Turn, plan: SafetyPlan, step: int, *, walk: bool) -> list[Reply]:
    """Ask one step, showing what is written there now."""
    await turn.go(PlanStep(step=step, walk=walk))
    current = safety.plan_steps(plan)[step]
    markup = keyboards.plan_step(turn.step, has_text=bool(current), walk=walk)
    return [Reply(plan_texts.ask(step, current), markup)]


async def on_text(turn: Turn, data: PlanStep, text: str) -> list[Reply]:
    """Write what was typed into the step being asked."""
    written = text.strip()
    if len(written) > PLAN_TEXT_MAX:
        return [Reply(plan_texts.too_long(PLAN_TEXT_MAX))]
    plan = await _plan(turn)
    await safety.save_step(turn.session, plan=plan, step=data.step, text=written, now=turn.now)
    return [Reply(saved()), *await _after(turn, plan, data)]


async def on_button(turn: Turn, data: PlanStep, choice: Button) -> list[Reply]:
    """Keep the step as it is, skip it, or stop for now."""
    plan = await _plan(turn)
    if choice.op == "stop":
        await turn.end()
        return [Reply(plan_texts.stopped()), overview(plan)]
    if choice.op == "keep":
        return await _after(turn, plan, data)
    if choice.op == "skip":
        return [notice(plan_texts.skipped()), *await _after(turn, plan, data)]
    return [notice(stale_step())]


async def _after(turn: Turn, plan: SafetyPlan, data: PlanStep) -> list[Reply]:
    """Go on to the next step when going through them; otherwise back to the whole plan."""
    if data.walk and data.step + 1 < plan_texts.STEPS:
        return await ask(turn, plan, data.step + 1, walk=True)
    await turn.end()
    done = [Reply(plan_texts.finished())] if data.walk else []
    return [*done, overview(plan)]


async def plan_button(update: Update, context: Ctx) -> None:
    """Edit one step, carry on with the empty ones, or say whether the report shows the plan."""
    choice = parse(update.callback_query.data if update.callback_query else None)

    async def step(turn: Turn) -> list[Reply]:
        return await _act(turn, choice) if choice else [notice(button_expired())]

    await reply_turn(update, context, step, create=True)


async def _act(turn: Turn, choice: Button) -> list[Reply]:
    plan = await _plan(turn)
    if choice.op == "edit" and (step := small_int(choice.arg, 0, plan_texts.STEPS - 1)) is not None:
        return await ask(turn, plan, step, walk=False)
    if choice.op == "next":
        empty = [i for i, text in enumerate(safety.plan_steps(plan)) if not text]
        return await ask(turn, plan, empty[0], walk=True) if empty else [overview(plan)]
    if choice.op == "report" and choice.arg in ("on", "off"):
        await safety.set_plan_in_report(
            turn.session, plan=plan, in_report=choice.arg == "on", now=turn.now
        )
        return [replace(overview(plan), edit=True)]
    return [notice(button_expired())]
