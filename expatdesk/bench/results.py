"""The bench's figures: each beside its floor and its budget, as a table and as JSON.

A :class:`Result` holds one figure in seconds (a p95 where the work is repeated), the floor in
seconds, and the peak memory (RSS) of the child process that measured each. The ratio of figure
to floor is what stays comparable between machines and between runs on a busy one.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from expatdesk import i18n
from expatdesk.i18n import N_, _

#: The order of the figures in the table.
KEYS = (
    "startup",
    "search",
    "open_expat",
    "scroll",
    "report_json",
    "report_pdf",
    "import",
    "soak",
)

LABELS: dict[str, str] = {
    "startup": N_("start-up to the expats list painted"),
    "search": N_("search as you type, p95 per key"),
    "open_expat": N_("opening an expat with all linked records, p95"),
    "scroll": N_("scrolling the expats list end to end"),
    "report_json": N_("targets report as JSON (whole command)"),
    "report_pdf": N_("targets report as PDF (whole command)"),
    "import": N_("importing {rows} survey rows (whole command)"),
    "soak": N_("{desks} desks saving at once for {seconds} s, p95 per save"),
}
FLOORS: dict[str, str] = {
    "startup": N_("an empty PySide6 window painted"),
    "search": N_("the plain index lookup"),
    "open_expat": N_("the same SQL on a bare connection"),
    "scroll": N_("the same view over a plain model"),
    "report_json": N_("the raw SQL aggregates"),
    "report_pdf": N_("the raw SQL aggregates"),
    "import": N_("a bare executemany"),
    "soak": N_("one desk alone, p95 per save"),
}


@dataclass(frozen=True)
class Budget:
    """A limit a figure must stay under: seconds of the figure, or megabytes of peak memory."""

    limit: float
    unit: str  # "s" or "MB"
    strict: bool = False  # "<" rather than "<="

    def met(self, result: Result) -> bool | None:
        value = result.figure_s if self.unit == "s" else result.peak_rss_mb
        if value is None:
            return None
        return value < self.limit if self.strict else value <= self.limit

    def text(self) -> str:
        sign = "<" if self.strict else "≤"
        if self.unit == "MB":
            return f"{sign} {i18n.format_number(self.limit)} MB"
        if self.limit < 1:
            return f"{sign} {i18n.format_number(round(self.limit * 1000))} ms"
        return f"{sign} {i18n.format_number(self.limit, 0)} s"

    def to_json(self) -> dict[str, Any]:
        return {"limit": self.limit, "unit": self.unit, "strict": self.strict}


#: The budgets of the other issues (README, "Budgets and figures").
BUDGETS: dict[str, Budget] = {
    "search": Budget(0.050, "s"),
    "open_expat": Budget(0.100, "s"),
    "scroll": Budget(300, "MB", strict=True),
    "report_json": Budget(3.0, "s"),
    "report_pdf": Budget(6.0, "s"),
    "import": Budget(15.0, "s"),
    "soak": Budget(0.200, "s"),
}


@dataclass(frozen=True)
class Result:
    """One figure and its floor; ``skipped`` says why a figure could not be measured."""

    key: str
    figure_s: float | None
    floor_s: float | None
    peak_rss_mb: float | None = None
    floor_peak_rss_mb: float | None = None
    details: Mapping[str, float | int | str] = field(default_factory=dict)
    skipped: str | None = None

    def label(self) -> str:
        """What was measured, in the active language."""
        return _(LABELS[self.key]).format(
            rows=self._whole("rows"), desks=self._whole("desks"), seconds=self._whole("seconds")
        )

    def _whole(self, name: str) -> str:
        value = self.details.get(name, 0)
        return i18n.format_number(value if isinstance(value, int) else 0)

    def summary(self) -> str:
        """A line more for the figures that are more than one number (the soak's throughput)."""
        if self.key != "soak" or self.skipped or not self.details:
            return ""
        details = self.details
        return _(
            "{saves} saves per second, p50 {p50}, {stale} retries after a stale save, "
            "{errors} database errors, {cores} cores"
        ).format(
            saves=i18n.format_number(float(details["saves_per_s"]), 1),
            p50=duration(float(details["p50_s"])),
            stale=i18n.format_number(int(details["stale_retries"])),
            errors=i18n.format_number(int(details["database_errors"])),
            cores=i18n.format_number(int(details["cores"])),
        )

    @property
    def ratio(self) -> float | None:
        if self.figure_s is None or not self.floor_s:
            return None
        return self.figure_s / self.floor_s

    @property
    def budget(self) -> Budget | None:
        return BUDGETS.get(self.key)

    @property
    def met(self) -> bool | None:
        return None if self.budget is None else self.budget.met(self)

    def to_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "what": self.label(),
            "floor": FLOORS[self.key],
            "figure_s": _rounded(self.figure_s),
            "floor_s": _rounded(self.floor_s),
            "ratio": _rounded(self.ratio, 3),
            "peak_rss_mb": _rounded(self.peak_rss_mb),
            "floor_peak_rss_mb": _rounded(self.floor_peak_rss_mb),
            "budget": None if self.budget is None else self.budget.to_json(),
            "met": self.met,
            "details": dict(self.details),
            "skipped": self.skipped,
        }


