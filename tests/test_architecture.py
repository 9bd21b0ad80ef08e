"""The core never imports Qt: it must run and be tested without a display."""

from __future__ import annotations

import ast
import pkgutil
import subprocess
import sys
from pathlib import Path

import expatdesk

PACKAGE = Path(expatdesk.__file__).parent
QT_PACKAGES = ("PySide6", "shiboken6", "PyQt5", "PyQt6")


def _core_modules() -> list[str]:
    names = []
    for module in pkgutil.walk_packages([str(PACKAGE)], prefix="expatdesk."):
        if module.name.startswith("expatdesk.qt") or ".migrations" in module.name:
            continue
        if module.name == "expatdesk.__main__":
            continue
        names.append(module.name)
    return names


def test_core_modules_do_not_import_qt_in_their_source() -> None:
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        if "qt" in path.relative_to(PACKAGE).parts[:1]:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            else:
                continue
            offenders += [f"{path}: {name}" for name in names if name.startswith(QT_PACKAGES)]
    assert offenders == []


def test_importing_the_whole_core_loads_no_qt() -> None:
    modules = _core_modules()
    assert "expatdesk.cli.main" in modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        f"loaded = [m for m in sys.modules if m.startswith({QT_PACKAGES!r})]\n"
        "print(loaded)\n"
        "sys.exit(1 if loaded else 0)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr
