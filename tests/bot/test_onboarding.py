"""Onboarding through the real Application and the fake Bot API."""

from models import habits, users
from models.types import HabitKind, Purpose


async def test_onboarding_sets_up_medication_sleep_and_exercise(chat, db, clock, no_errors):
    await chat.say("/start")
    assert "not a doctor or a crisis service" in chat.texts()[0]
    await chat.say("Berlin")
    assert "Europe/Berlin" in chat.texts()[-2]
    await chat.choose("Medication", "Sleep", "Exercise")
    await chat.say("Sertraline")
    await chat.tap_label("08:00 and 20:00")
    await chat.tap_label("Sounds good")  # sleep
    await chat.tap_label("Sounds good")  # exercise
    assert "All set" in chat.last()
    async with db.session() as session:
        user = await users.get_user(session, 42)
        rows = await habits.list_habits(session, user_id=42)
    assert user.tz == "Europe/Berlin" and user.onboarded_at is not None and user.flow is None
    kinds = {h.kind: s for h, s in rows}
    assert set(kinds) == {HabitKind.MEDICATION, HabitKind.SLEEP, HabitKind.EXERCISE}
    assert sorted((s.hour, s.minute) for s in kinds[HabitKind.MEDICATION]) == [(8, 0), (20, 0)]
    assert {s.purpose for s in kinds[HabitKind.SLEEP]} == {Purpose.WIND_DOWN, Purpose.CHECKIN}
    assert all(s.next_fire_at is not None for s in kinds[HabitKind.MEDICATION])
