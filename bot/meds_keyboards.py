"""Buttons of the treatment journal and of /ask (pure: data in, markup out).

Buttons of a conversation step carry its number (`step`), so an older step's tap changes
nothing; the journal's own buttons carry the medication, review or question they act on.
"""

from collections.abc import Iterable, Sequence

from telegram import InlineKeyboardMarkup

from bot import ask_texts, manage_texts, meds_texts, review_texts
from bot.callback_data import Area
from bot.keyboards import b, rows
from models.tables import Habit
from models.treatment import Course
from models.types import ReviewAnswer, SideEffect, StopReason

LABEL_LIMIT = 40


def _short(text: str) -> str:
    return text if len(text) <= LABEL_LIMIT else text[: LABEL_LIMIT - 1] + "…"


def journal(courses: Sequence[Course], reminders: Sequence[Habit]) -> InlineKeyboardMarkup:
    """One button per medication taken now, one per reminder not in the journal yet, then New."""
    buttons = [
        b(f"💊 {_short(c.name)}", Area.MEDS, "view", c.id) for c in courses if c.stopped_on is None
    ]
    buttons += [
        b(meds_texts.from_reminder_button(_short(h.name)), Area.MEDS, "new", h.id)
        for h in reminders
    ]
    buttons.append(b(meds_texts.new_button(), Area.MEDS, "new"))
    return InlineKeyboardMarkup(rows(buttons, 1))


def medication(course: Course) -> InlineKeyboardMarkup:
    t, ref = meds_texts, course.id
    return InlineKeyboardMarkup(
        [
            [
                b(t.dose_button(), Area.MEDS, "dose", ref),
                b(t.effects_button(), Area.MEDS, "fx", ref),
            ],
            [b(t.stop_button(), Area.MEDS, "stop", ref)],
            [b(manage_texts.back_button(), Area.MEDS, "list")],
        ]
    )


def remind(med_id: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[b(meds_texts.remind_button(), Area.MEDS, "remind", med_id)]])


def which_day(step: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                b(meds_texts.today_button(), Area.STEP, "when", step, "today"),
                b(meds_texts.yesterday_button(), Area.STEP, "when", step, "yesterday"),
            ]
        ]
    )


def stop_reasons(step: int) -> InlineKeyboardMarkup:
    buttons = [
        b(meds_texts.stop_reason_label(r), Area.STEP, "why", step, r.value) for r in StopReason
    ]
    return InlineKeyboardMarkup(rows(buttons, 2))


def side_effects(step: int, picked: Iterable[SideEffect]) -> InlineKeyboardMarkup:
    """Tick buttons for the common side effects, then Done; each says what a tap does."""
    chosen = set(picked)
    buttons = [
        b(f"✅ {meds_texts.side_effect_label(e)}", Area.STEP, "unpick", step, e.value)
        if e in chosen
        else b(meds_texts.side_effect_label(e), Area.STEP, "pick", step, e.value)
        for e in SideEffect
    ]
    return InlineKeyboardMarkup(
        [*rows(buttons, 2), [b(meds_texts.done_button(), Area.STEP, "go", step)]]
    )


def words_or_done(step: int, note_id: int | None) -> InlineKeyboardMarkup:
    """After side effects: done, or also put them on the list for the doctor."""
    row = [b(meds_texts.thats_all_button(), Area.STEP, "go", step)]
    if note_id is not None:
        row.append(b(ask_texts.about_it_button(), Area.ASK, "fx", note_id))
    return InlineKeyboardMarkup([row])


def ask_about(note_id: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[b(ask_texts.about_it_button(), Area.ASK, "fx", note_id)]])


def review_answers(review_id: int) -> InlineKeyboardMarkup:
    buttons = [
        b(review_texts.review_answer_label(a), Area.MEDS, "rev", review_id, a.value)
        for a in ReviewAnswer
    ]
    return InlineKeyboardMarkup(rows(buttons, 2))


def review_words(review_id: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[b(review_texts.add_words_button(), Area.MEDS, "revnote", review_id)]]
    )


def questions(ids: Sequence[int]) -> InlineKeyboardMarkup:
    """One "Asked ✓" per open question, numbered as listed, then Add."""
    buttons = [
        b(ask_texts.asked_button(number), Area.ASK, "done", question_id)
        for number, question_id in enumerate(ids, start=1)
    ]
    return InlineKeyboardMarkup([*rows(buttons, 3), [b(ask_texts.add_button(), Area.ASK, "add")]])


def after_visit() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                b(ask_texts.all_asked_button(), Area.ASK, "all"),
                b(ask_texts.show_button(), Area.ASK, "list"),
            ]
        ]
    )
