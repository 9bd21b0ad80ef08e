"""Letters to a case's client from the centre's templates, as PDFs made with reportlab.

:func:`make_letter` fills a template (:mod:`expatdesk.documents.templates`) with what the case
holds, in the client's preferred language (Dutch or English; any other preference gets English;
``language`` overrides), and lays it out under the centre's letterhead (name, address and logo
from the target settings, :mod:`expatdesk.documents.letterhead`). The fonts are DejaVu Sans with
a fallback for other scripts (:mod:`expatdesk.reports.pdf.fonts`), embedded as subsets.

The letters and what fills them:

- ``documents-needed``: the documents of the case's checklists not yet ticked off;
- ``appointment``: the date, time and place given (the place defaults to the centre's address)
  and what to bring (given, or the documents not yet ticked off);
- ``client-overview``: the expat's open cases, the services delivered to them, and their
  permits that end within a year.

With ``file_on_case`` the letter is kept on the case as a document of kind ``letter`` in the
same step (:func:`expatdesk.documents.store.add_bytes`), so the desk finds what was sent.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, time, timedelta
from typing import Any

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    Image,
    ListFlowable,
    ListItem,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)
from sqlalchemy import select
from sqlalchemy.orm import Session

from expatdesk import clock, i18n
from expatdesk.accounts.actor import Actor, Permission
from expatdesk.cases.statuses import status_label
from expatdesk.db.database import Database
from expatdesk.db.models import (
    Case,
    ChecklistItem,
    DeliveryDocument,
    Employer,
    Expat,
    Permit,
    PermitType,
    ServiceDelivery,
    ServiceType,
)
from expatdesk.documents import store, templates
from expatdesk.documents.letterhead import Letterhead, letterhead_in
from expatdesk.errors import UserError
from expatdesk.i18n import _
from expatdesk.reports.pdf import fonts
from expatdesk.reports.pdf.layout import INK, MUTED, PDF_LANGUAGES, RULE
from expatdesk.text import full_name

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 22 * mm
BODY_WIDTH = PAGE_WIDTH - 2 * MARGIN
#: The logo is scaled to fit this box at the top right.
LOGO_BOX = (45 * mm, 22 * mm)
#: Permits ending within this many days appear on the client overview.
PERMITS_ENDING_DAYS = 365


@dataclass(frozen=True)
class Appointment:
    """What the appointment letter confirms."""

    day: date
    at: time
    place: str | None = None  # None: the centre's address
    bring: tuple[str, ...] | None = None  # None: the documents not yet ticked off


@dataclass(frozen=True)
class Letter:
    """A letter made: its PDF, language, subject and file name, and the document it was filed
    as (``None`` when not filed)."""

    pdf: bytes
    language: str
    subject: str
    file_name: str
    document_id: int | None


@dataclass(frozen=True)
class _Client:
    name: str
    ref: str
    expat_id: int | None
    preferred_language: str | None


def _client(session: Session, record: Case) -> _Client:
    if record.expat_id is not None:
        expat = session.get(Expat, record.expat_id)
        if expat is not None:
            return _Client(
                full_name(expat.given_name, expat.family_name),
                expat.expat_ref,
                expat.id,
                expat.preferred_language,
            )
    employer = session.get(Employer, record.employer_id) if record.employer_id else None
    if employer is None:
        raise UserError(_("This case has no client to write to."))
    return _Client(employer.name, employer.employer_ref, None, None)


def _open_documents(session: Session, case_id: int, language: str) -> tuple[str, ...]:
    """The checklist documents of the case's services not yet ticked off, each once."""
    ticked = select(DeliveryDocument.checklist_item_id).where(
        DeliveryDocument.delivery_id == ServiceDelivery.id
    )
    rows = session.execute(
        select(ChecklistItem.label_en, ChecklistItem.label_nl)
        .join(ServiceDelivery, ServiceDelivery.service_code == ChecklistItem.service_code)
        .where(ServiceDelivery.case_id == case_id, ChecklistItem.id.not_in(ticked))
        .order_by(ServiceDelivery.delivered_on, ServiceDelivery.id, ChecklistItem.position)
    )
    labels = (nl if language == "nl" else en for en, nl in rows)
    return tuple(dict.fromkeys(labels))


def _label(row: ServiceType | PermitType | None, code: str, language: str) -> str:
    if row is None:
        return code
    return row.label_nl if language == "nl" else row.label_en


