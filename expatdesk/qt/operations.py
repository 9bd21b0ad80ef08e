"""One way to write from the GUI: off the GUI thread, then one announcement of what changed.

After Anki's ``aqt/operations``. A form calls :func:`run_write` with the write (a function that
calls a core service; it must not touch widgets) and the :class:`~expatdesk.common.changes.Changes`
that write makes. While the write runs in the thread pool the form shows a busy cursor and
"Saving…", its buttons are disabled, the keyboard and the mouse do nothing in it and a second
write is refused: nothing typed changes and nothing is submitted twice. Then, back in the GUI
thread:

- done: the app-wide :class:`ChangeBus` announces the changes (one signal, ``changed``); every
  area asks ``changes.touches(...)`` for the kinds it shows and reads itself again if it must.
  Then the form's ``done`` callback runs (close, show the record, a status message).
- refused (a rule broken, a stale copy, a database that cannot be used, a refusal by a service:
  :func:`expatdesk.common.db_errors.sort_error`): the form's ``refused`` callback shows why; what
  was typed is still there. A save the database already had (:attr:`Problem.ALREADY_SAVED`) was
  a write after all and is announced too.
- a bug: raised again in the GUI thread with its traceback, like any error in a slot.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QAbstractButton, QDialogButtonBox, QLabel, QWidget

from expatdesk.common.changes import Changes
from expatdesk.common.db_errors import Problem, Refusal, sort_error
from expatdesk.i18n import _
from expatdesk.qt.bindings import event_filter

log = logging.getLogger(__name__)

_BUS_NAME = "expatdeskChangeBus"


class ChangeBus(QObject):
    """The one app-wide announcer of changes (see :func:`change_bus`).

    Signals:
        changed(object, object): a write changed these :class:`Changes`; the second argument is
            the widget that started it (``None``: not a widget), so that a view whose own
            write it was can skip what it did already.
    """

    changed = Signal(object, object)

    def announce(self, changes: Changes, initiator: QObject | None = None) -> None:
        """Tell every view what a write changed (nothing is said for a write that changed
        nothing)."""
        if changes:
            log.debug("changed: %s", sorted(kind.value for kind in changes.kinds))
            self.changed.emit(changes, initiator)


def change_bus() -> ChangeBus:
    """The application's :class:`ChangeBus`, made on first use as a child of the application.

    A view connects a method of its own (never a lambda), so the connection goes with the view.
    """
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("change_bus() needs a QApplication")
    bus = app.findChild(ChangeBus, _BUS_NAME)
    if bus is None:
        bus = ChangeBus(app)
        bus.setObjectName(_BUS_NAME)
    return bus


#: The forms with a write running now (so none starts a second one) and the writes themselves
#: (kept alive until they are back in the GUI thread).
_busy_forms: set[int] = set()
_running: set[Write] = set()


def is_writing(form: QWidget) -> bool:
    """Whether a write started by ``form`` is still running."""
    return id(form) in _busy_forms


def writes_running() -> bool:
    """Whether any write is still running (or its outcome not yet handled)."""
    return bool(_running) or bool(_busy_forms)


#: What a busy form does not take: the user's keys, clicks and wheel turns.
_INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.KeyRelease,
        QEvent.Type.ShortcutOverride,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.Wheel,
    }
)


class _Busy(QObject):
    """A form while its write runs: busy cursor, "Saving…" beside its buttons, the buttons
    disabled, input taken and dropped.

    The input is taken (not just ignored) so that nothing reaches the form's widgets, and the
    form stays enabled so that the focus and what was typed stay where they are.
    """

    def __init__(self, form: QWidget) -> None:
        super().__init__()
        self._form = form
        self._buttons = [
            button
            for box in form.findChildren(QDialogButtonBox)
            for button in box.findChildren(QAbstractButton)
            if button.isEnabled()
        ]
        # A disabled button passes the focus on to the next field (a date edit then selects its
        # first part): the form holds it meanwhile, and the button gets it back.
        self._focus = form.focusWidget()
        if self._focus in self._buttons:
            form.setFocus(Qt.FocusReason.OtherFocusReason)
        for button in self._buttons:
            button.setEnabled(False)
        form.setCursor(Qt.CursorShape.BusyCursor)
        self.label = QLabel(_("Saving…"), form)
        self.label.setObjectName("savingLabel")
        self.label.adjustSize()
        margin = self.label.fontMetrics().height()
        self.label.move(margin, form.height() - self.label.height() - margin)
        self.label.show()
        self.label.raise_()
        # The form and its widgets only: a filter on the whole application would see every
        # event of every object, also of objects half torn down elsewhere (a crash in PySide).
        self._watched = [form, *form.findChildren(QWidget)]
        for widget in self._watched:
            widget.installEventFilter(self)

    @event_filter
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT_EVENTS:
            return True
        return super().eventFilter(watched, event)

    def end(self) -> None:
        for widget in self._watched:
            if shiboken6.isValid(widget):
                widget.removeEventFilter(self)
        self._watched = []
        if shiboken6.isValid(self.label):
            self.label.hide()
            self.label.deleteLater()
        if shiboken6.isValid(self._form):
            self._form.unsetCursor()
        for button in self._buttons:
            if shiboken6.isValid(button):
                button.setEnabled(True)
        if self._focus in self._buttons and shiboken6.isValid(self._focus):
            self._focus.setFocus(Qt.FocusReason.OtherFocusReason)


class Write(QObject):
    """One write run by :func:`run_write`; its signals bring the outcome to the GUI thread."""

    _ended = Signal()  # from the worker thread, queued to the GUI thread: see _outcome

    def __init__(
        self,
        form: QWidget,
        write: Callable[[], Any],
        changes: Changes,
        done: Callable[[Any], None],
        refused: Callable[[Refusal], None],
    ) -> None:
        # Owned by the application, not the form (which may close while the write runs), and
        # deleted by the GUI thread when done: the worker thread drops its reference last, and
        # a QObject of the GUI thread must never be destroyed from another thread.
        super().__init__(QCoreApplication.instance())
        self._form = form
        self._write = write
        self._changes = changes
        self._done = done
        self._refused = refused
        self._busy: _Busy | None = None
        #: What the worker hands over: (True, the result) or (False, the exception).
        self._outcome: tuple[bool, Any] | None = None
        self._ended.connect(self._end, Qt.ConnectionType.QueuedConnection)

    def start(self) -> None:
        _running.add(self)
        _busy_forms.add(id(self._form))
        self._busy = _Busy(self._form)
        QThreadPool.globalInstance().start(_Runnable(self))

    def _run(self) -> None:  # in the worker thread
        try:
            self._outcome = (True, self._write())
        except Exception as error:  # sorted in the GUI thread
            self._outcome = (False, error)
        # Only now, with no reference left in this thread: the error's frames may keep a closure
        # over the form alive, and whichever thread lets go of them last frees it.
        self._ended.emit()

    def _end(self) -> None:
        outcome, self._outcome = self._outcome, None
        assert outcome is not None
        succeeded, value = outcome
        del outcome
        if succeeded:
            self._finish(value)
        else:
            self._fail(value)

    def _ready(self) -> bool:
        """Make the form usable again; ``False`` when it was deleted meanwhile."""
        _running.discard(self)
        self.deleteLater()
        if self._busy is not None:
            self._busy.end()
            self._busy = None
        if not shiboken6.isValid(self._form):
            _busy_forms.discard(id(self._form))
            return False
        return True

    def _let_go(self) -> tuple[QWidget, Callable[[Any], None], Callable[[Refusal], None]]:
        """The form and the callbacks, no longer held by this object.

        Let go of here, in the GUI thread: the worker thread drops its reference to this object
        last, and a form (or a closure over one) whose last reference went there would be
        destroyed there, which corrupts the GUI thread's animation timers (a crash in
        ``QUnifiedTimer::updateAnimationTimers``, e.g. a line edit's clear-button fade).
        """
        held = self._form, self._done, self._refused
        self._form = self._write = self._done = self._refused = None  # type: ignore[assignment]
        return held

    def _finish(self, result: object) -> None:
        alive = self._ready()
        form, done, _refused = self._let_go()
        try:
            change_bus().announce(self._changes, form if alive else None)
            if alive:
                done(result)
        finally:
            _busy_forms.discard(id(form))

    def _fail(self, error: BaseException) -> None:
        alive = self._ready()
        form, _done, refused = self._let_go()
        try:
            refusal = sort_error(error)
            if refusal is None:  # a bug: it reaches the event loop with its traceback
                raise error
            if refusal.problem is Problem.ALREADY_SAVED:
                change_bus().announce(self._changes, form if alive else None)
            if alive:
                refused(refusal)
        finally:
            _busy_forms.discard(id(form))


class _Runnable(QRunnable):
    def __init__(self, write: Write) -> None:
        super().__init__()
        self._write = write

    def run(self) -> None:
        self._write._run()


def run_write(
    form: QWidget,
    write: Callable[[], Any],
    changes: Changes,
    *,
    done: Callable[[Any], None],
    refused: Callable[[Refusal], None],
) -> bool:
    """Run ``write`` off the GUI thread for ``form``; ``False`` when ``form`` is already writing.

    ``done`` gets the write's result, ``refused`` the :class:`Refusal`; both run in the GUI
    thread, after the form is usable again (and only while it exists).
    """
    if is_writing(form):
        log.info("a write is running for this form: not started twice")
        return False
    Write(form, write, changes, done, refused).start()
    return True
