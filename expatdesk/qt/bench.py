"""The bench's measurements with Qt, each run as ``python -m expatdesk.qt.bench KIND JSON``.

``JSON`` holds the arguments and ``$EXPATDESK_DATABASE_URL`` names the database; the result is one
JSON object on standard output. The runner (:mod:`expatdesk.bench.runner`) starts each in a child
process on the offscreen platform.

``startup``
    the main window on the database, as ``expatdesk`` opens it, until the expats list has painted
    its first page of rows; reports that moment as ``time.monotonic()`` (the same clock in every
    process), so the runner counts from the moment it started the process.
``window``
    an empty PySide6 window until it has painted: the floor of start-up. Only PySide6 is imported.
``scroll``
    the main window's expats list scrolled from top to bottom in ``steps`` jumps of the scroll
    bar, each painted at once (rows are read as they come into view).
``scroll-floor``
    the same view of the same size scrolled in the same steps over a plain model that makes up
    its cells: the floor of scrolling.
``open``
    expats opened as the record view opens them (:mod:`expatdesk.bench.open_record`: load, the
    timeline, the page rendered and laid out); the floor runs the SQL statements of loading
    them on a bare DBAPI connection.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable
from functools import partial
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtWidgets import QApplication, QTableView, QWidget

from expatdesk import started
from expatdesk.qt.widgets.first_paint import FirstPaint


def _application() -> QApplication:
    existing = QApplication.instance()
    return existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])


def empty_window(_arguments: dict[str, Any]) -> dict[str, Any]:
    app = _application()
    window = QWidget()
    window.resize(1400, 860)
    result: dict[str, Any] = {}

    def painted() -> None:
        result["painted"] = time.monotonic()
        app.quit()

    FirstPaint(window, painted)
    window.show()
    app.exec()
    window.close()
    return result


def _main_window(url: str) -> Any:
    """The main window on ``url`` as :func:`expatdesk.qt.app.run` opens it, on the expats."""
    from expatdesk.config import config_dir
    from expatdesk.db.engine import parse_url
    from expatdesk.qt.app import application, open_main_window
    from expatdesk.qt.language import LanguageSwitcher
    from expatdesk.qt.settings import Settings

    app = application()
    settings = Settings.open(config_dir())
    switcher = LanguageSwitcher(app, settings)
    switcher.apply("en")
    window = open_main_window(parse_url(url), settings, switcher)
    if window is None:
        raise SystemExit(1)
    window.show_area(window.areas.index(window.expats_area))  # before anything is painted
    return window


def startup(arguments: dict[str, Any]) -> dict[str, Any]:
    window = _main_window(arguments["url"])
    app = _application()
    area = window.expats_area
    result: dict[str, Any] = {}

    def painted() -> None:
        result["painted"] = time.monotonic()
        result["rows"] = area.model.rowCount()
        result["pages_read"] = area.model.page_reads
        app.quit()

    FirstPaint(area.ui.table.viewport(), painted)
    app.exec()
    window.close()
    window.database.dispose()
    return result


def _scroll(table: QTableView, steps: int) -> list[float]:
    """Jump the scroll bar from top to bottom in ``steps`` steps, painting after each."""
    bar = table.verticalScrollBar()
    viewport = table.viewport()
    times = []
    for step in range(1, steps + 1):
        started = time.perf_counter()
        bar.setValue(round(step * bar.maximum() / steps))
        viewport.repaint()
        times.append(time.perf_counter() - started)
    return times


def scroll(arguments: dict[str, Any]) -> dict[str, Any]:
    window = _main_window(arguments["url"])
    app = _application()
    area = window.expats_area
    table = area.ui.table
    result: dict[str, Any] = {}

    def run() -> None:
        result["steps"] = _scroll(table, int(arguments["steps"]))
        result["rows"] = area.model.rowCount()
        result["pages_read"] = area.model.page_reads
        result["viewport"] = [table.viewport().width(), table.viewport().height()]
        result["columns"] = [
            table.columnWidth(column) for column in range(area.model.columnCount())
        ]
        result["row_height"] = table.verticalHeader().defaultSectionSize()
        app.quit()

    def when_whole() -> None:
        """The list paints its first rows, then reads the rest: scroll the whole list."""
        if not area.model.complete:
            QTimer.singleShot(10, when_whole)
        else:
            run()

    FirstPaint(table.viewport(), when_whole)
    app.exec()
    window.close()
    window.database.dispose()
    return result


def opening(arguments: dict[str, Any]) -> dict[str, Any]:
    """Open expats as the record view does: load, timeline, page rendered and laid out."""
    from PySide6.QtWidgets import QTextBrowser

    from expatdesk.bench.child import captured, replay, timed
    from expatdesk.bench.open_record import busiest_expats, open_expats, random_ids
    from expatdesk.db.database import open_database
    from expatdesk.qt.expats.page import load, render

    _application()
    browser = QTextBrowser()
    browser.resize(520, 800)

    def show(html: str) -> object:
        browser.setHtml(html)
        return browser.document().size()  # asking for the size lays the page out

    database = open_database(arguments["url"], migrate=False)
    try:
        ids = random_ids(database, "expat", int(arguments["count"]))

        def opened(chosen: list[int]) -> list[float]:  # as the record area opens a page
            return open_expats(database, chosen, render=render, show=show, load=load)

        opened(ids[:10])  # warm the caches
        figure = [ms / 1000 for ms in opened(ids)]
        busiest = busiest_expats(database, int(arguments["busiest"]))
        heaviest = [ms / 1000 for ms in opened(busiest)]
        statements = []
        for expat_id in ids:
            with captured(database.engine) as queries:
                load(database, expat_id)
            statements.append(queries)
        raw = database.engine.raw_connection()
        try:
            cursor = raw.cursor()
            floor = [timed(partial(replay, cursor, queries)) for queries in statements]
            cursor.close()
        finally:
            raw.close()
    finally:
        database.dispose()
    return {"figure": figure, "floor": floor, "busiest": heaviest}


Index = QModelIndex | QPersistentModelIndex


class _PlainModel(QAbstractTableModel):
    """``rows`` rows of made-up text: no database, no cache."""

    def __init__(self, rows: int, columns: int) -> None:
        super().__init__()
        self._rows = rows
        self._columns = columns

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._rows

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._columns

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return f"Row {index.row()} column {index.column()}"
        return None


def scroll_floor(arguments: dict[str, Any]) -> dict[str, Any]:
    app = _application()
    columns = list(arguments["columns"])
    model = _PlainModel(int(arguments["rows"]), len(columns))
    table = QTableView()
    table.setModel(model)
    for column, width in enumerate(columns):
        table.setColumnWidth(column, width)
    table.verticalHeader().setDefaultSectionSize(int(arguments["row_height"]))
    width, height = arguments["viewport"]
    table.resize(
        width + table.verticalHeader().width() + 20, height + table.horizontalHeader().height() + 20
    )
    result: dict[str, Any] = {}

    def run() -> None:
        result["steps"] = _scroll(table, int(arguments["steps"]))
        app.quit()

    FirstPaint(table.viewport(), run)
    table.show()
    app.exec()
    table.close()
    return result


MEASUREMENTS: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    "startup": startup,
    "window": empty_window,
    "scroll": scroll,
    "scroll-floor": scroll_floor,
    "open": opening,
}


def main(argv: list[str]) -> int:
    kind, given = argv
    arguments = json.loads(given)
    arguments.setdefault("url", os.environ.get("EXPATDESK_DATABASE_URL", ""))
    if kind not in ("startup", "window"):  # those two end when the first window is painted
        started()
    result = MEASUREMENTS[kind](arguments)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
