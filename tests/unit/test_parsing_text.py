from datetime import date

import pytest

from bot.parsing import (
    ParsedCheckin,
    describe_days,
    parse_checkin,
    parse_date,
    parse_days,
    parse_time,
    parse_times,
)
from models.types import Answer, HabitKind, SkipReason

TODAY = date(2026, 6, 3)  # a Wednesday


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("8", (8, 0)),
        ("08:00", (8, 0)),
        ("8:30", (8, 30)),
        ("8am", (8, 0)),
        ("8 AM", (8, 0)),
        ("8 a.m.", (8, 0)),
        ("8.30pm", (20, 30)),
        ("20h", (20, 0)),
        ("20h30", (20, 30)),
        ("12am", (0, 0)),
        ("12pm", (12, 0)),
        ("12:15 am", (0, 15)),
        ("0:00", (0, 0)),
        ("23:59", (23, 59)),
        ("0730", (7, 30)),
        ("at 9pm", (21, 0)),
        (" noon ", (12, 0)),
        ("midnight", (0, 0)),
    ],
)
def test_parse_time_reads(text, expected):
    assert parse_time(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "25:99",
        "24:00",
        "8:60",
        "13pm",
        "0am",
        "tomorrow-ish",
        "⏰",
        "８:００",  # full-width digits
        "8m",
        "8:5",
        "2460",
        "8" * 600,
        None,
    ],
)
def test_parse_time_rejects(text):
    assert parse_time(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("8:00, 20:00", [(8, 0), (20, 0)]),
        ("8am and 8pm", [(8, 0), (20, 0)]),
        ("8 am 8 pm", [(8, 0), (20, 0)]),
        ("20:00; 8:00 & 8am", [(8, 0), (20, 0)]),
        ("9", [(9, 0)]),
        ("7, 9, 11, 13, 15, 17", [(7, 0), (9, 0), (11, 0), (13, 0), (15, 0), (17, 0)]),
    ],
)
def test_parse_times_reads(text, expected):
    assert parse_times(text) == expected


@pytest.mark.parametrize(
    "text", ["", "8am and later", "7, 9, 11, 13, 15, 17, 19", "8:00, 25:00", ",", "8 and"]
)
def test_parse_times_rejects(text):
    assert parse_times(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-12-03", date(2026, 12, 3)),
        ("3.12.", date(2026, 12, 3)),
        ("3.12.2026", date(2026, 12, 3)),
        ("3.12.27", date(2027, 12, 3)),
        ("3 Dec", date(2026, 12, 3)),
        ("3rd of December", date(2026, 12, 3)),
        ("Dec 3", date(2026, 12, 3)),
        ("December 3rd, 2026", date(2026, 12, 3)),
        ("sept 9", date(2026, 9, 9)),
        ("1 Jan", date(2027, 1, 1)),  # passed this year: next year's
        ("3 June", TODAY),
        ("today", TODAY),
        ("Tomorrow", date(2026, 6, 4)),
        ("thursday", date(2026, 6, 4)),
        ("wednesday", date(2026, 6, 10)),  # today excluded: a week ahead
        ("next monday", date(2026, 6, 8)),
        ("on Tue", date(2026, 6, 9)),
        ("29 feb", date(2028, 2, 29)),
    ],
)
def test_parse_date_reads(text, expected):
    assert parse_date(text, TODAY) == expected


@pytest.mark.parametrize(
    "text",
    [
        "3/12",
        "2026-01-01",
        "1.1.2026",
        "yesterday",
        "31 feb",
        "3 Smarch",
        "someday",
        "",
        "2099-01-01",
    ],
)
def test_parse_date_rejects(text):
    assert parse_date(text, TODAY) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("every day", "*"),
        ("Daily", "*"),
        ("weekdays", "mon,tue,wed,thu,fri"),
        ("weekends", "sat,sun"),
        ("mon wed fri", "mon,wed,fri"),
        ("Mondays and Thursdays", "mon,thu"),
        ("every tuesday", "tue"),
        ("Mon-Fri", "mon,tue,wed,thu,fri"),
        ("monday to wednesday", "mon,tue,wed"),
        ("fri - mon", "mon,fri,sat,sun"),
        ("tues, thurs", "tue,thu"),
        ("weds", "wed"),
        ("sat, sun, mon, tue, wed, thu, fri", "*"),
    ],
)
def test_parse_days_reads(text, expected):
    assert parse_days(text) == expected


@pytest.mark.parametrize("text", ["", "sometimes", "mon and bananas", "m", "mon to", "every"])
def test_parse_days_rejects(text):
    assert parse_days(text) is None


@pytest.mark.parametrize(
    ("days", "expected"),
    [
        ("*", "every day"),
        ("mon-fri", "weekdays"),
        ("mon,tue,wed,thu,fri", "weekdays"),
        ("sat,sun", "weekends"),
        ("mon,wed,fri", "Mon, Wed, Fri"),
        ("thu", "Thu"),
    ],
)
def test_describe_days(days, expected):
    assert describe_days(days) == expected