@dataclass(frozen=True)
class BenchReport:
    """A whole run: where, on what, and the results in the order of :data:`KEYS`."""

    database: str
    backend: str
    expats: int
    started: str
    machine: Mapping[str, str | int | float]
    results: Sequence[Result]

    def to_json(self) -> dict[str, Any]:
        return {
            "database": self.database,
            "backend": self.backend,
            "expats": self.expats,
            "started": self.started,
            "machine": dict(self.machine),
            "results": [result.to_json() for result in self.results],
        }

    def table(self) -> str:
        """The figures as a plain-text table, one line per figure."""
        headers = [
            _("what"),
            _("figure"),
            _("floor"),
            _("ratio"),
            _("peak MB (floor)"),
            _("budget"),
            _("met"),
        ]
        rows = [headers]
        notes = []
        for result in self.results:
            rows.append(_row(result))
            notes.append(f"  {result.label()}: {_('floor')} = {_(FLOORS[result.key])}")
            if result.summary():
                notes.append(f"    {result.summary()}")
            if result.skipped:
                notes.append(f"    {result.skipped}")
        widths = [max(len(row[column]) for row in rows) for column in range(len(headers))]
        lines = [
            "  ".join(
                cell.ljust(width) if column == 0 else cell.rjust(width)
                for column, (cell, width) in enumerate(zip(row, widths, strict=True))
            ).rstrip()
            for row in rows
        ]
        lines.insert(1, "-" * len(lines[0]))
        title = _("ExpatDesk bench on {database} ({expats} expats), {started}").format(
            database=self.database, expats=i18n.format_number(self.expats), started=self.started
        )
        return "\n".join([title, "", *lines, "", *notes]) + "\n"


def _row(result: Result) -> list[str]:
    peak = (
        ""
        if result.peak_rss_mb is None
        else f"{i18n.format_number(result.peak_rss_mb, 0)}"
        + (
            ""
            if result.floor_peak_rss_mb is None
            else f" / {i18n.format_number(result.floor_peak_rss_mb, 0)}"
        )
    )
    met = {True: _("yes"), False: _("NO"), None: "—"}[result.met]
    ratio = result.ratio
    return [
        result.label(),
        "—" if result.figure_s is None else duration(result.figure_s),
        "—" if result.floor_s is None else duration(result.floor_s),
        "—" if ratio is None else f"{i18n.format_number(ratio, 1)}×",
        peak,
        "—" if result.budget is None else result.budget.text(),
        met,
    ]


def duration(seconds: float) -> str:
    """``41.2 ms`` below a second, ``1.52 s`` above."""
    if seconds < 1:
        return f"{i18n.format_number(seconds * 1000, 1)} ms"
    return f"{i18n.format_number(seconds, 2)} s"


def percentile(values: Sequence[float], share: float) -> float:
    """The nearest-rank percentile: the smallest value at least ``share`` of them do not exceed."""
    if not values:
        raise ValueError("no values")
    ordered = sorted(values)
    rank = max(math.ceil(share * len(ordered)), 1)
    return ordered[rank - 1]


def _rounded(value: float | None, digits: int = 4) -> float | None:
    """``value`` to ``digits`` significant digits."""
    return None if value is None else float(f"{value:.{digits}g}")
