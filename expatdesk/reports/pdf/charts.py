"""The report's figures, drawn with reportlab.graphics: values with 95% whiskers, grouped bars.

Colours follow the Okabe–Ito palette, safe for colour-blind readers; every distinction colour
makes is also made by shape or fill (a circle and a square, a solid and a hatched-looking light
bar, an open marker for a year with too little data), so the charts read in black and white too.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reportlab.graphics.shapes import Circle, Drawing, Group, Line, Rect, String
from reportlab.lib.colors import Color, HexColor, white

from expatdesk.reports.pdf import fonts
from expatdesk.reports.stats import Interval

BLUE = HexColor("#0072B2")
ORANGE = HexColor("#E69F00")
VERMILLION = HexColor("#D55E00")
SKY = HexColor("#56B4E9")
INK = HexColor("#222222")
GRID = HexColor("#D9D9D9")
MUTED = HexColor("#666666")

FONT_SIZE = 7


@dataclass(frozen=True)
class Estimate:
    """A value with its 95% interval; ``solid`` is false for a year with too little data."""

    value: float
    interval: Interval | None
    solid: bool = True


@dataclass(frozen=True)
class Series:
    """One line of estimates, one per x position (``None``: nothing to show that year)."""

    name: str
    colour: Color
    shape: str  # "circle" or "square"
    estimates: Sequence[Estimate | None]


@dataclass(frozen=True)
class Axis:
    """The value axis: its range, its ticks, how a tick is written and what the axis shows."""

    low: float
    high: float
    ticks: Sequence[float]
    label: Callable[[float], str]
    title: str = ""


@dataclass(frozen=True)
class Threshold:
    value: float
    label: str


_LEFT, _RIGHT, _BOTTOM, _TOP = 44.0, 8.0, 26.0, 22.0


def label_step(count: int, plot_width: float, label_width: float) -> int:
    """Label every n-th year (1, 2, 5, 10, …) so that the labels never touch."""
    if count <= 1:
        return 1
    slot = plot_width / count
    for step in (1, 2, 5, 10, 20, 25, 50):
        if slot * step >= label_width + 4:
            return step
    return count


def _frame(
    drawing: Drawing,
    width: float,
    height: float,
    axis: Axis,
    x_labels: Sequence[str],
    x_title: str = "",
) -> tuple[Callable[[int], float], Callable[[float], float]]:
    """Grid, ticks, year labels (thinned to fit) and axis titles; returns the functions placing
    an x index and a value."""
    plot_w, plot_h = width - _LEFT - _RIGHT, height - _BOTTOM - _TOP
    count = max(len(x_labels), 1)
    step = plot_w / count

    def x_at(index: int) -> float:
        return _LEFT + step * (index + 0.5)

    def y_at(value: float) -> float:
        share = (min(max(value, axis.low), axis.high) - axis.low) / (axis.high - axis.low)
        return _BOTTOM + share * plot_h

    for tick in axis.ticks:
        y = y_at(tick)
        drawing.add(Line(_LEFT, y, _LEFT + plot_w, y, strokeColor=GRID, strokeWidth=0.5))
        drawing.add(_text(_LEFT - 4, y - 2.5, axis.label(tick), anchor="end", colour=MUTED))
    drawing.add(Line(_LEFT, _BOTTOM, _LEFT + plot_w, _BOTTOM, strokeColor=INK, strokeWidth=0.7))
    widest = max((_width(label) for label in x_labels), default=0.0)
    every = label_step(len(x_labels), plot_w, widest)
    last = len(x_labels) - 1
    for index, label in enumerate(x_labels):
        if index % every == 0 or (index == last and last % every >= every / 2):
            drawing.add(_text(x_at(index), _BOTTOM - 10, label, anchor="middle"))
            if every > 1:
                drawing.add(Line(x_at(index), _BOTTOM, x_at(index), _BOTTOM - 2, strokeColor=INK))
    if x_title:
        drawing.add(_text(_LEFT + plot_w / 2, 2, x_title, anchor="middle", colour=MUTED))
    if axis.title:
        title = Group(_text(0, 0, axis.title, anchor="middle", colour=MUTED))
        title.transform = (0, 1, -1, 0, 8, _BOTTOM + plot_h / 2)
        drawing.add(title)
    return x_at, y_at


def _drawing(width: float, height: float) -> Drawing:
    drawing = Drawing(width, height)
    drawing.initialFontName = fonts.REGULAR  # the renderer would start in Helvetica (not embedded)
    return drawing


def _text(
    x: float, y: float, text: str, *, anchor: str = "start", colour: Color = INK, bold: bool = False
) -> String:
    return String(
        x,
        y,
        text,
        fontName=fonts.BOLD if bold else fonts.REGULAR,
        fontSize=FONT_SIZE,
        fillColor=colour,
        textAnchor=anchor,
    )


def _marker(x: float, y: float, shape: str, colour: Color, solid: bool) -> Circle | Rect:
    fill = colour if solid else white
    if shape == "square":
        return Rect(x - 3, y - 3, 6, 6, fillColor=fill, strokeColor=colour, strokeWidth=1.2)
    return Circle(x, y, 3.3, fillColor=fill, strokeColor=colour, strokeWidth=1.2)


def interval_chart(
    series: Sequence[Series],
    x_labels: Sequence[str],
    axis: Axis,
    *,
    threshold: Threshold | None,
    interval_label: str,
    open_label: str,
    width: float,
    height: float = 150,
    x_title: str = "",
) -> Drawing:
    """Each series' values with their 95% whiskers against the threshold line; legend on top."""
    fonts.register()
    drawing = _drawing(width, height)
    x_at, y_at = _frame(drawing, width, height, axis, x_labels, x_title)
    if threshold is not None:
        y = y_at(threshold.value)
        drawing.add(
            Line(
                _LEFT,
                y,
                width - _RIGHT,
                y,
                strokeColor=VERMILLION,
                strokeWidth=1,
                strokeDashArray=[4, 2],
            )
        )
    spread = min(8.0, (width - _LEFT - _RIGHT) / max(len(x_labels), 1) / 4)
    for number, line in enumerate(series):
        offset = (number - (len(series) - 1) / 2) * spread
        previous: tuple[float, float] | None = None
        for index, estimate in enumerate(line.estimates):
            if estimate is None:
                previous = None
                continue
            x, y = x_at(index) + offset, y_at(estimate.value)
            if previous is not None:
                drawing.add(Line(*previous, x, y, strokeColor=line.colour, strokeWidth=0.6))
            previous = (x, y)
            if estimate.interval is not None:
                low, high = y_at(estimate.interval[0]), y_at(estimate.interval[1])
                for part in (
                    (x, low, x, high),
                    (x - 2.5, low, x + 2.5, low),
                    (x - 2.5, high, x + 2.5, high),
                ):
                    drawing.add(Line(*part, strokeColor=line.colour, strokeWidth=0.8))
        for index, estimate in enumerate(line.estimates):
            if estimate is not None:
                drawing.add(
                    _marker(
                        x_at(index) + offset,
                        y_at(estimate.value),
                        line.shape,
                        line.colour,
                        estimate.solid,
                    )
                )
    _legend(drawing, height, series, threshold, interval_label, open_label)
    return drawing


