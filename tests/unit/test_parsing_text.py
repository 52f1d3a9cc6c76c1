from datetime import date

import pytest

from bot.manage_texts import describe_days
from bot.parsing import (
    OutOfRange,
    ParsedCheckin,
    is_low_mood,
    parse_checkin,
    parse_date,
    parse_days,
    parse_refilled,
    parse_time,
    parse_times,
)
from bot.parsing_results import Measure
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
        "my meds",
        "therapy",
        "not today",
        "feeling great",
        "took my meds " + "x" * 500,
        "lithium",
    ],
)
def test_parse_checkin_rejects(text):
    assert parse_checkin(text, medicines=["Lithium"]) is None


@pytest.mark.parametrize(
    ("text", "measure"),
    [
        ("slept 30h", Measure.HOURS),
        ("slept -2h", Measure.HOURS),
        ("slept 7h quality 9", Measure.QUALITY),
        ("mood 11", Measure.MOOD),
        ("mood -1", Measure.MOOD),
        ("mood 3/5", Measure.MOOD),
        ("-3 drinks", Measure.DRINKS),
        ("100 drinks", Measure.DRINKS),
        ("walked 2000 minutes", Measure.MINUTES),
        ("walked 0 minutes", Measure.MINUTES),
        ("meditated for 900 minutes", Measure.MINUTES),
        ("slept 7h, woke up 40 times", Measure.AWAKENINGS),
        ("took my meds at 25:00", Measure.TIME),
    ],
)
def test_parse_checkin_says_which_number_is_out_of_range(text, measure):
    """A number out of range is not "not understood": the reply can say the range."""
    assert parse_checkin(text) == OutOfRange(measure)


MEDS = ["Lithium", "Sertraline", "Vitamin D"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("took my lithium", ParsedCheckin(M, DONE, medicines=("Lithium",))),
        ("Lithium ✅", ParsedCheckin(M, DONE, medicines=("Lithium",))),
        ("sertraline taken", ParsedCheckin(M, DONE, medicines=("Sertraline",))),
        ("had my vitamin  d", ParsedCheckin(M, DONE, medicines=("Vitamin D",))),
        (
            "took sertraline and lithium",
            ParsedCheckin(M, DONE, medicines=("Sertraline", "Lithium")),
        ),
        (
            "forgot my lithium",
            ParsedCheckin(M, SKIP, note=SkipReason.FORGOT, medicines=("Lithium",)),
        ),
        ("took my meds", ParsedCheckin(M, DONE)),
        ("took it at 9:40", ParsedCheckin(M, DONE, taken_at=(9, 40))),
        (
            "took my lithium at 8.15pm",
            ParsedCheckin(M, DONE, medicines=("Lithium",), taken_at=(20, 15)),
        ),
        ("took my meds at about 9", ParsedCheckin(M, DONE, taken_at=(9, 0))),
    ],
)
def test_parse_checkin_reads_medicines_by_name_and_time_taken(text, expected):
    assert parse_checkin(text, medicines=MEDS) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("slept 7h, quality good", ParsedCheckin(SL, DONE, value=7, quality=4)),
        ("slept 6h quality very poor", ParsedCheckin(SL, DONE, value=6, quality=1)),
        (
            "slept 7h, bed at 23:30, woke up twice",
            ParsedCheckin(SL, DONE, value=7, bedtime=23 * 60 + 30, awakenings=2),
        ),
        ("went to bed at 11", ParsedCheckin(SL, DONE, bedtime=23 * 60)),
        ("went to bed at 1am", ParsedCheckin(SL, DONE, bedtime=60)),
        ("woke up 3 times", ParsedCheckin(SL, DONE, awakenings=3)),
        ("slept 8h, slept through", ParsedCheckin(SL, DONE, value=8, awakenings=0)),
    ],
)
def test_parse_checkin_reads_the_sleep_diary(text, expected):
    assert parse_checkin(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("refilled", ()),
        ("Refilled my lithium", ("Lithium",)),
        ("picked up my prescription", ()),
        ("didn't refill yet", None),
        ("I need a refill soon", None),
        ("took my meds", None),
    ],
)
def test_refilled_is_read_with_the_medicines_it_names(text, expected):
    assert parse_refilled(text, medicines=MEDS) == expected


@pytest.mark.parametrize(
    "text", ["feeling awful today", "really down", "I feel so low", "bad day", "not good", "sad"]
)
def test_low_mood_words_are_heard(text):
    assert parse_checkin(text) is None
    assert is_low_mood(text)


@pytest.mark.parametrize(
    "text",
    ["not bad", "not feeling down today", "hello", "the weather is awful " + "and " * 10 + "grey"],
)
def test_other_words_are_not_low_mood(text):
    assert not is_low_mood(text)


def test_parsed_checkin_is_frozen():
    checkin = ParsedCheckin(MO, DONE, value=6)
    with pytest.raises(AttributeError):
        checkin.value = 7  # type: ignore[misc]
