"""Record pages: every value escaped, empty values shown as a dash."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtGui import QTextDocument

from expatdesk.common.labels import Label
from expatdesk.qt.widgets.detail_html import (
    EMPTY,
    ZERO_WIDTH_SPACE,
    DetailPage,
    Markup,
    escape,
    link,
    linked,
    record_of,
    record_url,
    timeline_rows,
    warning,
)
from expatdesk.timeline import TimelineEvent


def test_values_are_escaped() -> None:
    assert escape("<b>Smith & Co</b>") == "&lt;b&gt;Smith &amp; Co&lt;/b&gt;"
    assert escape(None) == EMPTY
    assert escape("") == EMPTY
    assert escape("two\nlines") == "two<br>lines"
    assert escape(Markup("<i>made here</i>")) == "<i>made here</i>"


def test_a_page_escapes_titles_labels_and_cells() -> None:
    page = DetailPage("<script>x</script>", "EXP-1")
    page.section("A & B")
    page.fields([("Label <1>", "<img src=x>")])
    page.table(["<th>"], [["<td>"]], empty="none")
    page.table(["h"], [], empty="Nothing <here>.")
    page.cards([("<Ann>", "<boss>", ["a@b", None])], empty="")
    page.cards([], empty="No <one>.")
    html = page.html()
    assert "<script>" not in html
    assert "<img" not in html
    assert "&lt;script&gt;" in html
    assert "A &amp; B" in html
    assert "Nothing &lt;here&gt;." in html
    assert "<b>&lt;Ann&gt;</b>" in html
    assert "&lt;boss&gt;" in html
    assert "No &lt;one&gt;." in html


def test_unbroken_columns_and_warnings() -> None:
    page = DetailPage("t")
    page.table(["a", "b"], [["x y", "1 Jan 2026"]], empty="", unbroken={1})
    assert '<td>x y</td><td style="white-space: nowrap">1 Jan 2026</td>' in page.html()
    assert warning("<x>") == '<span class="warning">&lt;x&gt;</span>'
    assert isinstance(warning("x"), Markup)


def _lines(document: QTextDocument, containing: str) -> list[str]:
    """The lines the document is laid out in, of the block holding ``containing``."""
    block = document.begin()
    while block.isValid() and containing not in block.text():
        block = block.next()
    assert block.isValid(), containing
    layout = block.layout()
    text = block.text()
    return [
        text[
            layout.lineAt(n).textStart() : layout.lineAt(n).textStart()
            + layout.lineAt(n).textLength()
        ]
        for n in range(layout.lineCount())
    ]


def test_a_long_web_address_wraps_after_its_dots_and_slashes(qapp) -> None:
    url = "https://www.technischeuniversiteitdrienerlo.example/en/international-staff"
    page = DetailPage("Technische Universiteit Drienerlo")
    page.fields([("Website", url), ("Note", "Call before noon.")])
    document = QTextDocument()
    document.setHtml(page.html())
    document.setTextWidth(380)  # the detail pane beside a list
    document.size()  # laid out now
    lines = _lines(document, "drienerlo")
    assert len(lines) > 1
    assert "".join(lines).replace(ZERO_WIDTH_SPACE, "") == url
    for line in lines[:-1]:  # never in the middle of a word
        assert line.rstrip(ZERO_WIDTH_SPACE).endswith(("/", ".", "-")), lines
    assert _lines(document, "Call before")[0] == "Call before noon."


def test_in_a_narrow_pane_the_labels_wrap_not_the_values(qapp) -> None:
    """A pane dragged narrow (180 pixels): the label column narrows with it, and a value keeps
    its words whole (a fixed label column left it a letter per line)."""
    page = DetailPage("Ahmed Abdallah")
    page.fields([("Date of birth", "12 Mar 1989"), ("Nationality", "Morocco")])
    document = QTextDocument()
    document.setHtml(page.html())
    document.setTextWidth(180)
    document.size()
    assert _lines(document, "Morocco") == ["Morocco"]
    assert _lines(document, "12 Mar")[0] in ("12 Mar 1989", "12 Mar")


def test_record_links() -> None:
    assert record_url("case", 12) == "expatdesk://case/12"
    assert record_of("expatdesk://case/12") == ("case", 12)
    assert record_of("expatdesk://expat/7/") == ("expat", 7)
    assert record_of("expatdesk://employer/3") == ("employer", 3)
    for other in (
        "https://example.nl",
        "expatdesk://permit/1",
        "expatdesk://case/0",
        "expatdesk://case/x",
        "expatdesk://case/1/2",
        "",
    ):
        assert record_of(other) is None
    with pytest.raises(ValueError, match="unknown record kind"):
        record_url("permit", 1)
    assert link("<Smith>", "expat", 5) == '<a href="expatdesk://expat/5">&lt;Smith&gt;</a>'
    assert linked("Thales", None) == "Thales"
    assert linked(None, ("employer", 1)) is None
    assert linked("Thales", ("employer", 1)) == link("Thales", "employer", 1)


def test_timeline_rows() -> None:
    hsm = Label("hsm", "Highly skilled migrant", "Kennismigrant")
    events = [
        TimelineEvent(
            date(2026, 4, 30),
            "permit_until",
            text="P1",
            label=hsm,
            mark="expiring",
            today=date(2026, 3, 11),
        ),
        TimelineEvent(date(2026, 1, 5), "case_opened", "case", 12, "Housing <flat>", ref="C-1"),
        TimelineEvent(date(2025, 12, 31), "hiring", count=3, year_only=True),
    ]
    (until, opened, hires) = timeline_rows(events)
    assert until == (
        "30 Apr 2026",
        "Permit valid until: Highly skilled migrant<br>"
        '<span class="warning">P1 · expires in 50 days</span>',
    )
    assert opened == (
        "5 Jan 2026",
        '<a href="expatdesk://case/12">Case C-1 opened</a><br>'
        '<span class="note">Housing &lt;flat&gt;</span>',
    )
    assert hires == ("2025", "3 international hires")


def test_the_history_section_escapes_and_lists_the_changes() -> None:
    from datetime import UTC, datetime

    from expatdesk.history.read import History, HistoryEntry
    from expatdesk.history.values import FieldChange
    from expatdesk.qt.widgets.detail_html import add_history

    entry = HistoryEntry(
        id=1,
        at=datetime(2026, 11, 26, 9, 30, tzinfo=UTC),
        who="Anna <b>",
        action="update",
        entity="expat",
        entity_id=1,
        changes=(
            FieldChange("notes", "a < b", "a > b"),
            FieldChange("email", None, "x@example.org"),
        ),
    )
    page = DetailPage("T")
    add_history(page, History((entry,), total=1))
    html = page.html()
    assert "<h3>History</h3>" in html
    assert "Anna &lt;b&gt;" in html
    assert (
        'Changed<br><span class="note">E-mail: x@example.org<br>'
        "Notes: a &lt; b → a &gt; b</span>" in html  # in the order of the form
    )
    assert "The latest" not in html
    empty = DetailPage("T")
    add_history(empty, History())
    assert "No changes recorded." in empty.html()
