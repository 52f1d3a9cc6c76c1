"""The report's lists after the tables: PHQ-9 scores, side effects, the six- and eight-week
answers, daily habits, appointments, the patient's questions and notes (fpdf2, gettext)."""

from fpdf import FPDF

from bot import meds_texts, phq9_texts, review_texts
from bot import report_texts as t
from bot.i18n import _, day_month, fixed, ngettext
from bot.summary_texts import skip_reason_name, technique_name
from bot.texts import kind_label
from models.stats import HabitSummary
from models.stats_kinds import (
    ExerciseAverages,
    MedicationNotes,
    MoodAverages,
    SleepAverages,
    StressAverages,
    SubstanceAverages,
)
from models.stats_report import ReportData
from models.trends import Change
from models.types import Answer, HabitKind

FONT = "DejaVu"
MAX_NOTES = 10
MAX_EFFECTS = 12


def heading(pdf: FPDF, text: str) -> None:
    if pdf.will_page_break(20):  # never a heading alone at the foot of a page
        pdf.add_page()
    pdf.ln(1.5)
    pdf.set_font(FONT, "B", 10.5)
    pdf.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT", align="L")
    pdf.set_font(FONT, "", 9)


def paragraph(pdf: FPDF, text: str, *, bold: bool = False, size: float = 9) -> None:
    pdf.set_font(FONT, "B" if bold else "", size)
    pdf.multi_cell(0, size * 0.48, text, new_x="LMARGIN", new_y="NEXT", align="L")
    pdf.set_font(FONT, "", 9)


def write_all(pdf: FPDF, data: ReportData) -> None:
    for section in (_phq9, _side_effects, _reviews, _daily, _appointments, _questions, _notes):
        section(pdf, data)


def _phq9(pdf: FPDF, data: ReportData) -> None:
    summary = data.summary
    scores = [(d, s) for d, s in summary.phq9 if summary.start <= d <= summary.end]
    if not scores:
        return
    heading(pdf, t.phq9_heading())
    paragraph(pdf, t.phq9_bands(), size=7.5)
    flagged = {day for day, _answer in summary.self_harm}
    paragraph(
        pdf,
        " · ".join(
            f"{day_month(d)}: {s} ({phq9_texts.severity(s)}){' ⚠' if d in flagged else ''}"
            for d, s in scores
        ),
    )


def _side_effects(pdf: FPDF, data: ReportData) -> None:
    rows = [r for r in data.journal.side_effects if data.summary.start <= r.day]
    if not rows:
        return
    heading(pdf, t.side_effects_heading())
    for row in rows[-MAX_EFFECTS:]:
        words = f" — “{row.note}”" if row.note else ""
        effects = meds_texts.effects_list(row.effects)
        paragraph(pdf, f"{day_month(row.day)} · {row.medication}: {effects}{words}".strip())


def _reviews(pdf: FPDF, data: ReportData) -> None:
    names = {c.id: c.name for c in data.journal.courses}
    rows = [r for r in data.journal.reviews if r.answer is not None]
    if not rows:
        return
    heading(pdf, t.reviews_heading())
    for review in rows:
        answer = review_texts.review_answer_label(review.answer).lower()
        words = f" — “{review.note}”" if review.note else ""
        line = _("{name}, week {weeks} ({day}): {answer}").format(
            name=names.get(review.medication_id, ""), weeks=review.weeks,
            day=day_month(review.due_on), answer=answer,
        )  # fmt: skip
        paragraph(pdf, line + words)


def _daily(pdf: FPDF, data: ReportData) -> None:
    lines = [(h.habit.name or kind_label(h.habit.kind), kind_line(h)) for h in data.summary.habits]
    lines = [(label, text) for label, text in lines if text]
    if not lines:
        return
    heading(pdf, t.daily_heading())
    for label, text in lines:
        pdf.set_font(FONT, "B", 9)
        pdf.cell(48, 4.4, label)
        pdf.set_font(FONT, "", 9)
        pdf.multi_cell(0, 4.4, text, new_x="LMARGIN", new_y="NEXT", align="L")


