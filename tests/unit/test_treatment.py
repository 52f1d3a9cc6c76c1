"""Whether a medication helped, by the PHQ-9 from its start (pure)."""

from datetime import date, timedelta

import pytest

from models.treatment import Course, Dose, Verdict, not_helping, response, review_dates

START = date(2026, 9, 1)


def _course(stopped: date | None = None) -> Course:
    return Course(1, "Sertraline", None, START, stopped, None, (Dose("50 mg", START),))


def _on(days: int) -> date:
    return START + timedelta(days=days)


@pytest.mark.parametrize(
    ("scores", "verdict", "change"),
    [
        (((-3, 20), (60, 10)), Verdict.RESPONSE, -0.5),  # down by half: a response
        (((-3, 20), (30, 9)), Verdict.RESPONSE, -0.55),  # a response counts at any week
        (((-3, 20), (60, 4)), Verdict.REMISSION, -0.8),  # under 5: remission
        (((-3, 20), (60, 11)), Verdict.NO_RESPONSE, -0.45),
        (((-3, 20), (53, 15)), Verdict.NO_RESPONSE, -0.25),  # three days short of 8 weeks
        (((-3, 20), (52, 15)), Verdict.TOO_EARLY, -0.25),
        (((-29, 20), (60, 15)), Verdict.NO_BASELINE, None),  # more than 4 weeks before
        (((0, 20), (60, 15)), Verdict.NO_RESPONSE, -0.25),  # on the start day is a baseline
        (((-3, 20),), Verdict.NOT_MEASURED, None),
        (((-10, 12), (-3, 20), (60, 10)), Verdict.RESPONSE, -0.5),  # the nearest before
    ],
)
def test_verdict_follows_the_phq9_from_the_start(scores, verdict, change):
    phq9 = [(_on(day), score) for day, score in scores]
    judged = response(_course(), phq9, _on(90))
    assert judged.verdict is verdict
    assert judged.change == (pytest.approx(change) if change is not None else None)


def test_scores_after_the_stop_do_not_count():
    phq9 = [(_on(-3), 20), (_on(58), 16), (_on(80), 6)]
    judged = response(_course(stopped=_on(60)), phq9, _on(90))
    assert judged.latest == (_on(58), 16) and judged.verdict is Verdict.NO_RESPONSE


def test_not_helping_is_said_once_per_new_score_while_taken():
    phq9 = [(_on(-3), 20), (_on(60), 14)]
    assert not_helping([_course()], phq9, _on(57), _on(63)) != []
    assert not_helping([_course()], phq9, _on(64), _on(70)) == []  # no new score this week
    assert not_helping([_course(stopped=_on(62))], phq9, _on(57), _on(63)) == []


def test_reviews_are_planned_six_and_eight_weeks_after_the_start_if_still_ahead():
    assert review_dates(START, START) == [(6, _on(42)), (8, _on(56))]
    assert review_dates(START, _on(50)) == [(8, _on(56))]
    assert review_dates(START, _on(57)) == []
