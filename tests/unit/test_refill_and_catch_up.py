"""The refill forecast, the morning question's time and the time a dose was taken (pure)."""

from datetime import UTC, date, datetime

import pytest

from models.catch_up import catch_up_at
from models.refill import doses_between, forecast, run_out_day
from models.schedule import half_hours_before, latest_local
from models.stats_kinds import mean_bedtime
from models.tables import Habit
from models.types import HabitKind

THU = date(2026, 11, 26)


@pytest.mark.parametrize(
    ("pills", "doses", "runs_out"),
    [
        (20, ["*", "*"], date(2026, 12, 6)),  # two a day cover ten days
        (1, ["*"], date(2026, 11, 27)),
        (0, ["*"], THU),
        (5, ["mon-fri"], date(2026, 12, 3)),  # Thu, Fri, Mon, Tue, Wed; Thu finds none
        (3, ["sat,sun"], date(2026, 12, 6)),  # Sat, Sun, Sat; the Sunday after finds none
    ],
)
def test_the_pills_run_out_on_the_first_day_a_dose_finds_none(pills, doses, runs_out):
    assert run_out_day(pills, doses, THU) == runs_out


def test_no_set_doses_no_forecast():
    assert run_out_day(30, [], THU) is None


def test_forecast_counts_the_doses_since_the_count_and_reminds_three_days_before():
    habit = Habit(user_id=1, kind=HabitKind.MEDICATION, pills_left=20, pills_counted_on=THU)
    found = forecast(habit, ["*", "*"], date(2026, 12, 3))
    assert (found.runs_out, found.remind_on, found.left_today) == (
        date(2026, 12, 6),
        date(2026, 12, 3),
        6,
    )
    late = forecast(habit, ["*", "*"], date(2026, 12, 5))
    assert late.remind_on is None and late.left_today == 2
    assert doses_between(["mon,wed"], THU, date(2026, 12, 2)) == 2


def test_no_count_no_forecast():
    assert forecast(Habit(user_id=1, kind=HabitKind.MEDICATION), ["*"], THU) is None


BERLIN = "Europe/Berlin"


@pytest.mark.parametrize(
    ("due", "day_end", "now", "expected"),
    [
        # a 20:00 dose; the day ends at 04:00: asked at 09:00 the next morning
        (datetime(2026, 11, 25, 19, 0, tzinfo=UTC), 240, datetime(2026, 11, 26, 3, 0, tzinfo=UTC),
         datetime(2026, 11, 26, 8, 0, tzinfo=UTC)),
        # the bot was down until 11:00: asked at once
        (datetime(2026, 11, 25, 19, 0, tzinfo=UTC), 240, datetime(2026, 11, 26, 10, 0, tzinfo=UTC),
         datetime(2026, 11, 26, 10, 0, tzinfo=UTC)),
        # a night owl whose day ends at 10:00 is asked at 09:00 the morning after that
        (datetime(2026, 11, 25, 19, 0, tzinfo=UTC), 600, datetime(2026, 11, 26, 9, 0, tzinfo=UTC),
         datetime(2026, 11, 27, 8, 0, tzinfo=UTC)),
        # too late: the dose can no longer be answered
        (datetime(2026, 11, 25, 19, 0, tzinfo=UTC), 240, datetime(2026, 11, 27, 3, 30, tzinfo=UTC),
         None),
        # the night the clocks go back (25 Oct 2026): 09:00 is 08:00 UTC
        (datetime(2026, 10, 24, 18, 0, tzinfo=UTC), 240, datetime(2026, 10, 25, 3, 0, tzinfo=UTC),
         datetime(2026, 10, 25, 8, 0, tzinfo=UTC)),
    ],
)  # fmt: skip
def test_the_morning_question_comes_once_the_day_has_ended(due, day_end, now, expected):
    assert catch_up_at(due, BERLIN, day_end, now) == expected


def test_a_time_taken_is_the_last_such_time_before_the_latest_moment():
    latest = datetime(2026, 11, 26, 11, 0, tzinfo=UTC)  # 12:00 in Berlin
    assert latest_local(9, 40, latest=latest, tz=BERLIN) == datetime(
        2026, 11, 26, 8, 40, tzinfo=UTC
    )
    assert latest_local(23, 30, latest=latest, tz=BERLIN) == datetime(
        2026, 11, 25, 22, 30, tzinfo=UTC
    )


def test_taken_earlier_offers_half_hours_from_an_hour_before_the_dose_up_to_now():
    dose, now = datetime(2026, 11, 26, 7, 0, tzinfo=UTC), datetime(2026, 11, 26, 8, 10, tzinfo=UTC)
    assert half_hours_before(dose, now, BERLIN) == [(7, 0), (7, 30), (8, 0), (8, 30), (9, 0)]


@pytest.mark.parametrize(
    ("bedtimes", "mean"),
    [([23 * 60, 60], 0), ([22 * 60, 23 * 60], 22 * 60 + 30), ([], None), ([2 * 60], 2 * 60)],
)
def test_the_usual_bedtime_is_read_around_midnight(bedtimes, mean):
    assert mean_bedtime(bedtimes) == mean