def kind_line(habit: HabitSummary) -> str:
    """Say a daily habit's numbers over the period (the same days as the weekly table)."""
    a = habit.averages
    if isinstance(a, SleepAverages) and a.hours is not None:
        text = _("{hours} hours a night on average").format(hours=fixed(a.hours))
        if a.quality is not None:
            text += _(", quality {quality} of 5").format(quality=fixed(a.quality))
        return text + " " + ngettext("({count} night logged).", "({count} nights logged).",
                                     a.nights).format(count=a.nights)  # fmt: skip
    if isinstance(a, ExerciseAverages):
        return _("{minutes} minutes in total over {count} active days.").format(
            minutes=round(a.total_minutes), count=a.active_days
        )
    if isinstance(a, SubstanceAverages):
        return _substance_line(habit, a)
    if isinstance(a, MoodAverages) and a.mean is not None:
        text = _("average {mean} of 10 (range {low} to {high}, {count} days)").format(
            mean=fixed(a.mean), low=f"{a.low:g}", high=f"{a.high:g}", count=a.days
        )
        trend = {Change.UP: _(", rising"), Change.DOWN: _(", falling"), Change.SAME: _(", steady")}
        return text + trend.get(a.direction, "") + "."
    if isinstance(a, MedicationNotes) and a.skip_reasons:
        reasons = ", ".join(f"{skip_reason_name(r)} ({n})" for r, n in a.skip_reasons)
        return _("reasons given for skipped doses: {reasons}.").format(reasons=reasons)
    if isinstance(a, StressAverages):
        used = ", ".join(f"{technique_name(tech)} ({n})" for tech, n in a.techniques)
        return _("practised on {count} days").format(count=a.sessions) + (
            f": {used}." if used else "."
        )
    return ""


def _substance_line(habit: HabitSummary, a: SubstanceAverages) -> str:
    # The same days as the weekly table: free of those due, unanswered ones included.
    text = _("alcohol- and drug-free on {done} of {due} days").format(
        done=habit.done, due=habit.due
    )
    if habit.no_answer:
        text += _(", {count} without an answer").format(count=habit.no_answer)
    text += _("; {drinks} drinks on {count} days").format(
        drinks=f"{a.drinks:g}", count=a.drinking_days
    )
    if a.drug_days:
        text += _("; drug use noted on {count} days").format(count=a.drug_days)
    return text + "."


def _appointments(pdf: FPDF, data: ReportData) -> None:
    if not data.appointments:
        return
    heading(pdf, t.appointments_heading())
    words = {Answer.DONE: _("went"), Answer.SKIPPED: _("missed"),
             Answer.RESCHEDULED: _("rescheduled"), Answer.NO_ANSWER: _("no answer")}  # fmt: skip
    paragraph(
        pdf,
        " · ".join(
            f"{day_month(r.day)} {r.habit.name or kind_label(HabitKind.APPOINTMENT)}: "
            f"{words[r.answer]}"
            for r in data.appointments
        ),
    )


def _questions(pdf: FPDF, data: ReportData) -> None:
    if not data.questions:
        return
    heading(pdf, t.questions_heading())
    for q in sorted(data.questions, key=lambda q: q.asked is not None):
        state = t.asked_on(day_month(q.asked)) if q.asked else t.open_question()
        mark = "✓" if q.asked else "☐"
        paragraph(pdf, f"{mark} {q.text} ({day_month(q.written)}; {state})")


def _notes(pdf: FPDF, data: ReportData) -> None:
    """List the patient's own notes with check-ins, newest last, as written."""
    if not data.notes:
        return
    heading(pdf, t.notes_heading())
    for row in data.notes[-MAX_NOTES:]:
        label = row.habit.name or kind_label(row.habit.kind)
        paragraph(pdf, f"{day_month(row.day)} · {label}: {row.note}")
    if len(data.notes) > MAX_NOTES:
        paragraph(pdf, t.more_notes(len(data.notes) - MAX_NOTES))
