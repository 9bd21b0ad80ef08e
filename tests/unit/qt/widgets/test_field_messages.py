"""The one way forms show a refused save: beside the fields, the first one focused on its tab."""

from __future__ import annotations

from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QLabel, QLineEdit, QTabWidget, QVBoxLayout, QWidget

from expatdesk.common.db_errors import sort_error
from expatdesk.common.validation import FieldError, ValidationError
from expatdesk.errors import DatabaseError
from expatdesk.qt.widgets.field_messages import FieldMessages, hide_message
from expatdesk.surveys.responses import InvalidAnswerError


class Form(QWidget):
    """Two tabs with a field each, their message labels, and the form's own message."""

    def __init__(self) -> None:
        super().__init__()
        self.tabs = QTabWidget(self)
        self.name, self.email = QLineEdit(), QLineEdit()
        self.name_error, self.email_error = QLabel(), QLabel()
        for title, field, label in (
            ("First", self.name, self.name_error),
            ("Second", self.email, self.email_error),
        ):
            page = QWidget()
            layout = QVBoxLayout(page)
            layout.addWidget(field)
            layout.addWidget(label)
            self.tabs.addTab(page, title)
        self.general = QLabel(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.general)
        self.messages = FieldMessages(
            {"name": self.name_error, "email": self.email_error},
            {"name": self.name, "email": self.email},
            self.general,
        )
        self.messages.clear()


def test_refused_fields_show_beside_them_and_the_first_gets_the_focus(qtbot) -> None:
    form = Form()
    qtbot.addWidget(form)
    form.show()
    form.activateWindow()
    qtbot.waitUntil(form.isActiveWindow)
    refusal = sort_error(
        ValidationError(
            [
                FieldError("email", "Not an e-mail address."),
                FieldError("email", "Already used."),
                FieldError("name", "Required."),
                FieldError("phone", "Too short."),
            ]
        )
    )
    assert refusal is not None
    form.messages.show_refusal(refusal)
    assert form.messages.text("email") == "Not an e-mail address.\nAlready used."
    assert form.messages.text("name") == "Required."
    assert form.messages.text("") == "Too short."  # a field the form does not show
    assert form.tabs.currentIndex() == 1
    assert form.email.hasFocus()

    form.messages.clear()
    assert [form.messages.text(field) for field in ("name", "email", "")] == ["", "", ""]


def test_a_refusal_naming_a_field_and_one_that_does_not(qtbot) -> None:
    form = Form()
    qtbot.addWidget(form)
    named = sort_error(InvalidAnswerError("name", "Choose a grade from 1 to 10."))
    other = sort_error(DatabaseError("The disk is full. Nothing was saved."))
    assert named is not None
    assert other is not None
    form.messages.show_refusal(named)
    assert form.messages.text("name") == "Choose a grade from 1 to 10."
    assert form.messages.text("") == ""
    form.messages.show_refusal(other)
    assert form.messages.text("") == "The disk is full. Nothing was saved."


def description(widget: QWidget) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    assert interface is not None
    return interface.text(QAccessible.Text.Description)


def test_a_shown_message_is_its_fields_accessible_description_and_goes_with_it(qtbot) -> None:
    form = Form()
    qtbot.addWidget(form)
    form.show()
    form.email.setAccessibleDescription("Where we write to")
    FieldMessages(  # made again, as some forms do: one description still
        {"name": form.name_error, "email": form.email_error},
        {"name": form.name, "email": form.email},
        form.general,
    )
    form.messages.show([("email", "Not an e-mail address."), ("name", "Required.")])
    assert description(form.email) == "Not an e-mail address."
    assert description(form.name) == "Required."
    form.messages.show([("email", "Already used.")])  # changed while it shows
    assert description(form.email) == "Already used."
    hide_message(form.name_error)
    assert description(form.name) == ""
    assert description(form.email) == "Already used."
    form.messages.clear()
    assert description(form.email) == "Where we write to"  # its own again
