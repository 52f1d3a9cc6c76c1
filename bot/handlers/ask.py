"""/ask: questions for the doctor, written down any time and marked as asked after a visit."""

from telegram import Update

from bot import ask_texts, meds_keyboards, meds_texts
from bot.callback_data import Button, parse
from bot.context import Ctx
from bot.conversation import AskStep
from bot.handlers.replies import Reply, notice
from bot.handlers.turn import Turn, reply_turn
from bot.texts import button_expired
from models import meds, questions
from models.types import SideEffect, storable_text


async def ask_command(update: Update, context: Ctx) -> None:
    """List the open questions; "/ask <question>" writes one down at once."""
    typed = storable_text(" ".join(context.args or []))

    async def step(turn: Turn) -> list[Reply]:
        if typed:
            return await _add(turn, typed)
        return await overview(turn)

    await reply_turn(update, context, step)


async def overview(turn: Turn, *, edit: bool = False) -> list[Reply]:
    rows = await questions.open_questions(turn.session, user_id=turn.user.id)
    markup = meds_keyboards.questions([row.id or 0 for row in rows])
    return [Reply(ask_texts.questions([row.text for row in rows]), markup, edit=edit)]


async def _add(turn: Turn, text: str) -> list[Reply]:
    words = " ".join(text.split())
    if len(words) > questions.MAX_TEXT:
        return [Reply(ask_texts.too_long(questions.MAX_TEXT))]
    if not words:
        return [Reply(ask_texts.ask_question())]
    if (
        len(await questions.open_questions(turn.session, user_id=turn.user.id))
        >= questions.MAX_OPEN
    ):
        await turn.end()
        return [Reply(ask_texts.too_many())]
    await questions.add_question(turn.session, user_id=turn.user.id, text=words, now=turn.now)
    await turn.end()
    return [Reply(ask_texts.saved()), *await overview(turn)]


async def on_text(turn: Turn, data: AskStep, text: str) -> list[Reply]:
    """Write down the question typed."""
    return await _add(turn, text)


async def ask_button(update: Update, context: Ctx) -> None:
    """Mark a question (or all) as asked, start a new one, or show the list."""
    choice = parse(update.callback_query.data if update.callback_query else None)

    async def step(turn: Turn) -> list[Reply]:
        return await _act(turn, choice) if choice else [notice(button_expired())]

    await reply_turn(update, context, step)


async def _act(turn: Turn, choice: Button) -> list[Reply]:
    user_id = turn.user.id
    if choice.op == "add":
        await turn.go(AskStep())
        return [Reply(ask_texts.ask_question())]
    if choice.op == "list":
        return await overview(turn, edit=True)
    if choice.op == "fx":
        return await _from_side_effects(turn, choice.ref or 0)
    if choice.op in ("done", "all"):
        one = choice.ref if choice.op == "done" else None
        if one is None and choice.op == "done":
            return [notice(button_expired())]
        count = await questions.mark_asked(
            turn.session, user_id=user_id, question_id=one, now=turn.now
        )
        if not count:
            return [notice(button_expired())]
        return [notice(ask_texts.marked(count)), *await overview(turn, edit=True)]
    return [notice(button_expired())]


async def _from_side_effects(turn: Turn, note_id: int) -> list[Reply]:
    """Put a side-effect note on the list for the doctor."""
    note = await meds.side_effect_note(turn.session, user_id=turn.user.id, note_id=note_id)
    med = note and await meds.get_medication(
        turn.session, user_id=turn.user.id, med_id=note.medication_id
    )
    if note is None or med is None:
        return [notice(button_expired())]
    codes = SideEffect.__members__.values()
    effects = meds_texts.effects_list(tuple(SideEffect(e) for e in note.effects if e in codes))
    words = ", ".join(part for part in (effects, note.note or "") if part)
    return await _add(turn, ask_texts.side_effect_question(med.name, words))


async def after_visit(turn: Turn) -> list[Reply]:
    """After "Went" to an appointment, offer to mark the open questions as asked."""
    rows = await questions.open_questions(turn.session, user_id=turn.user.id)
    if not rows:
        return []
    return [Reply(ask_texts.after_visit(len(rows)), meds_keyboards.after_visit())]
