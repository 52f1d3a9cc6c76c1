"""/safetyplan end to end through the real Application: six steps at the user's pace."""

import csv
import io
import zipfile

import pypdf
from sqlmodel import select

from models import users
from models.tables import SafetyPlan
from tests import factories

ANSWERS = {
    0: "Not sleeping, cancelling plans",
    1: "A long shower & loud music <3",
    2: "Café Rosa, my cousin Ana",
    3: "Ana 0170 1234567",
    5: "My sister keeps certain things for me",
}


async def _plan(db) -> SafetyPlan | None:
    async with db.session() as session:
        return (await session.exec(select(SafetyPlan))).first()


async def _flow(db) -> str | None:
    async with db.session() as session:
        return (await users.get_user(session, 42)).flow


async def test_a_plan_written_step_by_step_end_to_end(chat, db, clock, no_errors):
    await factories.user(db, now=clock(), tz="Europe/London")
    await chat.say("/safetyplan")
    assert "Your safety plan" in chat.texts()[-2]
    assert "Step 1 of 6" in chat.last() and "warning signs" in chat.last()
    for step in range(4):
        await chat.say(ANSWERS[step])
        assert f"Step {step + 2} of 6" in chat.last()
    # Step 5 comes with the lines of the user's country already written in.
    assert "Samaritans: call 116 123" in chat.last() and "Emergency: 999" in chat.last()
    await chat.tap_label("Keep it as it is")
    assert "Step 6 of 6" in chat.last()
    await chat.say(ANSWERS[5])
    overview = chat.last()
    assert "That's your plan" in chat.texts()[-2]
    assert "A long shower &amp; loud music &lt;3" in overview  # the user's words, escaped
    assert "not written yet" not in overview
    plan = await _plan(db)
    assert plan.warning_signs == ANSWERS[0] and plan.safer_surroundings == ANSWERS[5]
    assert "Samaritans" in plan.professionals
    assert await _flow(db) is None


async def test_skip_stop_and_come_back_later(chat, db, clock, no_errors):
    await factories.user(db, now=clock())
    await chat.say("/safetyplan")
    await chat.tap_label("Skip for now")
    assert "Step 2 of 6" in chat.last()
    await chat.say(ANSWERS[1])
    await chat.tap_label("Stop here for now")
    assert chat.last().count("not written yet") == 4  # 1, 3, 4 and 6; 5 has the lines
    assert await _flow(db) is None
    await chat.say("I'm fine, slept 7h")  # no longer read as a step of the plan
    assert (await _plan(db)).people_to_ask is None
    await chat.say("/safetyplan")  # later: the plan, and the way back in
    await chat.tap_label("Continue where I left off")
    assert "Step 1 of 6" in chat.last()
    await chat.say(ANSWERS[0])
    assert "Step 2 of 6" in chat.last() and "shower" in chat.last()  # what is written there


async def test_any_step_can_be_changed_later(chat, db, clock, no_errors):
    await factories.user(db, now=clock())
    await chat.say("/safetyplan")
    await chat.say(ANSWERS[0])
    await chat.tap_label("Stop here for now")
    await chat.tap_label("1. My warning signs")
    assert "Not sleeping" in chat.last()
    await chat.say("Staying in bed all day")
    assert "Staying in bed all day" in chat.last() and "Not sleeping" not in chat.last()
    assert (await _plan(db)).warning_signs == "Staying in bed all day"


async def test_too_long_an_answer_changes_nothing(chat, db, clock, no_errors):
    await factories.user(db, now=clock())
    await chat.say("/safetyplan")
    await chat.say("x" * 501)
    assert "up to 500 characters" in chat.last()
    assert (await _plan(db)).warning_signs is None
    await chat.say("Short")
    assert (await _plan(db)).warning_signs == "Short"


async def test_warning_signs_in_the_plan_are_kept_and_high_risk_still_answered(
    chat, db, clock, no_errors
):
    """A plan speaks of such things: passive thoughts are written in without a question; a
    sign of danger is written in too, but only after the resources."""
    await factories.user(db, now=clock())
    await chat.say("/safetyplan")
    await chat.say("When I feel like a burden to everyone")
    assert "Step 2 of 6" in chat.last()
    await chat.tap_label("Stop here for now")
    await chat.tap_label("1. My warning signs")
    before = len(chat.texts())
    await chat.say("When I start giving things away")
    resources, saved, overview = chat.texts()[before:]
    assert resources.split("\n\n")[1].startswith("If you are in danger now")
    assert saved == "Saved ✓" and "When I start giving things away" in overview
    assert (await _plan(db)).warning_signs == "When I start giving things away"


async def test_every_safety_reply_offers_the_plan(chat, db, clock, no_errors):
    await factories.user(db, now=clock())
    await chat.say("I want to kill myself")
    await chat.tap_label("My safety plan")
    assert "Step 1 of 6" in chat.last()


async def test_someone_who_never_started_can_write_a_plan(chat, db, no_errors):
    await chat.say("/safetyplan")
    assert "Step 1 of 6" in chat.last()
    await chat.say(ANSWERS[0])
    assert (await _plan(db)).warning_signs == ANSWERS[0]


async def test_the_plan_is_in_export_and_erased_by_deletedata(chat, db, clock, no_errors):
    await factories.user(db, now=clock())
    await chat.say("/safetyplan")
    await chat.say(ANSWERS[0])
    await chat.say("/export")
    [document] = chat.api.calls("sendDocument")
    archive = zipfile.ZipFile(io.BytesIO(document["_files"]["document"]))
    [row] = csv.DictReader(io.StringIO(archive.read("safety_plans.csv").decode()))
    assert row["warning_signs"] == ANSWERS[0]
    await chat.say("/deletedata")
    await chat.tap_label("Yes, erase everything")
    assert await _plan(db) is None


def _pdf_text(document: dict) -> str:
    reader = pypdf.PdfReader(io.BytesIO(document["_files"]["document"]))
    return "\n".join(page.extract_text() for page in reader.pages)


async def test_the_report_has_the_plan_only_when_the_user_says_so(chat, db, clock, no_errors):
    await factories.user(db, now=clock())
    await chat.say("/safetyplan")
    await chat.say(ANSWERS[0])
    await chat.tap_label("Stop here for now")
    assert "In your doctor's report: no" in chat.last()
    await chat.say("/report")
    await chat.tap_label("4 weeks")
    assert ANSWERS[0] not in _pdf_text(chat.api.calls("sendDocument")[-1])
    await chat.say("/safetyplan")
    await chat.tap_label("Put it in my doctor's report")
    assert "In your doctor's report: yes" in chat.api.calls("editMessageText")[-1]["text"]
    await chat.say("/report")
    await chat.tap_label("4 weeks")
    text = _pdf_text(chat.api.calls("sendDocument")[-1])
    assert "Safety plan (shared by the patient)" in text and ANSWERS[0] in text
