"""What starting the app imports: the window and the first list, not the heavy parts that only
some areas and commands need (reports, PDF, charts, statistics, spreadsheets, file exchange)."""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import expatdesk
from expatdesk.db.database import Database
from tests.helpers.sample import Sample

#: Modules the start path must not load: they load when an area or a command first needs them.
HEAVY = (
    "expatdesk.exchange",
    "expatdesk.common.list_export",
    "expatdesk.reports.targets",
    "expatdesk.reports.stats",
    "expatdesk.reports.pdf",
    "expatdesk.bench",
    "reportlab",
    "scipy",
    "numpy",
    "openpyxl",
    "PySide6.QtCharts",
    "PySide6.QtPdf",
    "PySide6.QtPrintSupport",
    "expatdesk.documents.letters",
    "expatdesk.documents.letterhead",
    "expatdesk.qt.documents.letter_dialog",
    "expatdesk.qt.documents.template_dialog",
)
#: The main window's areas and dialogs, imported when first shown (qt/widgets/area_stack.py),
#: and what only a new or missing database needs: none of them is on the start path either.
LAZY = (
    "expatdesk.qt.home.page",
    "expatdesk.qt.expats.area",
    "expatdesk.qt.employers.area",
    "expatdesk.qt.widgets.record_area",
    "expatdesk.qt.cases",
    "expatdesk.qt.targets",
    "expatdesk.qt.reports",
    "expatdesk.qt.kiosk",
    "expatdesk.qt.surveys.dialog",
    "expatdesk.qt.surveys.recording",
    "expatdesk.qt.privacy",
    "expatdesk.qt.expats.editor",
    "expatdesk.qt.expats.merge_dialog",
    "expatdesk.qt.employers.editor",
    "expatdesk.qt.home.quick_open",
    "expatdesk.qt.accounts.staff_dialog",
    "expatdesk.qt.accounts.password_dialog",
    "expatdesk.qt.accounts.first_admin_dialog",
    "expatdesk.qt.widgets.record_editor",
    "expatdesk.qt.exchange.import_dialog",
)
#: The modules a start imports: the command line, the app and its main window.
START = ("expatdesk.cli.main", "expatdesk.qt.app", "expatdesk.qt.main_window")


