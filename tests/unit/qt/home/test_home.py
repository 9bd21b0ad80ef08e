"""The home area: the dashboard's sections, opening records from them, both languages."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QFont
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QHeaderView, QLabel, QTreeWidget, QTreeWidgetItem

from expatdesk import i18n
from expatdesk.accounts.actor import Actor
from expatdesk.db.database import Database
from expatdesk.db.models import Case, Employer, Expat, Permit, StaffUser, Task
from expatdesk.qt.appearance import colours
from expatdesk.qt.home.page import LINK_ROLE, HomeArea

TODAY = date(2026, 3, 11)


def day(offset: int) -> date:
    return TODAY + timedelta(days=offset)


@dataclass(frozen=True)
class Desk:
    sanne: Actor
    expats: dict[str, int]
    cases: dict[str, int]
    gone_employer: int


def add_desk(database: Database) -> Desk:
    with database.transaction() as session:
        sanne = StaffUser(username="sanne", display_name="Sanne Brinkhuis", role="desk_officer")
        koen = StaffUser(username="koen", display_name="Koen Wessels", role="desk_officer")
        session.add_all([sanne, koen])
        session.flush()
        expats = {
            "jose": Expat(expat_ref="EXP-1", given_name="José", family_name="García"),
            "anna": Expat(expat_ref="EXP-2", given_name="Anna", family_name="Müller"),
            "wei": Expat(expat_ref="EXP-3", given_name="Wei", family_name="Chen"),
        }
        session.add_all(expats.values())
        session.flush()
        session.add_all(
            [
                Permit(
                    expat_id=expats["jose"].id,
                    permit_type_code="hsm",
                    number="SOON",
                    valid_until=day(12),
                ),
                Permit(
                    expat_id=expats["anna"].id,
                    permit_type_code="hsm",
                    number="LATER",
                    valid_until=day(60),
                ),
            ]
        )
        cases = {
            "permit": Case(
                case_ref="C-1",
                subject="Permit renewal",
                status="new",
                expat_id=expats["jose"].id,
                owner_id=sanne.id,
                opened_on=day(-5),
            ),
            "housing": Case(
                case_ref="C-2",
                subject="Housing",
                status="in_progress",
                expat_id=expats["anna"].id,
                owner_id=sanne.id,
                opened_on=day(-30),
            ),
            "koens": Case(
                case_ref="C-3",
                subject="School",
                status="new",
                expat_id=expats["wei"].id,
                owner_id=koen.id,
                opened_on=day(-2),
            ),
        }
        session.add_all(cases.values())
        session.flush()
        session.add_all(
            [
                Task(title="Call the IND", due_date=day(-3), case_id=cases["permit"].id),
                Task(title="Send the contract", due_date=day(2), case_id=cases["housing"].id),
                Task(title="Koen's task", due_date=day(1), case_id=cases["koens"].id),
            ]
        )
        gone = Employer(employer_ref="EMP-9", name="Gone BV")
        session.add(gone)
        session.flush()
        gone_id = gone.id
        actor = Actor(sanne.id, "sanne", "Sanne Brinkhuis", "desk_officer")
        ids = {key: expat.id for key, expat in expats.items()}
        case_ids = {key: case.id for key, case in cases.items()}
    with database.transaction(actor) as session:
        employer = session.get(Employer, gone_id)
        session.delete(employer)
    return Desk(actor, ids, case_ids, gone_id)


@pytest.fixture
def desk(sqlite_database: Database) -> Desk:
    return add_desk(sqlite_database)


@pytest.fixture
def home(qtbot, sqlite_database: Database, desk: Desk, switcher) -> HomeArea:
    area = HomeArea(sqlite_database, desk.sanne, today=lambda: TODAY)
    qtbot.addWidget(area)
    area.resize(1200, 760)
    with qtbot.waitSignal(area.loaded, timeout=10_000):
        area.show()
    return area


def rows(tree: QTreeWidget) -> list[list[str]]:
    """Every row's texts, groups and their entries in order."""
    found = []

    def walk(item: QTreeWidgetItem) -> None:
        found.append([item.text(column) for column in range(tree.columnCount())])
        for number in range(item.childCount()):
            walk(item.child(number))

    for number in range(tree.topLevelItemCount()):
        walk(tree.topLevelItem(number))
    return found


def find(tree: QTreeWidget, text: str) -> QTreeWidgetItem:
    items = tree.findItems(text, Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive, 0)
    assert items, f"{text!r} not in {rows(tree)}"
    return items[0]


