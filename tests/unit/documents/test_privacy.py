"""Documents under the privacy rules: the desk's day from the issue, erasure, retention,
subject access, and a desk officer's own PostgreSQL login."""

from __future__ import annotations

import io
import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select, text, update
from sqlalchemy.exc import ProgrammingError

from expatdesk.accounts.actor import Actor
from expatdesk.cases import detail as case_detail
from expatdesk.db.database import Database, open_database
from expatdesk.db.models import AuditEntry, Case, Expat, ServiceDelivery, StaffUser
from expatdesk.db.models.documents import CaseDocument, CaseDocumentChunk
from expatdesk.documents import letters, store, templates
from expatdesk.privacy import erasure as privacy
from expatdesk.privacy import retention, subject_access
from expatdesk.reports.targets import compute_targets
from tests.helpers import databases, staff
from tests.unit.documents.conftest import Desk, add_desk
from tests.unit.documents.test_store import JPEG_BYTES

MOMENT = datetime(2026, 12, 3, 15, 30, tzinfo=UTC)


@pytest.fixture
def admin(database: Database) -> Actor:
    with database.transaction() as session:
        user = StaffUser(username="marieke", display_name="Marieke Jansen", role="administrator")
        session.add(user)
        session.flush()
        return Actor(user.id, "marieke", "Marieke Jansen", "administrator")


def _version(database: Database, expat_id: int) -> int:
    with database.reading() as session:
        return session.scalars(select(Expat.version).where(Expat.id == expat_id)).one()


def _passport_scan(database: Database, desk: Desk, case_id: int, delivery_id: int) -> int:
    service = case_detail.load_case(database, case_id).services[0]
    passport = next(d for d in service.documents if d.document.en == "Valid passport")
    return store.add_document(
        database,
        desk.officer,
        case_id,
        io.BytesIO(JPEG_BYTES),
        file_name="passport Sanne de Boer.jpg",
        title="Passport of Sanne de Boer",
        delivery_id=delivery_id,
        checklist_item_id=passport.document.id,
    )


def _trail_of_documents(database: Database) -> str:
    with database.reading() as session:
        return "\n".join(
            changes or ""
            for changes in session.scalars(
                select(AuditEntry.changes).where(AuditEntry.entity == "case_document")
            )
        )


def test_the_desks_day_and_an_erasure(database: Database, desk: Desk, admin: Actor) -> None:
    """The issue's "done when": a passport scan ticks "Valid passport", the "documents still
    needed" letter goes out in Dutch to the client who prefers Dutch and in English to the one
    who prefers Japanese, both are on their cases; an erasure removes them."""
    _passport_scan(database, desk, desk.dutch_case, desk.dutch_delivery)
    dutch = letters.make_letter(database, desk.officer, "documents-needed", desk.dutch_case)
    english = letters.make_letter(database, desk.officer, "documents-needed", desk.japanese_case)
    assert (dutch.language, dutch.subject) == (
        "nl",
        "Documenten die nog nodig zijn voor uw aanvraag",
    )
    assert (english.language, english.subject) == (
        "en",
        "Documents still needed for your application",
    )
    on_dutch_case = store.case_documents(database, desk.dutch_case)
    assert [(d.kind, d.title) for d in on_dutch_case] == [
        ("letter", "Documenten die nog nodig zijn voor uw aanvraag"),
        ("attachment", "Passport of Sanne de Boer"),
    ]
    assert [d.kind for d in store.case_documents(database, desk.japanese_case)] == ["letter"]
    service = case_detail.load_case(database, desk.dutch_case).services[0]
    ticked = [d.document.en for d in service.documents if d.checked]
    assert ticked == ["Valid passport"]
    before = compute_targets(database, 2024, 2026).to_json()

    erasure = privacy.anonymise_expat(
        database, admin, desk.dutch_expat, _version(database, desk.dutch_expat), "Asked", now=MOMENT
    )

    assert erasure.trail_entries > 0
    assert store.case_documents(database, desk.dutch_case) == []
    assert len(store.case_documents(database, desk.japanese_case)) == 1  # someone else's
    with database.reading() as session:
        assert session.scalar(select(func.count()).select_from(CaseDocumentChunk)) == 1
    trail = _trail_of_documents(database)
    assert "Sanne" not in trail
    assert "Documenten" not in trail
    assert '"content_type": [null, "image/jpeg"]' in trail  # what it was stays, not what it said
    assert compute_targets(database, 2024, 2026).to_json() == before


