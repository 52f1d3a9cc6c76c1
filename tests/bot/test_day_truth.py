"""One truth per day, as a new user meets it: /summary, the chart, the PDF and /export agree."""

import csv
import io
import zipfile
from datetime import UTC, datetime

from bot.charts import grid_rows
from bot.report_pdf import kind_line, week_table
from models import reports
from models.types import HabitKind
from tests import factories

EVENING = datetime(2026, 11, 23, 19, 30, tzinfo=UTC)  # 20:30 in Berlin, a Monday


async def _user_with(db, clock, *kinds: HabitKind) -> None:
    clock.set(EVENING)
    await factories.user(db, now=clock())
    for kind in kinds:
        times = [(22, 30), (8, 30)] if kind is HabitKind.SLEEP else [(9, 0)]
        await factories.habit(db, kind=kind, times=times, now=clock())


async def _say_all(chat, clock, *messages: str) -> None:
    for text in messages:
        await chat.say(text)
        clock.advance(minutes=5)


def _unzip(chat) -> dict[str, list[dict]]:
    data = chat.api.calls("sendDocument")[-1]["_files"]["document"]
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {
            name.removesuffix(".csv"): list(
                csv.DictReader(io.StringIO(archive.read(name).decode()))
            )
            for name in archive.namelist()
            if name.endswith(".csv")
        }


async def test_drinks_then_alcohol_free_then_a_beer_is_one_day_with_three_drinks(
    chat, db, clock, no_errors
):
    await _user_with(db, clock, HabitKind.SUBSTANCE_FREE)
    await _say_all(chat, clock, "2 drinks", "no alcohol today", "had a beer")
    await chat.say("/summary")
    text = chat.last()
    assert "0/1 free (0%)" in text and "3 drinks on 1 day" in text, text
    async with db.session() as session:
        summary = await reports.summary_data(session, user_id=42, days=7, now=clock())
        report = await reports.report_data(session, user_id=42, weeks=4, now=clock())
    [(_, cells)] = grid_rows(summary)
    assert cells[-1] == "not_done"  # the chart colours the day as not free
    (sober,) = report.summary.habits
    table = {row[0]: row[1:] for row in week_table(report)}
    assert table["Alcohol- & drug-free days"][-1] == "0/1"  # the PDF's weekly table
    assert table["Drinks"][-1] == "3"
    assert kind_line(sober).startswith("alcohol- and drug-free on 0 of 1 days; 3 drinks")


async def test_export_says_what_was_said_and_holds_the_day(chat, db, clock, no_errors):
    await _user_with(db, clock, HabitKind.SUBSTANCE_FREE)
    await _say_all(chat, clock, "2 drinks", "no alcohol today", "had a beer")
    await chat.say("/export")
    files = _unzip(chat)
    said = [row["answer_in_words"] for row in files["checkins"]]
    assert said == ["2 drinks", "alcohol- and drug-free", "1 drink"]
    (day,) = files["days"]
    assert (day["local_date"], day["outcome"], day["drinks"]) == ("2026-11-23", "not_done", "3.0")


async def test_a_corrected_mood_is_the_days_mood_not_an_average(chat, db, clock, no_errors):
    await _user_with(db, clock, HabitKind.MOOD, HabitKind.SLEEP)
    await _say_all(chat, clock, "mood 6", "mood 0", "slept 5h", "slept 7h")
    async with db.session() as session:
        summary = await reports.summary_data(session, user_id=42, days=7, now=clock())
    assert (summary.mood_by_day[-1], summary.sleep_by_day[-1]) == (0.0, 7.0)
    await chat.say("/summary")
    assert "avg 0.0" in chat.last(), chat.last()


async def test_summary_speaks_of_days_not_strength_and_claims_no_trend_after_one_day(
    app, chat, db, clock, no_errors
):
    clock.set(datetime(2026, 11, 23, 6, 0, tzinfo=UTC))  # 07:00 in Berlin, before both doses
    await factories.user(db, now=clock())
    await factories.habit(
        db, kind=HabitKind.MEDICATION, name="Sertraline", times=[(8, 0), (20, 0)], now=clock()
    )
    for utc_hour in (7, 19):  # each dose's reminder, answered with one tap
        clock.set(datetime(2026, 11, 23, utc_hour, 1, tzinfo=UTC))
        await app.bot_data["deps"].dispatcher.tick()
        await chat.tap_label("Taken")
    await chat.say("/summary")
    text = chat.last()
    assert "2/2 taken (100%)" in text, text
    assert "strength" not in text and "held steady" not in text, text
