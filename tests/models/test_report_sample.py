"""The twelve-week sample (bench/report_sample.py) through the real queries: what a
psychiatrist reads on page one, every count from the days models.days combines."""

import re
from datetime import date

from bench.report_sample import sample_report
from bot.report_pdf import medication_cells, render_report, week_table
from models.treatment import Verdict


async def test_the_sample_report_says_what_was_taken_and_whether_it_helped(tmp_path):
    data = await sample_report(str(tmp_path))
    assert len(data.weeks) == 12
    sertraline, escitalopram = data.courses
    assert [d.dose for d in sertraline.course.doses] == ["50 mg", "100 mg"]
    assert (sertraline.response.baseline, sertraline.response.latest) == (
        (date(2026, 9, 4), 19),
        (date(2026, 10, 30), 17),
    )
    assert sertraline.response.verdict is Verdict.NO_RESPONSE
    assert escitalopram.response.verdict is Verdict.RESPONSE
    assert escitalopram.response.baseline == (date(2026, 10, 30), 17)
    cells = medication_cells(sertraline, data.summary.end)
    habit = next(h for h in data.summary.habits if h.habit.id == sertraline.course.habit_id)
    taken = [d for d in habit.days if sertraline.course.taken_on(d.day)]
    assert cells[3].startswith(f"{sum(d.done for d in taken)}/{sum(d.due for d in taken)} ")
    assert [day for day, _answer in data.summary.self_harm] == [date(2026, 9, 18)]
    assert len(data.questions) == 3 and len(data.journal.side_effects) == 3
    table = {row[0]: row[1:] for row in week_table(data)}
    assert table["Sertraline: doses taken"][-1] == "–"  # stopped: nothing due in the last week
    pdf = render_report(data)
    assert pdf.startswith(b"%PDF-")
    assert len(re.findall(rb"/Type /Page\b(?!s)", pdf)) == 2  # one or two A4 pages