def _loaded_after(modules: tuple[str, ...]) -> list[str]:
    code = (
        "import importlib, json, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    return list(json.loads(result.stdout))


def _run_on(database: Database, code: str) -> Any:
    """What ``code`` prints last as JSON, run in a new process with the database's URL and a
    settings folder beside it as its arguments."""
    url = database.url.render_as_string(hide_password=False)
    settings = Path(str(database.url.database)).with_name("settings")
    result = subprocess.run(
        [sys.executable, "-c", code, url, str(settings)],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def _heavy(loaded: list[str], heavy: tuple[str, ...] = HEAVY) -> list[str]:
    return [name for name in loaded if any(name == h or name.startswith(h + ".") for h in heavy)]


def test_the_start_path_leaves_the_heavy_modules_out() -> None:
    loaded = _loaded_after(START)
    assert "expatdesk.qt.main_window" in loaded
    assert _heavy(loaded) == []


def test_the_check_sees_a_heavy_module_that_loads() -> None:
    """What an export needs loads with it, and the check names it."""
    assert "expatdesk.exchange" in _heavy(_loaded_after(("expatdesk.common.list_export",)))


def test_the_start_path_leaves_the_areas_and_dialogs_out() -> None:
    """Each area is imported when the window first shows it; its dialogs when first opened."""
    assert _heavy(_loaded_after(START), LAZY) == []


#: A child's main window on the database ``sys.argv[1]``, not yet shown (for :func:`_run_on`).
_WINDOW = (
    "from PySide6.QtWidgets import QApplication\n"
    "from pathlib import Path\n"
    "from expatdesk.accounts.actor import SYSTEM\n"
    "from expatdesk.db.database import open_database\n"
    "from expatdesk.qt.language import LanguageSwitcher\n"
    "from expatdesk.qt.main_window import MainWindow\n"
    "from expatdesk.qt.settings import Settings\n"
    "app = QApplication([])\n"
    "settings = Settings.open(Path(sys.argv[2]))\n"
    "database = open_database(sys.argv[1], migrate=False)\n"
    "window = MainWindow(database, settings, LanguageSwitcher(app, settings), SYSTEM)\n"
)


def test_a_window_imports_only_the_areas_it_shows(sqlite_database: Database) -> None:
    """Shown on the expats list, the window has imported that area and no other."""
    code = (
        "import json, sys\n" + _WINDOW + "window.show()\n"
        "window.show_area(1)\n"
        "app.processEvents()\n"
        "shown = type(window.current_area()).__name__\n"
        "print(json.dumps([shown, sorted(sys.modules)]))\n"
        "window.close()\n"
        "database.dispose()\n"
    )
    shown, loaded = _run_on(sqlite_database, code)
    assert shown == "RecordArea"
    assert _heavy(loaded, LAZY) == ["expatdesk.qt.expats.area", "expatdesk.qt.widgets.record_area"]


#: An expat's page: the record, its timeline and its history, shown after the list has painted.
PAGE = (
    "expatdesk.qt.expats.page",
    "expatdesk.qt.widgets.detail_html",
    "expatdesk.qt.surveys.summary",
    "expatdesk.history.read",
    "expatdesk.timeline",
)


def test_the_first_expats_page_is_imported_after_the_list_has_painted(
    sqlite_database: Database, sample: Sample
) -> None:
    code = (
        "import json, sys, time\n" + _WINDOW + "window.show_area(1)\n"
        "window.show()\n"
        "built = sorted(sys.modules)\n"
        "area = window.expats_area\n"
        "until = time.monotonic() + 20\n"
        "while not area.ui.detail.toPlainText().strip() and time.monotonic() < until:\n"
        "    app.processEvents()\n"
        "page = area.ui.detail.toPlainText().split('\\n')[0]\n"
        "print(json.dumps([built, sorted(sys.modules), page]))\n"
        "window.close()\n"
        "database.dispose()\n"
    )
    built, painted, page = _run_on(sqlite_database, code)
    assert _heavy(built, PAGE) == []
    assert _heavy(painted, PAGE) == sorted(PAGE)
    assert page == "Wei Chen"  # the first expat's page (by family name), read after the paint


def test_the_collector_leaves_the_old_objects_alone_until_the_window_is_shown(
    sqlite_database: Database,
) -> None:
    code = (
        "import gc, json, sys\n"
        "from pathlib import Path\n"
        "from expatdesk.db.engine import parse_url\n"
        "from expatdesk.qt.app import application, open_main_window\n"
        "from expatdesk.qt.language import LanguageSwitcher\n"
        "from expatdesk.qt.settings import Settings\n"
        "starting = gc.get_threshold()[1]\n"
        "automatic = gc.isenabled()\n"
        "app = application()\n"
        "automatic_with_qt = gc.isenabled()\n"
        "settings = Settings.open(Path(sys.argv[2]))\n"
        "switcher = LanguageSwitcher(app, settings)\n"
        "window = open_main_window(parse_url(sys.argv[1]), settings, switcher)\n"
        "shown = gc.get_threshold()[1]\n"
        "app.processEvents()\n"
        "frozen = gc.get_freeze_count()\n"
        "print(json.dumps([starting, shown, gc.get_threshold()[1], frozen,"
        " automatic, automatic_with_qt]))\n"
        "window.close()\n"
        "window.database.dispose()\n"
    )
    starting, shown, painted, frozen, automatic, automatic_with_qt = _run_on(sqlite_database, code)
    # With the application, only its GUI thread collects cycles (expatdesk.qt.background).
    assert (automatic, automatic_with_qt) == (True, False)
    assert starting == shown == expatdesk.STARTING_GC_THRESHOLDS[1]
    assert painted == gc.get_threshold()[1] < expatdesk.STARTING_GC_THRESHOLDS[1]
    assert frozen > 50_000  # what the start made: the collector walks it no more


def test_a_command_collects_as_usual_from_its_start(tmp_path: Path) -> None:
    code = (
        "import gc, sys\n"
        "from expatdesk.cli.main import main\n"
        "print(gc.get_threshold()[1])\n"
        "main(['--database', sys.argv[1], 'staff', 'list'])\n"  # refused: there is no database
        "print(gc.get_threshold()[1])\n"
        "frozen = gc.get_freeze_count()\n"
        "import expatdesk\n"
        "kept = [[n] for n in range(1000)]\n"
        "expatdesk.started()\n"  # once only: what is made later is collected as usual
        "print(gc.get_freeze_count() - frozen)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "missing.sqlite3")],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    starting, running, frozen_again = (int(line) for line in result.stdout.split())
    assert starting == expatdesk.STARTING_GC_THRESHOLDS[1]
    assert running == gc.get_threshold()[1] < expatdesk.STARTING_GC_THRESHOLDS[1]
    assert frozen_again == 0


def test_every_qt_module_imports_before_the_application_exists() -> None:
    """Modules are imported before there is a QApplication (a test's collection, a lazy area):
    one that makes a Qt object when imported (a platform key sequence, a font) crashed there."""
    script = (
        "import importlib, pkgutil, expatdesk.qt as qt\n"
        "for found in pkgutil.walk_packages(qt.__path__, 'expatdesk.qt.'):\n"
        "    importlib.import_module(found.name)\n"
        "from PySide6.QtCore import QCoreApplication\n"
        "assert QCoreApplication.instance() is None\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr[-2000:]
