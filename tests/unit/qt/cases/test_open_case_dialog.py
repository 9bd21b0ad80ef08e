"""The open-case form: for the expat or employer at hand, owner the signed-in staff member, the
first services ticked; refused input keeps everything typed."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from expatdesk import clock
from expatdesk.accounts.actor import Actor
from expatdesk.cases import detail as case_detail
from expatdesk.db.database import Database
from expatdesk.db.models import Case, ServiceDelivery
from expatdesk.qt.cases.open_case_dialog import OpenCaseDialog
from tests.helpers.sample import Sample
from tests.unit.qt.desk_helpers import add_staff, choose, type_date
from tests.unit.qt.employers.picking import pick_employer

# The employer chooser's suggestions are a popup, which the offscreen platform cannot raise.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@pytest.fixture
def actor(sqlite_database: Database) -> Actor:
    add_staff(sqlite_database, "bram", "Bram Jansen", "manager")
    return add_staff(sqlite_database, "anna", "Anna de Vries", "desk_officer")


def _dialog(qtbot, database: Database, actor: Actor, **kwargs: int) -> OpenCaseDialog:
    dialog = OpenCaseDialog(database, actor, None, **kwargs)
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):
        dialog.show()
        dialog.activateWindow()
    return dialog


def _ctrl_s(qtbot, dialog: OpenCaseDialog) -> None:
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not dialog.is_saving())  # the save runs off the GUI thread


def _tick_service(qtbot, dialog: OpenCaseDialog, text: str) -> None:
    """Walk to the service with the arrow keys and tick it with the space bar."""
    listing = dialog.ui.servicesList
    listing.setFocus()
    target = next(row for row in range(listing.count()) if listing.item(row).text() == text)
    if listing.currentRow() < 0:
        qtbot.keyClick(listing, Qt.Key.Key_Home)
    while listing.currentRow() < target:
        qtbot.keyClick(listing, Qt.Key.Key_Down)
    qtbot.keyClick(listing, Qt.Key.Key_Space)
    assert listing.item(target).checkState() == Qt.CheckState.Checked


def test_open_a_case_for_the_expat_at_hand(
    qtbot, sqlite_database: Database, sample: Sample, actor: Actor
) -> None:
    dialog = _dialog(qtbot, sqlite_database, actor, expat_id=sample.expats["jose"])
    assert dialog.ui.expatCombo.currentText() == "José García (EXP-0001)"
    assert dialog.ui.ownerCombo.currentText() == "Anna de Vries"
    assert [dialog.ui.ownerCombo.itemText(i) for i in range(3)] == [
        "Nobody yet",
        "Anna de Vries",
        "Bram Jansen",
    ]
    assert dialog.ui.openedOn.value() == clock.today()
    assert dialog.ui.openedOn.text() == clock.today().strftime("%d/%m/%Y")
    assert dialog.focusWidget() is dialog.ui.subjectEdit

    qtbot.keyClicks(dialog.ui.subjectEdit, "Residence permit application")
    _tick_service(qtbot, dialog, "Residence permit, highly skilled migrant")
    _tick_service(qtbot, dialog, "30% ruling")
    with qtbot.waitSignal(dialog.saved) as saved:
        _ctrl_s(qtbot, dialog)
    assert not dialog.isVisible()

    detail = case_detail.load_case(sqlite_database, saved.args[0])
    assert detail.subject == "Residence permit application"
    assert detail.expat is not None
    assert detail.expat.name == "José García"
    assert detail.owner == case_detail.StaffChoice(actor.user_id or 0, "Anna de Vries")
    assert detail.status == "new"
    assert [(s.service.code, s.delivered_on) for s in detail.services] == [
        ("permit_hsm", clock.today()),
        ("tax_30_ruling", clock.today()),
    ]


def test_open_a_case_for_an_employer_found_by_typing(
    qtbot, sqlite_database: Database, sample: Sample, actor: Actor
) -> None:
    dialog = _dialog(qtbot, sqlite_database, actor)
    assert dialog.focusWidget() is dialog.ui.expatSearch
    pick_employer(qtbot, dialog.ui.employer, "olmez")
    assert dialog.employer.employer_id() == sample.employers["bakery"]
    assert dialog.ui.employer.text() == "Bakkerij Ölmez"
    dialog.ui.subjectEdit.setFocus()
    qtbot.keyClicks(dialog.ui.subjectEdit, "Application as recognised sponsor")
    choose(qtbot, dialog.ui.ownerCombo, "Nobody yet")
    type_date(qtbot, dialog.ui.openedOn, "02/11/2026")  # select all, type over today
    with qtbot.waitSignal(dialog.saved) as saved:
        qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    detail = case_detail.load_case(sqlite_database, saved.args[0])
    assert detail.employer is not None
    assert (detail.employer.name, detail.expat, detail.owner) == ("Bakkerij Ölmez", None, None)
    assert detail.opened_on == date(2026, 11, 2)
    assert detail.services == ()


def test_enter_in_a_search_box_searches_and_never_opens_the_case(
    qtbot, sqlite_database: Database, sample: Sample, actor: Actor
) -> None:
    dialog = _dialog(qtbot, sqlite_database, actor)
    dialog.ui.subjectEdit.setFocus()
    qtbot.keyClicks(dialog.ui.subjectEdit, "Residence permit application")
    assert dialog.open_button.isDefault()
    search = dialog.ui.expatSearch
    search.setFocus()
    with qtbot.assertNotEmitted(dialog.saved):
        qtbot.keyClicks(search, "chen")
        qtbot.keyClick(search, Qt.Key.Key_Return)
        qtbot.keyClick(search, Qt.Key.Key_Return)
    assert dialog.ui.expatCombo.currentText() == "Wei Chen (EXP-0003)"
    assert search.hasFocus()

    chooser = dialog.ui.employer
    chooser.setFocus()
    with qtbot.assertNotEmitted(dialog.saved):
        with qtbot.waitSignal(chooser.suggestionsShown):
            qtbot.keyClicks(chooser, "thales")
        qtbot.waitUntil(chooser.popup.isVisible)
        qtbot.keyClick(chooser.popup, Qt.Key.Key_Escape)
        assert not chooser.popup.isVisible()
        # Enter on typed text that is no choice yet searches again, and opens nothing.
        with qtbot.waitSignal(chooser.suggestionsShown):
            qtbot.keyClick(chooser, Qt.Key.Key_Return)
        assert dialog.employer.employer_id() is None
        # Enter in the open suggestions takes one, and opens nothing either.
        qtbot.waitUntil(chooser.popup.isVisible)
        qtbot.keyClick(chooser.popup, Qt.Key.Key_Down)
        qtbot.keyClick(chooser.popup, Qt.Key.Key_Return)
        assert dialog.employer.employer_id() == sample.employers["thales"]
        assert not chooser.popup.isVisible()
    assert chooser.hasFocus()
    assert dialog.isVisible()
    with sqlite_database.reading() as session:
        assert session.scalars(select(Case)).all() == []
    # Once the employer is taken, Enter is the form's again: it opens the case.
    with qtbot.waitSignal(dialog.saved) as saved:
        qtbot.keyClick(chooser, Qt.Key.Key_Return)
    detail = case_detail.load_case(sqlite_database, saved.args[0])
    assert detail.employer is not None
    assert detail.expat is not None
    assert (detail.employer.name, detail.expat.name) == ("Thales Nederland", "Wei Chen")


def test_typed_employer_text_that_is_no_choice_is_refused_beside_the_field(
    qtbot, sqlite_database: Database, sample: Sample, actor: Actor
) -> None:
    dialog = _dialog(
        qtbot, sqlite_database, actor, expat_id=sample.expats["jose"], employer_id=None
    )
    qtbot.keyClicks(dialog.ui.subjectEdit, "Residence permit application")
    chooser = dialog.ui.employer
    chooser.setFocus()
    with qtbot.waitSignal(chooser.suggestionsShown):
        qtbot.keyClicks(chooser, "Thales Nederlandd")
    dialog.ui.subjectEdit.setFocus()
    with qtbot.assertNotEmitted(dialog.saved):
        _ctrl_s(qtbot, dialog)
    assert dialog.error_text("employer") == "Choose an employer from the suggestions."
    assert chooser.hasFocus()
    assert chooser.text() == "Thales Nederlandd"
    with sqlite_database.reading() as session:
        assert session.scalars(select(Case)).all() == []
    # Emptying the field is "no employer": the case opens for the expat alone.
    chooser.clear()
    with qtbot.waitSignal(dialog.saved) as saved:
        _ctrl_s(qtbot, dialog)
    assert case_detail.load_case(sqlite_database, saved.args[0]).employer is None


def test_refused_input_shows_messages_and_keeps_what_was_typed(
    qtbot, sqlite_database: Database, sample: Sample, actor: Actor
) -> None:
    dialog = _dialog(qtbot, sqlite_database, actor)
    _tick_service(qtbot, dialog, "DigiD")
    type_date(qtbot, dialog.ui.openedOn, "31/11/2026")
    _ctrl_s(qtbot, dialog)
    assert dialog.error_text("opened_on") == "Type a date as 26/11/2026."  # said at once
    assert dialog.focusWidget() is dialog.ui.openedOn
    in_three_days = clock.today() + timedelta(days=3)
    type_date(qtbot, dialog.ui.openedOn, in_three_days.strftime("%d/%m/%Y"))
    _ctrl_s(qtbot, dialog)

    assert dialog.isVisible()
    assert dialog.error_text("client") == "Choose an expat or an employer (or both)."
    assert dialog.error_text("subject") == "This field is required."
    assert dialog.error_text("opened_on") == "This date lies in the future."
    assert dialog.focusWidget() is dialog.ui.subjectEdit
    assert dialog.checked_services() == ["digid"]
    with sqlite_database.reading() as session:
        assert session.scalars(select(Case)).all() == []
        assert session.scalars(select(ServiceDelivery)).all() == []

    qtbot.keyClicks(dialog.ui.subjectEdit, "DigiD")
    dialog.ui.expatSearch.setFocus()
    qtbot.keyClicks(dialog.ui.expatSearch, "chen")
    qtbot.keyClick(dialog.ui.expatSearch, Qt.Key.Key_Return)
    type_date(qtbot, dialog.ui.openedOn, "26-11-2026")
    with qtbot.waitSignal(dialog.saved):
        _ctrl_s(qtbot, dialog)
    assert dialog.error_text("subject") == ""
    with sqlite_database.reading() as session:
        assert session.scalars(select(ServiceDelivery.expat_id)).all() == [sample.expats["wei"]]


def test_escape_cancels(qtbot, sqlite_database: Database, sample: Sample, actor: Actor) -> None:
    dialog = _dialog(qtbot, sqlite_database, actor, expat_id=sample.expats["jose"])
    qtbot.keyClicks(dialog.ui.subjectEdit, "Never mind")
    with qtbot.waitSignal(dialog.rejected):
        qtbot.keyClick(dialog.ui.subjectEdit, Qt.Key.Key_Escape)
    with sqlite_database.reading() as session:
        assert session.scalars(select(Case)).all() == []


def test_accessible_names_and_mnemonics(
    qtbot, sqlite_database: Database, sample: Sample, actor: Actor
) -> None:
    dialog = _dialog(qtbot, sqlite_database, actor)
    ui = dialog.ui
    for widget in (
        ui.expatSearch,
        ui.expatCombo,
        ui.employer,
        ui.subjectEdit,
        ui.ownerCombo,
        ui.openedOn,
        ui.servicesList,
    ):
        assert widget.accessibleName(), widget.objectName()
    labels = [
        ui.expatLabel,
        ui.employerLabel,
        ui.subjectLabel,
        ui.ownerLabel,
        ui.openedOnLabel,
        ui.servicesLabel,
    ]
    texts = [label.text() for label in labels] + [dialog.open_button.text()]
    keys = [text[text.index("&") + 1].lower() for text in texts]
    assert len(set(keys)) == len(keys), texts
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_U, Qt.KeyboardModifier.AltModifier)
    assert dialog.focusWidget() is ui.subjectEdit


def _search_expat(qtbot, dialog: OpenCaseDialog, text: str) -> None:
    dialog.ui.expatSearch.setFocus()
    qtbot.keyClicks(dialog.ui.expatSearch, text)
    qtbot.keyClick(dialog.ui.expatSearch, Qt.Key.Key_Return)


def test_dutch(qtbot, sqlite_database: Database, sample: Sample, actor: Actor, switcher) -> None:
    dialog = _dialog(qtbot, sqlite_database, actor)
    switcher.apply("nl")
    qtbot.waitUntil(lambda: dialog.windowTitle() == "Zaak openen")
    assert dialog.open_button.text() == "&Zaak openen"
    assert dialog.ui.ownerCombo.itemText(0) == "Nog niemand"
    assert dialog.ui.servicesList.item(0).text() == "Verblijfsvergunning kennismigrant"
    assert dialog.ui.employer.accessibleName() == "Werkgever"
    assert dialog.ui.employer.placeholderText() == (
        "Typ een deel van de naam, het KvK-nummer of de referentie"
    )
    ui = dialog.ui
    labels = [ui.expatLabel, ui.employerLabel, ui.subjectLabel, ui.ownerLabel, ui.openedOnLabel]
    texts = [label.text() for label in [*labels, ui.servicesLabel]] + [dialog.open_button.text()]
    keys = [text[text.index("&") + 1].lower() for text in texts]
    assert len(set(keys)) == len(keys), texts
    assert ui.openedOn.text() == clock.today().strftime("%d-%m-%Y")  # today, the Dutch way
    ui.subjectEdit.setFocus()
    qtbot.keyClicks(ui.subjectEdit, "Woning")
    _search_expat(qtbot, dialog, "chen")
    type_date(qtbot, ui.openedOn, "31-11-2026")
    _ctrl_s(qtbot, dialog)
    assert dialog.error_text("opened_on") == "Typ een datum als 26-11-2026."
    type_date(qtbot, ui.openedOn, "03-11-2026")
    with qtbot.waitSignal(dialog.saved) as saved:
        _ctrl_s(qtbot, dialog)
    assert case_detail.load_case(sqlite_database, saved.args[0]).opened_on == date(2026, 11, 3)
    switcher.apply("en")


def test_a_case_opened_from_the_expats_list_names_the_expats_employer(
    window, sample: Sample, dialogs: list
) -> None:
    window.show_area(window.areas.index(window.expats_area))
    assert window.expats_area.select_id(sample.expats["jose"])
    dialog = window.open_case()
    assert dialog.ui.expatCombo.currentText() == "José García (EXP-0001)"
    assert dialog.employer.employer_id() == sample.employers["thales"]
    assert dialog.ui.employer.text() == "Thales Nederland"
    walk_in = window.record_walk_in()
    assert walk_in.employer.employer_id() == sample.employers["thales"]
    assert walk_in.ui.employer.text() == "Thales Nederland"