def test_the_sections_show_the_entries(home: HomeArea) -> None:
    ui = home.ui
    assert ui.headingLabel.text() == "Today at the desk: Wednesday, 11 March 2026"
    assert ui.casesLabel.text() == "My &open cases (2)"
    assert rows(ui.casesTree) == [
        ["New (1)", "", "", ""],
        ["C-1", "Permit renewal", "José García", "6 Mar 2026"],
        ["In progress (1)", "", "", ""],
        ["C-2", "Housing", "Anna Müller", "9 Feb 2026"],
    ]
    assert ui.tasksLabel.text() == "&Tasks (2)"
    assert rows(ui.tasksTree) == [
        ["Overdue (1)", "", "", ""],
        ["8 Mar 2026", "Call the IND", "C-1", "José García"],
        ["Due this week (1)", "", "", ""],
        ["13 Mar 2026", "Send the contract", "C-2", "Anna Müller"],
    ]
    assert ui.permitsLabel.text() == "&Permits ending within 90 days (2)"
    assert rows(ui.permitsTree) == [
        ["23 Mar 2026", "José García", "Highly skilled migrant · SOON", "expires in 12 days"],
        ["10 May 2026", "Anna Müller", "Highly skilled migrant · LATER", "expires in 60 days"],
    ]
    # Short, beside the warning sign it explains; the whole sentence in its tooltip.
    assert ui.permitsNote.text() == "1 within 30 days, 0 ended in the last 30 days"
    assert ui.permitsNote.toolTip() == (
        "1 within 30 days, 0 ended in the last 30 days; those are marked with a warning sign."
    )
    assert ui.permitsNote.accessibleName() == ui.permitsNote.toolTip()
    assert not ui.permitsNoteSign.pixmap().isNull()
    # The fixture's records, each once, the latest change first.
    assert ui.recentLabel.text() == "Recently chan&ged (7)"
    recent = rows(ui.recentTree)
    assert recent[0][:3] == ["Gone BV", "employer deleted", "Sanne Brinkhuis"]
    assert {row[0] for row in recent[1:]} == {
        "C-1 · Permit renewal",
        "C-2 · Housing",
        "C-3 · School",
        "José García",
        "Anna Müller",
        "Wei Chen",
    }
    for tree in home.trees():
        assert not home._empty[tree].isVisible()


def test_permits_within_30_days_stand_out_not_by_colour_alone(home: HomeArea) -> None:
    tree = home.ui.permitsTree
    soon, later = tree.topLevelItem(0), tree.topLevelItem(1)
    alert = colours.item_colour(tree, colours.Role.ALERT)
    # A sign, bold text and words; the colour only adds to them.
    assert not soon.icon(0).isNull()
    assert soon.font(0).weight() == QFont.Weight.Bold
    assert soon.foreground(0).color() == alert
    assert soon.foreground(3).color() == alert
    assert soon.toolTip(1) == "Ends within 30 days"
    assert soon.data(0, Qt.ItemDataRole.AccessibleTextRole) == "Ends within 30 days: 23 Mar 2026"
    assert later.icon(0).isNull()
    assert later.font(0).weight() != QFont.Weight.Bold
    assert later.foreground(0).color() != alert
    assert later.toolTip(1) == ""


