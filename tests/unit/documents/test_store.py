"""Attachments on a case, on both engines: content sniffing, limits, streaming, the trail."""

from __future__ import annotations

import hashlib
import io
import json
import tracemalloc
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from expatdesk.accounts.actor import Actor, PermissionDeniedError
from expatdesk.cases import detail as case_detail
from expatdesk.cases import services as case_services
from expatdesk.db.database import Database
from expatdesk.db.models import AccessLog, AuditEntry, Case, DeliveryDocument
from expatdesk.db.models.documents import CaseDocument, CaseDocumentChunk
from expatdesk.documents import store
from expatdesk.errors import AlreadySavedError, UserError
from tests.unit.documents.conftest import Desk

PDF_BYTES = b"%PDF-1.4\n" + b"x" * 1000 + b"\n%%EOF\n"
JPEG_BYTES = b"\xff\xd8\xff\xe0" + b"\x00" * 200
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 200


def docx_bytes(word: bool = True) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml" if word else "xl/workbook.xml", "<w/>")
    return buffer.getvalue()


def big_pdf(path: Path, size: int) -> Path:
    """A file of ``size`` bytes that starts like a PDF, written a megabyte at a time."""
    block = bytes(range(256)) * 4096
    with path.open("wb") as file:
        file.write(b"%PDF-1.7\n")
        left = size - 9
        while left > 0:
            file.write(block[: min(left, len(block))])
            left -= len(block)
    return path


def _count(database: Database, model: type) -> int:
    with database.reading() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (PDF_BYTES, store.PDF),
        (JPEG_BYTES, store.JPEG),
        (PNG_BYTES, store.PNG),
        (docx_bytes(), store.DOCX),
        (docx_bytes(word=False), None),  # a spreadsheet is a ZIP too
        (b"PK\x03\x04 not really a zip", None),
        (b"MZ\x90\x00 an executable", None),
        (b"just text", None),
    ],
)
def test_the_type_is_read_from_the_content(content: bytes, expected: str | None) -> None:
    stream = io.BytesIO(content)
    assert store.sniff(stream) == expected
    assert stream.tell() == 0


def test_an_attachment_is_kept_with_who_when_and_its_checksum(
    database: Database, desk: Desk
) -> None:
    document_id = store.add_bytes(
        database, desk.officer, desk.dutch_case, PNG_BYTES, file_name="scan.pdf", title=" Scan "
    )
    [info] = store.case_documents(database, desk.dutch_case)
    assert info.id == document_id
    assert (info.title, info.file_name, info.content_type) == ("Scan", "scan.pdf", store.PNG)
    assert (info.size, info.added_by, info.kind) == (len(PNG_BYTES), "Anna de Vries", "attachment")
    assert info.sha256 == hashlib.sha256(PNG_BYTES).hexdigest()
    target = io.BytesIO()
    store.read_document(database, desk.officer, document_id, target, action="open_document")
    assert target.getvalue() == PNG_BYTES


def test_the_trail_has_the_metadata_and_never_the_content(database: Database, desk: Desk) -> None:
    secret = b"%PDF-1.4 SECRET-PASSPORT-NUMBER-NX1234567"
    document_id = store.add_bytes(
        database, desk.officer, desk.dutch_case, secret, file_name="passport.pdf"
    )
    store.read_document(database, desk.officer, document_id, io.BytesIO(), action="print_document")
    store.remove_document(database, desk.officer, document_id)
    with database.reading() as session:
        entries = list(
            session.execute(
                select(AuditEntry.action, AuditEntry.username, AuditEntry.changes)
                .where(AuditEntry.entity == "case_document")
                .order_by(AuditEntry.id)
            )
        )
        reads = list(session.execute(select(AccessLog.action, AccessLog.entity_id)))
        chunk_entries = session.scalar(
            select(func.count()).where(AuditEntry.entity.like("%chunk%"))
        )
    assert [(entry.action, entry.username) for entry in entries] == [
        ("create", "anna"),
        ("delete", "anna"),
    ]
    created = json.loads(entries[0].changes or "{}")
    assert created["title"] == [None, "passport"]
    assert created["sha256"] == [None, hashlib.sha256(secret).hexdigest()]
    assert "SECRET" not in "".join(entry.changes or "" for entry in entries)
    assert chunk_entries == 0
    assert ("print_document", document_id) in reads
    assert _count(database, CaseDocumentChunk) == 0


