"""The filter bar: a combo per listed filter, a chooser for the employer, "Clear filters"."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from expatdesk.db.database import Database
from expatdesk.db.models import Expat
from expatdesk.employers import read as employers
from expatdesk.expats import read as expats
from expatdesk.qt.widgets.list_filters import FilterBar
from tests.helpers.sample import Sample


@pytest.fixture
def bar(qtbot, sqlite_database: Database, sample: Sample) -> FilterBar:
    bar = FilterBar(sqlite_database, expats.LISTING)
    qtbot.addWidget(bar)
    bar.show()
    return bar


def items(bar: FilterBar, key: str) -> list[str]:
    combo = bar.combos[key]
    return [combo.itemText(index) for index in range(combo.count())]


def test_one_control_per_filter_with_its_label(bar: FilterBar) -> None:
    assert list(bar.combos) == ["category", "municipality", "arrival_year", "nationality"]
    assert list(bar.choosers) == ["employer"]
    assert [control.objectName() for control in bar.controls()] == [
        "categoryFilter",
        "municipalityFilter",
        "employerFilter",
        "arrival_yearFilter",
        "nationalityFilter",
    ]
    label = bar.findChild(QLabel, "arrival_yearFilterLabel")
    assert label.text() == "Arrival year:"
    assert label.buddy() is bar.combos["arrival_year"]
    assert items(bar, "arrival_year") == ["All", "2026", "2025", "2024", "2023"]
    assert items(bar, "nationality") == ["All", "China", "Denmark", "Germany", "India", "Spain"]
    assert bar.choosers["employer"].accessibleName() == "Filter: Employer"


def test_choosing_tells_the_values(qtbot, bar: FilterBar) -> None:
    combo = bar.combos["nationality"]
    combo.setFocus()
    with qtbot.wait_signal(bar.changed) as changed:
        qtbot.keyClick(combo, Qt.Key.Key_Down)  # China
    assert changed.args == [{"nationality": "CN"}]
    assert bar.values() == {"nationality": "CN"}
    assert bar.clearButton.isEnabled()
    with qtbot.wait_signal(bar.changed) as changed:
        qtbot.mouseClick(bar.clearButton, Qt.MouseButton.LeftButton)
    assert changed.args == [{}]
    assert not bar.clearButton.isEnabled()


def test_set_values_drops_what_is_not_a_choice(
    qtbot, bar: FilterBar, sample: Sample, sqlite_database: Database
) -> None:
    with qtbot.assert_not_emitted(bar.changed):
        bar.set_values(
            {
                "category": "researcher",
                "arrival_year": 1999,
                "employer": sample.employers["university"],
                "unknown": 3,
            }
        )
    assert bar.values() == {"category": "researcher", "employer": sample.employers["university"]}
    assert bar.choosers["employer"].text() == "Universiteit Twente"
    bar.set_values({"employer": 999_999})  # an employer that is gone
    assert bar.values() == {}


def test_a_chosen_value_that_is_gone_after_a_refresh_clears_itself(
    qtbot, bar: FilterBar, sqlite_database: Database, sample: Sample
) -> None:
    bar.set_values({"nationality": "DK", "category": "eu_worker"})
    with sqlite_database.transaction() as session:
        lars = session.get(Expat, sample.expats["lars"])
        assert lars is not None
        lars.nationality = "NO"
    with qtbot.wait_signal(bar.changed) as changed:
        bar.refresh_choices()
    assert changed.args == [{"category": "eu_worker"}]
    assert "Norway" in items(bar, "nationality")


def test_the_employers_bar(qtbot, sqlite_database: Database, sample: Sample) -> None:
    bar = FilterBar(sqlite_database, employers.LISTING)
    qtbot.addWidget(bar)
    assert list(bar.combos) == ["municipality", "high_tech"]
    assert items(bar, "high_tech") == ["All", "Yes", "No"]
    assert bar.choosers == {}
