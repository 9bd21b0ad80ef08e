"""The Targets area: targets N, O (two items), P and Q this year and last, against their
thresholds, each with its trend; a target opens its figures per year.

The figures come from :func:`expatdesk.reports.targets.compute_targets` for the last
:data:`YEARS` years, computed in a worker thread whenever the area is shown or refreshed.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QMouseEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from expatdesk import clock
from expatdesk.common.changes import Changes, Kind
from expatdesk.db.database import Database
from expatdesk.i18n import N_, _, format_number, format_percent
from expatdesk.qt import msgbox
from expatdesk.qt.appearance import colours
from expatdesk.qt.background import Job
from expatdesk.qt.operations import change_bus
from expatdesk.qt.targets.figures import (
    TARGETS,
    Figure,
    Target,
    format_value,
    p_value_text,
    reason_text,
    status_text,
    style_status,
    threshold_text,
    whole_grades,
)
from expatdesk.qt.targets.trend_chart import TrendChart

if TYPE_CHECKING:
    from expatdesk.reports.targets import TargetsReport

log = logging.getLogger(__name__)

#: How many years the dashboard covers, ending with the current year.
YEARS = 6


class _Holder(QWidget):
    """The cards' grid in the scroll area: as high as its cards need at its width, and never
    lower than their minimum (the scroll area asks the height for a width, and Qt's answer for
    a grid of wrapped texts can be less than the texts need)."""

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        layout = self.layout()
        if layout is None:
            return super().heightForWidth(width)
        return max(layout.totalHeightForWidth(width), layout.totalMinimumSize().height())


class TargetCard(QFrame):
    """One target: this year and last year, the threshold and the trend; click or Enter/Space
    opens its figures.

    Signals:
        activated(str): the target's key.
    """

    activated = Signal(str)

    def __init__(self, target: Target, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.target = target
        self.setObjectName(f"card-{target.key}")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        colours.surface(self)  # no style sheet: it would fix its labels' colours when set
        self.titleLabel = QLabel(self)
        font = self.titleLabel.font()
        font.setBold(True)
        self.titleLabel.setFont(font)
        self.titleLabel.setWordWrap(True)
        self.thresholdLabel = QLabel(self)
        self.yearLabels = [QLabel(self), QLabel(self)]
        self.valueLabels = [QLabel(self), QLabel(self)]
        self.statusLabels = [QLabel(self), QLabel(self)]
        self.reasonLabels = [QLabel(self), QLabel(self)]
        for label in self.reasonLabels:
            label.setWordWrap(True)
            label.setObjectName("reason")
            colours.paint(label, colours.Role.MUTED)
        self.thresholdLabel.setWordWrap(True)
        for label in self.valueLabels:
            big = label.font()
            big.setPointSizeF(big.pointSizeF() * 1.4)
            big.setBold(True)
            label.setFont(big)
        self.chart = TrendChart(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.titleLabel)
        grid = QGridLayout()
        for row in range(2):
            grid.addWidget(self.yearLabels[row], 2 * row, 0)
            grid.addWidget(self.valueLabels[row], 2 * row, 1)
            grid.addWidget(self.statusLabels[row], 2 * row, 2, Qt.AlignmentFlag.AlignLeft)
            grid.addWidget(self.reasonLabels[row], 2 * row + 1, 0, 1, 3)
        grid.setColumnStretch(2, 1)
        layout.addLayout(grid)
        layout.addWidget(self.thresholdLabel)
        layout.addWidget(self.chart)
        self.figures: list[Figure] = []

    def focusInEvent(self, event: QFocusEvent) -> None:
        # Focus shows as a plain frame in the text colour, twice as thick.
        self.setFrameStyle(QFrame.Shape.Box | QFrame.Shadow.Plain)
        self.setLineWidth(2)
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.setFrameStyle(QFrame.Shape.StyledPanel | QFrame.Shadow.Plain)
        self.setLineWidth(1)
        super().focusOutEvent(event)

    def show_figures(self, figures: list[Figure], report: TargetsReport) -> None:
        settings = report.settings
        self.figures = figures
        self.titleLabel.setText(_(self.target.title))
        self.thresholdLabel.setText(threshold_text(self.target, settings))
        latest = figures[-2:][::-1]  # this year first, then last year
        for row, figure in enumerate(latest):
            year = str(figure.year)
            if figure.provisional:
                year = _("{year} (provisional)").format(year=year)
            self.yearLabels[row].setText(year)
            self.valueLabels[row].setText(format_value(self.target, figure.value))
            style_status(self.statusLabels[row], figure.status)
            self.reasonLabels[row].setText(reason_text(figure, report))
        bounds: tuple[float, float]
        if not self.target.share:
            bounds = whole_grades(figures, self.target.threshold(settings))
        elif self.target.threshold(settings) is None:  # Q: from 0 to the next tenth above
            highest = max([f.value for f in figures if f.value is not None] + [0.1])
            bounds = (0.0, min(1.0, math.ceil(highest * 10 - 1e-9) / 10))
        else:
            bounds = (0.0, 1.0)
        target = self.target
        self.chart.set_data(
            [f.year for f in figures],
            [f.value for f in figures],
            self.target.threshold(settings),
            bounds,
            label=lambda value: (
                format_percent(value, 0) if target.share else format_number(value, 0)
            ),
        )
        self.chart.setAccessibleName(
            _("Trend of {target}: {values}").format(
                target=_(self.target.title),
                values=", ".join(f"{f.year} {format_value(self.target, f.value)}" for f in figures),
            )
        )
        self.setAccessibleName(
            _("{target}: {year} {value}, {status}").format(
                target=_(self.target.title),
                year=latest[0].year,
                value=format_value(self.target, latest[0].value),
                status=latest[0].status.label,
            )
        )
        self.setAccessibleDescription(reason_text(latest[0], report))
        self.setToolTip(_("Open the figures per year (Enter)"))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(
            event.position().toPoint()
        ):
            self.activated.emit(self.target.key)
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.activated.emit(self.target.key)
            event.accept()
            return
        super().keyPressEvent(event)


class FiguresDialog(QDialog):
    """The figures of one target per year, as a table."""

    HEADERS = (
        N_("Year"),
        N_("Count"),
        N_("Value"),
        N_("95% interval"),
        N_("p (change)"),
        N_("Status"),
        N_("Why"),
    )

    def __init__(
        self, target: Target, figures: list[Figure], report: TargetsReport, parent: QWidget | None
    ) -> None:
        settings = report.settings
        super().__init__(parent)
        self.setObjectName("figuresDialog")
        self.setWindowTitle(_(target.title))
        self.table = QTableWidget(len(figures), len(self.HEADERS), self)
        self.table.setObjectName("figuresTable")
        self.table.setAccessibleName(_(target.title))
        self.table.setHorizontalHeaderLabels([_(text) for text in self.HEADERS])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab goes on to the Close button
        for row, figure in enumerate(figures):
            interval = "–"
            if figure.ci95 is not None:
                low, high = (format_value(target, bound) for bound in figure.ci95)
                interval = f"{low} – {high}"
            cells = (
                str(figure.year),
                format_number(figure.n),
                format_value(target, figure.value),
                interval,
                p_value_text(figure.p_change),
                status_text(figure.status),
                reason_text(figure, report),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if column < 5:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(row, column, item)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.resizeRowsToContents()
        note = QLabel(
            threshold_text(target, settings)
            + "\n"
            + _(
                "p is the chance of a change at least this large in the right direction if "
                "nothing had really changed. Below {alpha} the change counts as significant: "
                "too large to be chance alone."
            ).format(alpha=format_number(settings.alpha)),
            self,
        )
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.resize(980, 360)


#: What the targets are computed from.
TARGET_KINDS = (Kind.EXPATS, Kind.EMPLOYERS, Kind.CASES, Kind.SURVEYS, Kind.SETTINGS)


class TargetsDashboard(QWidget):
    """The targets this year and last, with their trends.

    Signals:
        refreshed(): new figures are shown.
        failed(str): computing the figures failed with this message (shown in the area).
    """

    refreshed = Signal()
    failed = Signal(str)

    def __init__(
        self,
        database: Database,
        parent: QWidget | None = None,
        *,
        today: Callable[[], date] = clock.today,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("targetsDashboard")
        self._database = database
        self._today = today
        self._job: Job | None = None
        self._again = False
        self.report: TargetsReport | None = None
        change_bus().changed.connect(self._changes_made)
        self.headingLabel = QLabel(self)
        heading = self.headingLabel.font()
        heading.setPointSizeF(heading.pointSizeF() * 1.5)
        heading.setBold(True)
        self.headingLabel.setFont(heading)
        self.messageLabel = QLabel(self)
        self.messageLabel.setObjectName("dashboardMessage")
        self.messageLabel.setWordWrap(True)
        self.cards = {target.key: TargetCard(target, self) for target in TARGETS}
        grid_holder = _Holder(self)
        grid = QGridLayout(grid_holder)
        for number, card in enumerate(self.cards.values()):
            grid.addWidget(card, number // 3, number % 3)
            card.activated.connect(self.open_figures)
            card.hide()
        grid.setRowStretch(2, 1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(grid_holder)
        top = QHBoxLayout()
        top.addWidget(self.headingLabel)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.messageLabel)
        layout.addWidget(scroll, 1)
        previous: QWidget | None = None
        for card in self.cards.values():
            if previous is not None:
                self.setTabOrder(previous, card)
            previous = card
        self._retranslate()

    def years(self) -> tuple[int, int]:
        year = self._today().year
        return year - YEARS + 1, year

    def is_busy(self) -> bool:
        return self._job is not None

    def refresh(self) -> None:
        """Compute the figures again in a worker (once more after a running one, if needed)."""
        if self._job is not None:
            self._again = True
            return
        from expatdesk.reports.targets import compute_targets

        database = self._database
        first, last = self.years()
        today = self._today()
        self._job = Job(lambda: compute_targets(database, first, last, today=today))
        self._job.finished.connect(self._computed)
        self._job.failed.connect(self._failed)
        if self.report is None:
            self.messageLabel.setText(_("Computing the targets…"))
            self.messageLabel.show()
        self._job.start()

    def _finish_job(self) -> bool:
        self._job = None
        if self._again:
            self._again = False
            self.refresh()
            return True
        return False

    def _computed(self, report: TargetsReport) -> None:
        if self._finish_job():
            return
        self.report = report
        self._show_report()
        self.refreshed.emit()

    def _failed(self, message: str) -> None:
        if self._finish_job():
            return
        self.messageLabel.setText(
            _("The targets could not be computed: {message}").format(message=message)
        )
        self.messageLabel.show()
        self.failed.emit(message)

    def _show_report(self) -> None:
        report = self.report
        if report is None:
            return
        self.messageLabel.hide()
        for target in TARGETS:
            card = self.cards[target.key]
            card.show_figures(target.figures(report), report)
            card.show()

    def open_figures(self, key: str) -> FiguresDialog | None:
        """Show the figures per year of the target ``key``."""
        if self.report is None:
            return None
        card = self.cards[key]
        dialog = FiguresDialog(card.target, card.figures, self.report, self)
        msgbox.exec_dialog(dialog)
        return dialog

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()

    def _changes_made(self, changes: Changes, _initiator: object) -> None:
        """The targets count expats, employers, services and survey responses, against the
        settings: any of those changed, the figures are computed again (when the area is not
        shown, it computes them when it is)."""
        if changes.touches(*TARGET_KINDS) and self.isVisible():
            self.refresh()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        first, last = self.years()
        self.headingLabel.setText(_("Targets {first}–{last}").format(first=first, last=last))
        self._show_report()