def test_proving_a_checklist_item_ticks_it(database: Database, desk: Desk) -> None:
    service = case_detail.load_case(database, desk.dutch_case).services[0]
    passport = next(d for d in service.documents if d.document.en == "Valid passport")
    assert not passport.checked
    store.add_bytes(
        database, desk.officer, desk.dutch_case, JPEG_BYTES, file_name="passport.jpg"
    )  # no item: nothing ticked
    store.add_document(
        database,
        desk.officer,
        desk.dutch_case,
        io.BytesIO(JPEG_BYTES),
        file_name="passport.jpg",
        delivery_id=service.id,
        checklist_item_id=passport.document.id,
    )
    service = case_detail.load_case(database, desk.dutch_case).services[0]
    ticked = [d.document.en for d in service.documents if d.checked]
    assert ticked == ["Valid passport"]
    labels = [info.checklist_label for info in store.case_documents(database, desk.dutch_case)]
    assert labels == ["Valid passport", None]


def test_links_to_another_cases_service_or_checklist_are_refused(
    database: Database, desk: Desk
) -> None:
    with pytest.raises(UserError, match="This service is not on this case"):
        store.add_document(
            database,
            desk.officer,
            desk.dutch_case,
            io.BytesIO(PDF_BYTES),
            file_name="a.pdf",
            delivery_id=desk.japanese_delivery,
        )
    with pytest.raises(UserError, match="not on the checklist"):
        store.add_document(
            database,
            desk.officer,
            desk.dutch_case,
            io.BytesIO(PDF_BYTES),
            file_name="a.pdf",
            checklist_item_id=1,
        )
    assert _count(database, CaseDocument) == 0


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "scan.pdf is empty."),
        (b"GIF89a", "scan.pdf is not a PDF, JPEG, PNG or Word (DOCX) file"),
        (docx_bytes(word=False), "scan.pdf is not a PDF, JPEG, PNG or Word (DOCX) file"),
    ],
)
def test_other_files_are_refused_with_one_line(
    database: Database, desk: Desk, content: bytes, message: str
) -> None:
    with pytest.raises(UserError) as refused:
        store.add_bytes(database, desk.officer, desk.dutch_case, content, file_name="scan.pdf")
    assert str(refused.value).startswith(message)
    assert "\n" not in str(refused.value)
    assert _count(database, CaseDocument) == 0


def test_a_closed_case_and_a_role_without_clients_are_refused(
    database: Database, desk: Desk
) -> None:
    reporter = Actor(None, "auditor", "Auditor", "none")
    with pytest.raises(PermissionDeniedError):
        store.add_bytes(database, reporter, desk.dutch_case, PDF_BYTES, file_name="a.pdf")
    document_id = store.add_bytes(
        database, desk.officer, desk.dutch_case, PDF_BYTES, file_name="a.pdf"
    )
    with pytest.raises(PermissionDeniedError):
        store.read_document(database, reporter, document_id, io.BytesIO(), action="open_document")
    with database.transaction() as session:
        record = session.get(Case, desk.dutch_case)
        assert record is not None
        record.status, record.closed_at = "closed", datetime(2026, 11, 1, tzinfo=UTC)
    with pytest.raises(UserError, match="This case is closed"):
        store.add_bytes(database, desk.officer, desk.dutch_case, PDF_BYTES, file_name="b.pdf")
    store.add_bytes(  # a letter sent after the case was closed is kept, as a note would be
        database, desk.officer, desk.dutch_case, PDF_BYTES, file_name="c.pdf", kind="letter"
    )
    assert [d.kind for d in store.case_documents(database, desk.dutch_case)] == [
        "letter",
        "attachment",
    ]


