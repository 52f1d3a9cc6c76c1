"""PHQ-9 scoring, bands and the item that calls for crisis resources."""

import pytest

from models import phq9


@pytest.mark.parametrize(
    ("total", "band"),
    [(0, "minimal"), (4, "minimal"), (5, "mild"), (9, "mild"), (10, "moderate"),
     (14, "moderate"), (15, "moderately severe"), (19, "moderately severe"), (20, "severe"),
     (27, "severe")],
)  # fmt: skip
def test_severity_bands(total, band):
    assert phq9.severity(total) == band


def test_score_sums_nine_answers():
    assert phq9.score([3] * 9) == 27
    assert phq9.score([0, 1, 2, 3, 0, 1, 2, 3, 0]) == 12


@pytest.mark.parametrize("answers", [[0] * 8, [0] * 10, [4] + [0] * 8, [-1] + [0] * 8])
def test_score_rejects_malformed_answers(answers):
    with pytest.raises(ValueError):
        phq9.score(answers)


@pytest.mark.parametrize(
    ("item", "answer", "expected"), [(8, 1, True), (8, 3, True), (8, 0, False), (7, 3, False)]
)
def test_only_a_positive_item_nine_needs_the_safety_reply(item, answer, expected):
    assert phq9.needs_safety_reply(item, answer) is expected
