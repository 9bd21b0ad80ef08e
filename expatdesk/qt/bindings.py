"""Where PySide6's bindings and Python's own machinery meet: imports, and the garbage collector.

**Imports without PySide6 reading every module's source** (issue 18, start-up). Once imported,
PySide6 looks at every module imported after it, for its optional ``__feature__`` switches
(``snake_case``, ``true_property``): it reads the module's whole source with
:func:`inspect.getsource` and notes whether the text "PySide6" occurs in it (0: a module that
uses PySide6, -1: one it may ignore). ExpatDesk uses none of those switches, yet that reading cost
the start-up 60-100 ms (SQLAlchemy, the models, the first area: some 350 modules), and opening
the Reports area more (reportlab, scipy). The same upstream cost is reported in napari's issue
8584.

:func:`install` answers PySide6's question before it asks, from the module's name, by what the
architecture guarantees: the modules of :mod:`expatdesk.qt` use PySide6, no other module of
ExpatDesk does (tests/test_architecture.py), and the libraries ExpatDesk uses do not either.
PySide6's own modules are left to PySide6. Where a PySide6 release no longer keeps that
answer where this looks for it, nothing is changed and imports are as slow as before.

**Event filters the garbage collector has emptied** (:func:`event_filter`). A window closed and
left to the collector takes its filters with it. The collector breaks the cycle by emptying the
objects' attributes one by one, and only the last one lets go of the window. Qt then destroys the
window and sends its widgets their last events (hidden, focus lost), which still pass through a
filter already emptied: a filter raised ``AttributeError`` on its first ``self.…`` (the
moved-clock run met "no attribute 'search'" in the survey form).

This module is imported before any other of the package and imports nothing of ExpatDesk: the
bench's empty window (the floor of the start-up figure) uses it too.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable, MutableMapping, Sequence
from importlib.machinery import ModuleSpec
from types import ModuleType
from typing import TypeVar

# (Importing PySide6 installs its import hook, whose question install() answers.)
from PySide6.QtCore import QEvent, QObject

#: Where PySide6 keeps its answer per module name (its ``shibokensupport.feature`` module).
_FEATURE_MODULE = "shibokensupport.feature"
#: PySide6's answers: the module uses PySide6 (no switch chosen), or it may be ignored.
USES_PYSIDE, IGNORED = 0, -1
#: The modules whose answer PySide6 works out itself.
_PYSIDE_OWN = ("PySide6", "shiboken6", "shibokensupport", "signature_bootstrap", "__feature__")


def answer(name: str) -> int | None:
    """PySide6's answer for the module ``name``, or ``None`` to leave it to PySide6."""
    if name.partition(".")[0] in _PYSIDE_OWN:
        return None
    if name == "expatdesk.qt" or name.startswith("expatdesk.qt."):
        return USES_PYSIDE
    return IGNORED


class _Answers:
    """A finder first on :data:`sys.meta_path` that finds nothing: it only notes the answer for
    each module about to be imported, before PySide6 would read the module's source."""

    def __init__(self, answers: MutableMapping[str, int]) -> None:
        self.answers = answers

    def find_spec(
        self,
        fullname: str,
        path: Sequence[str] | None = None,
        target: ModuleType | None = None,
    ) -> ModuleSpec | None:
        if fullname not in self.answers:
            known = answer(fullname)
            if known is not None:
                self.answers[fullname] = known
        return None


def feature_answers() -> MutableMapping[str, int] | None:
    """PySide6's answers per module name, or ``None`` where PySide6 keeps them elsewhere."""
    module = sys.modules.get(_FEATURE_MODULE)
    answers = getattr(module, "pyside_feature_dict", None)
    return answers if isinstance(answers, dict) else None


def install() -> bool:
    """Answer PySide6's question for every module imported from now on; call it after importing
    PySide6. ``False`` (and nothing changed) where PySide6 keeps no answers where expected."""
    answers = feature_answers()
    if answers is None:
        return False
    if not any(isinstance(finder, _Answers) for finder in sys.meta_path):
        sys.meta_path.insert(0, _Answers(answers))
    return True


_Filter = TypeVar("_Filter", bound=QObject)


def event_filter(
    method: Callable[[_Filter, QObject, QEvent], bool],
) -> Callable[[_Filter, QObject, QEvent], bool]:
    """For every ``eventFilter`` written in Python: passes events on, unfiltered, once the
    garbage collector has emptied the filter (see the module). The architecture test sees that
    every ``eventFilter`` of the Qt layer has it."""

    @functools.wraps(method)
    def filtering(self: _Filter, watched: QObject, event: QEvent) -> bool:
        if not vars(self):  # (a live wrapper always holds at least what its __init__ set)
            return False
        return method(self, watched, event)

    return filtering
