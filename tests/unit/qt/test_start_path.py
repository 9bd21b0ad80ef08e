"""What starting the app imports: the window and the first list, not the heavy parts that only
some areas and commands need (reports, PDF, charts, statistics, spreadsheets, file exchange)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

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


def _heavy(loaded: list[str]) -> list[str]:
    return [name for name in loaded if any(name == h or name.startswith(h + ".") for h in HEAVY)]


def test_the_start_path_leaves_the_heavy_modules_out() -> None:
    loaded = _loaded_after(START)
    assert "expatdesk.qt.main_window" in loaded
    assert _heavy(loaded) == []


def test_the_check_sees_a_heavy_module_that_loads() -> None:
    """What an export needs loads with it, and the check names it."""
    assert "expatdesk.exchange" in _heavy(_loaded_after(("expatdesk.common.list_export",)))
