"""The lazy table model: ids up front, rows in pages, sorting and searching in SQL."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import date

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QModelIndex, Qt
from PySide6.QtWidgets import QTableView

from expatdesk import i18n
from expatdesk.common.listing import find_ids
from expatdesk.db.database import Database
from expatdesk.db.models import Expat
from expatdesk.employers import read as employers
from expatdesk.expats import read as expats
from expatdesk.qt.widgets.record_model import RecordTableModel
from tests.helpers.sample import Sample


def column_texts(model: RecordTableModel, key: str) -> list[str]:
    column = model.listing.index(key)
    return [model.data(model.index(row, column)) for row in range(model.rowCount())]


@pytest.fixture
def model(qtbot, sqlite_database: Database, sample: Sample) -> RecordTableModel:
    model = RecordTableModel(sqlite_database, expats.LISTING)
    model.reload()
    return model


def test_passes_the_model_tester(qtmodeltester, model: RecordTableModel) -> None:
    qtmodeltester.check(model)
    model.search("jose")
    qtmodeltester.check(model)
    model.sort(model.listing.index("arrival_date"), Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(model)


def test_employer_model_passes_the_model_tester(
    qtmodeltester, sqlite_database: Database, sample: Sample
) -> None:
    model = RecordTableModel(sqlite_database, employers.LISTING)
    model.reload()
    qtmodeltester.check(model)
    count = model.listing.index("expat_count")
    assert model.data(model.index(0, count), Qt.ItemDataRole.TextAlignmentRole) == (
        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
    )


def test_empty_model_passes_the_model_tester(qtmodeltester, sqlite_database: Database) -> None:
    model = RecordTableModel(sqlite_database, expats.LISTING)
    qtmodeltester.check(model)
    model.reload()
    assert model.rowCount() == 0
    qtmodeltester.check(model)


def test_a_view_asking_while_the_collector_takes_the_model_apart_gets_nothing(
    qtbot, model: RecordTableModel
) -> None:
    """Python's cycle collector clears a closed list's attributes before Qt's side goes; a view
    asking then gets an empty model, not an exception in the event loop."""
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    assert model.rowCount() > 0
    model.__dict__.clear()  # what the collector's clearing leaves
    assert model.rowCount() == 0
    assert model.columnCount() == 0
    assert model.headerData(0, Qt.Orientation.Horizontal) is None
    view.show()
    view.viewport().repaint()
    view.horizontalHeader().viewport().repaint()


def test_headers_and_cells(model: RecordTableModel) -> None:
    headers = [
        model.headerData(section, Qt.Orientation.Horizontal)
        for section in range(model.columnCount())
    ]
    assert headers[:3] == ["Ref.", "Family name", "Given name"]
    assert model.headerData(0, Qt.Orientation.Vertical) is None
    assert column_texts(model, "family_name")[:4] == ["Chen", "García", "Müller", "Sharma"]
    garcia = model.row_of(model.id_at(1) or 0)
    assert garcia == 1
    assert model.data(model.index(1, model.listing.index("arrival_date"))) == "26 Nov 2026"
    assert model.data(model.index(1, 0), Qt.ItemDataRole.ToolTipRole) is None
    assert model.data(QModelIndex()) is None
    assert model.rowCount(model.index(0, 0)) == 0


@pytest.mark.parametrize(("query", "names"), [("jose", ["José"]), ("muller", ["Anna"])])
def test_search(qtbot, model: RecordTableModel, query: str, names: list[str]) -> None:
    with qtbot.wait_signal(model.loaded) as loaded:
        model.search(query)
    assert loaded.args == [len(names)]
    assert column_texts(model, "given_name") == names
    assert model.query == query


def test_the_same_search_does_not_query_again(qtbot, model: RecordTableModel) -> None:
    model.search("  jose ")
    with qtbot.assert_not_emitted(model.loaded):
        model.search("jose")


def test_sort_both_ways(model: RecordTableModel) -> None:
    ref = model.listing.index("ref")
    model.sort(ref, Qt.SortOrder.AscendingOrder)
    assert column_texts(model, "ref") == [f"EXP-000{number}" for number in range(1, 6)]
    model.sort(ref, Qt.SortOrder.DescendingOrder)
    assert column_texts(model, "ref") == [f"EXP-000{number}" for number in range(5, 0, -1)]
    assert model.order.descending
    model.sort(99)  # no such column: nothing happens
    assert model.order.key == "ref"


def test_rows_are_read_in_pages_into_a_bounded_cache(
    sqlite_database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    with sqlite_database.transaction() as session:
        session.add_all(
            Expat(
                expat_ref=f"EXP-{number:04d}",
                given_name="Test",
                family_name=f"Person {number:04d}",
                arrival_date=date(2026, 1, 1),
            )
            for number in range(50)
        )
    monkeypatch.setattr(RecordTableModel, "MAX_PAGES", 3)
    model = RecordTableModel(sqlite_database, expats.LISTING, page_size=10)
    model.reload()
    assert model.rowCount() == 50
    assert model.page_reads == 0  # nothing read before a row is shown
    family = model.listing.index("family_name")
    assert model.data(model.index(15, family)) == "Person 0015"
    assert model.data(model.index(19, family)) == "Person 0019"
    assert model.page_reads == 1
    for row in range(0, 50, 10):
        model.data(model.index(row, family))
    assert model.page_reads == 5  # pages 0, 2, 3 and 4 were new
    assert model.cached_pages() == 3
    assert model.data(model.index(49, family)) == "Person 0049"
    assert model.page_reads == 5  # still cached
    model.data(model.index(0, family))
    assert model.page_reads == 6  # pushed out of the cache


def test_a_deleted_record_shows_empty(model: RecordTableModel, sqlite_database: Database) -> None:
    record_id = model.id_at(0)
    with sqlite_database.transaction() as session:
        session.delete(session.get(Expat, record_id))
    assert model.data(model.index(0, 0)) == ""
    model.reload()
    assert model.rowCount() == 4


def test_retranslate_changes_headers_and_cells(qtbot, model: RecordTableModel) -> None:
    i18n.set_language("nl")
    with (
        qtbot.wait_signal(model.headerDataChanged),
        qtbot.wait_signal(model.dataChanged),
        qtbot.assert_not_emitted(model.modelReset),
    ):
        model.retranslate()
    assert model.data(model.index(1, model.listing.index("arrival_date"))) == "26 nov 2026"
    assert model.data(model.index(1, model.listing.index("nationality"))) == "Spanje"


def test_retranslate_sorts_again_when_the_order_depends_on_the_language(
    qtbot, model: RecordTableModel
) -> None:
    model.sort(model.listing.index("category"))
    english = column_texts(model, "given_name")
    i18n.set_language("nl")
    with qtbot.wait_signal(model.modelReset):
        model.retranslate()
    assert column_texts(model, "given_name") != english
    assert column_texts(model, "category")[0] == "Houder Europese blauwe kaart"


# --- reading ids off the GUI thread ---------------------------------------------------------------


@pytest.fixture
def background(qtbot, sqlite_database: Database, sample: Sample) -> Iterator[RecordTableModel]:
    model = RecordTableModel(sqlite_database, expats.LISTING, background=True)
    model.search("")  # a list that opens reads its first ids at once
    yield model
    qtbot.wait_until(lambda: not model.busy)


def test_a_list_opens_with_its_first_rows_read_at_once(background: RecordTableModel) -> None:
    assert background.rowCount() == 5
    assert background.complete
    assert not background.busy


def test_a_search_in_the_background(qtbot, background: RecordTableModel) -> None:
    with qtbot.wait_signal(background.loaded) as loaded:
        background.search("jose")
        assert background.busy
        assert background.rowCount() == 5  # the GUI thread did not wait
    assert loaded.args == [1]
    assert column_texts(background, "given_name") == ["José"]


def test_the_first_ids_then_the_rest(
    qtbot, qtmodeltester, background: RecordTableModel, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(background, "FIRST", 2)
    with qtbot.wait_signal(background.partlyLoaded) as partly:
        background.sort(background.listing.index("ref"), Qt.SortOrder.DescendingOrder)
    assert partly.args == [2]
    assert column_texts(background, "ref")[:2] == ["EXP-0005", "EXP-0004"]
    with qtbot.wait_signal(background.rowsInserted), qtbot.wait_signal(background.loaded) as all_:
        pass
    assert all_.args == [5]
    assert column_texts(background, "ref") == [f"EXP-000{n}" for n in (5, 4, 3, 2, 1)]
    assert background.complete
    qtmodeltester.check(background)


@pytest.fixture
def held(
    sqlite_database: Database, sample: Sample, monkeypatch: pytest.MonkeyPatch
) -> RecordTableModel:
    """A list opened as the main window's at start-up: its first two ids, the rest held."""
    model = RecordTableModel(sqlite_database, expats.LISTING, background=True)
    monkeypatch.setattr(model, "FIRST", 2)
    model.hold_rest()
    model.search("")
    return model


