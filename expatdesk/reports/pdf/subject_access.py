"""The subject access export as a PDF for the person: everything the centre holds about them.

:func:`render_subject_access_pdf` lays out the dict of
:func:`expatdesk.privacy.subject_access.subject_access` (its JSON form, so the PDF and the JSON
file say the same) in the person's language, with the fonts and the look of the targets report
(:mod:`.fonts`, :mod:`.layout`): DejaVu Sans embedded, names in any script through
:func:`.fonts.markup`.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from expatdesk import i18n
from expatdesk.cases.statuses import status_label
from expatdesk.common.labels import relation_label
from expatdesk.i18n import N_, _
from expatdesk.reports.pdf import fonts, layout
from expatdesk.reports.pdf.layout import BODY_WIDTH, MUTED, RULE
from expatdesk.surveys.responses import intention_label
from expatdesk.text import full_name

Data = Mapping[str, Any]

_RECORDS = {
    "expat": N_("Your record"),
    "family_member": N_("Family member"),
    "permit": N_("Permit"),
    "case": N_("Case"),
    "case_note": N_("Case note"),
    "task": N_("Task"),
    "service_delivery": N_("Service delivered"),
    "case_document": N_("Document"),
    "survey_response": N_("Survey response"),
}
_ACTIONS = {
    "create": N_("created"),
    "update": N_("changed"),
    "delete": N_("deleted"),
    "view_bsn": N_("BSN shown"),
}


def _styles() -> dict[str, ParagraphStyle]:
    base = layout.body_style()
    return {
        "body": base,
        "small": layout.small_style(base),
        "cell": ParagraphStyle("cell", base, fontSize=8, leading=10),
        "cell_head": ParagraphStyle(
            "cell_head", base, fontName=fonts.BOLD, fontSize=7.5, leading=9
        ),
        "label": ParagraphStyle("label", base, fontSize=8, leading=10, textColor=MUTED),
        "title": ParagraphStyle(
            "title", base, fontName=fonts.BOLD, fontSize=18, leading=23, spaceAfter=4
        ),
        "subtitle": ParagraphStyle(
            "subtitle", base, fontSize=11, leading=15, textColor=MUTED, spaceAfter=10
        ),
        "h2": ParagraphStyle(
            "h2",
            base,
            fontName=fonts.BOLD,
            fontSize=11.5,
            leading=15,
            spaceBefore=10,
            spaceAfter=4,
            keepWithNext=True,
        ),
        "h3": ParagraphStyle(
            "h3",
            base,
            fontName=fonts.BOLD,
            fontSize=9.5,
            leading=12.5,
            spaceBefore=6,
            spaceAfter=2,
            keepWithNext=True,
        ),
    }


def render_subject_access_pdf(data: Data, *, language: str) -> bytes:
    """The export as an A4 PDF in ``language`` (``"nl"`` or ``"en"``), fonts embedded."""
    with i18n.using(language):
        return _Renderer(data).render(language)


def _day(value: str | None) -> str:
    return "" if not value else i18n.format_date(date.fromisoformat(value))


def _moment(value: str | None) -> str:
    return "" if not value else i18n.format_datetime(datetime.fromisoformat(value), seconds=False)


def _label(value: Mapping[str, str] | None) -> str:
    if not value:
        return ""
    return i18n.pick(value.get("en", value.get("code", "")), value.get("nl", value.get("code", "")))


def _translated(table: Mapping[str, str], code: str | None) -> str:
    if not code:
        return ""
    return _(table[code]) if code in table else code


def _named(name: Callable[[str], str], code: str | None) -> str:
    """A code (a relation, a status, an answer) by its name in the active language."""
    return name(code) if code else ""


class _Renderer:
    def __init__(self, data: Data) -> None:
        fonts.register()
        self.data = data
        self.person: Data = data.get("person") or {}
        self.styles = _styles()

    # helpers
    def t(self, text: str, style: str = "body") -> Paragraph:
        """A paragraph of plain text (escaped, with the fallback font where needed)."""
        return Paragraph(fonts.markup(text).replace("\n", "<br/>"), self.styles[style])

    def table(
        self, head: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float]
    ) -> Table:
        cells = [[self.t(text, "cell_head") for text in head]]
        cells += [[self.t(text, "cell") for text in row] for row in rows]
        return layout.data_table(cells, widths)

    def fields(self, rows: Sequence[tuple[str, str]]) -> Table:
        cells = [[self.t(label, "label"), self.t(value or "—", "cell")] for label, value in rows]
        table = Table(cells, colWidths=[45 * mm, BODY_WIDTH - 45 * mm], hAlign="LEFT")
        table.setStyle(
            TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),  # not Helvetica
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE),
                    ("TOPPADDING", (0, 0), (-1, -1), 2),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ]
            )
        )
        return table

    def section(
        self,
        title: str,
        items: Sequence[Data],
        empty: str,
        build: Callable[[Sequence[Data]], list[Flowable]],
    ) -> list[Flowable]:
        story: list[Flowable] = [self.t(title, "h2")]
        if not items:
            story.append(self.t(empty))
        else:
            story += build(items)
        return story

    # the document
    def name(self) -> str:
        return full_name(self.person.get("given_name"), self.person.get("family_name"))

    def title(self) -> str:
        return _("Personal data held about you")

    def render(self, language: str) -> bytes:
        buffer = io.BytesIO()
        title = self.title()
        centre = str(self.data.get("centre") or "")
        document = layout.document(
            buffer,
            title=f"{title}: {self.name()}",
            author=f"{centre} / ExpatDesk",
            subject=_("Subject access export of {ref}").format(ref=self.person.get("ref", "")),
            language=language,
        )
        footer = _("{title} — {ref} — page {page}")

        def page(canvas: Canvas, _document: Any) -> None:
            ref = self.person.get("ref", "")
            layout.draw_footer(
                canvas, footer.format(title=title, ref=ref, page=canvas.getPageNumber())
            )

        document.build(self.story(), onFirstPage=page, onLaterPages=page)
        return buffer.getvalue()

    def story(self) -> list[Flowable]:
        story: list[Flowable] = []
        story += self.heading()
        story += self.details()
        story += self.section(
            _("Family members"),
            self.data.get("family_members") or [],
            _("No family members registered."),
            self.family,
        )
        story += self.section(
            _("Permits"), self.data.get("permits") or [], _("No permits registered."), self.permits
        )
        story += self.section(_("Cases"), self.data.get("cases") or [], _("No cases."), self.cases)
        story += self.section(
            _("Services delivered"),
            self.data.get("service_deliveries") or [],
            _("No services delivered."),
            self.deliveries,
        )
        story += self.section(
            _("Survey responses"),
            self.data.get("survey_responses") or [],
            _("No survey responses."),
            self.responses,
        )
        story += self.section(
            _("Documents"), self.data.get("documents") or [], _("No documents."), self.documents
        )
        story += self.section(
            _("Record of changes"),
            self.data.get("audit_trail") or [],
            _("No changes recorded."),
            self.trail,
        )
        return story

    def heading(self) -> list[Flowable]:
        centre = str(self.data.get("centre") or "")
        generated = _moment(self.data.get("generated_at"))
        return [
            self.t(self.title(), "title"),
            self.t(
                _("{name} ({ref}) — {centre}").format(
                    name=self.name(), ref=self.person.get("ref", ""), centre=centre
                ),
                "subtitle",
            ),
            self.t(
                _(
                    "This document lists all personal data that {centre} holds about you in its "
                    "registration system ExpatDesk, as of {moment}: your record, your family "
                    "members and permits, your cases with their notes and tasks, the services "
                    "delivered to you, your survey responses, and every recorded change. The "
                    "same data comes with it as a JSON file for use elsewhere. If anything is "
                    "wrong, or you want your data erased, please contact us."
                ).format(centre=centre, moment=generated)
            ),
            Spacer(1, 4 * mm),
        ]

    def details(self) -> list[Flowable]:
        person = self.person
        employer = person.get("employer") or {}
        consent = self.data.get("consent") or {}
        if consent.get("survey_contact"):
            agreed = _("Yes, since {date}").format(date=_day(consent.get("since")))
        else:
            agreed = _("No")
        rows = [
            (_("Reference"), person.get("ref") or ""),
            (_("Given name"), person.get("given_name") or ""),
            (_("Family name"), person.get("family_name") or ""),
            (_("Date of birth"), _day(person.get("date_of_birth"))),
            (_("Nationality"), i18n.country_name(person.get("nationality"))),
            (_("E-mail"), person.get("email") or ""),
            (_("Phone"), person.get("phone") or ""),
            (_("BSN"), person.get("bsn") or ""),
            (_("Employer"), employer.get("name") or ""),
            (_("Category"), _label(person.get("category"))),
            (_("Education level"), _label(person.get("education_level"))),
            (_("Arrival"), _day(person.get("arrival_date"))),
            (_("Departure"), _day(person.get("departure_date"))),
            (_("Municipality"), _label(person.get("municipality"))),
            (_("Preferred language"), i18n.language_name(person.get("preferred_language"))),
            (_("Consent for survey contact"), agreed),
            (_("Notes"), person.get("notes") or ""),
            (_("Registered on"), _moment(person.get("registered_at"))),
            (_("Last changed on"), _moment(person.get("last_changed_at"))),
        ]
        if person.get("anonymised_at"):
            rows.append((_("Personal data erased on"), _moment(person.get("anonymised_at"))))
        return [self.t(_("Your details"), "h2"), self.fields(rows)]

    def family(self, members: Sequence[Data]) -> list[Flowable]:
        rows = [
            (
                _named(relation_label, member.get("relation")),
                full_name(member.get("given_name"), member.get("family_name")),
                _day(member.get("date_of_birth")),
                member.get("school") or "",
            )
            for member in members
        ]
        width = BODY_WIDTH
        return [
            self.table(
                [_("Relation"), _("Name"), _("Date of birth"), _("School")],
                rows,
                [0.15 * width, 0.35 * width, 0.18 * width, 0.32 * width],
            )
        ]

    def permits(self, permits: Sequence[Data]) -> list[Flowable]:
        rows = [
            (
                _label(permit.get("type")),
                permit.get("number") or "",
                _day(permit.get("valid_from")),
                _day(permit.get("valid_until")),
            )
            for permit in permits
        ]
        width = BODY_WIDTH
        return [
            self.table(
                [_("Type"), _("Number"), _("Valid from"), _("Valid until")],
                rows,
                [0.4 * width, 0.24 * width, 0.18 * width, 0.18 * width],
            )
        ]

    def cases(self, cases: Sequence[Data]) -> list[Flowable]:
        story: list[Flowable] = []
        width = BODY_WIDTH
        for record in cases:
            block: list[Flowable] = [
                self.t(f"{record.get('ref', '')} — {record.get('subject', '')}", "h3"),
                self.t(
                    _("Status: {status}. Opened on {opened}.").format(
                        status=_named(status_label, record.get("status")),
                        opened=_day(record.get("opened_on")),
                    )
                    + (
                        " "
                        + _("Closed on {closed}.").format(closed=_moment(record.get("closed_at")))
                        if record.get("closed_at")
                        else ""
                    )
                    + (
                        " " + _("Handled by {owner}.").format(owner=record["owner"])
                        if record.get("owner")
                        else ""
                    ),
                    "small",
                ),
            ]
            notes = record.get("notes") or []
            if notes:
                block.append(
                    self.table(
                        [_("Written"), _("By"), _("Note")],
                        [
                            (
                                _moment(note.get("written_at")),
                                note.get("author") or "",
                                note.get("text") or "",
                            )
                            for note in notes
                        ],
                        [0.2 * width, 0.18 * width, 0.62 * width],
                    )
                )
            tasks = record.get("tasks") or []
            if tasks:
                block.append(Spacer(1, 2 * mm))
                block.append(
                    self.table(
                        [_("Task"), _("Due"), _("Done")],
                        [
                            (
                                task.get("title") or "",
                                _day(task.get("due_date")),
                                _moment(task.get("done_at")),
                            )
                            for task in tasks
                        ],
                        [0.6 * width, 0.18 * width, 0.22 * width],
                    )
                )
            story.append(KeepTogether(block[:2]))
            story += block[2:]
        return story

    def documents(self, documents: Sequence[Data]) -> list[Flowable]:
        """The documents on the person's cases (the letters are handed over beside this file)."""
        width = BODY_WIDTH
        kinds = {"attachment": _("Attachment"), "letter": _("Letter")}
        rows = [
            (
                _moment(document.get("added_at")),
                document.get("case") or "",
                document.get("title") or "",
                kinds.get(str(document.get("kind")), ""),
                document.get("file_name") or "",
            )
            for document in documents
        ]
        return [
            self.table(
                [_("Added"), _("Case"), _("Title"), _("Kind"), _("File")],
                rows,
                [0.2 * width, 0.14 * width, 0.3 * width, 0.12 * width, 0.24 * width],
            )
        ]

    def deliveries(self, deliveries: Sequence[Data]) -> list[Flowable]:
        width = BODY_WIDTH
        return [
            self.table(
                [_("Date"), _("Service"), _("Case"), _("Notes")],
                [
                    (
                        _day(delivery.get("delivered_on")),
                        _label(delivery.get("service")),
                        delivery.get("case") or "",
                        delivery.get("notes") or "",
                    )
                    for delivery in deliveries
                ],
                [0.16 * width, 0.38 * width, 0.16 * width, 0.3 * width],
            )
        ]

    def responses(self, responses: Sequence[Data]) -> list[Flowable]:
        width = BODY_WIDTH
        return [
            self.table(
                [
                    _("Date"),
                    _("Grade for the service"),
                    _("Intends to leave"),
                    _("Facilities used"),
                ],
                [
                    (
                        _day(response.get("responded_on")),
                        i18n.format_number(response.get("score_service")),
                        _named(intention_label, response.get("intends_to_leave")),
                        i18n.join(_label(used) for used in response.get("facilities_used") or []),
                    )
                    for response in responses
                ],
                [0.16 * width, 0.2 * width, 0.2 * width, 0.44 * width],
            )
        ]

    def trail(self, entries: Sequence[Data]) -> list[Flowable]:
        width = BODY_WIDTH
        rows = []
        for entry in entries:
            what = "{record} {action}".format(
                record=_translated(_RECORDS, entry.get("record")),
                action=_translated(_ACTIONS, entry.get("action")),
            )
            lines = [str(line) for line in entry.get("details") or []]
            rows.append((_moment(entry.get("at")), entry.get("by") or "", what, "\n".join(lines)))
        return [
            self.t(
                _(
                    "Every change to your records, and every time a staff member looked at your "
                    "BSN, with who did it and when. The BSN is shown here masked, as the record "
                    "of changes keeps it."
                ),
                "small",
            ),
            Spacer(1, 2 * mm),
            self.table(
                [_("When"), _("By"), _("What"), _("Details")],
                rows,
                [0.16 * width, 0.16 * width, 0.2 * width, 0.48 * width],
            ),
        ]
