"""/export: the user's rows as a zip of one CSV per table, with a short README (pure)."""

import csv
import io
import json
import zipfile
from collections.abc import Sequence
from datetime import date, datetime
from enum import Enum

from sqlmodel import SQLModel

import models.tables  # noqa: F401  (registers the tables whose columns head empty files)
from bot.texts import technique_label
from models.day_sheet import COLUMNS as DAY_COLUMNS
from models.day_sheet import day_sheet
from models.days import DRUGS_NOTE
from models.types import Answer, HabitKind, SkipReason, StressTechnique

README = """\
Your Steady data
================

One CSV file per kind of record, everything Steady stores about you:

users.csv          your settings (time zone, when your day ends, weekly summary time,
                   the country of your helplines, the next-day check-in)
habits.csv         the habits you set up (removed ones too, with removed_at); for a
                   medicine: as_needed (no set times), follow_ups (gentle nudges of an
                   unanswered dose) and the pill count the refill forecast starts from
schedules.csv      reminder times
deliveries.csv     each reminder sent, or missed while the bot was down
checkins.csv       your answers: done / skipped / rescheduled / no_answer, with values
                   (hours slept, minutes moved, drinks, mood 0-10) and your notes;
                   taken_at is when you said a dose was really taken; bedtime_minute
                   (minutes after midnight) and awakenings come from the sleep check-in;
                   answer_in_words says each one as you gave it ("2 drinks", "mood 6/10")
days.csv           one row per habit and day, counted the way /summary, its chart and
                   /report count it: several answers of one day make one day (the latest
                   mood or sleep wins, drinks and minutes add up, each dose counts once;
                   a medicine taken as needed counts doses taken, none due)
safety_events.csv  times a crisis-support reply was sent or answered, and what kind
                   (never the message itself)
safety_plans.csv   your safety plan: the six steps in your own words
phq9_results.csv   your PHQ-9 questionnaires: the nine answers (0-3) and the total
medications.csv    your treatment journal (/meds): each medication, its start and stop
dose_changes.csv   each medication's doses and the day each began
side_effects.csv   side effects you noted, per medication and day
med_reviews.csv    your answers to "How is it going?" at six and eight weeks
doctor_questions.csv  your questions for the doctor (/ask), and when you asked them

Times are in UTC (ISO 8601). local_date is your own day, in your time zone.
Text that begins with = + - or @ starts with an apostrophe here, so spreadsheet
programs show it rather than run it as a formula.

To delete all of this from Steady, send /deletedata.
"""
TABLES = (
    "users",
    "habits",
    "schedules",
    "deliveries",
    "checkins",
    "safety_events",
    "safety_plans",
    "phq9_results",
    "medications",
    "dose_changes",
    "side_effects",
    "med_reviews",
    "doctor_questions",
)
WORDS_COLUMN = "answer_in_words"
# Spreadsheets run cells starting with these as formulas (CSV injection).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_EPOCH = (1980, 1, 1, 0, 0, 0)


def build_export_zip(rows: dict[str, list[dict]], *, at: datetime | None = None) -> bytes:
    """Zip one CSV per table, the per-day sheet and a README.txt; at is now (UTC)."""
    stamp = at.timetuple()[:6] if at else _EPOCH
    files = {name: table_csv(name, rows.get(name, [])) for name in TABLES}
    files |= {name: table_csv(name, rows[name]) for name in sorted(set(rows) - set(TABLES))}
    files["days"] = table_csv("days", day_sheet(rows, now=at), DAY_COLUMNS)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("README.txt", stamp), README)
        for name, text in files.items():
            archive.writestr(zipfile.ZipInfo(f"{name}.csv", stamp), text)
    return buffer.getvalue()


def table_csv(name: str, rows: list[dict], columns: Sequence[str] = ()) -> str:
    """Render rows as CSV text in the table's column order, with a header even when empty."""
    table = SQLModel.metadata.tables.get(name)
    if not columns:
        columns = list(table.columns.keys()) if table is not None else list(rows[0] if rows else ())
    if name == "checkins":
        columns = [*columns, WORDS_COLUMN]
        rows = [{**row, WORDS_COLUMN: answer_in_words(row)} for row in rows]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([cell(row.get(column)) for column in columns])
    return out.getvalue()


def answer_in_words(checkin: dict) -> str:
    """Say a check-in as it was given: "2 drinks", "mood 6/10", "skipped (forgot)"."""
    kind, answer = HabitKind(checkin["kind"]), Answer(checkin["answer"])
    value, note, quality = checkin.get("value"), checkin.get("note"), checkin.get("quality")
    if answer is Answer.NO_ANSWER:
        return "no answer"
    if kind is HabitKind.SUBSTANCE_FREE:
        return _substance_words(answer, value, note)
    if value is not None and kind in _NUMBER_WORDS:
        words = _NUMBER_WORDS[kind].format(value=value)
    else:
        words = _ANSWER_WORDS.get(kind, {}).get(answer, answer.value)
    if quality:
        words += f", quality {quality}/5"
    if (bedtime := checkin.get("bedtime_minute")) is not None:
        words += f", in bed {bedtime // 60:02d}:{bedtime % 60:02d}"
    if (woke := checkin.get("awakenings")) is not None:
        words += f", woke {woke} time{'s' * (woke != 1)}"
    if note in StressTechnique.__members__.values():
        return f"{words}: {technique_label(StressTechnique(note)).lower()}"
    if note in SkipReason.__members__.values():
        note = note.replace("_", " ")
    return f"{words} ({note})" if note else words


def _substance_words(answer: Answer, value: float | None, note: str | None) -> str:
    if value:
        return f"{value:g} drink{'s' * (value != 1)}"
    if note == DRUGS_NOTE:
        return "used drugs"
    return "alcohol- and drug-free" if answer is Answer.DONE else "not alcohol- and drug-free"


_NUMBER_WORDS = {
    HabitKind.MOOD: "mood {value:g}/10",
    HabitKind.SLEEP: "slept {value:g} h",
    HabitKind.EXERCISE: "moved {value:g} min",
    HabitKind.STRESS: "practised {value:g} min",
}
_ANSWER_WORDS = {
    HabitKind.MEDICATION: {Answer.DONE: "taken", Answer.SKIPPED: "skipped"},
    HabitKind.APPOINTMENT: {
        Answer.DONE: "went",
        Answer.SKIPPED: "missed",
        Answer.RESCHEDULED: "rescheduled",
    },
    HabitKind.SLEEP: {Answer.DONE: "slept"},
    HabitKind.EXERCISE: {Answer.DONE: "moved", Answer.SKIPPED: "not today"},
    HabitKind.STRESS: {Answer.DONE: "practised", Answer.SKIPPED: "not today"},
    HabitKind.MOOD: {Answer.DONE: "mood logged"},
}


def cell(value: object) -> str:
    """Render one value for CSV: ISO times, enum values, JSON for dicts, safe text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return str(value)
