"""The Targets area: figures of this year and last, status words, trends, the figures dialog."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from expatdesk.db.database import Database
from expatdesk.qt.language import LanguageSwitcher
from expatdesk.qt.targets.dashboard import FiguresDialog, TargetsDashboard
from tests.unit.qt.targets_data import TODAY, add_targets_data


@pytest.fixture
def dashboard(qtbot, sqlite_database: Database, switcher: LanguageSwitcher) -> TargetsDashboard:
    add_targets_data(sqlite_database)
    dashboard = TargetsDashboard(sqlite_database, today=lambda: TODAY)
    qtbot.addWidget(dashboard)
    with qtbot.waitSignal(dashboard.refreshed, timeout=20000):
        dashboard.show()
    return dashboard


def row_texts(dashboard: TargetsDashboard, key: str, row: int) -> tuple[str, str, str]:
    card = dashboard.cards[key]
    return (
        card.yearLabels[row].text(),
        card.valueLabels[row].text(),
        card.statusLabels[row].text(),
    )


def test_shows_this_year_and_last_with_status_words(dashboard: TargetsDashboard) -> None:
    assert dashboard.headingLabel.text() == "Targets 2020–2025"
    provisional = "2025 (provisional)"  # TODAY is in 2025
    assert row_texts(dashboard, "N", 0) == (provisional, "58.1%", "✘ target not met")
    assert row_texts(dashboard, "N", 1) == ("2024", "50.0%", "✔ target met")
    assert dashboard.cards["N"].thresholdLabel.text() == (
        "Target: at least 50%, and from 2015 on a significant rise on the year before"
    )
    assert row_texts(dashboard, "P", 0) == (provisional, "7.50", "✔ target met")
    assert row_texts(dashboard, "P", 1) == ("2024", "7.00", "✔ target met")
    assert dashboard.cards["P"].thresholdLabel.text() == (
        "Target: at least 7.0, and higher than the year before"
    )
    assert row_texts(dashboard, "O-service", 0) == (provisional, "–", "? insufficient data")
    assert row_texts(dashboard, "Q", 0) == (provisional, "30.0%", "◆ baseline year")
    assert row_texts(dashboard, "Q", 1) == ("2024", "–", "? insufficient data")
    assert all(card.isVisible() for card in dashboard.cards.values())


def test_each_verdict_says_why(dashboard: TargetsDashboard) -> None:
    def reasons(key: str) -> list[str]:
        return [label.text() for label in dashboard.cards[key].reasonLabels]

    assert reasons("N") == [
        "(provisional, up to 1 June 2025) 58.1%, at least 50%, but no significant rise on "
        "2024 (p\u00a0=\u00a00.286).",
        "50.0%, at least 50%; no test against 2023 possible.",
    ]
    assert reasons("P") == [
        "(provisional, up to 1 June 2025) Service 7.50 (+0.50 on 2024): at least 7.0 and "
        "higher than in 2024.",
        "Service 7.00: at least 7.0; 2023 has insufficient data to compare with.",
    ]
    assert reasons("O-service")[0] == (
        "(provisional, up to 1 June 2025) 0 responses; at least 10 are needed to judge a year."
    )
    assert reasons("Q") == [
        "(provisional, up to 1 June 2025) 30.0%; 2024 has insufficient data to compare with, "
        "so this is the baseline year.",
        "0 answers; at least 10 are needed to judge a year.",
    ]
    assert dashboard.cards["N"].chart.scale_labels() == ["0%", "50%", "100%"]
    assert dashboard.cards["P"].chart.scale_labels() == ["7", "8"]


def test_trend_has_every_year_and_the_threshold(dashboard: TargetsDashboard) -> None:
    chart = dashboard.cards["N"].chart
    assert chart.values() == [None, None, None, None, 0.5, pytest.approx(18 / 31)]
    assert chart.threshold() == 0.5
    assert not chart.grab().isNull()
    assert dashboard.cards["Q"].chart.threshold() is None


def test_switching_to_dutch_formats_and_translates(
    qtbot, dashboard: TargetsDashboard, switcher: LanguageSwitcher
) -> None:
    switcher.switch("nl")
    qtbot.waitUntil(lambda: row_texts(dashboard, "N", 0)[1] == "58,1%")
    assert row_texts(dashboard, "N", 0) == ("2025 (voorlopig)", "58,1%", "✘ doel niet gehaald")
    assert row_texts(dashboard, "P", 0) == ("2025 (voorlopig)", "7,50", "✔ doel gehaald")
    assert row_texts(dashboard, "Q", 0) == ("2025 (voorlopig)", "30,0%", "◆ basisjaar")
    assert dashboard.cards["N"].reasonLabels[0].text() == (
        "(voorlopig, t/m 1 juni 2025) 58,1%, ten minste 50%, maar geen significante stijging "
        "ten opzichte van 2024 (p\u00a0=\u00a00,286)."
    )
    switcher.switch("en")
    qtbot.waitUntil(lambda: row_texts(dashboard, "N", 0)[1] == "58.1%")


@pytest.mark.parametrize("how", ["click", "enter", "space"])
def test_a_target_opens_its_figures(
    qtbot, qtmodeltester, dashboard: TargetsDashboard, dialogs, how: str
) -> None:
    card = dashboard.cards["N"]
    assert card.focusPolicy() == Qt.FocusPolicy.StrongFocus
    assert (
        card.accessibleName()
        == "N · High-tech employers using the centre: 2025 58.1%, target not met"
    )
    if how == "click":
        qtbot.mouseClick(card, Qt.MouseButton.LeftButton)
    else:
        card.setFocus()
        key = Qt.Key.Key_Return if how == "enter" else Qt.Key.Key_Space
        qtbot.keyClick(card, key)
    assert len(dialogs) == 1
    dialog = dialogs[0]
    assert isinstance(dialog, FiguresDialog)
    table = dialog.table
    qtmodeltester.check(table.model())
    assert table.rowCount() == 6
    assert [table.item(5, column).text() for column in range(table.columnCount())] == [
        "2025",
        "31",
        "58.1%",
        "40.8% – 73.6%",
        "0.286",
        "✘ target not met",
        "(provisional, up to 1 June 2025) 58.1%, at least 50%, but no significant rise on "
        "2024 (p\u00a0=\u00a00.286).",
    ]
    assert table.item(0, 5).text() == "? insufficient data"
