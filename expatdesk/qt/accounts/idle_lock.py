"""Locking an idle session: after the centre's idle minutes without input, ask for the password.

:class:`IdleLock` watches the input of the whole application (an application event filter). When
nothing was typed or clicked for the configured minutes (``centre_settings.idle_lock_minutes``),
it covers every window with an opaque overlay, so nothing personal stays on screen, and blocks
all input outside the overlays. The overlay of the window the user can reach (an open modal
dialog, else the main window) asks for the signed-in staff member's password; a wrong one is
throttled like a sign-in. Nothing else changes: open forms keep what was typed, and when the
password is right the overlays go and the focus returns where it was.

While the main window is hidden (the kiosk runs full screen) the session does not lock: the
kiosk has its own exit code.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from expatdesk.accounts import sign_in as signing
from expatdesk.accounts.actor import Actor
from expatdesk.accounts.sign_in import WrongCredentialsError
from expatdesk.db.database import Database
from expatdesk.db.types import utcnow
from expatdesk.errors import UserError
from expatdesk.i18n import _
from expatdesk.qt.bindings import event_filter
from expatdesk.qt.widgets.field_messages import error_label

log = logging.getLogger(__name__)

_T = QEvent.Type
#: Input that shows someone is at the desk.
ACTIVITY = frozenset(
    {
        _T.KeyPress,
        _T.MouseButtonPress,
        _T.MouseButtonDblClick,
        _T.MouseMove,
        _T.Wheel,
        _T.TouchBegin,
        _T.TabletPress,
    }
)
#: Input kept from the windows while locked (only the overlays get it).
BLOCKED = ACTIVITY | {
    _T.KeyRelease,
    _T.MouseButtonRelease,
    _T.ShortcutOverride,
    _T.ContextMenu,
    _T.TouchUpdate,
    _T.TouchEnd,
    _T.TabletMove,
    _T.TabletRelease,
    _T.InputMethod,
    _T.Drop,
    _T.DragEnter,
    _T.DragMove,
}
_SKIPPED_WINDOWS = (Qt.WindowType.Popup, Qt.WindowType.ToolTip, Qt.WindowType.SplashScreen)


class LockOverlay(QWidget):
    """An opaque cover over one window; the interactive one asks for the password.

    Signals:
        unlockRequested(str): the password typed (interactive overlay only).
    """

    unlockRequested = Signal(str)

    def __init__(self, window: QWidget, actor: Actor, *, interactive: bool) -> None:
        super().__init__(window)
        self.setObjectName("lockOverlay")
        self._actor = actor
        self.interactive = interactive
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.Window)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        self.title = QLabel(self)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.title.setFont(font)
        layout.addWidget(self.title)
        self.text = QLabel(self)
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text.setWordWrap(True)
        layout.addWidget(self.text)
        self.password = QLineEdit(self)
        self.password.setObjectName("unlockPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setMaxLength(200)
        self.password.setMinimumWidth(240)
        self.password_label = QLabel(self)
        self.password_label.setBuddy(self.password)
        self.button = QPushButton(self)
        self.button.setObjectName("unlockButton")
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.password_label)
        row.addWidget(self.password)
        row.addWidget(self.button)
        row.addStretch(1)
        layout.addLayout(row)
        self.message = QLabel(self)
        self.message.setObjectName("unlockMessage")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        error_label(self.message)
        self.message.hide()
        layout.addWidget(self.message)
        layout.addStretch(2)
        for widget in (self.password_label, self.password, self.button):
            widget.setVisible(interactive)
        self.password.returnPressed.connect(self._submit)
        self.button.clicked.connect(self._submit)
        self._retranslate()
        self.cover()

    def cover(self) -> None:
        """Fill the window again (after it was resized) and stay on top of its children."""
        window = self.parentWidget()
        if window is not None:
            self.setGeometry(window.rect())
        self.raise_()

    def focusNextPrevChild(self, next: bool) -> bool:
        """Tab and Shift+Tab go round the password and the button: the windows under the
        cover take no keys, so focus that went there would be stuck until the mouse was used."""
        chain = [widget for widget in (self.password, self.button) if widget.isVisibleTo(self)]
        if not chain:
            return super().focusNextPrevChild(next)
        focus = QApplication.focusWidget()
        index = chain.index(focus) if focus in chain else (-1 if next else 0)
        target = chain[(index + (1 if next else -1)) % len(chain)]
        reason = Qt.FocusReason.TabFocusReason if next else Qt.FocusReason.BacktabFocusReason
        target.setFocus(reason)
        return True

    def refuse(self, message: str) -> None:
        self.message.setText(message)
        self.message.show()
        self.password.clear()
        self.password.setFocus()

    def _submit(self) -> None:
        self.unlockRequested.emit(self.password.text())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.title.setText(_("ExpatDesk is locked"))
        if self.interactive:
            self.text.setText(
                _(
                    "{name} ({username}) is signed in. Type your password to continue; what was "
                    "typed in open forms is kept."
                ).format(name=self._actor.display_name, username=self._actor.username)
            )
        else:
            self.text.setText(_("Unlock ExpatDesk in the window that asks for the password."))
        self.password_label.setText(_("&Password:"))
        self.password.setAccessibleName(_("Password"))
        self.button.setText(_("&Unlock"))


class IdleLock(QObject):
    """Locks the session after ``minutes`` without input; the password unlocks it.

    The lock is a child of the main window (``parent``): ``window.findChild(IdleLock)`` finds it
    for File → Lock. ``interval_ms`` replaces the minutes and ``clock`` the time of the
    throttling (tests).

    Signals:
        locked(): the windows were covered.
        unlocked(): the right password was typed; the windows are uncovered.
        refused(str): a password was refused with this message.
    """

    locked = Signal()
    unlocked = Signal()
    refused = Signal(str)

    def __init__(
        self,
        database: Database,
        actor: Actor,
        minutes: int,
        parent: QWidget | None = None,
        *,
        interval_ms: int | None = None,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("idleLock")
        self._clock = clock
        self._database = database
        self._actor = actor
        self._overlays: dict[QWidget, LockOverlay] = {}
        self._focus: QWidget | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        # A coarse timer rounds a restart to the same moment within 5% of the interval.
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._idle)
        self._app = QApplication.instance()
        self.set_minutes(minutes, interval_ms=interval_ms)
        assert self._app is not None
        self._app.installEventFilter(self)

    # --- the timer -------------------------------------------------------------------------

    @property
    def interval_ms(self) -> int:
        return self._timer.interval()

    def set_minutes(self, minutes: int, *, interval_ms: int | None = None) -> None:
        """Lock after ``minutes`` without input from now on."""
        self._timer.setInterval(interval_ms if interval_ms is not None else minutes * 60_000)
        if not self.is_locked():
            self._timer.start()

    def is_locked(self) -> bool:
        return bool(self._overlays)

    def remaining_ms(self) -> int:
        return self._timer.remainingTime()

    def _idle(self) -> None:
        window = self.parent()
        if isinstance(window, QWidget) and not window.isVisible():
            self._timer.start()  # the kiosk runs: not a desk session now
            return
        self.lock()

    # --- locking ---------------------------------------------------------------------------

    def lock(self) -> None:
        """Cover every window now (also File → Lock)."""
        if self.is_locked():
            return
        self._timer.stop()
        while (popup := QApplication.activePopupWidget()) is not None:
            popup.close()
        self._focus = QApplication.focusWidget()
        windows = [
            widget
            for widget in QApplication.topLevelWidgets()
            if widget.isWindow()
            and widget.isVisible()
            and widget.windowType() not in _SKIPPED_WINDOWS
            and not isinstance(widget, LockOverlay)
        ]
        reachable = self._reachable(windows)
        for window in windows:
            overlay = LockOverlay(window, self._actor, interactive=window is reachable)
            overlay.unlockRequested.connect(self.unlock)
            overlay.show()
            self._overlays[window] = overlay
        if reachable is not None:
            reachable.activateWindow()
            self._overlays[reachable].password.setFocus()
        log.info("session locked after %d ms without input", self._timer.interval())
        self.locked.emit()

    def _reachable(self, windows: list[QWidget]) -> QWidget | None:
        """The window the user can type in: the open modal dialog, else the main window."""
        modal = QApplication.activeModalWidget()
        if modal is not None and modal in windows:
            return modal
        window = self.parent()
        if isinstance(window, QWidget) and window in windows:
            return window
        return windows[0] if windows else None

    def overlay(self) -> LockOverlay | None:
        """The overlay that asks for the password, while locked."""
        for overlay in self._overlays.values():
            if overlay.interactive:
                return overlay
        return None

    def unlock(self, password: str) -> bool:
        """Uncover the windows if ``password`` is the signed-in staff member's."""
        overlay = self.overlay()
        if not self.is_locked():
            return True
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            signing.unlock(self._database, self._actor, password, self._clock())
        except UserError as error:
            log.warning("unlock refused: %s", type(error).__name__)
            message = str(error)
            if isinstance(error, WrongCredentialsError):  # the lock asks no username
                message = _(
                    "Wrong password, or too many failed attempts: wait a moment and try again."
                )
            if overlay is not None:
                overlay.refuse(message)
            self.refused.emit(message)
            return False
        finally:
            QApplication.restoreOverrideCursor()
        for window, cover in list(self._overlays.items()):
            cover.hide()
            cover.deleteLater()
            del self._overlays[window]
        if self._focus is not None:
            with contextlib.suppress(RuntimeError):  # the widget was deleted meanwhile
                self._focus.setFocus()
        self._focus = None
        self._timer.start()
        log.info("session unlocked")
        self.unlocked.emit()
        return True

    # --- input ----------------------------------------------------------------------------

    @event_filter
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if not self._overlays:
            if kind in ACTIVITY:
                self._timer.start()
            return False
        if kind == _T.Resize and watched in self._overlays:
            self._overlays[watched].cover()
            return False
        if kind == _T.Shortcut:  # menus and shortcuts of the covered windows stay shut
            return not (isinstance(watched, QWidget) and self._on_overlay(watched))
        if kind in BLOCKED and isinstance(watched, QWidget):
            return not self._on_overlay(watched)
        return False

    def _on_overlay(self, widget: QWidget) -> bool:
        return any(
            overlay is widget or overlay.isAncestorOf(widget)
            for overlay in self._overlays.values()
            if overlay.interactive
        )

    def uninstall(self) -> None:
        """Stop watching the application's input (the session ended)."""
        self._timer.stop()
        if self._app is not None:
            self._app.removeEventFilter(self)
