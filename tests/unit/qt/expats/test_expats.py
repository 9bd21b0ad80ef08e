"""The expat's page in the detail view."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QTextBrowser

from expatdesk import i18n
from expatdesk.cases.linked import CaseInfo, DeliveryInfo
from expatdesk.common.labels import Label
from expatdesk.expats.read import ExpatDetail, FamilyMemberInfo, PermitInfo
from expatdesk.history.read import History, HistoryEntry, PartName
from expatdesk.history.values import Coded, FieldChange
from expatdesk.qt.expats import area
from expatdesk.qt.expats import page as expats
from expatdesk.qt.widgets.detail_html import record_of

HSM = Label("hsm", "Highly skilled migrant", "Kennismigrant")


def detail(**changes: object) -> ExpatDetail:
    values: dict[str, object] = {
        "id": 1,
        "ref": "EXP-0001",
        "given_name": "José",
        "family_name": "García <Jr>",
        "date_of_birth": date(1990, 4, 12),
        "nationality": "ES",
        "email": None,
        "phone": None,
        "bsn_masked": "*****6782",
        "employer_id": None,
        "employer_name": None,
        "category": Label("researcher", "Researcher", "Onderzoeker"),
        "education_level": None,
        "arrival_date": date(2026, 11, 26),
        "departure_date": None,
        "municipality": None,
        "preferred_language": "es",
        "survey_consent": False,
        "survey_consent_date": None,
        "notes": "Line one\nLine <two>",
        "family": (),
        "permits": (
            PermitInfo(HSM, "P0", None, date(2025, 1, 31)),
            PermitInfo(HSM, "P1", None, date(2026, 1, 31)),
        ),
    }
    values.update(changes)
    return ExpatDetail(**values)  # type: ignore[arg-type]


def text_of(html: str) -> str:
    document = QTextDocument()
    document.setHtml(html)
    return document.toPlainText()


def test_the_page_shows_the_record_escaped(qtbot) -> None:
    html = expats.render(detail(), today=date(2026, 11, 26))
    text = text_of(html)
    assert "José García <Jr>" in text
    assert "García &lt;Jr&gt;" in html
    assert "*****6782" in text
    assert "Spain" in text
    assert "Spanish" in text
    assert "12 Apr 1990" in text
    assert "Researcher" in text
    assert "No family members registered." in text
    assert "31 Jan 2026 (expired)" in text
    assert "31 Jan 2025 (expired)" not in text  # superseded, not news
    assert text.index("P1") < text.index("P0")  # the newest first
    assert '<span class="warning"' in html
    assert "Line <two>" in text


def test_a_valid_permit_is_not_marked(qtbot) -> None:
    html = expats.render(detail(), today=date(2026, 1, 31))
    assert "(expired)" not in text_of(html)


def test_family_and_consent(qtbot) -> None:
    child = FamilyMemberInfo("child", "Mateo", "García", date(2019, 2, 3), "ISTwente")
    html = expats.render(
        detail(family=(child,), survey_consent=True, survey_consent_date=date(2026, 11, 27))
    )
    text = text_of(html)
    assert "Child" in text
    assert "Mateo García" in text
    assert "3 Feb 2019" in text
    assert "Yes, since 27 Nov 2026" in text


def test_the_page_in_dutch(qtbot) -> None:
    i18n.set_language("nl")
    text = text_of(expats.render(detail(), today=date(2026, 11, 26)))
    assert "Persoonsgegevens" in text
    assert "Spanje" in text
    assert "Spaans" in text
    assert "12 apr 1990" in text
    assert "Onderzoeker" in text
    assert "31 jan 2026 (verlopen)" in text


def test_the_area_texts() -> None:
    spec = area.spec()
    assert spec.count_text(1) == "1 expat"
    assert spec.count_text(1234) == "1,234 expats"
    i18n.set_language("nl")
    assert spec.count_text(1234) == "1.234 expats"
    assert spec.nothing_found("x") == "Geen expat gevonden voor “x”."


def test_cases_services_and_the_timeline(qtbot) -> None:
    digid = Label("digid", "DigiD", "DigiD")
    html = expats.render(
        detail(
            arrival_date=date(2024, 5, 1),
            employer_id=3,
            employer_name="Thales",
            cases=(
                CaseInfo(12, "C-1", "Permit <renewal>", "closed", date(2025, 1, 2), None, None),
                CaseInfo(14, "C-2", "Housing", "in_progress", date(2025, 6, 1), None, "Sanne"),
            ),
            deliveries=(
                DeliveryInfo(
                    7, "S-2", digid, date(2025, 6, 3), 14, "C-2", 1, "José", None, None, None
                ),
                DeliveryInfo(
                    6, "S-1", digid, date(2025, 1, 5), None, None, 1, "José", None, None, None
                ),
            ),
            delivery_count=2,
        ),
        today=date(2026, 1, 1),
    )
    text = text_of(html)
    # The employer and every case link to their pages.
    assert '<a href="expatdesk://employer/3">Thales</a>' in html
    assert '<a href="expatdesk://case/14">C-2</a>' in html
    assert '<a href="expatdesk://case/12">C-1</a>' in html
    assert text.index("C-2") < text.index("C-1")  # open cases first
    assert "Permit <renewal>" in text
    assert "In progress" in text
    # The services, with the case they were delivered on.
    assert "Services delivered" in text
    assert "3 Jun 2025\nDigiD\nC-2" in text
    assert "5 Jan 2025\nDigiD\n—" in text
    # One timeline, newest first: the current permit's end (soon: marked), the cases, services.
    timeline = text[text.index("Timeline") : text.index("Family members")]
    lines = [line for line in timeline.splitlines() if line.strip()]
    assert lines[:9] == [
        "Timeline",
        "Date",
        "Event",
        "31 Jan 2026",
        "Permit valid until: Highly skilled migrant",
        "P1 · expires in 30 days",
        "3 Jun 2025",
        "Service delivered: DigiD",
        "case C-2",
    ]
    assert "1 Jun 2025\nCase C-2 opened\nHousing" in timeline
    assert "31 Jan 2025\nPermit ended: Highly skilled migrant\nP0" in timeline
    assert '<a href="expatdesk://case/14">Service delivered: DigiD</a>' in html
    assert '<span class="warning">P1 · expires in 30 days</span>' in html


def test_an_expat_without_cases_or_services(qtbot) -> None:
    text = text_of(expats.render(detail(permits=()), today=date(2026, 1, 1)))
    assert "No cases for this expat." in text
    assert "No services delivered to this expat." in text
    assert "Arrived" in text  # the arrival alone makes a timeline
    i18n.set_language("nl")
    text = text_of(expats.render(detail(permits=(), arrival_date=None), today=date(2026, 1, 1)))
    assert "Geen zaken voor deze expat." in text
    assert "Er is nog niets gebeurd." in text
    assert "Tijdlijn" in text


def test_a_link_on_the_page_names_the_record_it_opens(qtbot) -> None:
    """The record view (a QTextBrowser that opens no links itself) reports the link; the
    window opens the record :func:`record_of` names. Keyboard: Tab to the link, Enter."""
    browser = QTextBrowser()
    browser.setOpenLinks(False)
    qtbot.addWidget(browser)
    browser.setHtml(expats.render(detail(employer_id=3, employer_name="Thales")))
    browser.show()
    browser.setFocus()
    QTest.keyClick(browser, Qt.Key.Key_Tab)
    with qtbot.waitSignal(browser.anchorClicked) as clicked:
        QTest.keyClick(browser, Qt.Key.Key_Return)
    (url,) = clicked.args
    assert record_of(url.toString()) == ("employer", 3)


# --- the history ------------------------------------------------------------------------------


def history_entry(number: int, **changes: object) -> HistoryEntry:
    values: dict[str, object] = {
        "id": number,
        "at": datetime(2026, 11, 1, 9, 0, tzinfo=UTC) + timedelta(hours=number),
        "who": "Anna <de Vries>",
        "action": "update",
        "entity": "expat",
        "entity_id": 1,
        "changes": (FieldChange("phone", f"+31 6 {number - 1}", f"+31 6 {number}"),),
    }
    values.update(changes)
    return HistoryEntry(**values)  # type: ignore[arg-type]


def test_the_history_section_shows_the_latest_changes_newest_first(qtbot) -> None:
    entries = tuple(history_entry(number) for number in range(25, 0, -1))
    page = expats.ExpatPage(detail(), History(entries[:20], total=25))

    text = text_of(expats.render(page, today=date(2026, 11, 26)))

    history = text[text.index("History") :]
    assert "The latest 20 of 25 changes." in history
    assert "Anna <de Vries>" in history  # escaped, shown as typed
    assert "Phone: +31 6 24 → +31 6 25" in history
    assert history.index("+31 6 24 → +31 6 25") < history.index("+31 6 23 → +31 6 24")
    assert "+31 6 5 → +31 6 6" in history  # the 20th newest
    assert "+31 6 4 → +31 6 5" not in history
    assert "Notes" in text[: text.index("History")]  # the history comes last


def test_the_history_names_parts_and_bsn_views(qtbot) -> None:
    entries = (
        history_entry(3, action="view_bsn", changes=()),
        history_entry(
            2,
            action="delete",
            entity="family_member",
            entity_id=7,
            changes=(FieldChange("given_name", "Mateo", None),),
            part=PartName("family_member", "Mateo García", Coded("relation", "child")),
        ),
        history_entry(1, action="create", changes=(FieldChange("given_name", None, "José"),)),
    )
    page = expats.ExpatPage(detail(), History(entries, total=3))

    text = text_of(expats.render(page, today=date(2026, 11, 26)))

    history = text[text.index("History") :]
    assert "Showed the BSN" in history
    assert "Removed family member Mateo García (Child)" in history
    assert "Given name: Mateo" not in history  # a removed part's values are not listed
    assert "Registered" in history
    assert "Given name: José" in history
    assert "latest" not in history
    with i18n.using("nl"):
        dutch = text_of(expats.render(page, today=date(2026, 11, 26)))
    assert "Voornaam: José" in dutch
    assert "(Kind)" in dutch


def test_an_erased_expat_says_so_above_everything(qtbot) -> None:
    erased = detail(given_name="", family_name="Anonymised", bsn_masked=None, notes=None)
    page = expats.ExpatPage(
        erased, History((), total=0, anonymised_at=datetime(2026, 11, 2, 10, tzinfo=UTC))
    )
    text = text_of(expats.render(page, today=date(2026, 11, 26)))
    assert text.startswith(
        "Anonymised\nEXP-0001\nThe personal data of this expat was erased on 2 Nov 2026"
    )
    assert "No changes recorded." in text


def test_the_expats_area_shows_the_history_of_the_selected_expat(
    qtbot, window, sample, sqlite_database
) -> None:
    from dataclasses import replace as changed

    from expatdesk.accounts.actor import SYSTEM
    from expatdesk.expats import forms as expat_forms
    from expatdesk.expats import write as expat_records

    jose = sample.expats["jose"]
    form = expat_forms.load_expat_form(sqlite_database, jose)
    assert form is not None
    assert form.version is not None
    expat_records.update_expat(
        sqlite_database, SYSTEM, jose, form.version, changed(form, phone="+31 6 9999 0000")
    )
    area = window.expats_area
    assert area.select_id(jose)
    area.refresh_detail()
    text = area.ui.detail.toPlainText()
    history = text[text.index("History") :]
    assert "Phone: +31 6 1234 5678 → +31 6 9999 0000" in history
    assert "Added family member Lucía Pérez (Partner)" in history
    assert "Added permit NL-2026-0001 (Highly skilled migrant)" in history
    assert history.index("Phone:") < history.index("Registered")
