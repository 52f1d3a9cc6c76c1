"""The doctor's report: one or two A4 pages a psychiatrist reads in a minute (fpdf2).

Page one says what was taken, since when, at which dose, and whether it helped (the PHQ-9
from each medication's start); the timeline puts the doses against the PHQ-9, mood and sleep.
Then week by week numbers, side effects, the patient's own words and their questions.
"""

from datetime import date
from io import BytesIO
from pathlib import Path

import matplotlib
from fpdf import FPDF
from fpdf.fonts import FontFace

from bot import meds_texts, phq9_texts, plan_texts, report_sections
from bot import report_texts as t
from bot.i18n import _, date_span, day_month, fixed, long_date
from bot.report_chart import render_timeline
from bot.report_sections import heading, kind_line, paragraph
from bot.texts import kind_label
from models.stats_report import CourseRow, ReportData
from models.types import HabitKind

__all__ = ["kind_line", "render_report", "week_table"]

# fpdf2's core fonts are Latin-1 only; DejaVu (shipped with matplotlib) covers user text.
FONTS = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
FONT = "DejaVu"
GREY = (90, 90, 90)
RED = (170, 0, 0)
HEADINGS = FontFace(emphasis="BOLD", fill_color=(230, 236, 244))
# Rows of the weekly table whose numbers are the daily series below, not a share of days.
_SERIES_KINDS = (HabitKind.MOOD, HabitKind.SLEEP, HabitKind.APPOINTMENT)


def render_report(data: ReportData, safety_plan: tuple[str | None, ...] = ()) -> bytes:
    """Lay out the report and return the PDF bytes; the safety plan only if the user chose so."""
    pdf = _new_pdf()
    _header(pdf, data)
    _glance(pdf, data)
    if data.summary.checkins or data.courses or data.summary.phq9:
        pdf.image(BytesIO(render_timeline(data)), w=pdf.epw)
    _medications(pdf, data)
    _weekly_table(pdf, data)
    report_sections.write_all(pdf, data)
    _safety_plan(pdf, safety_plan)
    return bytes(pdf.output())


def _new_pdf() -> FPDF:
    pdf = FPDF(format="A4")
    pdf.add_font(FONT, "", FONTS / "DejaVuSans.ttf")
    pdf.add_font(FONT, "B", FONTS / "DejaVuSans-Bold.ttf")
    pdf.set_margins(14, 12, 14)
    pdf.set_auto_page_break(True, margin=12)
    pdf.set_title(t.pdf_title(""))
    pdf.add_page()
    return pdf