def test_the_sections_line_up_and_cut_texts_show_whole_in_tooltips(home: HomeArea) -> None:
    ui = home.ui

    def middle(label: QLabel) -> int:
        return label.mapTo(home, QPoint(0, label.height() // 2)).y()

    # The headings share a line, though only the tasks' has a box beside it.
    assert middle(ui.casesLabel) == middle(ui.tasksLabel)
    assert middle(ui.permitsLabel) == middle(ui.recentLabel)
    # The subject, the task and the permit take the width that is left.
    for tree, column in ((ui.casesTree, 1), (ui.tasksTree, 1), (ui.permitsTree, 2)):
        mode = tree.header().sectionResizeMode(column)
        assert mode == QHeaderView.ResizeMode.Stretch, tree.objectName()
    assert find(ui.casesTree, "C-1").toolTip(1) == "Permit renewal"
    assert find(ui.casesTree, "C-1").toolTip(2) == "José García"
    assert find(ui.tasksTree, "8 Mar 2026").toolTip(1) == "Call the IND"
    soon, later = ui.permitsTree.topLevelItem(0), ui.permitsTree.topLevelItem(1)
    assert later.toolTip(2) == "Highly skilled migrant · LATER"
    assert soon.toolTip(2) == "Highly skilled migrant · SOON\nEnds within 30 days"
    # Moments as the dates are written, to the minute.
    assert home.dashboard is not None
    latest = home.dashboard.recent[0].at
    when = ui.recentTree.topLevelItem(0).text(3)
    assert when == i18n.format_datetime(latest, seconds=False)
    assert when.startswith(i18n.format_date(latest.astimezone().date()))


def test_enter_opens_the_selected_entry(qtbot, home: HomeArea, desk: Desk) -> None:
    tree = home.ui.permitsTree
    tree.setFocus()
    tree.setCurrentItem(tree.topLevelItem(1))
    with qtbot.waitSignal(home.openRecordRequested) as opened:
        QTest.keyClick(tree, Qt.Key.Key_Return)
    assert opened.args == ["expat", desk.expats["anna"]]

    cases = home.ui.casesTree
    cases.setFocus()
    cases.setCurrentItem(find(cases, "C-2"))
    with qtbot.waitSignal(home.openRecordRequested) as opened:
        QTest.keyClick(cases, Qt.Key.Key_Enter)
    assert opened.args == ["case", desk.cases["housing"]]


def test_double_click_opens_the_entry(qtbot, home: HomeArea, desk: Desk) -> None:
    tree = home.ui.tasksTree
    item = find(tree, "8 Mar 2026")
    assert item.data(0, LINK_ROLE) == ("case", desk.cases["permit"])
    centre = tree.visualItemRect(item).center()
    QTest.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    with qtbot.waitSignal(home.openRecordRequested) as opened:  # a real one starts with a click
        QTest.mouseDClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert opened.args == ["case", desk.cases["permit"]]


def test_group_rows_and_deleted_records_open_nothing(qtbot, home: HomeArea) -> None:
    cases = home.ui.casesTree
    cases.setFocus()
    cases.setCurrentItem(find(cases, "New (1)"))
    with qtbot.assertNotEmitted(home.openRecordRequested):
        QTest.keyClick(cases, Qt.Key.Key_Return)
    recent = home.ui.recentTree
    deleted = recent.topLevelItem(0)
    assert deleted.isDisabled()
    assert deleted.toolTip(0) == "Deleted: this record can no longer be opened."
    centre = recent.visualItemRect(deleted).center()
    with qtbot.assertNotEmitted(home.openRecordRequested):
        QTest.mouseClick(recent.viewport(), Qt.MouseButton.LeftButton, pos=centre)
        QTest.mouseDClick(recent.viewport(), Qt.MouseButton.LeftButton, pos=centre)


def test_the_whole_desk_toggle(qtbot, home: HomeArea) -> None:
    with qtbot.waitSignal(home.loaded, timeout=10_000):
        QTest.mouseClick(home.ui.wholeDeskCheck, Qt.MouseButton.LeftButton)
    assert home.whole_desk
    assert home.ui.tasksLabel.text() == "&Tasks on the whole desk (3)"
    assert [row[1] for row in rows(home.ui.tasksTree)] == [
        "",
        "Call the IND",
        "",
        "Koen's task",
        "Send the contract",
    ]
    assert find(home.ui.tasksTree, "12 Mar 2026").toolTip(2) == "Owner: Koen Wessels"
    # My cases stay mine.
    assert home.ui.casesLabel.text() == "My &open cases (2)"


def test_refresh_shows_what_changed(
    qtbot, home: HomeArea, sqlite_database: Database, desk: Desk
) -> None:
    with sqlite_database.transaction(desk.sanne) as session:
        session.add(
            Permit(
                expat_id=desk.expats["wei"],
                permit_type_code="hsm",
                number="NEW",
                valid_until=day(0),
            )
        )
    with qtbot.waitSignal(home.loaded, timeout=10_000):
        QTest.keyClick(home.ui.permitsTree, Qt.Key.Key_F5)
    assert home.ui.permitsLabel.text() == "&Permits ending within 90 days (3)"
    assert rows(home.ui.permitsTree)[0][1:] == [
        "Wei Chen",
        "Highly skilled migrant · NEW",
        "expires today",
    ]
    assert rows(home.ui.recentTree)[0][:2] == ["Wei Chen", "permit added"]


def test_empty_states_in_words(qtbot, sqlite_database: Database) -> None:
    with sqlite_database.transaction() as session:
        user = StaffUser(username="new", display_name="New Colleague", role="desk_officer")
        session.add(user)
        session.flush()
        actor = Actor(user.id, "new", "New Colleague", "desk_officer")
    area = HomeArea(sqlite_database, actor, today=lambda: TODAY)
    qtbot.addWidget(area)
    with qtbot.waitSignal(area.loaded, timeout=10_000):
        area.show()
    empty = {tree.objectName(): area._empty[tree] for tree in area.trees()}
    assert {name: label.text() for name, label in empty.items()} == {
        "casesTree": "You have no open cases.",
        "tasksTree": "No task on your cases is overdue or due this week.",
        "permitsTree": "No permit ends within 90 days or ended in the last 30 days.",
        "recentTree": "No changes recorded yet.",
    }
    assert all(label.isVisible() for label in empty.values())
    assert area.ui.casesLabel.text() == "My &open cases (0)"


def test_a_failure_is_shown(qtbot, sqlite_database: Database, desk: Desk) -> None:
    visitor = Actor(desk.sanne.user_id, "sanne", "Sanne", "visitor")
    area = HomeArea(sqlite_database, visitor, today=lambda: TODAY)
    qtbot.addWidget(area)
    with qtbot.waitSignal(area.failed, timeout=10_000) as failed:
        area.show()
    assert failed.args == ["Your role may not work with client records."]
    assert area.ui.messageLabel.text() == (
        "The dashboard could not be read: Your role may not work with client records."
    )


def test_dutch_and_english(qtbot, home: HomeArea, switcher) -> None:
    switcher.apply("nl")
    ui = home.ui
    qtbot.waitUntil(lambda: ui.headingLabel.text().startswith("Vandaag"))
    assert ui.headingLabel.text() == "Vandaag aan de balie: woensdag 11 maart 2026"
    assert ui.casesLabel.text() == "Mijn open &zaken (2)"
    assert ui.tasksLabel.text() == "Ta&ken (2)"
    assert ui.permitsLabel.text() == "&Vergunningen die binnen 90 dagen aflopen (2)"
    assert ui.recentLabel.text() == "Re&cent gewijzigd (7)"
    assert ui.wholeDeskCheck.text() == "Hele ba&lie"
    assert ui.casesTree.headerItem().text(2) == "Klant"
    assert rows(ui.casesTree)[0][0] == "Nieuw (1)"
    assert rows(ui.tasksTree)[0][0] == "Te laat (1)"
    soon = ui.permitsTree.topLevelItem(0)
    assert soon.text(3) == "verloopt over 12 dagen"
    assert soon.toolTip(0) == "Loopt binnen 30 dagen af"
    assert rows(ui.recentTree)[0][1] == "werkgever verwijderd"
    switcher.apply("en")
    qtbot.waitUntil(lambda: ui.casesLabel.text() == "My &open cases (2)")
    assert ui.permitsTree.topLevelItem(0).text(3) == "expires in 12 days"


def test_a_change_while_loading_is_read_after_it(qtbot, home: HomeArea) -> None:
    check = home.ui.wholeDeskCheck
    check.setChecked(True)  # starts reading the whole desk's tasks …
    check.setChecked(False)  # … and this asks again while that runs
    assert home.is_busy()
    qtbot.waitUntil(lambda: not home.is_busy(), timeout=10_000)
    assert home.dashboard is not None
    assert not home.dashboard.whole_desk
    assert home.ui.tasksLabel.text() == "&Tasks (2)"


def test_keyboard_access(home: HomeArea) -> None:
    ui = home.ui
    assert ui.casesLabel.buddy() is ui.casesTree
    assert ui.tasksLabel.buddy() is ui.tasksTree
    assert ui.permitsLabel.buddy() is ui.permitsTree
    assert ui.recentLabel.buddy() is ui.recentTree
    # each list is called what its heading says, count included (WCAG 2.5.3)
    labels = [ui.casesLabel, ui.tasksLabel, ui.permitsLabel, ui.recentLabel]
    names = [tree.accessibleName() for tree in home.trees()]
    assert names == [label.text().replace("&", "") for label in labels]
    assert names[2].startswith("Permits ending within 90 days (")
    chain = [ui.refreshButton]
    while len(chain) < 6:
        chain.append(chain[-1].nextInFocusChain())
        while chain[-1].focusPolicy() == Qt.FocusPolicy.NoFocus:
            chain[-1] = chain[-1].nextInFocusChain()
    assert chain == [
        ui.refreshButton,
        ui.casesTree,
        ui.wholeDeskCheck,
        ui.tasksTree,
        ui.permitsTree,
        ui.recentTree,
    ]
