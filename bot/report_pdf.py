"""The doctor's report: an A4 PDF of several weeks of self-reported data (fpdf2)."""

from pathlib import Path

import matplotlib
from fpdf import FPDF
from fpdf.fonts import FontFace

from bot import phq9_texts, plan_texts
from bot.i18n import _
from bot.summary_texts import LABELS
from models.phq9 import severity
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
from models.types import Answer, HabitKind

# fpdf2's core fonts are Latin-1 only; DejaVu (shipped with matplotlib) covers user text.
FONTS = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
FONT = "DejaVu"
ANSWERS = {
    Answer.DONE: "went",
    Answer.SKIPPED: "missed",
    Answer.RESCHEDULED: "rescheduled",
    Answer.NO_ANSWER: "no answer",
}
DIRECTIONS = {"up": "rising", "down": "falling", "same": "steady"}
MAX_NOTES = 60
GREY = (90, 90, 90)


def render_report(data: ReportData, safety_plan: tuple[str | None, ...] = ()) -> bytes:
    """Lay out the report and return the PDF bytes; the safety plan only if the user chose so."""
    pdf = _new_pdf()
    _header(pdf, data)
    _medication(pdf, data)
    _daily_habits(pdf, data)
    _weekly_table(pdf, data)
    _phq9(pdf, data)
    _appointments(pdf, data)
    _notes(pdf, data)
    _safety_plan(pdf, safety_plan)
    return bytes(pdf.output())


def _new_pdf() -> FPDF:
    pdf = FPDF(format="A4")
    pdf.add_font(FONT, "", FONTS / "DejaVuSans.ttf")
    pdf.add_font(FONT, "B", FONTS / "DejaVuSans-Bold.ttf")
    pdf.set_margins(18, 16, 18)
    pdf.set_auto_page_break(True, margin=16)
    pdf.set_title("Steady self-care report")
    pdf.add_page()
    return pdf


