"""The doctor's report is a PDF that holds each section and survives any user text."""

import pytest

from bot.report_pdf import render_report
from models.days import HabitInfo
from models.types import HabitKind
from tests.unit.summary_samples import HABITS, sample_report


@pytest.mark.parametrize("weeks", [4, 8, 12])
def test_render_report_returns_a_pdf(weeks):
    pdf = render_report(sample_report(weeks))
    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")


def test_report_survives_text_outside_latin1():
    odd = HabitInfo(60, HabitKind.MEDICATION, "Сертралин 舍曲林 💊 “quoted” <b>")
    assert render_report(sample_report(4, habits=(*HABITS, odd))).startswith(b"%PDF-")
