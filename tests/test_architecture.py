"""The shape of the code, kept by a test: what may import what, and how big a module may grow.

- The core (``expatdesk`` minus ``expatdesk.qt``) never imports Qt: it runs and is tested without
  a display.
- The Qt layer never imports SQLAlchemy or the database driver: it presents and calls services,
  and the core sorts database errors (:mod:`expatdesk.common.db_errors`).
- No import cycles among ExpatDesk's modules, counting the imports inside functions as well.
- An import inside a function is only for keeping something heavy off the start path (the
  reports and their PDF, the exchange formats, the bench, the demo) or in an entry point that
  loads one command's code (the command line, the self-test, the bench's child processes);
  never to dodge a cycle.
- No hand-written module over 600 lines, no package with more than 15 modules side by side.
- Every ``eventFilter`` written in Python is wrapped by
  :func:`expatdesk.qt.bindings.event_filter` (a filter the garbage collector has emptied still
  sees the last events of the window it watched).
"""

from __future__ import annotations

import ast
import pkgutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import expatdesk

PACKAGE = Path(expatdesk.__file__).parent
QT_PACKAGES = ("PySide6", "shiboken6", "PyQt5", "PyQt6")
DATABASE_PACKAGES = ("sqlalchemy", "psycopg", "psycopg2", "sqlite3", "alembic")
MAX_LINES = 600
MAX_MODULES = 15
# Heavy modules that may be imported inside a function, to keep them off the start path.
LAZY_TARGETS = (
    "expatdesk.reports",
    "expatdesk.exchange",
    "expatdesk.bench",
    "expatdesk.demo",
    "expatdesk.documents",
    "expatdesk.qt.documents.letter_dialog",  # the letters, made with reportlab
    "expatdesk.common.list_export",
    # The main window's areas and dialogs: imported when first shown (qt/widgets/area_stack.py).
    "expatdesk.qt.home",
    "expatdesk.qt.expats",
    "expatdesk.qt.employers",
    "expatdesk.qt.cases",
    "expatdesk.qt.targets",
    "expatdesk.qt.reports",
    "expatdesk.qt.privacy",
    "expatdesk.qt.surveys",
    "expatdesk.qt.accounts.staff_dialog",
    "expatdesk.qt.accounts.password_dialog",
    "expatdesk.qt.widgets.record_area",
    "expatdesk.qt.exchange.import_dialog",
    # A record's page: read after the list has painted (qt/expats/area.py).
    "expatdesk.qt.widgets.detail_html",
    # What a signed-in staff member uses, not a window without sign-in (the bench).
    "expatdesk.qt.accounts.login_dialog",
    "expatdesk.qt.accounts.idle_lock",
    # What only a new database or a missing one asks for (qt/app.py).
    "expatdesk.qt.accounts.first_admin_dialog",
    "expatdesk.qt.widgets.record_editor",
)
# Entry points that load one command's (or one measurement's) code when it runs.
LAZY_IMPORTERS = (
    "expatdesk.cli",
    "expatdesk.selftest",
    "expatdesk.qt.selftest",
    "expatdesk.qt.bench",
    "expatdesk.bench",
)


@dataclass(frozen=True)
class Import:
    importer: str
    target: str
    line: int
    in_function: bool


def _generated(path: Path) -> bool:
    relative = path.relative_to(PACKAGE).as_posix()
    return relative.startswith(("qt/forms/ui_", "db/migrations/versions/"))


def _modules() -> dict[str, Path]:
    modules = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        modules[".".join(parts)] = path
    return modules


MODULES = _modules()


def _resolve(name: str) -> str | None:
    while name not in MODULES:
        if "." not in name:
            return None
        name = name.rsplit(".", 1)[0]
    return name


def _imports(module: str, path: Path) -> Iterator[tuple[ast.AST, str, bool]]:
    """Every imported name of a module: (node, dotted name, inside a function)."""

    def visit(node: ast.AST, in_function: bool) -> Iterator[tuple[ast.AST, str, bool]]:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.Import):
                for alias in child.names:
                    yield child, alias.name, in_function
            elif isinstance(child, ast.ImportFrom):
                base = child.module or ""
                if child.level:
                    package = module.split(".")
                    if path.name != "__init__.py":
                        package.pop()
                    package = package[: len(package) - child.level + 1]
                    base = ".".join(package + ([base] if base else []))
                for alias in child.names:
                    yield child, f"{base}.{alias.name}", in_function
            is_function = isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
            yield from visit(child, in_function or is_function)

    yield from visit(ast.parse(path.read_text(encoding="utf-8")), False)