def _legend(
    drawing: Drawing,
    height: float,
    series: Sequence[Series],
    threshold: Threshold | None,
    interval_label: str,
    open_label: str,
) -> None:
    x, y = _LEFT, height - 9
    for line in series:
        drawing.add(_marker(x + 3, y + 2.5, line.shape, line.colour, True))
        drawing.add(_text(x + 10, y, line.name))
        x += 16 + _width(line.name)
    if threshold is not None:
        drawing.add(
            Line(
                x,
                y + 2.5,
                x + 14,
                y + 2.5,
                strokeColor=VERMILLION,
                strokeWidth=1,
                strokeDashArray=[4, 2],
            )
        )
        drawing.add(_text(x + 18, y, threshold.label))
        x += 26 + _width(threshold.label)
    drawing.add(Line(x + 3, y - 1, x + 3, y + 6, strokeColor=INK, strokeWidth=0.8))
    drawing.add(Line(x + 0.5, y - 1, x + 5.5, y - 1, strokeColor=INK, strokeWidth=0.8))
    drawing.add(Line(x + 0.5, y + 6, x + 5.5, y + 6, strokeColor=INK, strokeWidth=0.8))
    drawing.add(_text(x + 10, y, interval_label))
    x += 20 + _width(interval_label)
    drawing.add(_marker(x + 3, y + 2.5, "circle", INK, False))
    drawing.add(_text(x + 10, y, open_label))


def _width(text: str) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return float(stringWidth(text, fonts.REGULAR, FONT_SIZE))


def bar_chart(
    groups: Sequence[tuple[str, Color, Sequence[float | None]]],
    x_labels: Sequence[str],
    axis: Axis,
    *,
    width: float,
    height: float = 130,
    x_title: str = "",
) -> Drawing:
    """Bars side by side per x position, one colour per group; legend on top.

    The first group is dark and solid, the others light with a dark outline, so the groups stay
    apart in grey print.
    """
    fonts.register()
    drawing = _drawing(width, height)
    x_at, y_at = _frame(drawing, width, height, axis, x_labels, x_title)
    slot = (width - _LEFT - _RIGHT) / max(len(x_labels), 1)
    bar = min(14.0, slot * 0.8 / max(len(groups), 1))
    for number, (_name, colour, values) in enumerate(groups):
        offset = (number - (len(groups) - 1) / 2) * bar
        for index, value in enumerate(values):
            if value is None:
                continue
            x = x_at(index) + offset - bar / 2
            top = y_at(value)
            drawing.add(
                Rect(
                    x,
                    _BOTTOM,
                    bar,
                    top - _BOTTOM,
                    fillColor=colour,
                    strokeColor=INK,
                    strokeWidth=0.4,
                )
            )
    x, y = _LEFT, height - 9
    for name, colour, _values in groups:
        drawing.add(Rect(x, y - 1, 8, 8, fillColor=colour, strokeColor=INK, strokeWidth=0.4))
        drawing.add(_text(x + 12, y, name))
        x += 22 + _width(name)
    return drawing


def whole_steps(values: Sequence[float], *, floor: float = 1.0, ceiling: float = 10.0) -> Axis:
    """A grade axis in whole steps over the range the values use (within 1–10): no 1,5-steps
    and no empty 1–5 squashing the part where the data moves. The label is set by the caller."""
    low = max(floor, math.floor(min(values, default=floor)))
    high = min(ceiling, math.ceil(max(values, default=ceiling)))
    while high - low < 2:  # at least two steps, within 1–10
        if high < ceiling:
            high += 1
        elif low > floor:
            low -= 1
        else:
            break
    ticks = [float(tick) for tick in range(int(low), int(high) + 1)]
    return Axis(float(low), float(high), ticks, str)


def nice_ticks(high: float, count: int = 5) -> list[float]:
    """About ``count`` round ticks from 0 to at least ``high``."""
    if high <= 0:
        return [0.0, 1.0]
    raw = high / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    ticks = [0.0]
    while ticks[-1] < high - 1e-12:
        ticks.append(round(ticks[-1] + step, 10))
    return ticks