M, A, SL, EX = HabitKind.MEDICATION, HabitKind.APPOINTMENT, HabitKind.SLEEP, HabitKind.EXERCISE
ST, SU, MO = HabitKind.STRESS, HabitKind.SUBSTANCE_FREE, HabitKind.MOOD
DONE, SKIP, RESCHED = Answer.DONE, Answer.SKIPPED, Answer.RESCHEDULED


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("took my meds", ParsedCheckin(M, DONE)),
        ("Took my pills!", ParsedCheckin(M, DONE)),
        ("meds done", ParsedCheckin(M, DONE)),
        ("meds taken ✅", ParsedCheckin(M, DONE)),
        ("skipped my meds", ParsedCheckin(M, SKIP)),
        ("forgot my pills", ParsedCheckin(M, SKIP, note=SkipReason.FORGOT)),
        ("didn't take my meds, side effects", ParsedCheckin(M, SKIP, note=SkipReason.SIDE_EFFECTS)),
        ("slept 7.5h", ParsedCheckin(SL, DONE, value=7.5)),
        ("slept 7,5 h", ParsedCheckin(SL, DONE, value=7.5)),
        ("slept 7 hours", ParsedCheckin(SL, DONE, value=7)),
        ("7h sleep", ParsedCheckin(SL, DONE, value=7)),
        ("slept 6h quality 4", ParsedCheckin(SL, DONE, value=6, quality=4)),
        ("slept 6h30, quality 3/5", ParsedCheckin(SL, DONE, value=6.5, quality=3)),
        ("slept about 8", ParsedCheckin(SL, DONE, value=8)),
        ("30 min walk", ParsedCheckin(EX, DONE, value=30)),
        ("walked 45 minutes", ParsedCheckin(EX, DONE, value=45)),
        ("ran for 20 mins", ParsedCheckin(EX, DONE, value=20)),
        ("gym 1h", ParsedCheckin(EX, DONE, value=60)),
        ("cycled 1h30", ParsedCheckin(EX, DONE, value=90)),
        ("half an hour of gardening", ParsedCheckin(EX, DONE, value=30)),
        ("went for a walk", ParsedCheckin(EX, DONE)),
        ("no exercise today", ParsedCheckin(EX, SKIP)),
        ("didn't go to the gym", ParsedCheckin(EX, SKIP)),
        ("meditated", ParsedCheckin(ST, DONE, note="meditation")),
        ("meditated 10 min", ParsedCheckin(ST, DONE, value=10, note="meditation")),
        ("did yoga", ParsedCheckin(ST, DONE, note="yoga")),
        ("journaled", ParsedCheckin(ST, DONE, note="journaling")),
        ("tai chi", ParsedCheckin(ST, DONE, note="tai_chi")),
        ("progressive muscle relaxation", ParsedCheckin(ST, DONE, note="muscle_relaxation")),
        ("mindfulness practice", ParsedCheckin(ST, DONE, note="mindfulness")),
        ("no yoga today", ParsedCheckin(ST, SKIP, note="yoga")),
        ("2 drinks", ParsedCheckin(SU, SKIP, value=2)),
        ("had a beer", ParsedCheckin(SU, SKIP, value=1)),
        ("three glasses of wine", ParsedCheckin(SU, SKIP, value=3)),
        ("0 drinks", ParsedCheckin(SU, DONE, value=0)),
        ("no drinks today", ParsedCheckin(SU, DONE, value=0)),
        ("alcohol-free", ParsedCheckin(SU, DONE, value=0)),
        ("sober today", ParsedCheckin(SU, DONE, value=0)),
        ("smoked weed", ParsedCheckin(SU, SKIP, note="drugs")),
        ("mood 6", ParsedCheckin(MO, DONE, value=6)),
        ("mood: 7/10", ParsedCheckin(MO, DONE, value=7)),
        ("feeling 4/10", ParsedCheckin(MO, DONE, value=4)),
        ("Mood is 0", ParsedCheckin(MO, DONE, value=0)),
        ("went to therapy", ParsedCheckin(A, DONE)),
        ("saw my psychiatrist", ParsedCheckin(A, DONE)),
        ("missed my appointment", ParsedCheckin(A, SKIP)),
        ("therapy got cancelled", ParsedCheckin(A, SKIP)),
        ("rescheduled my appointment", ParsedCheckin(A, RESCHED)),
        ("walked 30 min, no drinks", ParsedCheckin(SU, DONE, value=0)),
    ],
)
def test_parse_checkin_reads(text, expected):
    assert parse_checkin(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "hello",
        "banana",
        "asdfgh 123",
        "slept 30h",
        "slept -2h",
        "slept 7h quality 9",
        "mood 11",
        "mood -1",
        "mood 3/5",
        "-3 drinks",
        "100 drinks",
        "walked 2000 minutes",
        "walked 0 minutes",
        "meditated for 900 minutes",
        "my meds",
        "therapy",
        "not today",
        "feeling great",
        "took my meds " + "x" * 500,
    ],
)
def test_parse_checkin_rejects(text):
    assert parse_checkin(text) is None


def test_parsed_checkin_is_frozen():
    checkin = ParsedCheckin(MO, DONE, value=6)
    with pytest.raises(AttributeError):
        checkin.value = 7  # type: ignore[misc]
