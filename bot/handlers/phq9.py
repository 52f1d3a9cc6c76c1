"""/phq9: the nine-question depression check doctors use, one tap per question (Flow.PHQ9)."""

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot import phq9_texts
from bot.callback_data import Area, Button, button, small_int
from bot.context import Ctx
from bot.conversation import Phq9Step
from bot.handlers.replies import Reply, notice
from bot.handlers.safety import respond
from bot.handlers.turn import Turn, reply_turn
from bot.texts import stale_step
from models import phq9
from models.types import SafetyEventKind


def _question(turn: Turn, index: int) -> Reply:
    buttons = [
        [InlineKeyboardButton(label, callback_data=button(Area.STEP, "ans", turn.step, value))]
        for value, label in enumerate(phq9_texts.answers())
    ]
    return Reply(phq9_texts.question_text(index), InlineKeyboardMarkup(buttons), edit=index > 0)


async def phq9_command(update: Update, context: Ctx) -> None:
    """Start the questionnaire; the answers so far live in the conversation state."""

    async def step(turn: Turn) -> list[Reply]:
        await turn.go(Phq9Step())
        return [Reply(phq9_texts.intro()), _question(turn, 0)]

    await reply_turn(update, context, step)


async def on_button(turn: Turn, data: Phq9Step, choice: Button) -> list[Reply]:
    """Take one answer; item 9 above "not at all" brings crisis resources at once."""
    value = small_int(choice.arg, 0, 3) if choice.op == "ans" else None
    if value is None:
        return [notice(stale_step())]
    item, answers = len(data.answers), (*data.answers, value)
    replies = []
    if phq9.needs_safety_reply(item, value):
        replies = await respond(turn, SafetyEventKind.PHQ9)
    if len(answers) < phq9.ITEMS:
        await turn.go(Phq9Step(answers=answers))
        return [*replies, _question(turn, len(answers))]
    previous = await phq9.previous_phq9(turn.session, user_id=turn.user.id, before=turn.now)
    result = await phq9.record_phq9(
        turn.session, user_id=turn.user.id, answers=list(answers), now=turn.now
    )
    await turn.end()
    return [*replies, Reply(phq9_texts.result(result.score, previous), edit=not replies)]


async def on_text(turn: Turn, data: Phq9Step, text: str) -> list[Reply]:
    """Point to the buttons: the answers are the four fixed choices."""
    return [Reply(phq9_texts.tap_an_answer())]
