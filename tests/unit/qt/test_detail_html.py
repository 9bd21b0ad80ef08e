"""Record pages: every value escaped, empty values shown as a dash."""

from __future__ import annotations

from expatdesk.qt.detail_html import EMPTY, DetailPage, Markup, escape, warning


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