def test_a_held_list_reads_its_rest_only_when_released(qtbot, held: RecordTableModel) -> None:
    """The main window's list at start-up: the first ids at once, the whole list after the
    first paint (a worker reading it would slow the paint down)."""
    model = held
    assert model.rowCount() == 2
    qtbot.wait(50)
    assert not model.busy
    assert not model.complete  # nothing read the rest
    with qtbot.wait_signal(model.loaded) as loaded:
        model.release_rest()
    assert loaded.args == [5]
    assert model.complete
    with qtbot.wait_signal(model.loaded):  # released: a new order reads its rest at once
        model.sort(model.listing.index("ref"), Qt.SortOrder.DescendingOrder)
    assert column_texts(model, "ref")[0] == "EXP-0005"
    assert model.rowCount() == 5


def test_a_new_request_drops_the_held_rest_of_the_old_one(
    qtbot, sqlite_database: Database, held: RecordTableModel
) -> None:
    model = held
    with qtbot.wait_signal(model.partlyLoaded):
        model.search("e")  # its first two, in a worker; its rest held in turn
    assert model.query == "e"
    with qtbot.wait_signal(model.loaded) as loaded:
        model.release_rest()
    wanted = find_ids(sqlite_database, expats.LISTING, "e")
    assert len(wanted) > 2
    assert loaded.args == [len(wanted)]
    assert model.ids() == wanted  # the rest of "e", not of the list held before it
    qtbot.wait_until(lambda: not model.busy)