def _expatdesk_imports() -> list[Import]:
    found = []
    for module, path in MODULES.items():
        if _generated(path):
            continue
        for node, name, in_function in _imports(module, path):
            if not name.startswith("expatdesk"):
                continue
            target = _resolve(name)
            # A module importing the package it belongs to (its __init__) is not an edge.
            if target is None or target == module or module.startswith(target + "."):
                continue
            found.append(Import(module, target, getattr(node, "lineno", 0), in_function))
    return found


def _foreign_imports(prefixes: tuple[str, ...], *, qt: bool) -> list[str]:
    offenders = []
    for module, path in MODULES.items():
        if module.startswith("expatdesk.qt") != qt or _generated(path):
            continue
        for node, name, _ in _imports(module, path):
            top = name.split(".")[0]
            if top.startswith(prefixes) and top in prefixes:
                offenders.append(f"{module}:{getattr(node, 'lineno', 0)} imports {name}")
    return offenders


def test_core_modules_do_not_import_qt_in_their_source() -> None:
    assert _foreign_imports(QT_PACKAGES, qt=False) == []


def test_importing_the_whole_core_loads_no_qt() -> None:
    modules = [
        module.name
        for module in pkgutil.walk_packages([str(PACKAGE)], prefix="expatdesk.")
        if not module.name.startswith("expatdesk.qt")
        and ".migrations" not in module.name
        and module.name != "expatdesk.__main__"
    ]
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


def test_the_qt_layer_does_not_touch_the_database_itself() -> None:
    assert _foreign_imports(DATABASE_PACKAGES, qt=True) == []


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan, iteratively)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []
    for root in sorted(edges):
        if root in index:
            continue
        work = [(root, iter(sorted(edges[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, targets = work[-1]
            for target in targets:
                if target not in index:
                    index[target] = low[target] = len(index)
                    stack.append(target)
                    on_stack.add(target)
                    work.append((target, iter(sorted(edges.get(target, ())))))
                    break
                if target in on_stack:
                    low[node] = min(low[node], index[target])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        components.append(sorted(component))
    return components


def test_the_cycle_finder_finds_a_cycle() -> None:
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _cycles(edges) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_cycles_even_through_imports_inside_functions() -> None:
    edges: dict[str, set[str]] = {module: set() for module in MODULES}
    for found in _expatdesk_imports():
        edges[found.importer].add(found.target)
    assert _cycles(edges) == []


def test_imports_inside_functions_only_keep_heavy_modules_off_the_start_path() -> None:
    offenders = [
        f"{found.importer}:{found.line} imports {found.target} inside a function"
        for found in _expatdesk_imports()
        if found.in_function
        and not found.target.startswith(LAZY_TARGETS)
        and not found.importer.startswith(LAZY_IMPORTERS)
    ]
    assert offenders == []


def test_no_hand_written_module_is_over_600_lines() -> None:
    too_long = {}
    for path in PACKAGE.rglob("*.py"):
        if _generated(path):
            continue
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > MAX_LINES:
            too_long[path.relative_to(PACKAGE.parent).as_posix()] = lines
    assert too_long == {}


def test_no_package_holds_more_than_15_modules() -> None:
    crowded = {}
    for folder in [PACKAGE, *(p for p in PACKAGE.rglob("*") if p.is_dir())]:
        if folder.name == "__pycache__" or folder.relative_to(PACKAGE).as_posix() in (
            "qt/forms",
            "db/migrations/versions",
        ):
            continue
        count = len(list(folder.glob("*.py")))
        if count > MAX_MODULES:
            crowded[folder.relative_to(PACKAGE.parent).as_posix()] = count
    assert crowded == {}


def _event_filters_without_guard() -> list[str]:
    unguarded = []
    for path in (PACKAGE / "qt").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef) and node.name == "eventFilter":
                names = {d.id for d in node.decorator_list if isinstance(d, ast.Name)}
                if "event_filter" not in names:
                    unguarded.append(f"{path.relative_to(PACKAGE.parent).as_posix()}:{node.lineno}")
    return unguarded


def test_every_event_filter_passes_events_on_once_emptied() -> None:
    found = [
        path
        for path in (PACKAGE / "qt").rglob("*.py")
        if "def eventFilter(" in path.read_text(encoding="utf-8")
    ]
    assert len(found) > 10  # (the search below reads what it should)
    assert _event_filters_without_guard() == []
