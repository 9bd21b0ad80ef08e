"""What the tests of the desk's case and service forms share: a staff member, keyboard choices."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox

from expatdesk.accounts.actor import Actor
from expatdesk.db.database import Database
from expatdesk.db.models import StaffUser
from expatdesk.qt.widgets.date_field import DateField


def add_staff(database: Database, username: str, display_name: str, role: str) -> Actor:
    """A staff user in the database, and the actor they are."""
    with database.transaction() as session:
        user = StaffUser(username=username, display_name=display_name, role=role)
        session.add(user)
        session.flush()
        return Actor(user.id, username, display_name, role)


def choose(qtbot, combo: QComboBox, text: str) -> None:
    """Pick the item ``text`` with the arrow keys, as a keyboard user does."""
    target = combo.findText(text)
    assert target >= 0, f"{text!r} not in {[combo.itemText(i) for i in range(combo.count())]}"
    combo.setFocus()
    key = Qt.Key.Key_Down if target > combo.currentIndex() else Qt.Key.Key_Up
    while combo.currentIndex() != target:
        before = combo.currentIndex()
        qtbot.keyClick(combo, key)
        assert combo.currentIndex() != before
    assert combo.currentText() == text


def type_date(qtbot, field: DateField, text: str) -> None:
    """Go to ``field``, select what it holds and type ``text`` over it, as a user does."""
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(field, text)
    assert field.text() == text


def held(
    monkeypatch: pytest.MonkeyPatch, module: object, name: str
) -> tuple[threading.Event, list[int]]:
    """Make ``module.name`` wait for the returned event, noting the thread it runs in."""
    release = threading.Event()
    threads: list[int] = []
    function = getattr(module, name)

    def waiting(*args: Any) -> Any:
        threads.append(threading.get_ident())
        assert release.wait(timeout=10)
        return function(*args)

    monkeypatch.setattr(module, name, waiting)
    return release, threads