def test_only_the_newest_request_shows(
    qtbot, background: RecordTableModel, monkeypatch: pytest.MonkeyPatch
) -> None:
    from expatdesk.qt.widgets import record_model

    release = threading.Event()
    real = record_model.find_ids

    def held(database, listing, query="", *args, **kwargs):
        if query == "chen":
            assert release.wait(10)
        return real(database, listing, query, *args, **kwargs)

    monkeypatch.setattr(record_model, "find_ids", held)
    resets: list[list[str]] = []
    background.modelReset.connect(lambda: resets.append(column_texts(background, "given_name")))
    background.search("chen")
    background.search("muller")
    background.set_filters({"municipality": "enschede"})
    qtbot.wait_until(lambda: resets == [["Anna"]])
    release.set()
    qtbot.wait_until(lambda: not background.busy)
    assert resets == [["Anna"]]
    assert background.query == "muller"
    assert background.filters == {"municipality": "enschede"}


def test_a_list_deleted_while_its_worker_reads_gets_no_answer(
    qtbot, sqlite_database: Database, sample: Sample, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A window closed right after its list painted: the worker answers a list that is gone.
    It emitted on the list's own relay, which the GUI thread was deleting: a crash."""
    from expatdesk.qt.widgets import record_model

    reading, release = threading.Event(), threading.Event()
    real = record_model.find_ids

    def held(*args, **kwargs):
        reading.set()
        assert release.wait(10)
        return real(*args, **kwargs)

    model = RecordTableModel(sqlite_database, expats.LISTING, background=True)
    model.search("")
    monkeypatch.setattr(record_model, "find_ids", held)
    answered: list[int] = []
    monkeypatch.setattr(
        RecordTableModel, "_answered", lambda self, generation, *_: answered.append(generation)
    )
    model.search("jose")
    assert reading.wait(10)
    relay = model._relay  # what the worker will emit on
    model.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not shiboken6.isValid(model)
    assert shiboken6.isValid(relay)  # not deleted with the list, under the worker's feet
    release.set()
    assert record_model.list_pool().waitForDone(10_000)
    qtbot.wait(50)  # the answer reaches the GUI thread, and nobody
    assert answered == []


def test_an_error_of_the_newest_request_reaches_the_gui_thread(
    qtbot, background: RecordTableModel, monkeypatch: pytest.MonkeyPatch
) -> None:
    from expatdesk.qt.widgets import record_model

    def fail(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("the disk is gone")

    monkeypatch.setattr(record_model, "find_ids", fail)
    with qtbot.capture_exceptions() as exceptions:
        background.search("jose")
        qtbot.wait_until(lambda: not background.busy)
    assert [str(error) for _kind, error, _tb in exceptions] == ["the disk is gone"]
    assert background.rowCount() == 5  # the list stays as it was


def test_reload_reads_everything_at_once(
    background: RecordTableModel, sqlite_database: Database
) -> None:
    with sqlite_database.transaction() as session:
        session.add(Expat(expat_ref="EXP-0099", given_name="Aiko", family_name="Abe"))
    background.reload()
    assert background.rowCount() == 6
    assert background.complete
