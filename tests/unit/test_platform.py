"""Where the app touches the platform it asks the platform, so Windows and macOS builds work.

The data and settings folders come from platformdirs; the fonts, catalogs, icon and migrations
are found beside the package (also inside the frozen build); no path is written for one system.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import platformdirs
import platformdirs.macos
import pytest

import expatdesk
from expatdesk import config

PACKAGE = Path(expatdesk.__file__).parent


def test_the_data_folder_on_macos(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("XDG_DATA_HOME")  # (the suite sets it; macOS does not)
    mac = platformdirs.macos.MacOS
    monkeypatch.setattr(
        platformdirs, "user_data_dir", lambda name, appauthor: mac(name, appauthor).user_data_dir
    )
    assert config.default_database() == str(
        tmp_path / "Library" / "Application Support" / "ExpatDesk" / "expatdesk.sqlite3"
    )


def test_the_data_and_settings_folders_on_windows(monkeypatch: pytest.MonkeyPatch) -> None:
    local = r"C:\Users\anna\AppData\Local\ExpatDesk"
    monkeypatch.setattr(platformdirs, "user_data_dir", lambda name, appauthor: local)
    monkeypatch.setattr(platformdirs, "user_config_dir", lambda name, appauthor: local)
    assert config.data_dir() == Path(local)
    assert config.default_database() == str(Path(local) / "expatdesk.sqlite3")
    assert config.config_dir({}) == Path(local)


SYSTEM_PATH = re.compile(r"^(/(tmp|home|usr|etc|var|opt|root)\b|~/|[A-Za-z]:\\)")


def test_no_path_is_written_for_one_system() -> None:
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
            and node.body
            and isinstance(node.body[0], ast.Expr)
            and isinstance(node.body[0].value, ast.Constant)
        }
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and id(node) not in docstrings
                and SYSTEM_PATH.match(node.value)
            ):
                offenders.append(f"{path.relative_to(PACKAGE)}:{node.lineno}: {node.value!r}")
    assert offenders == []


def test_resources_are_found_beside_the_package_from_any_folder(tmp_path: Path) -> None:
    code = (
        "from expatdesk import i18n\n"
        "from expatdesk.reports.pdf import fonts\n"
        "from expatdesk.qt import app\n"
        "print((i18n.LOCALES_DIR / 'nl' / 'LC_MESSAGES' / 'expatdesk.po').is_file(),"
        " (fonts.FONTS_DIR / 'DejaVuSans.ttf').is_file(), app.ICON.is_file())\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    assert result.stdout.split() == ["True", "True", "True"]
