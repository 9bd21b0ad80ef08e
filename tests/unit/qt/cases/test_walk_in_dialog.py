"""The walk-in form: find the client by typing, choose the service, save with Ctrl+S; refused
input keeps everything typed."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from sqlalchemy import select

from expatdesk import clock
from expatdesk.accounts.actor import Actor
from expatdesk.db.database import Database
from expatdesk.db.models import ServiceDelivery
from expatdesk.qt.cases.walk_in_dialog import WalkInDialog
from expatdesk.reports.targets import compute_targets
from tests.helpers.sample import Sample
from tests.unit.qt.desk_helpers import add_staff, choose, type_date
from tests.unit.qt.employers.picking import pick_employer

# The employer chooser's suggestions are a popup, which the offscreen platform cannot raise.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@pytest.fixture
def actor(sqlite_database: Database) -> Actor:
    return add_staff(sqlite_database, "anna", "Anna de Vries", "desk_officer")


def _dialog(qtbot, database: Database, actor: Actor, **kwargs: int) -> WalkInDialog:
    dialog = WalkInDialog(database, actor, None, **kwargs)
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):
        dialog.show()
        dialog.activateWindow()
    return dialog


def _ctrl_s(qtbot, dialog: WalkInDialog) -> None:
    """Press Ctrl+S where the keyboard focus is."""
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not dialog.is_saving())  # the save runs off the GUI thread


def _stored(database: Database) -> list[tuple[object, ...]]:
    with database.reading() as session:
        return [
            tuple(row)
            for row in session.execute(
                select(
                    ServiceDelivery.service_code,
                    ServiceDelivery.delivered_on,
                    ServiceDelivery.expat_id,
                    ServiceDelivery.employer_id,
                    ServiceDelivery.case_id,
                    ServiceDelivery.notes,
                )
            )
        ]


def _search(qtbot, dialog: WalkInDialog, text: str, *, wait: bool = False) -> None:
    """Type ``text`` in the search box of the expat; Enter searches at once, or (``wait``) the
    search starts by itself once typing pauses."""
    picker = dialog.expat
    picker.search.setFocus()
    picker.search.clear()
    qtbot.keyClicks(picker.search, text)
    if wait:
        qtbot.waitUntil(lambda: picker.combo.count() > 1)
    else:
        qtbot.keyClick(picker.search, Qt.Key.Key_Return)


def test_record_a_walk_in_found_by_typing(
    qtbot, sqlite_database: Database, sample: Sample, actor: Actor
) -> None:
    dialog = _dialog(qtbot, sqlite_database, actor)
    assert dialog.focusWidget() is dialog.ui.expatSearch
    assert dialog.ui.deliveredOn.value() == clock.today()

    _search(qtbot, dialog, "muller", wait=True)
    assert dialog.ui.expatCombo.currentText() == "Anna Müller (EXP-0002)"
    pick_employer(qtbot, dialog.ui.employer, "twente")
    assert dialog.employer.employer_id() == sample.employers["university"]
    assert dialog.ui.employer.text() == "Universiteit Twente"
    assert dialog.ui.employer.toolTip() == "Universiteit Twente (EMP-0002, KvK 50130536)"
    choose(qtbot, dialog.ui.serviceCombo, "Housing support")
    type_date(qtbot, dialog.ui.deliveredOn, "02/06/2025")  # select all, type over today
    dialog.ui.notesEdit.setFocus()
    qtbot.keyClicks(dialog.ui.notesEdit, "Asked about rooms near the campus.")

    with qtbot.waitSignal(dialog.saved) as saved:
        _ctrl_s(qtbot, dialog)
    assert isinstance(saved.args[0], int)
    assert not dialog.isVisible()
    assert _stored(sqlite_database) == [
        (
            "housing",
            date(2025, 6, 2),
            sample.expats["anna"],
            sample.employers["university"],
            None,
            "Asked about rooms near the campus.",
        )
    ]
    assert compute_targets(sqlite_database, 2025, 2025).target_n[0].numerator == 1


def test_enter_in_a_search_box_searches_and_never_saves(
    qtbot, sqlite_database: Database, sample: Sample, actor: Actor
) -> None:
    dialog = _dialog(qtbot, sqlite_database, actor, employer_id=sample.employers["thales"])
    choose(qtbot, dialog.ui.serviceCombo, "Housing support")  # a save would succeed
    save = dialog.ui.buttonBox.button(QDialogButtonBox.StandardButton.Save)
    assert save.isDefault() or save.autoDefault()
    search = dialog.ui.expatSearch
    search.setFocus()
    with qtbot.assertNotEmitted(dialog.saved):
        qtbot.keyClicks(search, "muller")
        qtbot.keyClick(search, Qt.Key.Key_Return)  # at once, not after the pause
        assert dialog.ui.expatCombo.currentText() == "Anna Müller (EXP-0002)"
        qtbot.keyClick(search, Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)
        qtbot.keyClick(search, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert search.hasFocus()
    assert _stored(sqlite_database) == []
    with qtbot.waitSignal(dialog.saved):
        _ctrl_s(qtbot, dialog)
    assert [row[2] for row in _stored(sqlite_database)] == [sample.expats["anna"]]


def test_preset_client_and_today(
    qtbot, sqlite_database: Database, sample: Sample, actor: Actor
) -> None:
    dialog = _dialog(qtbot, sqlite_database, actor, employer_id=sample.employers["thales"])
    assert dialog.employer.employer_id() == sample.employers["thales"]
    assert dialog.ui.employer.text() == "Thales Nederland"
    assert dialog.ui.employer.toolTip() == "Thales Nederland (EMP-0001, KvK 06035234)"
    assert dialog.ui.expatCombo.currentText() == "No expat"
    assert dialog.focusWidget() is dialog.ui.serviceCombo
    choose(qtbot, dialog.ui.serviceCombo, "Employer advice (procedures, sponsorship)")
    save = dialog.ui.buttonBox.button(QDialogButtonBox.StandardButton.Save)
    with qtbot.waitSignal(dialog.saved):
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert _stored(sqlite_database) == [
        ("employer_advice", clock.today(), None, sample.employers["thales"], None, None)
    ]


def test_refused_input_shows_messages_and_keeps_what_was_typed(
    qtbot, sqlite_database: Database, sample: Sample, actor: Actor
) -> None:
    dialog = _dialog(qtbot, sqlite_database, actor)
    qtbot.keyClicks(dialog.ui.notesEdit, "Came in without an appointment.")
    type_date(qtbot, dialog.ui.deliveredOn, "1-5")
    _ctrl_s(qtbot, dialog)
    assert dialog.error_text("delivered_on") == "Type a date as 26/11/2026."  # said at once
    assert dialog.error_text("service") == ""  # not asked before the date is a date
    type_date(qtbot, dialog.ui.deliveredOn, "01/05/1999")

    _ctrl_s(qtbot, dialog)
    assert dialog.isVisible()
    assert dialog.error_text("client") == "Choose an expat or an employer (or both)."
    assert dialog.error_text("service") == "Choose a service."
    assert dialog.error_text("delivered_on") == "This date lies before 2000; check the year."
    assert dialog.error_text("notes") == ""
    assert dialog.focusWidget() is dialog.ui.serviceCombo  # the first field refused
    assert dialog.ui.notesEdit.toPlainText() == "Came in without an appointment."
    assert _stored(sqlite_database) == []

    _search(qtbot, dialog, "nobody-like-this")
    assert dialog.ui.expatCombo.currentText() == "No expat"
    assert dialog.ui.expatCombo.toolTip() == "No expat matches “nobody-like-this”."
    _search(qtbot, dialog, "garcia")
    choose(qtbot, dialog.ui.serviceCombo, "DigiD")
    type_date(qtbot, dialog.ui.deliveredOn, "5.1.2026")
    with qtbot.waitSignal(dialog.saved):
        _ctrl_s(qtbot, dialog)
    assert dialog.error_text("client") == ""
    assert _stored(sqlite_database) == [
        (
            "digid",
            date(2026, 1, 5),
            sample.expats["jose"],
            None,
            None,
            "Came in without an appointment.",
        )
    ]


def test_escape_cancels_without_saving(
    qtbot, sqlite_database: Database, sample: Sample, actor: Actor
) -> None:
    dialog = _dialog(qtbot, sqlite_database, actor, expat_id=sample.expats["wei"])
    choose(qtbot, dialog.ui.serviceCombo, "DigiD")
    with qtbot.waitSignal(dialog.rejected):
        qtbot.keyClick(dialog.ui.serviceCombo, Qt.Key.Key_Escape)
    assert _stored(sqlite_database) == []


def test_inputs_have_accessible_names_and_buddies(
    qtbot, sqlite_database: Database, sample: Sample, actor: Actor
) -> None:
    dialog = _dialog(qtbot, sqlite_database, actor)
    ui = dialog.ui
    for widget in (
        ui.expatSearch,
        ui.expatCombo,
        ui.employer,
        ui.serviceCombo,
        ui.deliveredOn,
        ui.notesEdit,
    ):
        assert widget.accessibleName(), widget.objectName()
    assert ui.expatLabel.buddy() is ui.expatSearch
    assert ui.employerLabel.buddy() is ui.employer
    assert ui.serviceLabel.buddy() is ui.serviceCombo
    ui.expatSearch.setFocus()
    order = [ui.expatSearch]
    for _step in range(5):
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
        order.append(dialog.focusWidget())
    assert order == [
        ui.expatSearch,
        ui.expatCombo,
        ui.employer,
        ui.serviceCombo,
        ui.deliveredOn,
        ui.notesEdit,
    ]


def test_dutch(qtbot, sqlite_database: Database, sample: Sample, actor: Actor, switcher) -> None:
    dialog = _dialog(qtbot, sqlite_database, actor)
    switcher.apply("nl")
    qtbot.waitUntil(lambda: dialog.windowTitle() == "Inloopdienst vastleggen")
    assert dialog.ui.serviceCombo.itemText(0) == "Kies een dienst"
    assert dialog.ui.serviceCombo.itemText(1) == "Verblijfsvergunning kennismigrant"
    assert dialog.ui.expatCombo.itemText(0) == "Geen expat"
    assert dialog.ui.deliveredOn.text() == clock.today().strftime("%d-%m-%Y")  # the Dutch way
    _search(qtbot, dialog, "garcia")
    choose(qtbot, dialog.ui.serviceCombo, "DigiD")
    type_date(qtbot, dialog.ui.deliveredOn, "26/13/2026")
    _ctrl_s(qtbot, dialog)
    assert dialog.error_text("delivered_on") == "Typ een datum als 26-11-2026."
    type_date(qtbot, dialog.ui.deliveredOn, "03-11-2026")
    with qtbot.waitSignal(dialog.saved):
        _ctrl_s(qtbot, dialog)
    with sqlite_database.reading() as session:
        assert session.scalars(select(ServiceDelivery.delivered_on)).all() == [date(2026, 11, 3)]
    switcher.apply("en")
