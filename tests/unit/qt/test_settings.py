"""Typed settings in an INI file, with a layout version."""

from __future__ import annotations

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
