"""Where PySide6 meets Python: PySide6 does not read the source of the modules imported after
it (issue 18, start-up), and an event filter the garbage collector emptied lets events pass."""

from __future__ import annotations

import contextlib
import importlib
import inspect
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QVBoxLayout

from expatdesk.qt import bindings
from expatdesk.qt.bindings import IGNORED, USES_PYSIDE, answer, event_filter, feature_answers


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
    assert answers is not None, "PySide6 keeps its answers elsewhere now: see qt/bindings.py"
    assert bindings.install()  # installed by expatdesk.qt already; once is enough
    assert sum(isinstance(f, bindings._Answers) for f in sys.meta_path) == 1

    name = make()
    __import__(name)  # as an import statement does (PySide6 hooks builtins.__import__)

    assert name not in read
    assert answers[name] == IGNORED


def test_without_it_pyside6_reads_every_imported_module(
    fresh_module, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What install() saves: the check above would fail without it."""
    make, read = fresh_module
    finders = [f for f in sys.meta_path if not isinstance(f, bindings._Answers)]
    monkeypatch.setattr(sys, "meta_path", finders)

    name = make()
    __import__(name)

    assert name in read


class _Watcher(QObject):
    """A filter on a window's line edit that, like the survey form's respondent search, keeps
    a function of the window: a cycle the collector empties one object at a time."""

    seen = 0

    def __init__(self, edit: QLineEdit, window_of: object) -> None:
        super().__init__(edit)
        self.edit = edit
        self.window_of = window_of
        edit.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.edit:
            type(self).seen += 1
        return False


class _GuardedWatcher(_Watcher):
    seen = 0

    @event_filter
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        return super().eventFilter(watched, event)


class _Window(QDialog):
    def __init__(self, watcher: type[_Watcher]) -> None:
        super().__init__()
        self.edit = QLineEdit(self)
        QVBoxLayout(self).addWidget(self.edit)
        self.watcher = watcher(self.edit, lambda: self)


@pytest.mark.parametrize(("watcher", "raised"), [(_Watcher, True), (_GuardedWatcher, False)])
def test_a_filter_emptied_by_the_collector_lets_the_last_events_pass(
    qtbot, watcher: type[_Watcher], raised: bool
) -> None:
    """The collector, breaking the cycle, may empty the filter before the window goes; the
    window's last events then reach the emptied filter. Unguarded it raises (what the
    moved-clock run once met in the survey form); guarded it passes them on."""
    window = _Window(watcher)
    window.show()
    QApplication.processEvents()
    assert watcher.seen > 0  # it filtered while the window lived
    vars(window.watcher).clear()  # what the collector does first, in that order
    refused = pytest.raises(AttributeError, match="no attribute 'edit'")
    with refused if raised else contextlib.nullcontext():
        shiboken6.delete(window)
    assert not shiboken6.isValid(window)


def test_the_guard_keeps_what_the_filter_answers(qtbot) -> None:
    class Eating(QObject):
        @event_filter
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            return event.type() == QEvent.Type.KeyPress

    eating = Eating()  # (no attribute of its own: PySide6 keeps its signals among the object's
    # attributes, so a live filter is never empty; this fails if a release no longer does)
    assert eating.eventFilter.__name__ == "eventFilter"
    assert eating.eventFilter(eating, QEvent(QEvent.Type.KeyPress)) is True
    assert eating.eventFilter(eating, QEvent(QEvent.Type.Show)) is False


def test_the_bench_floor_is_an_empty_pyside_window() -> None:
    """The start-up figure's floor, the bench's empty window, loads PySide6 and the little its
    first paint needs: not SQLAlchemy, the core or the app (which the event filters' guard once
    brought along, making the floor 250 ms heavier and the start-up's ratio look better)."""
    code = (
        "import sys, expatdesk.qt.bench; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'psycopg')"
        " or m.startswith(('expatdesk.common', 'expatdesk.db', 'expatdesk.qt.app'))))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert loaded == "[]"