def _overview(
    session: Session, client: _Client, language: str, today: date
) -> dict[str, tuple[str, ...]]:
    assert client.expat_id is not None
    open_cases = tuple(
        f"{record.case_ref}: {record.subject} ({status_label(record.status)})"
        for record in session.scalars(
            select(Case)
            .where(Case.expat_id == client.expat_id, Case.status != "closed")
            .order_by(Case.opened_on, Case.id)
        )
    )
    service_types = {row.code: row for row in session.scalars(select(ServiceType))}
    services = tuple(
        f"{i18n.format_date(delivery.delivered_on, 'long')}: "
        f"{_label(service_types.get(delivery.service_code), delivery.service_code, language)}"
        for delivery in session.scalars(
            select(ServiceDelivery)
            .where(ServiceDelivery.expat_id == client.expat_id)
            .order_by(ServiceDelivery.delivered_on, ServiceDelivery.id)
        )
    )
    permit_types = {row.code: row for row in session.scalars(select(PermitType))}
    ending = tuple(
        _("{permit}, valid until {day}").format(
            permit=_label(
                permit_types.get(permit.permit_type_code), permit.permit_type_code, language
            ),
            day=i18n.format_date(permit.valid_until, "long"),
        )
        for permit in session.scalars(
            select(Permit)
            .where(
                Permit.expat_id == client.expat_id,
                Permit.valid_until >= today,
                Permit.valid_until <= today + timedelta(days=PERMITS_ENDING_DAYS),
            )
            .order_by(Permit.valid_until)
        )
    )
    return {"open_cases": open_cases, "services": services, "permits_ending": ending}


@dataclass(frozen=True)
class _Filled:
    language: str
    subject: str
    blocks: list[templates.Block]
    case_ref: str
    client: _Client
    head: Letterhead


def _fill(
    session: Session,
    actor: Actor,
    name: str,
    case_id: int,
    language: str | None,
    appointment: Appointment | None,
) -> _Filled:
    templates.check_letter(name)
    record = session.get(Case, case_id)
    if record is None:
        raise UserError(_("This case no longer exists."))
    client = _client(session, record)
    chosen = language or templates.letter_language(client.preferred_language)
    if chosen not in templates.LETTER_LANGUAGES:
        raise UserError(
            _("Letters are written in nl or en, not in {language}.").format(language=chosen)
        )
    # Refusals first, in the language of the one who asked (the rest is in the letter's).
    if name == "appointment" and appointment is None:
        raise UserError(_("The appointment letter needs the date and time."))
    if name == "client-overview" and client.expat_id is None:
        raise UserError(_("The client overview is for an expat; this case has none."))
    template = templates.template_in(session, name, chosen)
    head = letterhead_in(session)
    today = clock.today()
    with i18n.using(chosen):
        values = {
            "client_name": client.name,
            "case_ref": record.case_ref,
            "case_subject": record.subject,
            "centre_name": head.name,
            "today": i18n.format_date(today, "long"),
            "staff_name": actor.display_name,
        }
        lists: dict[str, tuple[str, ...]] = {}
        if name == "documents-needed":
            lists["documents"] = _open_documents(session, case_id, chosen)
        elif name == "appointment":
            assert appointment is not None
            values["appointment_date"] = i18n.format_date(appointment.day, "full")
            values["appointment_time"] = appointment.at.strftime("%H:%M")
            values["place"] = appointment.place or ", ".join(head.address_lines) or head.name
            lists["bring"] = (
                appointment.bring
                if appointment.bring is not None
                else _open_documents(session, case_id, chosen)
            )
        else:
            lists.update(_overview(session, client, chosen, today))
        blocks = templates.fill(name, template.body, values, lists, _("(none)"))
        subject = templates.fill_line(template.subject, values)
    return _Filled(chosen, subject, blocks, record.case_ref, client, head)


# --- the PDF -----------------------------------------------------------------------------------


def _styles() -> dict[str, ParagraphStyle]:
    fonts.register()
    body = ParagraphStyle(
        "body", fontName=fonts.REGULAR, fontSize=10.5, leading=15, textColor=INK, spaceAfter=8
    )
    return {
        "body": body,
        "centre": ParagraphStyle(
            "centre", parent=body, fontName=fonts.BOLD, fontSize=14, leading=18
        ),
        "address": ParagraphStyle("address", parent=body, fontSize=9, leading=12, textColor=MUTED),
        "meta": ParagraphStyle(
            "meta", parent=body, fontSize=9, leading=12, textColor=MUTED, alignment=TA_RIGHT
        ),
        "subject": ParagraphStyle(
            "subject", parent=body, fontName=fonts.BOLD, fontSize=12, leading=16, spaceAfter=12
        ),
        "item": ParagraphStyle("item", parent=body, spaceAfter=2),
    }


def _logo(head: Letterhead) -> Flowable | None:
    if not head.logo:
        return None
    reader = ImageReader(io.BytesIO(head.logo))
    width, height = reader.getSize()
    scale = min(LOGO_BOX[0] / width, LOGO_BOX[1] / height)
    image = Image(io.BytesIO(head.logo), width=width * scale, height=height * scale)
    image.hAlign = "RIGHT"
    return image


