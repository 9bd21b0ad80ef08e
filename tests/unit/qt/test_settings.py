"""Typed settings in an INI file, with a layout version."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from expatdesk.qt import settings as settings_module
from expatdesk.qt.settings import VERSION, VERSION_KEY, Settings


def test_defaults_and_round_trip(tmp_path: Path) -> None:
    settings = Settings.open(tmp_path)
    assert settings.language is None
    assert settings.main_window_geometry == QByteArray()
    settings.language = "nl"
    settings.main_window_geometry = QByteArray(b"\x01\x02")
    settings.sync()
    again = Settings.open(tmp_path)
    assert again.language == "nl"
    assert again.main_window_geometry == QByteArray(b"\x01\x02")
    assert (tmp_path / "settings.ini").exists()
    again.language = None
    assert again.language is None


def test_the_filters_and_order_of_the_lists(tmp_path: Path) -> None:
    settings = Settings.open(tmp_path)
    assert (settings.expats_filters, settings.expats_order) == ("", "")
    settings.expats_filters = '{"arrival_year": 2024, "category": "researcher"}'
    settings.expats_order = "-arrival_date"
    settings.employers_filters = '{"high_tech": 1}'
    settings.employers_order = "name"
    settings.sync()
    again = Settings.open(tmp_path)
    assert again.expats_filters == '{"arrival_year": 2024, "category": "researcher"}'
    assert again.expats_order == "-arrival_date"
    assert (again.employers_filters, again.employers_order) == ('{"high_tech": 1}', "name")


def test_a_bad_value_reads_as_the_default(tmp_path: Path) -> None:
    store = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    store.setValue("general/language", "klingon")
    assert Settings(store).language is None


def test_the_layout_version_is_written_and_upgrades_run(tmp_path: Path, monkeypatch) -> None:
    store = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    store.setValue(VERSION_KEY, VERSION - 1)
    ran: list[int] = []
    monkeypatch.setitem(settings_module.UPGRADES, VERSION, lambda _store: ran.append(VERSION))
    Settings(store)
    assert ran == [VERSION]
    assert store.value(VERSION_KEY, type=int) == VERSION
    Settings(store)
    assert ran == [VERSION]


def test_a_newer_layout_is_left_alone(tmp_path: Path) -> None:
    store = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    store.setValue(VERSION_KEY, VERSION + 5)
    Settings(store)
    assert store.value(VERSION_KEY, type=int) == VERSION + 5


RESTART = (
    "import sys\n"
    "from pathlib import Path\n"
    "from expatdesk.qt.settings import Settings\n"
    "settings = Settings.open(Path(sys.argv[1]))\n"
    "if len(sys.argv) > 2:\n"
    "    settings.language = sys.argv[2]\n"
    "print(settings.language)\n"
    "settings.sync()\n"
)


def _process(folder: Path, *language: str) -> str:
    """Open the settings in a process of its own, as a restarted app does."""
    result = subprocess.run(
        [sys.executable, "-c", RESTART, str(folder), *language],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return result.stdout.strip()


def test_the_language_survives_a_restart(tmp_path: Path) -> None:
    assert _process(tmp_path, "nl") == "nl"
    assert _process(tmp_path) == "nl"  # the next start reads what the last one chose
    assert "[interface]\nlanguage=nl" in (tmp_path / "settings.ini").read_text()


def test_a_language_stored_under_general_is_moved_on_opening(tmp_path: Path) -> None:
    """Layout 1 wrote it where Qt reads it back under another key: [%General]."""
    (tmp_path / "settings.ini").write_text("[%General]\nlanguage=nl\n\n[meta]\nversion=1\n")
    assert _process(tmp_path) == "nl"
    text = (tmp_path / "settings.ini").read_text()
    assert "General" not in text
    assert "version=2" in text