def test_retention_removes_the_documents_too(database: Database, desk: Desk, admin: Actor) -> None:
    _passport_scan(database, desk, desk.dutch_case, desk.dutch_delivery)
    long_ago, closed = date(2014, 6, 1), datetime(2015, 1, 1, tzinfo=UTC)
    with database.transaction() as session:  # the last contact was years ago
        session.execute(
            update(Case)
            .where(Case.id == desk.dutch_case)
            .values(status="closed", closed_at=closed, opened_on=long_ago)
        )
        session.execute(
            update(ServiceDelivery)
            .where(ServiceDelivery.expat_id == desk.dutch_expat)
            .values(delivered_on=long_ago)
        )
        session.execute(update(Expat).where(Expat.id == desk.dutch_expat).values(updated_at=closed))
    result = retention.apply_retention(database, admin, [desk.dutch_expat])
    assert result.anonymised == ("EXP-0101",)
    with database.reading() as session:
        assert session.scalar(select(func.count()).select_from(CaseDocument)) == 0
    assert "Sanne" not in _trail_of_documents(database)


def test_subject_access_lists_the_documents_and_hands_over_the_letters(
    database: Database, desk: Desk, tmp_path: Path
) -> None:
    _passport_scan(database, desk, desk.dutch_case, desk.dutch_delivery)
    letter = letters.make_letter(database, desk.officer, "documents-needed", desk.dutch_case)
    data = subject_access.subject_access(database, desk.officer, desk.dutch_expat)
    assert [(d["kind"], d["file_name"]) for d in data["documents"]] == [
        ("attachment", "passport Sanne de Boer.jpg"),
        ("letter", letter.file_name),
    ]
    assert "SECRET" not in json.dumps(data)
    files = subject_access.export_subject_access(
        database, desk.officer, desk.dutch_expat, tmp_path / "EXP-0101-personal-data.pdf"
    )
    handed = tmp_path / f"EXP-0101-personal-data-{letter.file_name}"
    assert handed.read_bytes() == letter.pdf
    assert files.pdf.exists()
    assert not (tmp_path / "EXP-0101-personal-data-passport Sanne de Boer.jpg").exists()


@pytest.mark.postgres
def test_a_desk_officer_works_with_documents_from_their_own_login(
    request: pytest.FixtureRequest,
) -> None:
    shared: Database = request.getfixturevalue("_postgres_session")
    databases.truncate_postgres(shared)
    try:
        with staff.logins_dropped(shared):
            desk = add_desk(shared)
            anna = staff.add(shared, "annadesk", "desk_officer")
            own = open_database(staff.url_of(shared, anna.username))
            try:
                document_id = store.add_bytes(
                    own, anna, desk.dutch_case, JPEG_BYTES, file_name="scan.jpg"
                )
                target = io.BytesIO()
                store.read_document(own, anna, document_id, target, action="print_document")
                assert target.getvalue() == JPEG_BYTES
                made = letters.make_letter(own, anna, "documents-needed", desk.japanese_case)
                assert made.document_id is not None
                store.remove_document(own, anna, document_id)
            finally:
                own.dispose()
            with shared.reading() as session:
                entries = list(
                    session.execute(
                        select(AuditEntry.action, AuditEntry.username)
                        .where(AuditEntry.entity == "case_document")
                        .order_by(AuditEntry.id)
                    )
                )
            assert [action for action, _user in entries] == ["create", "create", "delete"]
            assert {user for _action, user in entries} == {anna.username}
    finally:
        databases.truncate_postgres(shared)


def test_the_erasure_preview_counts_the_documents(
    database: Database, desk: Desk, admin: Actor
) -> None:
    _passport_scan(database, desk, desk.dutch_case, desk.dutch_delivery)
    letters.make_letter(database, desk.officer, "documents-needed", desk.dutch_case)
    assert privacy.erasure_preview(database, admin, desk.dutch_expat).documents == 2
    assert privacy.erasure_preview(database, admin, desk.japanese_expat).documents == 0


@pytest.mark.postgres
def test_on_postgres_managers_adapt_templates_and_desk_officers_cannot(
    request: pytest.FixtureRequest,
) -> None:
    shared: Database = request.getfixturevalue("_postgres_session")
    databases.truncate_postgres(shared)
    try:
        with staff.logins_dropped(shared):
            bram = staff.add(shared, "bramman", "manager")
            anna = staff.add(shared, "annadesk", "desk_officer")
            as_bram = open_database(staff.url_of(shared, bram.username))
            as_anna = open_database(staff.url_of(shared, anna.username))
            try:
                current = templates.read_template(as_bram, "appointment", "en")
                templates.update_template(
                    as_bram,
                    bram,
                    "appointment",
                    "en",
                    "Your appointment",
                    current.body,
                    expected_version=current.version,
                )
                with as_anna.engine.connect() as connection:
                    with pytest.raises(ProgrammingError, match="permission denied"):
                        connection.execute(text("UPDATE letter_template SET subject = 'x'"))
                    connection.rollback()
            finally:
                as_bram.dispose()
                as_anna.dispose()
            assert templates.read_template(shared, "appointment", "en").subject == (
                "Your appointment"
            )
    finally:
        databases.truncate_postgres(shared)