def _story(filled: _Filled) -> list[Flowable]:
    styles = _styles()
    head = filled.head
    centre: list[Flowable] = [Paragraph(fonts.markup(head.name), styles["centre"])]
    if head.address_lines:
        centre.append(
            Paragraph(
                "<br/>".join(fonts.markup(line) for line in head.address_lines), styles["address"]
            )
        )
    logo = _logo(head)
    top = Table(
        [[centre, logo or ""]], colWidths=[BODY_WIDTH - LOGO_BOX[0], LOGO_BOX[0]], hAlign="LEFT"
    )
    top.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),  # not Helvetica (not embedded)
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("LINEBELOW", (0, 0), (-1, 0), 0.5, RULE),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    meta = "<br/>".join(
        [
            fonts.markup(_("Date: {day}").format(day=i18n.format_date(clock.today(), "long"))),
            fonts.markup(_("Our reference: {ref}").format(ref=filled.case_ref)),
        ]
    )
    story: list[Flowable] = [
        top,
        Spacer(1, 10 * mm),
        Paragraph(fonts.markup(filled.client.name), styles["body"]),
        Paragraph(meta, styles["meta"]),
        Spacer(1, 6 * mm),
        Paragraph(fonts.markup(filled.subject), styles["subject"]),
    ]
    for block in filled.blocks:
        if block.items is not None:
            story.append(
                ListFlowable(
                    [
                        ListItem(Paragraph(fonts.markup(item), styles["item"]))
                        for item in block.items
                    ],
                    bulletType="bullet",
                    start="•",
                    bulletFontName=fonts.REGULAR,
                    leftIndent=14,
                    spaceAfter=8,
                )
            )
            story.append(Spacer(1, 4))
        else:
            text = "<br/>".join(fonts.markup(line) for line in block.lines)
            story.append(Paragraph(text, styles["body"]))
    return story


def render_pdf(filled: _Filled) -> bytes:
    buffer = io.BytesIO()
    footer = f"{filled.head.name} · {filled.case_ref}"
    page_of = _("Page {page} of {pages}")

    class _Numbered(Canvas):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self.setFont(fonts.REGULAR, 8)
                self.setFillColor(MUTED)
                self.drawString(MARGIN, MARGIN / 2, footer)
                self.drawRightString(
                    PAGE_WIDTH - MARGIN,
                    MARGIN / 2,
                    page_of.format(page=self.getPageNumber(), pages=total),
                )
                super().showPage()
            super().save()

    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN - 6 * mm,
        bottomMargin=MARGIN,
        title=filled.subject,
        author=f"{filled.head.name} / ExpatDesk",
        creator="ExpatDesk",
        initialFontName=fonts.REGULAR,  # not Helvetica, which is not embedded
        lang=PDF_LANGUAGES[filled.language],
        invariant=True,
    )
    document.build(_story(filled), canvasmaker=_Numbered)
    return buffer.getvalue()


def client_language(database: Database, case_id: int) -> str:
    """The language a letter to the case's client is written in unless another is chosen."""
    with database.reading() as session:
        record = session.get(Case, case_id)
        if record is None:
            raise UserError(_("This case no longer exists."))
        return templates.letter_language(_client(session, record).preferred_language)


def letter_file_name(name: str, case_ref: str, language: str) -> str:
    return f"{case_ref}-{name}-{language}.pdf"


def make_letter(
    database: Database,
    actor: Actor,
    name: str,
    case_id: int,
    *,
    language: str | None = None,
    appointment: Appointment | None = None,
    file_on_case: bool = True,
) -> Letter:
    """Make the letter ``name`` for the client of the case ``case_id``; with ``file_on_case``
    keep it on the case (one transaction, in the trail). Staff who work with cases may."""
    actor.require(Permission.CLIENTS)
    with database.reading() as session:
        filled = _fill(session, actor, name, case_id, language, appointment)
    with i18n.using(filled.language):
        pdf = render_pdf(filled)
    file_name = letter_file_name(name, filled.case_ref, filled.language)
    letter = Letter(pdf, filled.language, filled.subject, file_name, None)
    if file_on_case:
        return file_letter(database, actor, case_id, letter)
    return letter


def file_letter(database: Database, actor: Actor, case_id: int, letter: Letter) -> Letter:
    """Keep ``letter`` on the case as a document of kind ``letter``; returns it with its id."""
    document_id = store.add_bytes(
        database,
        actor,
        case_id,
        letter.pdf,
        file_name=letter.file_name,
        title=letter.subject[: store.TITLE_LIMIT],
        kind="letter",
    )
    return Letter(letter.pdf, letter.language, letter.subject, letter.file_name, document_id)