def test_a_second_save_with_the_same_key_adds_nothing(database: Database, desk: Desk) -> None:
    def add() -> int:
        return store.add_document(
            database,
            desk.officer,
            desk.dutch_case,
            io.BytesIO(PDF_BYTES),
            file_name="a.pdf",
            request_key="k" * 32,
        )

    first = add()
    with pytest.raises(AlreadySavedError) as again:
        add()
    assert again.value.record_id == first
    assert _count(database, CaseDocument) == 1


def test_a_20_mb_file_is_kept_in_bounded_memory_and_a_21_mb_one_refused(
    database: Database, desk: Desk, tmp_path: Path
) -> None:
    accepted = big_pdf(tmp_path / "scan-20.pdf", 20 * 1024 * 1024)
    refused = big_pdf(tmp_path / "scan-21.pdf", 21 * 1024 * 1024)

    tracemalloc.start()
    try:
        document_id = store.add_file(database, desk.officer, desk.dutch_case, accepted)
        _current, add_peak = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        with (tmp_path / "back.pdf").open("wb") as target:
            store.read_document(database, desk.officer, document_id, target, action="open_document")
        _current, read_peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert add_peak < 5 * store.CHUNK_BYTES, add_peak
    assert read_peak < 5 * store.CHUNK_BYTES, read_peak
    assert (tmp_path / "back.pdf").read_bytes() == accepted.read_bytes()
    assert _count(database, CaseDocumentChunk) == 20

    with pytest.raises(UserError) as too_large:
        store.add_file(database, desk.officer, desk.dutch_case, refused)
    assert str(too_large.value) == "scan-21.pdf is 21.0 MB; a file may be at most 20 MB."
    assert _count(database, CaseDocument) == 1


def test_a_case_holds_at_most_its_total(
    database: Database, desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store, "MAX_CASE_BYTES", 2 * len(PDF_BYTES))
    store.add_bytes(database, desk.officer, desk.dutch_case, PDF_BYTES, file_name="a.pdf")
    store.add_bytes(database, desk.officer, desk.dutch_case, PDF_BYTES, file_name="b.pdf")
    with pytest.raises(UserError, match="with this file it would exceed"):
        store.add_bytes(database, desk.officer, desk.dutch_case, PDF_BYTES, file_name="c.pdf")
    store.add_bytes(database, desk.officer, desk.japanese_case, PDF_BYTES, file_name="c.pdf")
    assert _count(database, CaseDocument) == 3


def test_a_damaged_copy_is_not_handed_out(database: Database, desk: Desk) -> None:
    document_id = store.add_bytes(
        database, desk.officer, desk.dutch_case, PDF_BYTES, file_name="a.pdf"
    )
    with database.transaction() as session:
        chunk = session.get(CaseDocumentChunk, (document_id, 0))
        assert chunk is not None
        chunk.data = b"%PDF-tampered"
    with pytest.raises(UserError, match="is damaged"):
        store.read_document(
            database, desk.officer, document_id, io.BytesIO(), action="open_document"
        )


def test_removing_a_service_keeps_its_documents_on_the_case(database: Database, desk: Desk) -> None:
    service = case_detail.load_case(database, desk.dutch_case).services[0]
    store.add_document(
        database,
        desk.officer,
        desk.dutch_case,
        io.BytesIO(PDF_BYTES),
        file_name="contract.pdf",
        delivery_id=service.id,
    )
    case_services.remove_service(
        database, desk.officer, service.id, expected_version=service.version
    )
    [info] = store.case_documents(database, desk.dutch_case)
    assert info.delivery_id is None
    assert _count(database, DeliveryDocument) == 0