def _header(pdf: FPDF, data: ReportData) -> None:
    summary = data.summary
    weeks = max(1, len(data.weeks))
    pdf.set_font(FONT, "B", 14)
    pdf.multi_cell(0, 7, t.pdf_title(summary.first_name), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", 9)
    span = f"{date_span(summary.start, summary.end)} {summary.end.year}"
    pdf.cell(0, 5, t.pdf_period(span, weeks), new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(*GREY)
    paragraph(pdf, t.self_reported(), size=7.5)
    pdf.set_text_color(0, 0, 0)
    if not summary.checkins and not data.courses:
        paragraph(pdf, t.nothing_recorded())


def _glance(pdf: FPDF, data: ReportData) -> None:
    """Say in a few lines: item 9 flags, each medication and whether it helped, the PHQ-9."""
    summary = data.summary
    lines: list[tuple[str, bool]] = []
    for day, answer in summary.self_harm:
        if summary.start <= day <= summary.end:
            lines.append(("⚠ " + phq9_texts.self_harm_flag(day, answer), True))
    lines += [(_course_line(row, summary.end), False) for row in data.courses]
    scores = [(d, s) for d, s in summary.phq9 if summary.start <= d <= summary.end]
    if scores:
        day, score = scores[-1]
        lines.append((f"PHQ-9 {day_month(day)}: {score} ({phq9_texts.severity(score)})", False))
    if not lines:
        return
    report_sections.heading(pdf, t.at_a_glance())
    for text, flagged in lines:
        pdf.set_text_color(*(RED if flagged else (0, 0, 0)))
        paragraph(pdf, "• " + text, bold=flagged, size=9)
    pdf.set_text_color(0, 0, 0)


def _course_line(row: CourseRow, today: date) -> str:
    course, judged = row.course, row.response
    doses = " → ".join(dict.fromkeys(d.dose for d in course.doses))
    when = _taken(row, today)
    return f"{course.name} {doses}, {when}: PHQ-9 {t.score_change(judged)}, {t.verdict(judged)}"


def _taken(row: CourseRow, today: date) -> str:
    course = row.course
    last = min(today, course.stopped_on) if course.stopped_on else today
    weeks = t.weeks_short(round((last - course.started_on).days / 7))
    if course.stopped_on is None:
        return f"{t.since(long_date(course.started_on))} ({weeks})"
    span = f"{day_month(course.started_on)} – {long_date(course.stopped_on)}"
    reason = meds_texts.stop_reason_label(course.stop_reason).lower() if course.stop_reason else ""
    return f"{span} ({weeks}; {t.stopped_because(reason)})" if reason else f"{span} ({weeks})"


def _medications(pdf: FPDF, data: ReportData) -> None:
    """Tabulate each medication: doses over time, taken when, doses taken, the PHQ-9 result."""
    reminders = reminder_only(data)
    if not data.courses and not data.earlier and not reminders:
        return
    report_sections.heading(pdf, t.medications_heading())
    if data.courses or reminders:
        pdf.set_font(FONT, "", 7.5)
        with pdf.table(
            col_widths=(30, 38, 38, 22, 30, 24), headings_style=HEADINGS, line_height=4,
            width=pdf.epw, text_align="LEFT",
        ) as table:  # fmt: skip
            table.row(t.table_header())
            for row in data.courses:
                table.row(medication_cells(row, data.summary.end))
            for habit in reminders:
                table.row([habit.habit.name, t.not_in_journal(), "–", _share(habit.done,
                           habit.due), "–", "–"])  # fmt: skip
    if data.earlier:
        lines = "; ".join(
            f"{c.name} {c.dose} ({day_month(c.started_on)} – {long_date(c.stopped_on)})"
            for c in data.earlier
            if c.stopped_on
        )
        paragraph(pdf, t.earlier(lines), size=8)
    pdf.set_text_color(*GREY)
    paragraph(pdf, t.doses_footnote(), size=7)
    pdf.set_text_color(0, 0, 0)


def medication_cells(row: CourseRow, today: date) -> list[str]:
    """Return one medication's cells: every number from models.days and models.treatment."""
    course = row.course
    doses = ", ".join(f"{d.dose} ({day_month(d.from_on)})" for d in course.doses)
    return [course.name, doses, _taken(row, today), _share(row.doses_taken, row.doses_due),
            t.score_change(row.response), t.verdict(row.response)]  # fmt: skip


def _share(done: int, due: int) -> str:
    return f"{done}/{due} ({round(100 * done / due)}%)" if due else t.no_reminder()


def reminder_only(data: ReportData) -> list:
    """Return the medication reminders with doses due that no journal entry is linked to."""
    linked = {row.course.habit_id for row in data.courses}
    return [
        h for h in data.summary.habits
        if h.habit.kind is HabitKind.MEDICATION and h.due and h.habit.id not in linked
    ]  # fmt: skip


def _weekly_table(pdf: FPDF, data: ReportData) -> None:
    """Tabulate doses taken, alcohol-free days, mood and sleep week by week."""
    if not data.summary.checkins:
        return
    report_sections.heading(pdf, t.week_by_week())
    pdf.set_font(FONT, "", 7)
    label_width = 46
    week_width = (pdf.epw - label_width) / max(1, len(data.weeks))
    with pdf.table(
        col_widths=(label_width, *([week_width] * len(data.weeks))),
        text_align=("LEFT", *(["CENTER"] * len(data.weeks))),
        headings_style=HEADINGS, line_height=4, width=pdf.epw,
    ) as table:  # fmt: skip
        for cells in week_table(data):
            table.row(cells)
    pdf.set_font(FONT, "", 9)


def week_table(data: ReportData) -> list[list[str]]:
    """Return the weekly table's cells, header first: every number from the summary's days."""
    weeks = data.weeks
    header = [t.week_starting(), *(day_month(w.start) for w in weeks)]
    rows = [
        [_row_label(h), *(_count(w.counts[i]) for w in weeks)]
        for i, h in enumerate(data.summary.habits)
        if h.habit.kind not in _SERIES_KINDS
    ]
    rows.append([t.mood_row(), *(_num(w.mood) for w in weeks)])
    rows.append([t.sleep_row(), *(_num(w.sleep) for w in weeks)])
    rows.append([t.quality_row(), *(_num(w.sleep_quality) for w in weeks)])
    rows.append([t.drinks_row(), *(_num(w.drinks, 0) for w in weeks)])
    return [header, *rows]


def _row_label(habit) -> str:
    kind, name = habit.habit.kind, habit.habit.name.strip()
    if kind is HabitKind.MEDICATION:
        label = t.doses_row(name or kind_label(kind))
    elif kind is HabitKind.SUBSTANCE_FREE:
        label = t.alcohol_free_row()
    else:
        label = name or kind_label(kind)
    return label if len(label) <= 34 else label[:33] + "…"


def _count(counts: tuple[int, int]) -> str:
    done, due = counts
    return f"{done}/{due}" if due else "–"


def _num(value: float | None, digits: int = 1) -> str:
    return "–" if value is None else fixed(value, digits)


def _safety_plan(pdf: FPDF, steps: tuple[str | None, ...]) -> None:
    """Write the patient's safety plan, step by step, when they chose to share it."""
    if not any(steps):
        return
    heading(pdf, _("Safety plan (shared by the patient)"))
    for index, text in enumerate(steps):
        paragraph(pdf, f"{index + 1}. {plan_texts.title(index)}", bold=True)
        paragraph(pdf, text or "–")
