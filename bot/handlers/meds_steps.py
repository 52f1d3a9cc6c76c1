"""The steps of writing in the treatment journal (Flow.MEDS): name, dose, day, reason, side
effects, and a few words."""

from datetime import date, timedelta

from bot import meds_keyboards, meds_texts
from bot.callback_data import Button
from bot.conversation import MedAction, MedPhase, MedStep
from bot.handlers.meds import today_of
from bot.handlers.replies import Reply, notice
from bot.handlers.turn import Turn
from bot.parsing_journal import clean_dose, clean_name, parse_past_day
from bot.texts import stale_step, tap_a_button, too_long
from models import meds
from models.tables import Medication
from models.types import SideEffect, StopReason

MAX_WORDS = 500


async def on_text(turn: Turn, data: MedStep, text: str) -> list[Reply]:
    """Take what was typed for the current question."""
    if len(text) > MAX_WORDS:
        return [Reply(too_long())]
    if data.phase is MedPhase.NAME:
        name = clean_name(text)
        if name is None:
            return [Reply(meds_texts.bad_name())]
        await turn.go(data.model_copy(update={"phase": MedPhase.DOSE, "name": name}))
        return [Reply(meds_texts.ask_dose(name))]
    if data.phase is MedPhase.DOSE:
        dose = clean_dose(text)
        if dose is None:
            return [Reply(meds_texts.bad_dose())]
        return await _ask_day(turn, data.model_copy(update={"dose": dose}))
    if data.phase is MedPhase.WHEN:
        day = parse_past_day(text, today_of(turn))
        return [Reply(meds_texts.bad_day())] if day is None else await _finish(turn, data, day)
    if data.phase in (MedPhase.EFFECTS, MedPhase.WORDS):
        return await _words(turn, data, " ".join(text.split()))
    return [Reply(tap_a_button())]


async def on_button(turn: Turn, data: MedStep, choice: Button) -> list[Reply]:
    """Take a tap on the current question's buttons."""
    op, arg = choice.op, choice.arg
    if op == "when" and data.phase is MedPhase.WHEN and arg in ("today", "yesterday"):
        today = today_of(turn)
        return await _finish(turn, data, today - timedelta(days=arg == "yesterday"))
    if op == "why" and data.phase is MedPhase.WHY and arg in StopReason.__members__.values():
        return await _ask_day(turn, data.model_copy(update={"reason": StopReason(arg)}))
    picking = op in ("pick", "unpick") and data.phase is MedPhase.EFFECTS
    if picking and arg in SideEffect.__members__.values():
        return await _tick(turn, data, SideEffect(arg), op == "pick")
    if op == "go" and data.phase is MedPhase.EFFECTS:
        if not data.effects:
            return [notice(meds_texts.pick_an_effect())]
        return await _save_effects(turn, data, None)
    if op == "go" and data.phase is MedPhase.WORDS:
        await turn.end()
        return [Reply(meds_texts.words_saved(), edit=True)]
    return [notice(stale_step())]


async def _ask_day(turn: Turn, data: MedStep) -> list[Reply]:
    await turn.go(data.model_copy(update={"phase": MedPhase.WHEN}))
    name = data.name or await _name(turn, data)
    ask = {
        MedAction.START: meds_texts.ask_started,
        MedAction.DOSE: meds_texts.ask_changed,
        MedAction.STOP: meds_texts.ask_stopped_when,
    }[data.action](name)
    return [Reply(ask, meds_keyboards.which_day(turn.step))]


async def _name(turn: Turn, data: MedStep) -> str:
    med = await _medication(turn, data)
    return med.name if med else ""


async def _medication(turn: Turn, data: MedStep) -> Medication | None:
    return await meds.get_medication(turn.session, user_id=turn.user.id, med_id=data.med_id or 0)


async def _finish(turn: Turn, data: MedStep, day: date) -> list[Reply]:
    """Write the start, the dose change or the stop, on the day given."""
    if data.action is MedAction.START:
        await turn.end()
        return await _start(turn, data, day)
    med = await _medication(turn, data)
    if med is None or med.stopped_on is not None:
        await turn.end()
        return [Reply(meds_texts.not_found())]
    if day < med.started_on:
        return [Reply(meds_texts.before_start(med.started_on))]  # the question stays open
    await turn.end()
    if data.action is MedAction.DOSE:
        await meds.change_dose(turn.session, med=med, dose=data.dose, from_on=day, now=turn.now)
        return [Reply(meds_texts.dose_changed(med.name, data.dose, day))]
    reason = data.reason or StopReason.OTHER
    await meds.stop_medication(turn.session, med=med, on=day, reason=reason)
    turn.reschedule()
    return [Reply(meds_texts.stopped(med.name, day, reason))]


async def _start(turn: Turn, data: MedStep, day: date) -> list[Reply]:
    med = await meds.start_medication(
        turn.session, user=turn.user, name=data.name, dose=data.dose, started_on=day,
        today=today_of(turn), now=turn.now, habit_id=data.habit_id,
    )  # fmt: skip
    turn.reschedule()
    markup = None if med.habit_id else meds_keyboards.remind(med.id or 0)
    return [Reply(meds_texts.started(med.name, data.dose, day), markup)]


async def _tick(turn: Turn, data: MedStep, effect: SideEffect, on: bool) -> list[Reply]:
    picked = [e for e in data.effects if e is not effect] + ([effect] if on else [])
    ordered = tuple(e for e in SideEffect if e in picked)
    await turn.stay(data.model_copy(update={"effects": ordered}))
    name = await _name(turn, data)
    markup = meds_keyboards.side_effects(turn.step, ordered)
    return [Reply(meds_texts.ask_effects(name), markup, edit=True)]


async def _save_effects(turn: Turn, data: MedStep, words: str | None) -> list[Reply]:
    med = await _medication(turn, data)
    if med is None:
        await turn.end()
        return [Reply(meds_texts.not_found())]
    note = await meds.note_side_effects(
        turn.session, med=med, effects=data.effects, note=words, on=today_of(turn), now=turn.now
    )
    if words is not None:
        await turn.end()
        return [Reply(meds_texts.words_saved(), meds_keyboards.ask_about(note.id or 0))]
    await turn.go(data.model_copy(update={"phase": MedPhase.WORDS, "ref": note.id}))
    text = meds_texts.effects_saved(med.name, data.effects)
    return [Reply(text, meds_keyboards.words_or_done(turn.step, note.id), edit=True)]


async def _words(turn: Turn, data: MedStep, words: str) -> list[Reply]:
    """Keep typed words: a side-effect note (new or added to), or a 6/8-week answer's."""
    if not words:
        return [Reply(tap_a_button())]
    if data.phase is MedPhase.EFFECTS:
        return await _save_effects(turn, data, words)
    await turn.end()
    if data.action is MedAction.REVIEW:
        found = await meds.review_with_med(
            turn.session, user_id=turn.user.id, review_id=data.ref or 0
        )
        if found is not None:
            await meds.set_review_note(turn.session, review=found[0], words=words)
    else:
        note = await meds.side_effect_note(
            turn.session, user_id=turn.user.id, note_id=data.ref or 0
        )
        if note is not None:
            await meds.add_side_effect_words(turn.session, note=note, words=words)
    return [Reply(meds_texts.words_saved())]
