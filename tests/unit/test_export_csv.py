"""/export's zip: one CSV per table, a README, values people and spreadsheets can read."""

import csv
import io
import zipfile
from datetime import UTC, date, datetime

from sqlmodel import SQLModel

from bot.export_csv import build_export_zip, cell
from models.tables import Checkin
from models.types import Answer, HabitKind

AT = datetime(2026, 3, 15, 12, 0, tzinfo=UTC)


def _unzip(data: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name).decode() for name in archive.namelist()}


def test_zip_holds_a_readme_and_one_csv_per_table_even_when_empty():
    checkin = Checkin(
        id=1,
        user_id=7,
        kind=HabitKind.MOOD,
        answer=Answer.DONE,
        value=6.0,
        note="=SUM(A1)",
        local_date=date(2026, 3, 15),
        recorded_at=AT,
    )
    files = _unzip(build_export_zip({"checkins": [checkin.model_dump()]}, at=AT))
    tables = {f"{name}.csv" for name in SQLModel.metadata.tables}  # every table, even empty
    assert set(files) == {"README.txt", "days.csv", *tables}
    assert all(name.removesuffix(".csv") in files["README.txt"] for name in tables)
    (row,) = csv.DictReader(io.StringIO(files["checkins.csv"]))
    assert (row["kind"], row["answer"], row["value"], row["note"]) == (
        "mood",
        "done",
        "6.0",
        "'=SUM(A1)",
    )
    assert row["recorded_at"] == "2026-03-15T12:00:00+00:00"
    assert files["habits.csv"].startswith("id,user_id,kind,name")


def test_cell_renders_plain_values():
    assert [cell(v) for v in (None, True, {"a": 1}, -2, "-x")] == [
        "",
        "true",
        '{"a": 1}',
        "-2",
        "'-x",
    ]


def test_the_sleep_diary_and_the_time_a_dose_was_taken_are_exported():
    night = Checkin(
        id=2, user_id=7, kind=HabitKind.SLEEP, answer=Answer.DONE, value=7.0, quality=4,
        bedtime_minute=23 * 60 + 30, awakenings=2, local_date=date(2026, 3, 15), recorded_at=AT,
    )  # fmt: skip
    dose = Checkin(
        id=3, user_id=7, kind=HabitKind.MEDICATION, answer=Answer.DONE, taken_at=AT,
        local_date=date(2026, 3, 15), recorded_at=AT,
    )  # fmt: skip
    rows = {"checkins": [night.model_dump(), dose.model_dump()]}
    files = _unzip(build_export_zip(rows, at=AT))
    sleep, taken = csv.DictReader(io.StringIO(files["checkins.csv"]))
    assert sleep["answer_in_words"] == "slept 7 h, quality 4/5, in bed 23:30, woke 2 times"
    assert taken["taken_at"] == "2026-03-15T12:00:00+00:00"
    assert "as_needed" in files["habits.csv"].splitlines()[0]
    assert {"bedtime", "awakenings"} <= set(files["days.csv"].splitlines()[0].split(","))
