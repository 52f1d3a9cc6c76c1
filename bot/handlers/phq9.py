"""/phq9: the nine-question depression check doctors use, one tap per question."""

from datetime import datetime
from html import escape

from sqlmodel.ext.asyncio.session import AsyncSession
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot import crisis, texts
from bot.callback_data import Button, button
from bot.context import Ctx
from bot.handlers.replies import Reply, run_button, send
from models import phq9, users
from models.tables import User

# The PHQ-9's own wording (Kroenke, Spitzer & Williams 2001; free to use, no permission needed):
# a validated questionnaire is only valid word for word.
QUESTION = "Over the last 2 weeks, how often have you been bothered by:"
ITEMS = (
    "Little interest or pleasure in doing things",
    "Feeling down, depressed, or hopeless",
    "Trouble falling or staying asleep, or sleeping too much",
    "Feeling tired or having little energy",
    "Poor appetite or overeating",
    "Feeling bad about yourself — or that you are a failure or have let yourself or your family down",
    "Trouble concentrating on things, such as reading the newspaper or watching television",
    "Moving or speaking so slowly that other people could have noticed? Or the opposite — being so "
    "fidgety or restless that you have been moving around a lot more than usual",
    "Thoughts that you would be better off dead or of hurting yourself in some way",
)
ANSWERS = ("Not at all", "Several days", "More than half the days", "Nearly every day")
INTRO = (
    "Nine short questions about the last two weeks — the PHQ-9, a questionnaire doctors use. "
    "One tap each, about a minute. /cancel stops at any point."
)
TAP_AN_ANSWER = "Please tap one of the answers above 🙂"


def _question(index: int) -> Reply:
    buttons = [
        [InlineKeyboardButton(label, callback_data=button("p", "ans", None, f"{index}.{value}"))]
        for value, label in enumerate(ANSWERS)
    ]
    text = f"<b>{index + 1} of {phq9.ITEMS}</b> · {QUESTION}\n\n<i>{ITEMS[index]}</i>"
    return Reply(text, InlineKeyboardMarkup(buttons), edit=index > 0)


async def phq9_command(update: Update, context: Ctx) -> None:
    """Start the questionnaire; its answers so far live in users.flow_data."""
    async with context.deps.db.session() as session:
        user = await users.get_user(session, update.effective_user.id)
        if user is not None:
            await users.set_flow(session, user, "phq9", {"answers": []})
    await send(update, [Reply(texts.NOT_STARTED)] if user is None else [Reply(INTRO), _question(0)])


async def phq9_button(update: Update, context: Ctx) -> None:
    """Take one answer; item 9 above "not at all" brings crisis resources at once."""
    await run_button(update, context, _answer)


async def _answer(session: AsyncSession, user: User, choice: Button, now: datetime) -> list[Reply]:
    answers: list[int] = list(user.flow_data.get("answers", [])) if user.flow == "phq9" else []
    item, _, value = choice.arg.partition(".")
    if user.flow != "phq9" or item != str(len(answers)) or value not in ("0", "1", "2", "3"):
        return [Reply(texts.BUTTON_EXPIRED)]
    answers.append(int(value))
    replies = []
    if phq9.needs_safety_reply(int(item), int(value)):
        await users.record_safety_event(session, user_id=user.id, now=now)
        replies.append(Reply(crisis.crisis_reply(user.tz)))
    if len(answers) < phq9.ITEMS:
        await users.set_flow(session, user, "phq9", {"answers": answers})
        return [*replies, _question(len(answers))]
    previous = await phq9.previous_phq9(session, user_id=user.id, before=now)
    result = await phq9.record_phq9(session, user_id=user.id, answers=answers, now=now)
    await users.set_flow(session, user, None)
    return [*replies, Reply(_result_text(result.score, previous), edit=not replies)]


def _result_text(total: int, previous) -> str:
    band = phq9.severity(total)
    before = f" Last time ({previous.at:%-d %b}): {previous.score}." if previous else ""
    return (
        f"Thank you. Your PHQ-9 score is <b>{total} of 27</b> ({escape(band)}).{before}\n\n"
        "It's a screening, not a diagnosis — a way to see how things move over time. "
        "A score of 10 or more, or one that keeps rising, is worth talking over with your doctor."
    )


async def on_text(session: AsyncSession, user: User, text: str, now: datetime) -> list[Reply]:
    """Point to the buttons: the answers are the four fixed choices."""
    return [Reply(TAP_AN_ANSWER)]
