"""Documents on a case: attachments and letters (expatdesk.documents), the letter templates, the
letterhead, and opening or printing a document in the log of reads.

``case_document`` holds a document's metadata (audited by the trail); its content is in
``case_document_chunk`` in pieces of 1 MiB (not audited: no byte of a document reaches the
trail). ``letter_template`` holds the text of each letter per language, filled here with the
defaults of expatdesk.documents.defaults; the centre adapts them. ``target_settings`` gains the centre's address and logo, beside
its name. ``access_log`` accepts ``open_document`` and ``print_document``: its CHECK constraint
is replaced (SQLite rebuilds that table; no trigger is on it there).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-06 19:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from expatdesk.documents.defaults import DEFAULT_TEMPLATES

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_OLD_ACTIONS = "action IN ('view_record', 'export_list', 'subject_access', 'lookup_bsn')"
_NEW_ACTIONS = (
    "action IN ('view_record', 'export_list', 'subject_access', 'lookup_bsn',"
    " 'open_document', 'print_document')"
)

def upgrade() -> None:
    op.create_table(
        "case_document",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("delivery_id", sa.Integer(), nullable=True),
        sa.Column("checklist_item_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("content_type", sa.String(length=100), nullable=False),
        sa.Column("size_bytes", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("added_by_id", sa.Integer(), nullable=True),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.Column("request_key", sa.String(length=32), nullable=True),
        sa.CheckConstraint(
            "kind IN ('attachment', 'letter')", name=op.f("ck_case_document_kind_known")
        ),
        sa.CheckConstraint("size_bytes >= 0", name=op.f("ck_case_document_size_not_negative")),
        sa.CheckConstraint("length(sha256) = 64", name=op.f("ck_case_document_sha256_hex")),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["case_file.id"],
            name=op.f("fk_case_document_case_id_case_file"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["delivery_id"],
            ["service_delivery.id"],
            name=op.f("fk_case_document_delivery_id_service_delivery"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["checklist_item_id"],
            ["checklist_item.id"],
            name=op.f("fk_case_document_checklist_item_id_checklist_item"),
        ),
        sa.ForeignKeyConstraint(
            ["added_by_id"], ["staff_user.id"], name=op.f("fk_case_document_added_by_id_staff_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_document")),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_case_document_case_id", "case_document", ["case_id"])
    op.create_index("ix_case_document_delivery_id", "case_document", ["delivery_id"])
    op.create_index(
        "ix_case_document_request_key", "case_document", ["request_key"], unique=True
    )
    op.create_table(
        "case_document_chunk",
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["case_document.id"],
            name=op.f("fk_case_document_chunk_document_id_case_document"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("document_id", "seq", name=op.f("pk_case_document_chunk")),
    )
    templates = op.create_table(
        "letter_template",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("language", sa.String(length=2), nullable=False),
        sa.Column("subject", sa.String(length=200), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "language IN ('nl', 'en')", name=op.f("ck_letter_template_language_known")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_letter_template")),
        sa.UniqueConstraint("name", "language", name=op.f("uq_letter_template_name_language")),
        sqlite_autoincrement=True,
    )
    op.bulk_insert(
        templates,
        [
            {"name": name, "language": language, "subject": subject, "body": body, "version": 1}
            for name, language, subject, body in DEFAULT_TEMPLATES
        ],
    )
    with op.batch_alter_table("target_settings") as batch_op:
        batch_op.add_column(sa.Column("centre_address", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("centre_logo", sa.LargeBinary(), nullable=True))
        batch_op.add_column(sa.Column("centre_logo_sha256", sa.String(length=64), nullable=True))
    _replace_access_actions(_NEW_ACTIONS)


def _replace_access_actions(condition: str) -> None:
    name = "ck_access_log_action_known"
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"ALTER TABLE access_log DROP CONSTRAINT {name}")
        op.execute(f"ALTER TABLE access_log ADD CONSTRAINT {name} CHECK ({condition})")
        return
    with op.batch_alter_table("access_log", recreate="always") as batch_op:
        batch_op.drop_constraint(op.f(name), type_="check")
        batch_op.create_check_constraint(op.f(name), sa.text(condition))


def downgrade() -> None:
    op.execute(
        "DELETE FROM access_log WHERE action IN ('open_document', 'print_document')"
    )
    _replace_access_actions(_OLD_ACTIONS)
    from expatdesk.db import trail

    # The trail triggers name every column of the tables (from the models): SQLite refuses to
    # drop a column a trigger names. They come back when the app opens again.
    trail.uninstall(op.get_bind())
    with op.batch_alter_table("target_settings") as batch_op:
        batch_op.drop_column("centre_logo_sha256")
        batch_op.drop_column("centre_logo")
        batch_op.drop_column("centre_address")
    op.drop_table("letter_template")
    op.drop_table("case_document_chunk")
    op.drop_index("ix_case_document_request_key", table_name="case_document")
    op.drop_index("ix_case_document_delivery_id", table_name="case_document")
    op.drop_index("ix_case_document_case_id", table_name="case_document")
    op.drop_table("case_document")