def _header(pdf: FPDF, data: ReportData) -> None:
    summary = data.summary
    weeks = ((summary.end - summary.start).days + 1) // 7
    pdf.set_font(FONT, "B", 16)
    title = f"Self-care report: {summary.first_name}" if summary.first_name else "Self-care report"
    pdf.multi_cell(0, 8, title, new_x="LMARGIN", new_y="NEXT", align="L")
    pdf.set_font(FONT, "", 10)
    pdf.cell(
        0,
        6,
        f"{summary.start:%d %b %Y} to {summary.end:%d %b %Y} ({weeks} weeks)",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.set_text_color(*GREY)
    _paragraph(
        pdf,
        "Self-reported data: the patient recorded these check-ins with Steady, a reminder "
        "bot for daily self-care. It is not a clinical record; 'no answer' means a reminder "
        "went unanswered, not that the step was missed.",
    )
    pdf.set_text_color(0, 0, 0)
    if not summary.checkins:
        _paragraph(pdf, "No check-ins were recorded in this period.")


def _heading(pdf: FPDF, text: str) -> None:
    pdf.ln(3)
    pdf.set_font(FONT, "B", 12)
    pdf.cell(0, 7, text, new_x="LMARGIN", new_y="NEXT", align="L")
    pdf.set_font(FONT, "", 10)


def _paragraph(pdf: FPDF, text: str, *, bold: bool = False) -> None:
    pdf.set_font(FONT, "B" if bold else "", 10)
    pdf.multi_cell(0, 5, text, new_x="LMARGIN", new_y="NEXT", align="L")
    pdf.set_font(FONT, "", 10)


def _counts(habit: HabitSummary, done: str, skipped: str) -> str:
    if not habit.due:
        return "nothing due"
    parts = [
        f"{done} {habit.done} of {habit.due} ({habit.rate:.0%})",
        f"{skipped} {habit.skipped}",
        f"no answer {habit.no_answer}",
        f"longest run {habit.best_streak} days",
    ]
    return "; ".join(parts)


def _of_kind(data: ReportData, kind: HabitKind) -> list[HabitSummary]:
    return [h for h in data.summary.habits if h.habit.kind is kind]


def _medication(pdf: FPDF, data: ReportData) -> None:
    """Write each medicine's adherence, skip reasons and side-effect notes."""
    medicines = _of_kind(data, HabitKind.MEDICATION)
    if not medicines:
        return
    _heading(pdf, "Medication")
    for habit in medicines:
        _paragraph(pdf, habit.habit.name or "Medication", bold=True)
        _paragraph(pdf, "Doses " + _counts(habit, "taken", "skipped") + ".")
        notes = habit.averages
        if isinstance(notes, MedicationNotes) and notes.skip_reasons:
            reasons = ", ".join(f"{r.replace('_', ' ')} ({n})" for r, n in notes.skip_reasons)
            _paragraph(pdf, f"Reasons given for skipping: {reasons}.")
        if isinstance(notes, MedicationNotes) and notes.side_effects:
            _paragraph(pdf, f"Side-effect notes: {len(notes.side_effects)} (listed below).")


def _daily_habits(pdf: FPDF, data: ReportData) -> None:
    """Write sleep, exercise, stress relief, alcohol and drugs, and mood."""
    lines = []
    for habit in data.summary.habits:
        text = kind_line(habit)
        if text:
            lines.append((LABELS[habit.habit.kind], text))
    if not lines:
        return
    _heading(pdf, "Daily habits")
    for label, text in lines:
        pdf.set_font(FONT, "B", 10)
        pdf.cell(48, 5, label)
        pdf.set_font(FONT, "", 10)
        pdf.multi_cell(0, 5, text, new_x="LMARGIN", new_y="NEXT", align="L")


def kind_line(habit: HabitSummary) -> str:
    a = habit.averages
    if isinstance(a, SleepAverages) and a.hours is not None:
        quality = f", quality {a.quality:.1f} of 5" if a.quality is not None else ""
        return f"{a.hours:.1f} hours a night on average{quality} ({a.nights} nights logged)."
    if isinstance(a, ExerciseAverages):
        return f"{a.total_minutes:.0f} minutes in total over {a.active_days} active days."
    if isinstance(a, SubstanceAverages):
        # The same days as the weekly table: free of those due, unanswered ones included.
        drugs = f"; drug use noted on {a.drug_days} days" if a.drug_days else ""
        unanswered = f", {habit.no_answer} without an answer" if habit.no_answer else ""
        return (
            f"alcohol- and drug-free on {habit.done} of {habit.due} days{unanswered}; "
            f"{a.drinks:g} drinks on {a.drinking_days} days{drugs}."
        )
    if isinstance(a, MoodAverages) and a.mean is not None:
        trend = f", {DIRECTIONS[a.direction]} over the period" if a.direction else ""
        return f"average {a.mean:.1f} of 10 (range {a.low:g} to {a.high:g}, {a.days} days){trend}."
    if isinstance(a, StressAverages):
        used = ", ".join(f"{t.replace('_', ' ')} ({n})" for t, n in a.techniques)
        return f"practised on {a.sessions} days" + (f": {used}." if used else ".")
    return ""


def _weekly_table(pdf: FPDF, data: ReportData) -> None:
    """Tabulate each habit's done share, mood and sleep week by week."""
    if not data.summary.checkins:
        return
    _heading(pdf, "Week by week")
    pdf.set_font(FONT, "", 8)
    label_width = 42
    week_width = (pdf.epw - label_width) / max(1, len(data.weeks))
    with pdf.table(
        col_widths=(label_width, *([week_width] * len(data.weeks))),
        text_align=("LEFT", *(["CENTER"] * len(data.weeks))),
        headings_style=FontFace(emphasis="BOLD", fill_color=(230, 236, 244)),
        line_height=5,
        width=pdf.epw,
    ) as table:
        for cells in week_table(data):
            table.row(cells)
    pdf.set_font(FONT, "", 10)


def week_table(data: ReportData) -> list[list[str]]:
    """Return the weekly table's cells, header first: every number from the summary's days."""
    header = ["Week starting", *(f"{w.start:%d %b}" for w in data.weeks)]
    rows = [
        [_short(h), *(_pct(w.rates[i]) for w in data.weeks)]
        for i, h in enumerate(data.summary.habits)
        if h.habit.kind is not HabitKind.APPOINTMENT
    ]
    rows.append(["Mood (avg 0-10)", *(_num(w.mood) for w in data.weeks)])
    rows.append(["Sleep (avg hours)", *(_num(w.sleep) for w in data.weeks)])
    return [header, *rows]


def _short(habit: HabitSummary) -> str:
    name = habit.habit.name.strip() or LABELS[habit.habit.kind]
    return name if len(name) <= 26 else name[:25] + "…"


def _pct(rate: float | None) -> str:
    return "–" if rate is None else f"{rate:.0%}"


def _num(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"


def _phq9(pdf: FPDF, data: ReportData) -> None:
    """List the PHQ-9 questionnaires the patient completed in the period."""
    summary = data.summary
    scores = [(day, total) for day, total in summary.phq9 if summary.start <= day <= summary.end]
    if not scores:
        return
    _heading(pdf, "PHQ-9 (self-completed)")
    _self_harm_flags(pdf, data)
    for day, total in scores:
        _paragraph(pdf, f"{day:%a %d %b}: {total} of 27 ({severity(total)})")


def _self_harm_flags(pdf: FPDF, data: ReportData) -> None:
    """Flag each questionnaire whose item 9 was above 0, with its date, before the scores."""
    summary = data.summary
    for day, answer in summary.self_harm:
        if summary.start <= day <= summary.end:
            _paragraph(pdf, "⚠ " + phq9_texts.self_harm_flag(day, answer), bold=True)


def _appointments(pdf: FPDF, data: ReportData) -> None:
    if not data.appointments:
        return
    _heading(pdf, "Appointments")
    for habit in _of_kind(data, HabitKind.APPOINTMENT):
        name = habit.habit.name or "Appointment"
        counts = f"{_counts(habit, 'went', 'missed')}, rescheduled {habit.rescheduled}"
        _paragraph(pdf, f"{name}: {counts}", bold=True)
    for row in data.appointments:
        name = row.habit.name or "Appointment"
        _paragraph(pdf, f"{row.day:%a %d %b}: {name}: {ANSWERS[row.answer]}")


def _notes(pdf: FPDF, data: ReportData) -> None:
    """List the patient's own notes, newest last, as written."""
    if not data.notes:
        return
    _heading(pdf, "Notes in the patient's words")
    for row in data.notes[-MAX_NOTES:]:
        label = row.habit.name or LABELS[row.habit.kind]
        _paragraph(pdf, f"{row.day:%d %b} · {label}: {row.note}")
    if len(data.notes) > MAX_NOTES:
        _paragraph(pdf, f"(and {len(data.notes) - MAX_NOTES} earlier notes)")


def _safety_plan(pdf: FPDF, steps: tuple[str | None, ...]) -> None:
    """Write the patient's safety plan, step by step, when they chose to share it."""
    if not any(steps):
        return
    _heading(pdf, _("Safety plan (shared by the patient)"))
    for index, text in enumerate(steps):
        _paragraph(pdf, f"{index + 1}. {plan_texts.title(index)}", bold=True)
        _paragraph(pdf, text or "–")
