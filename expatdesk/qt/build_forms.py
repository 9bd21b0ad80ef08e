"""Compile the Designer forms ``ui/*.ui`` into ``expatdesk/qt/forms/ui_*.py`` with pyside6-uic.

``python -m expatdesk.qt.build_forms`` regenerates every form; ``--check`` only reports the forms
whose generated module is out of date (exit status 1), as the test suite does. The output does not
depend on the Qt version that compiled it, so the committed modules stay comparable.
"""

from __future__ import annotations

import argparse
import ast
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
UI_DIR = ROOT / "ui"
FORMS_DIR = Path(__file__).resolve().parent / "forms"

HEADER = """\
# Generated from ui/{name} by `python -m expatdesk.qt.build_forms`: do not edit.
# Change the form in Qt Designer and run the command again.
# mypy: ignore-errors
from typing import Any
"""
SETUP_DEF = re.compile(r"def (setupUi|retranslateUi)\(self, (\w+)\):")


def uic_command() -> list[str]:
    """The pyside6-uic of this Python environment (the one beside the interpreter first)."""
    beside = Path(sys.executable).with_name("pyside6-uic")
    if beside.exists():
        return [str(beside)]
    found = shutil.which("pyside6-uic")
    if found:
        return [found]
    raise SystemExit("pyside6-uic not found: install PySide6 into this environment")


def target(ui_file: Path) -> Path:
    """``ui/main_window.ui`` becomes ``expatdesk/qt/forms/ui_main_window.py``."""
    return FORMS_DIR / f"ui_{ui_file.stem}.py"


def compile_form(ui_file: Path) -> str:
    """The Python source pyside6-uic makes of ``ui_file``, with our header, version-free."""
    result = subprocess.run(
        [*uic_command(), "--generator", "python", str(ui_file)],
        capture_output=True,
        text=True,
        check=True,
    )
    lines = [
        line
        for line in result.stdout.splitlines()
        # The compiler's version would make every Qt update rewrite every form; the coding
        # cookie would no longer be on the first lines.
        if not line.startswith(("## Created by: Qt User Interface Compiler", "# -*- coding"))
    ]
    source = "\n".join(lines).rstrip() + "\n"
    # Typed entry points, so that the typed code calling them stays checked.
    source = SETUP_DEF.sub(r"def \1(self, \2: Any) -> None:", source)
    return HEADER.format(name=ui_file.name) + used_imports_only(source)


def used_imports_only(source: str) -> str:
    """``source`` with only the PySide6 names it uses imported.

    pyside6-uic imports the same two dozen classes into every form. PySide6 makes a class on
    its first import, so the gradients, fonts and dates no form uses cost 5 ms of start-up.
    """
    tree = ast.parse(source)
    used = {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)}
    lines = source.splitlines(keepends=True)
    imports = [
        node
        for node in tree.body
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("PySide6.")
    ]
    for node in reversed(imports):  # from the bottom, so the line numbers above stay right
        names = sorted({alias.name for alias in node.names} & used, key=str.lower)
        statement = _import_lines(str(node.module), names) if names else []
        lines[node.lineno - 1 : node.end_lineno] = statement
    return "".join(lines)


def _import_lines(module: str, names: list[str]) -> list[str]:
    """``from module import (A, B,`` wrapped within 79 characters, in uic's style."""
    lines, line = [], f"from {module} import ("
    for position, name in enumerate(names):
        item = name + (")" if position == len(names) - 1 else ",")
        if len(line) + len(item) + 1 > 79 and not line.endswith("("):
            lines.append(line.rstrip() + "\n")
            line = "    "
        line += item if line.endswith(("(", "    ")) else " " + item
    return [*lines, line + "\n"]


def forms() -> list[Path]:
    return sorted(UI_DIR.glob("*.ui"))


def stale() -> list[Path]:
    """The forms whose generated module is missing or differs from a fresh compile."""
    return [
        ui_file
        for ui_file in forms()
        if not target(ui_file).exists()
        or target(ui_file).read_text(encoding="utf-8") != compile_form(ui_file)
    ]


def build() -> list[Path]:
    """Regenerate every form; returns the modules written."""
    written = []
    for ui_file in forms():
        path = target(ui_file)
        path.write_text(compile_form(ui_file), encoding="utf-8")
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m expatdesk.qt.build_forms", description=__doc__)
    parser.add_argument("--check", action="store_true", help="only report out-of-date forms")
    args = parser.parse_args(argv)
    if args.check:
        outdated = stale()
        for ui_file in outdated:
            print(f"{target(ui_file).relative_to(ROOT)} is out of date with ui/{ui_file.name}")
        return 1 if outdated else 0
    for path in build():
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
