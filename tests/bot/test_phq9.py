"""/phq9 through the real Application: one tap per question, item 9 answered with care."""

import io

import pypdf
from sqlmodel import select

from models.tables import Phq9Result, SafetyEvent
from models.types import SafetyEventKind
from tests import factories


async def _results(db, table):
    async with db.session() as session:
        return list((await session.exec(select(table))).all())


async def test_nine_taps_give_a_score(chat, db, clock, no_errors):
    await factories.user(db, now=clock())
    await chat.say("/phq9")
    for _ in range(8):
        await chat.tap_label("Several days")
    await chat.tap_label("Not at all")
    [result] = await _results(db, Phq9Result)
    assert result.score == 8 and result.answers == [1] * 8 + [0]
    assert "8 of 27" in chat.api.calls("editMessageText")[-1]["text"]
    assert "(mild)" in chat.api.calls("editMessageText")[-1]["text"]
    assert await _results(db, SafetyEvent) == []


async def test_positive_item_nine_brings_crisis_resources_at_once(chat, db, clock, no_errors):
    await factories.user(db, now=clock())
    await chat.say("/phq9")
    for _ in range(8):
        await chat.tap_label("Not at all")
    sent_before = len(chat.api.calls("sendMessage"))
    await chat.tap_label("More than half the days")
    texts = [c["text"] for c in chat.api.calls("sendMessage")[sent_before:]]
    assert "emergency" in texts[0].lower()  # resources first
    assert "2 of 27" in texts[1]
    assert len(await _results(db, SafetyEvent)) == 1


async def test_stale_or_forged_answers_change_nothing(chat, db, clock, no_errors):
    await factories.user(db, now=clock())
    await chat.say("/phq9")
    await chat.tap("p:ans::5.2")  # not the question being asked
    await chat.tap("p:ans::0.7")  # not an answer
    await chat.say("three")
    assert "tap one of the answers" in chat.last()
    await chat.tap_label("Nearly every day")
    from models import users

    async with db.session() as session:
        user = await users.get_user(session, 42)
    assert user.flow == "phq9" and user.flow_data == {"answers": [3]}


async def test_summary_and_report_show_the_phq9(chat, db, clock, no_errors):
    await factories.user(db, now=clock())
    for answer in ("Nearly every day", "Several days"):  # 18 of 27, then 9 of 27 a week later
        await chat.say("/phq9")
        for _ in range(9):
            await chat.tap_label(answer if _ < 8 else "Not at all")
        clock.advance(days=7)
    clock.advance(days=-6)
    await chat.say("/summary")
    assert "PHQ-9</b>" in chat.last() and "8 of 27, mild, down from 24" in chat.last()
    await chat.say("/report")
    await chat.tap_label("4 weeks")
    [document] = chat.api.calls("sendDocument")
    assert document["_files"]["document"].startswith(b"%PDF")


async def test_item_nine_above_zero_is_flagged_with_its_day_in_summary_and_pdf(
    chat, db, clock, no_errors
):
    await factories.user(db, now=clock())  # Thursday 26 Nov
    await chat.say("/phq9")
    for _ in range(8):
        await chat.tap_label("Not at all")
    await chat.tap_label("Several days")
    assert "My safety plan" in str(chat.api.sent_to(42)[-2].get("reply_markup"))
    [event] = await _results(db, SafetyEvent)
    assert event.kind is SafetyEventKind.PHQ9
    await chat.say("/summary")
    assert "⚠️ PHQ-9, 26 Nov (<i>several days</i>)" in chat.last()
    await chat.say("/report")
    await chat.tap_label("4 weeks")
    [document] = chat.api.calls("sendDocument")
    reader = pypdf.PdfReader(io.BytesIO(document["_files"]["document"]))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert "answered above 0 on Thu 26 Nov: Several days (1)" in text


async def test_item_nine_at_zero_is_no_flag(chat, db, clock, no_errors):
    await factories.user(db, now=clock())
    await chat.say("/phq9")
    for _ in range(9):
        await chat.tap_label("Several days" if _ < 8 else "Not at all")
    await chat.say("/summary")
    assert "PHQ-9</b>" in chat.last() and "⚠️" not in chat.last()
