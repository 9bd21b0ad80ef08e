"""The centre's name on printed reports: stored beside the target settings (migration 0003)."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from expatdesk.accounts.actor import SYSTEM
from expatdesk.db.database import Database
from expatdesk.reports.target_settings import (
    DEFAULTS,
    InvalidSettingError,
    read_centre_name,
    read_settings,
    update_centre_name,
)


def test_the_migration_gives_the_default_name(database: Database) -> None:
    assert read_centre_name(database) == "Expat Center Twente"


def test_update_then_read_keeps_any_script(database: Database) -> None:
    name = "Expatcentrum Ĳsselmonde — Москва 東京"
    assert update_centre_name(database, SYSTEM, f"  {name}  ") == name
    assert read_centre_name(database) == name
    assert read_settings(database).settings == DEFAULTS  # the statistics are left alone


@pytest.mark.parametrize("name", ["", "   ", "x" * 201])
def test_an_empty_or_too_long_name_names_its_field_and_stores_nothing(
    database: Database, name: str
) -> None:
    with pytest.raises(InvalidSettingError) as raised:
        update_centre_name(database, SYSTEM, name)
    assert raised.value.field == "centre_name"
    assert read_centre_name(database) == "Expat Center Twente"


def test_a_missing_row_is_created_again_with_the_default_settings(database: Database) -> None:
    with database.transaction() as session:
        session.execute(text("DELETE FROM target_settings"))
    assert read_centre_name(database) == "Expat Center Twente"
    assert update_centre_name(database, SYSTEM, "Expat Centre East") == "Expat Centre East"
    assert read_centre_name(database) == "Expat Centre East"
    assert read_settings(database).settings == DEFAULTS
