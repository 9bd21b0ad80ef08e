"""PySide6 does not read the source of the modules imported after it (issue 18, start-up)."""

from __future__ import annotations

import importlib
import inspect
import sys
import uuid
from pathlib import Path

import pytest

from expatdesk.qt import pyside_imports
from expatdesk.qt.pyside_imports import IGNORED, USES_PYSIDE, answer, feature_answers


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("expatdesk.qt", USES_PYSIDE),
        ("expatdesk.qt.widgets.record_area", USES_PYSIDE),
        ("expatdesk.db.database", IGNORED),
        ("expatdesk.qtlike", IGNORED),  # a name that only starts like the package
        ("sqlalchemy.orm", IGNORED),
        ("psycopg", IGNORED),
        ("PySide6.QtGui", None),  # PySide6's own are left to PySide6
        ("shiboken6", None),
    ],
)
def test_the_answer_follows_from_the_name(name: str, expected: int | None) -> None:
    assert answer(name) == expected


@pytest.fixture
def fresh_module(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A module that was never imported, and the names of the modules whose source was read."""
    monkeypatch.syspath_prepend(str(tmp_path))
    read: list[str] = []
    getsource = inspect.getsource

    def recording(target: object) -> str:
        read.append(getattr(target, "__name__", "?"))
        return getsource(target)  # type: ignore[arg-type]

    monkeypatch.setattr(inspect, "getsource", recording)

    def make() -> str:
        name = f"fresh_{uuid.uuid4().hex}"
        (tmp_path / f"{name}.py").write_text("VALUE = 1\n", encoding="utf-8")
        importlib.invalidate_caches()
        return name

    yield make, read
    for name in [name for name in sys.modules if name.startswith("fresh_")]:
        del sys.modules[name]


def test_pyside6_reads_no_source_once_installed(fresh_module) -> None:
    make, read = fresh_module
    answers = feature_answers()
    assert answers is not None, "PySide6 keeps its answers elsewhere now: see pyside_imports"
    assert pyside_imports.install()  # installed by expatdesk.qt already; once is enough
    assert sum(isinstance(f, pyside_imports._Answers) for f in sys.meta_path) == 1

    name = make()
    __import__(name)  # as an import statement does (PySide6 hooks builtins.__import__)

    assert name not in read
    assert answers[name] == IGNORED


def test_without_it_pyside6_reads_every_imported_module(
    fresh_module, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What install() saves: the check above would fail without it."""
    make, read = fresh_module
    finders = [f for f in sys.meta_path if not isinstance(f, pyside_imports._Answers)]
    monkeypatch.setattr(sys, "meta_path", finders)

    name = make()
    __import__(name)

    assert name in read
