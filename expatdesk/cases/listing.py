"""The list of cases: its columns, sort orders, search and filters (status, owner).

Read lazily like every list (:mod:`expatdesk.common.listing`).
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, case, func, select
from sqlalchemy.orm import Session

from expatdesk import i18n
from expatdesk.cases.detail import owners_in
from expatdesk.cases.statuses import STATUSES, status_label
from expatdesk.common.listing import (
    AnySelect,
    Column,
    Filter,
    Join,
    Listing,
    Order,
    Row,
    field_text,
)
from expatdesk.db.models import Case, Employer, Expat, StaffUser
from expatdesk.i18n import N_, _
from expatdesk.text import full_name

#: The status filter's value for every case that is not closed.
OPEN = "open"
#: The owner filter's value for cases that nobody owns.
UNASSIGNED = 0


_EXPAT = Join(Expat, Expat.id == Case.expat_id)
_EMPLOYER = Join(Employer, Employer.id == Case.employer_id)
_OWNER = Join(StaffUser, StaffUser.id == Case.owner_id)
_STATUS_RANK = case({status: rank for rank, status in enumerate(STATUSES)}, value=Case.status)


def _page_query() -> AnySelect:
    return (
        select(
            Case.id,
            Case.case_ref,
            Case.subject,
            Case.status,
            Case.opened_on,
            Expat.given_name,
            Expat.family_name,
            Employer.name.label("employer_name"),
            StaffUser.display_name.label("owner_name"),
        )
        .select_from(Case)
        .outerjoin(_EXPAT.target, _EXPAT.onclause)
        .outerjoin(_EMPLOYER.target, _EMPLOYER.onclause)
        .outerjoin(_OWNER.target, _OWNER.onclause)
    )


def _client_text(row: Row) -> str:
    names = []
    if row["given_name"] is not None or row["family_name"] is not None:
        names.append(full_name(row["given_name"], row["family_name"]))
    if row["employer_name"] is not None:
        names.append(row["employer_name"])
    return " / ".join(names)


def _status_choices(_session: Session) -> list[tuple[str | int, str]]:
    return [(OPEN, _("Open")), *((status, status_label(status)) for status in STATUSES)]


def _status_condition(value: str | int) -> ColumnElement[bool]:
    if value == OPEN:
        return Case.status != "closed"
    return Case.status == str(value)


def _owner_choices(session: Session) -> list[tuple[str | int, str]]:
    return [
        (UNASSIGNED, _("Nobody")),
        *((owner.id, owner.name) for owner in owners_in(session)),
    ]


def _owner_condition(value: str | int) -> ColumnElement[bool]:
    if int(value) == UNASSIGNED:
        return Case.owner_id.is_(None)
    return Case.owner_id == int(value)


LISTING = Listing(
    name="cases",
    id_column=Case.id,
    search_key=Case.search_key,
    columns=(
        Column("ref", N_("Ref."), lambda _session: [Case.case_ref], field_text("case_ref")),
        Column("subject", N_("Subject"), lambda _session: [Case.subject], field_text("subject")),
        Column(
            "client",
            N_("Client"),
            lambda _session: [func.coalesce(Expat.family_name, Employer.name), Expat.given_name],
            _client_text,
            joins=(_EXPAT, _EMPLOYER),
        ),
        Column(
            "status",
            N_("Status"),
            lambda _session: [_STATUS_RANK],
            lambda row: status_label(row["status"]),
        ),
        Column(
            "owner",
            N_("Owner"),
            lambda _session: [StaffUser.display_name],
            field_text("owner_name"),
            joins=(_OWNER,),
            nullable=True,
        ),
        Column(
            "opened_on",
            N_("Opened on"),
            lambda _session: [Case.opened_on],
            lambda row: i18n.format_date(row["opened_on"]),
        ),
    ),
    page_query=_page_query,
    default_order=Order("opened_on", descending=True),
    filters=(
        Filter("status", N_("Status"), _status_choices, _status_condition),
        Filter("owner", N_("Owner"), _owner_choices, _owner_condition),
    ),
)
