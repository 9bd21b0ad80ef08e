"""The cases area: "my open cases" first, the filters and the folded search, the case page beside
the list, and the list following what is changed on the page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest
from PySide6.QtCore import Qt

from expatdesk.accounts.actor import Actor
from expatdesk.cases import listing as case_listing
from expatdesk.cases import workflow as cases
from expatdesk.db.database import Database
from expatdesk.db.models import Employer
from expatdesk.qt.cases.area import CasesArea
from tests.helpers.sample import Sample
from tests.unit.qt.desk_helpers import add_staff, choose


@dataclass(frozen=True)
class Desk:
    anna: Actor
    bram: Actor
    ids: dict[str, int]


@pytest.fixture
def desk(sqlite_database: Database, sample: Sample) -> Desk:
    anna = add_staff(sqlite_database, "anna", "Anna de Vries", "desk_officer")
    bram = add_staff(sqlite_database, "bram", "Bram Jansen", "manager")

    def open_case(subject: str, owner: Actor | None, opened: date, **client: int) -> int:
        return cases.open_case(
            sqlite_database,
            anna,
            subject=subject,
            owner_id=None if owner is None else owner.user_id,
            opened_on=opened,
            **client,  # type: ignore[arg-type]
        )

    expat, bakery = sample.expats, sample.employers["bakery"]
    ids = {
        "jose": open_case("Residence permit", anna, date(2026, 11, 20), expat_id=expat["jose"]),
        "anna": open_case("Registration and BSN", anna, date(2026, 11, 10), expat_id=expat["anna"]),
        "wei": open_case("EU Blue Card", bram, date(2026, 11, 15), expat_id=expat["wei"]),
        "bakery": open_case("Sponsor application", None, date(2026, 10, 1), employer_id=bakery),
        "lars": open_case("30% ruling", anna, date(2026, 9, 1), expat_id=expat["lars"]),
    }
    cases.set_status(sqlite_database, anna, ids["lars"], "in_progress", expected_version=1)
    cases.set_status(sqlite_database, anna, ids["lars"], "closed", expected_version=2)
    return Desk(anna, bram, ids)


@pytest.fixture
def area(qtbot, sqlite_database: Database, desk: Desk) -> CasesArea:
    area = CasesArea(sqlite_database, desk.anna)
    qtbot.addWidget(area)
    area.resize(1300, 700)
    area.show()
    return area


def _listed(area: CasesArea) -> list[int]:
    return [area.model.id_at(row) or 0 for row in range(area.model.rowCount())]


def _search(qtbot, area: CasesArea, text: str) -> None:
    area.focus_search()
    qtbot.keyClicks(area.ui.searchEdit, text)
    qtbot.keyClick(area.ui.searchEdit, Qt.Key.Key_Return)


def test_opens_on_my_open_cases(area: CasesArea, desk: Desk) -> None:
    assert area.ui.statusFilter.currentText() == "Open cases"
    assert area.ui.ownerFilter.currentText() == "My cases"
    assert area.filters() == {"status": "open", "owner": desk.anna.user_id}
    assert _listed(area) == [desk.ids["jose"], desk.ids["anna"]]  # the newest first
    assert area.count_text() == "2 cases"
    assert area.page.case_id == desk.ids["jose"]
    assert area.ui.table.currentIndex().row() == 0
    assert [area.model.headerData(c, Qt.Orientation.Horizontal) for c in range(6)] == [
        "Ref.",
        "Subject",
        "Client",
        "Status",
        "Owner",
        "Opened on",
    ]


def test_filters(qtbot, area: CasesArea, desk: Desk) -> None:
    counts: list[int] = []
    area.countChanged.connect(counts.append)
    choose(qtbot, area.ui.ownerFilter, "Everyone's cases")
    assert set(_listed(area)) == {desk.ids[name] for name in ("jose", "anna", "wei", "bakery")}
    choose(qtbot, area.ui.statusFilter, "All cases")
    assert len(_listed(area)) == 5
    choose(qtbot, area.ui.statusFilter, "Closed")
    assert _listed(area) == [desk.ids["lars"]]
    choose(qtbot, area.ui.statusFilter, "Open cases")
    choose(qtbot, area.ui.ownerFilter, "Nobody's cases")
    assert _listed(area) == [desk.ids["bakery"]]
    choose(qtbot, area.ui.ownerFilter, "Bram Jansen")
    assert _listed(area) == [desk.ids["wei"]]
    assert area.page.case_id == desk.ids["wei"]
    assert counts[-1] == 1


def test_search_is_folded_and_shows_when_nothing_matches(
    qtbot, area: CasesArea, desk: Desk
) -> None:
    choose(qtbot, area.ui.ownerFilter, "Everyone's cases")
    _search(qtbot, area, "MULLER")
    assert _listed(area) == [desk.ids["anna"]]
    assert area.page.case_id == desk.ids["anna"]
    assert area.focusWidget() is area.ui.table
    area.ui.searchEdit.clear()
    _search(qtbot, area, "olmez sponsor")
    assert _listed(area) == [desk.ids["bakery"]]
    area.ui.searchEdit.clear()
    _search(qtbot, area, "nothing like this")
    assert _listed(area) == []
    empty = area.ui.table.viewport().findChild(type(area.ui.statusFilterLabel), "emptyLabel")
    assert empty is not None
    assert empty.isVisible()
    assert empty.text() == "No case matches “nothing like this”."


def test_the_list_follows_changes_on_the_page(
    qtbot, sqlite_database: Database, area: CasesArea, desk: Desk
) -> None:
    area.open_case(desk.ids["anna"])
    assert area.page.case_id == desk.ids["anna"]
    page = area.page
    page._status_buttons[0].click()  # Start work
    qtbot.waitUntil(lambda: not page.is_saving())  # the change runs off the GUI thread
    row = area.model.row_of(desk.ids["anna"])
    assert row is not None
    assert area.model.index(row, 3).data() == "In progress"
    closing = next(b for b in page._status_buttons if b.objectName() == "status_closed")
    page._status_buttons[page._status_buttons.index(closing)].click()
    qtbot.waitUntil(lambda: not page.is_saving())
    # Closed: it leaves "my open cases", but its page stays to be read (or reopened).
    assert desk.ids["anna"] not in _listed(area)
    assert page.case_id == desk.ids["anna"]
    assert page.ui.statusValue.text() == "Closed"
    assert area.current_id() is None


def test_open_case_shows_a_case_the_filters_hide(area: CasesArea, desk: Desk) -> None:
    area.open_case(desk.ids["lars"])
    assert area.page.case_id == desk.ids["lars"]
    assert area.current_id() is None
    area.open_case(desk.ids["jose"])
    assert area.current_id() == desk.ids["jose"]


def test_refresh_reads_new_cases(
    qtbot, sqlite_database: Database, area: CasesArea, desk: Desk, sample: Sample
) -> None:
    new = cases.open_case(
        sqlite_database,
        desk.bram,
        subject="Housing",
        expat_id=sample.expats["priya"],
        owner_id=desk.anna.user_id,
    )
    assert new not in _listed(area)
    with qtbot.waitSignal(area.countChanged) as counted:
        area.refresh()
    assert counted.args == [3]
    assert new in _listed(area)


def test_client_links_are_passed_on(qtbot, area: CasesArea, sample: Sample) -> None:
    with qtbot.waitSignal(area.openRecordRequested) as opened:
        area.page.ui.clientLabel.linkActivated.emit(f"expat:{sample.expats['jose']}")
    assert opened.args == ["expat", sample.expats["jose"]]


def test_an_actor_without_a_staff_account_sees_everyones_cases(
    qtbot, sqlite_database: Database, desk: Desk
) -> None:
    from expatdesk.accounts.actor import SYSTEM

    area = CasesArea(sqlite_database, SYSTEM)
    qtbot.addWidget(area)
    assert area.ui.ownerFilter.currentText() == "Everyone's cases"
    assert len(_listed(area)) == 4


def test_the_model_is_a_proper_qt_model(qtmodeltester, area: CasesArea) -> None:
    qtmodeltester.check(area.model)


def test_every_column_is_in_view_and_the_list_is_wider_than_the_page(
    qtbot, sqlite_database: Database, desk: Desk, sample: Sample
) -> None:
    subject = "Residence permit application for a highly skilled migrant, partner and children"
    with sqlite_database.transaction() as session:
        employer = Employer(
            employer_ref="EMP-0099", name="Stichting Facilitair Bedrijf Universiteit Twente"
        )
        session.add(employer)
        session.flush()
        employer_id = employer.id
    case_id = cases.open_case(
        sqlite_database,
        desk.anna,
        subject=subject,
        owner_id=desk.anna.user_id,
        expat_id=sample.expats["priya"],
        employer_id=employer_id,
    )
    cases.set_status(sqlite_database, desk.anna, case_id, "in_progress", expected_version=1)
    cases.set_status(sqlite_database, desk.anna, case_id, "waiting_authority", expected_version=2)
    area = CasesArea(sqlite_database, desk.anna)
    qtbot.addWidget(area)
    area.resize(1240, 760)  # the area in a 1400 × 860 window
    area.show()
    table = area.ui.table
    header = table.horizontalHeader()
    columns = [column.key for column in case_listing.LISTING.columns]
    metrics = table.fontMetrics()
    row = area.model.row_of(case_id)
    assert row is not None

    def fits(key: str) -> bool:
        text = str(area.model.index(row, columns.index(key)).data())
        return header.sectionSize(columns.index(key)) > metrics.horizontalAdvance(text)

    # Once the list has its width, its columns are fitted: the status, the owner and the date
    # fit …
    qtbot.waitUntil(
        lambda: any(
            header.sectionSize(section) != header.defaultSectionSize()
            for section in range(header.count() - 1)
        )
    )
    assert all(fits(key) for key in ("status", "owner", "opened_on"))
    # … and every column is in view, without scrolling sideways.
    assert table.horizontalScrollBar().maximum() == 0
    for section in range(header.count()):
        assert header.sectionViewportPosition(section) >= 0
        right = header.sectionViewportPosition(section) + header.sectionSize(section)
        assert right <= table.viewport().width(), section
    list_width, page_width = area.ui.splitter.sizes()
    assert list_width > page_width
    # The subject is cut short, and shown whole in its tooltip.
    subject_index = area.model.index(row, columns.index("subject"))
    assert header.sectionSize(columns.index("subject")) < metrics.horizontalAdvance(subject)
    assert subject_index.data(Qt.ItemDataRole.ToolTipRole) == subject
    client_index = area.model.index(row, columns.index("client"))
    assert client_index.data(Qt.ItemDataRole.ToolTipRole) == client_index.data()
    assert area.model.index(row, columns.index("status")).data(Qt.ItemDataRole.ToolTipRole) is None


def test_dutch(qtbot, area: CasesArea, switcher) -> None:
    switcher.apply("nl")
    qtbot.waitUntil(lambda: area.ui.statusFilter.currentText() == "Open zaken")
    assert area.ui.ownerFilter.currentText() == "Mijn zaken"
    assert area.model.index(0, 3).data() == "Nieuw"
    assert area.count_text() == "2 zaken"


def test_a_case_opened_in_the_dialog_shows_in_the_area(
    qtbot, sqlite_database: Database, area: CasesArea, desk: Desk, sample: Sample
) -> None:
    from expatdesk.qt.cases.open_case_dialog import OpenCaseDialog

    dialog = OpenCaseDialog(sqlite_database, desk.anna, area, expat_id=sample.expats["priya"])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.ui.subjectEdit, "Orientation year application")
    opened: list[int] = []
    dialog.saved.connect(opened.append)
    dialog.saved.connect(area.open_case)  # the area reads the list again by itself
    with qtbot.waitSignal(dialog.saved):
        qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: area.current_id() == opened[0])
    assert ">Priya Sharma</a>" in area.page.ui.clientLabel.text()
    row = area.model.row_of(opened[0])
    assert row is not None
    assert area.model.index(row, 1).data() == "Orientation year application"
    assert area.count_text() == "3 cases"


def test_the_cases_list_exports_as_shown(
    qtbot, sqlite_database, monkeypatch, tmp_path, dialogs
) -> None:
    """ "Export list…" writes the cases the list shows, with the list's headers."""
    import csv

    from expatdesk.accounts.actor import SYSTEM
    from expatdesk.cases import workflow as case_service
    from expatdesk.qt import files
    from expatdesk.qt.cases.area import CasesArea
    from tests.helpers.sample import add_sample

    sample = add_sample(sqlite_database)
    case_service.open_case(
        sqlite_database, SYSTEM, subject="Housing in Enschede", expat_id=sample.expats["jose"]
    )
    target = tmp_path / "cases.csv"
    monkeypatch.setattr(files, "save_file_name", lambda *_args: target)
    area = CasesArea(sqlite_database, SYSTEM)
    qtbot.addWidget(area)
    area.ui.statusFilter.setCurrentIndex(area.ui.statusFilter.findData("*"))
    qtbot.wait_until(lambda: area.model.rowCount() == 1)
    assert area.ui.exportButton.text() == "E&xport list…"
    with qtbot.wait_signal(area.listExported, timeout=10_000) as exported:
        qtbot.mouseClick(area.ui.exportButton, Qt.MouseButton.LeftButton)
    assert exported.args == [1]
    rows = list(csv.reader(target.read_text(encoding="utf-8-sig").splitlines()))
    assert rows[0][:2] == ["Ref.", "Subject"]
    assert rows[1][1] == "Housing in Enschede"


def test_the_status_still_fits_after_a_switch_to_dutch(
    qtbot, sqlite_database: Database, area: CasesArea, desk: Desk, switcher
) -> None:
    """Fitted in English ("Waiting for an authority"), the column cut the longer Dutch status
    ("Wacht op een instantie") after a switch."""
    case_id = desk.ids["jose"]
    cases.set_status(sqlite_database, desk.anna, case_id, "in_progress", expected_version=1)
    cases.set_status(sqlite_database, desk.anna, case_id, "waiting_authority", expected_version=2)
    area.refresh()
    table, header = area.ui.table, area.ui.table.horizontalHeader()
    column = [c.key for c in case_listing.LISTING.columns].index("status")
    qtbot.waitUntil(lambda: header.sectionSize(column) != header.defaultSectionSize())
    switcher.apply("nl")
    row = area.model.row_of(case_id)
    assert row is not None
    text = area.model.index(row, column).data()
    assert text == "Wacht op een instantie"
    qtbot.waitUntil(
        lambda: header.sectionSize(column) > table.fontMetrics().horizontalAdvance(text)
    )
