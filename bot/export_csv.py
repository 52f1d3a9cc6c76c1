"""/export: the user's rows as a zip of one CSV per table, with a short README (pure)."""

import csv
import io
import json
import zipfile
from datetime import date, datetime
from enum import Enum

from sqlmodel import SQLModel

import models.tables  # noqa: F401  (registers the tables whose columns head empty files)

README = """\
Your Steady data
================

One CSV file per kind of record, everything Steady stores about you:

users.csv          your settings (time zone, when your day ends, weekly summary time)
habits.csv         the habits you set up (removed ones too, with removed_at)
schedules.csv      reminder times
deliveries.csv     each reminder sent, or missed while the bot was down
checkins.csv       your answers: done / skipped / rescheduled / no_answer, with values
                   (hours slept, minutes moved, drinks, mood 0-10) and your notes
safety_events.csv  times a crisis-support reply was sent (never the message itself)
phq9_results.csv   your PHQ-9 questionnaires: the nine answers (0-3) and the total

Times are in UTC (ISO 8601). local_date is your own day, in your time zone.
Text that begins with = + - or @ starts with an apostrophe here, so spreadsheet
programs show it rather than run it as a formula.

To delete all of this from Steady, send /deletedata.
"""
TABLES = ("users", "habits", "schedules", "deliveries", "checkins", "safety_events", "phq9_results")
# Spreadsheets run cells starting with these as formulas (CSV injection).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_EPOCH = (1980, 1, 1, 0, 0, 0)


def build_export_zip(rows: dict[str, list[dict]], *, at: datetime | None = None) -> bytes:
    """Zip one CSV per table and a README.txt; at stamps the files (UTC)."""
    stamp = at.timetuple()[:6] if at else _EPOCH
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("README.txt", stamp), README)
        for name in (*TABLES, *sorted(set(rows) - set(TABLES))):
            text = table_csv(name, rows.get(name, []))
            archive.writestr(zipfile.ZipInfo(f"{name}.csv", stamp), text)
    return buffer.getvalue()


def table_csv(name: str, rows: list[dict]) -> str:
    """Render one table's rows as CSV text, with a header even when there are none."""
    table = SQLModel.metadata.tables.get(name)
    columns = list(rows[0]) if rows else list(table.columns.keys()) if table is not None else []
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([cell(row.get(column)) for column in columns])
    return out.getvalue()


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
