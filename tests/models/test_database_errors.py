"""A database error never quotes what the user typed: bound parameters stay hidden."""

from datetime import UTC, datetime

import pytest
from sqlalchemy.exc import IntegrityError

from models.tables import Habit
from models.types import HabitKind


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request):
    return request.getfixturevalue("db" if request.param == "sqlite" else "pg_db")


async def test_a_failed_insert_does_not_quote_the_medicine_name(database):
    now = datetime(2026, 11, 26, tzinfo=UTC)
    with pytest.raises(IntegrityError) as caught:
        async with database.session() as session:
            # No user 999: the foreign key refuses the row, and the error names the statement.
            session.add(
                Habit(user_id=999, kind=HabitKind.MEDICATION, name="Quetiazorb", created_at=now)
            )
    assert "INSERT INTO habits" in str(caught.value)
    assert "Quetiazorb" not in str(caught.value)
