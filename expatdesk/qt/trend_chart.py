"""A small trend chart (sparkline) of one target over the years, painted with QPainter."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget


class TrendChart(QWidget):
    """Values per year as a line, the threshold as a dashed line, the latest value as a dot.

    Missing values (``None``) break the line. The chart is drawn in the palette's colours; the
    threshold is dashed and the latest point larger, so it reads without colour.
    """

    MARGIN = 6

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._years: list[int] = []
        self._values: list[float | None] = []
        self._threshold: float | None = None
        self._bounds: tuple[float, float] | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        return QSize(180, 48)

    def minimumSizeHint(self) -> QSize:
        return QSize(80, 40)

    def set_data(
        self,
        years: Sequence[int],
        values: Sequence[float | None],
        threshold: float | None = None,
        bounds: tuple[float, float] | None = None,
    ) -> None:
        """Show ``values`` for ``years``; ``bounds`` fixes the vertical scale (else: the data)."""
        self._years = list(years)
        self._values = list(values)
        self._threshold = threshold
        self._bounds = bounds
        self.update()

    def values(self) -> list[float | None]:
        return list(self._values)

    def threshold(self) -> float | None:
        return self._threshold

    def _scale(self) -> tuple[float, float]:
        known = [value for value in self._values if value is not None]
        if self._threshold is not None:
            known.append(self._threshold)
        low, high = (min(known), max(known)) if known else (0.0, 1.0)
        if self._bounds is not None:
            low, high = min(low, self._bounds[0]), max(high, self._bounds[1])
        if high - low < 1e-9:
            low, high = low - 0.5, high + 0.5
        return low, high

    def paintEvent(self, event: QPaintEvent) -> None:
        del event
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        area = QRectF(self.rect()).adjusted(self.MARGIN, self.MARGIN, -self.MARGIN, -self.MARGIN)
        palette = self.palette()
        count = len(self._values)
        if count == 0 or area.width() <= 0 or area.height() <= 0:
            painter.end()
            return
        low, high = self._scale()

        def point(index: int, value: float) -> QPointF:
            x = area.left() + (
                area.width() * index / (count - 1) if count > 1 else area.width() / 2
            )
            y = area.bottom() - (value - low) / (high - low) * area.height()
            return QPointF(x, y)

        if self._threshold is not None:
            pen = QPen(palette.color(QPalette.ColorRole.PlaceholderText), 1, Qt.PenStyle.DashLine)
            painter.setPen(pen)
            y = point(0, self._threshold).y()
            painter.drawLine(QPointF(area.left(), y), QPointF(area.right(), y))

        line = QColor(palette.color(QPalette.ColorRole.Highlight))
        painter.setPen(QPen(line, 2))
        path = QPainterPath()
        drawing = False
        for index, value in enumerate(self._values):
            if value is None:
                drawing = False
                continue
            if drawing:
                path.lineTo(point(index, value))
            else:
                path.moveTo(point(index, value))
                drawing = True
        painter.drawPath(path)
        painter.setBrush(line)
        for index, value in enumerate(self._values):
            if value is not None:
                radius = 4.0 if index == count - 1 else 2.0
                painter.drawEllipse(point(index, value), radius, radius)
        painter.end()
