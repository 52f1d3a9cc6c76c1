"""Every text column that can hold a user's words stores them safely (models.types.UserText).

UserText strips what PostgreSQL refuses (a NUL byte broke a step once) and cuts to the column's
length. Columns whose values only the code writes are listed here by name; any other text
column must be a UserText, so a new table cannot forget it.
"""

from sqlalchemy import Enum
from sqlalchemy.types import TypeDecorator, TypeEngine
from sqlmodel import SQLModel

import models.tables  # noqa: F401  (registers the tables)
from models.types import UserText

WRITTEN_BY_CODE = {
    "users.tz",
    "users.language",
    "users.flow",
    "users.country",
    "schedules.days",
}


def _holds_text(column_type: TypeEngine) -> bool:
    while isinstance(column_type, TypeDecorator):  # AutoString, UtcDateTime...
        column_type = column_type.impl_instance
    try:
        return column_type.python_type is str
    except NotImplementedError:  # JSON and the like
        return False


def test_every_free_text_column_is_user_text():
    plain = []
    for table in SQLModel.metadata.sorted_tables:
        for column in table.columns:
            name = f"{table.name}.{column.name}"
            if isinstance(column.type, UserText | Enum) or name in WRITTEN_BY_CODE:
                continue
            if _holds_text(column.type):
                plain.append(name)
    assert plain == []
