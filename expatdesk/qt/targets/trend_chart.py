"""A small trend chart (sparkline) of one target over the years, painted with QPainter."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget


class TrendChart(QWidget):
    """Values per year as a line, the threshold as a dashed line, the latest value as a dot.

    Missing values (``None``) break the line. The chart is drawn in the palette's colours; the
    threshold is dashed and the latest point larger, so it reads without colour. Given a
    ``label`` function, the scale is written on the left (bottom and top of the range, and the
    threshold) and the first and last year below, so the line can be read, not only seen.
    """

    MARGIN = 6

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._years: list[int] = []
        self._values: list[float | None] = []
        self._threshold: float | None = None
        self._bounds: tuple[float, float] | None = None
        self._label: Callable[[float], str] | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        return QSize(180, 72 if self._label else 48)

    def minimumSizeHint(self) -> QSize:
        return QSize(80, 40)

    def set_data(
        self,
        years: Sequence[int],
        values: Sequence[float | None],
        threshold: float | None = None,
        bounds: tuple[float, float] | None = None,
        *,
        label: Callable[[float], str] | None = None,
    ) -> None:
        """Show ``values`` for ``years``; ``bounds`` fixes the vertical scale (else: the data);
        ``label`` formats the scale's values (no scale without it)."""
        self._years = list(years)
        self._values = list(values)
        self._threshold = threshold
        self._bounds = bounds
        self._label = label
        self.updateGeometry()
        self.update()

    def scale_labels(self) -> list[str]:
        """The texts of the scale, bottom to top (empty without a ``label`` function)."""
        if self._label is None or not self._values:
            return []
        low, high = self._scale()
        marks = [low, high]
        if self._threshold is not None and low < self._threshold < high:
            marks.insert(1, self._threshold)
        return [self._label(mark) for mark in marks]

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
        labels = self.scale_labels()
        if labels:
            small = painter.font()
            small.setPointSizeF(small.pointSizeF() * 0.8)
            painter.setFont(small)
            metrics = painter.fontMetrics()
            left = max(metrics.horizontalAdvance(text) for text in labels) + 4
            area.adjust(left, metrics.height() / 2, 0, -metrics.height())
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

        if labels and self._label is not None:
            metrics = painter.fontMetrics()
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
            axis = QPen(palette.color(QPalette.ColorRole.Mid), 1)
            marks = [low, high]
            if self._threshold is not None and low < self._threshold < high:
                marks.insert(1, self._threshold)
            for mark, text in zip(marks, labels, strict=True):
                y = point(0, mark).y()
                painter.drawText(
                    QRectF(0, y - metrics.height() / 2, area.left() - 4, metrics.height()),
                    int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                    text,
                )
            painter.setPen(axis)
            painter.drawLine(area.bottomLeft(), area.topLeft())
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
            if self._years:
                below = QRectF(area.left(), area.bottom() + 2, area.width(), metrics.height())
                painter.drawText(below, int(Qt.AlignmentFlag.AlignLeft), str(self._years[0]))
                if len(self._years) > 1:
                    painter.drawText(below, int(Qt.AlignmentFlag.AlignRight), str(self._years[-1]))

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
