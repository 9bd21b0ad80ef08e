"""Merging two records of the same expat into one, losing nothing.

When the same person was registered twice, the desk keeps one record and drops the other.
:func:`merge_preview` shows both side by side, which fields differ, and how many linked records
would move; :func:`merge_expats` then does it in one transaction:

1. every row that refers to the dropped expat (cases, service deliveries, survey responses, family
   members, permits, and any table that gains a foreign key to ``expat.id`` later: the links are
   found in the models, not listed by hand) is changed to refer to the kept one;
2. the dropped record is deleted;
3. the fields the user chose are copied from the dropped record to the kept one (the dropped
   record is gone by then, so a unique value such as the BSN is free to move);
4. an audit entry on the kept record says which record was merged into it.

Every change goes through the ORM, so the audit trail also records each moved row and the deleted
record with all its values. Both records must be unchanged since the preview was read (their
versions), or nothing happens.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, func, inspect, select
from sqlalchemy.orm import InstrumentedAttribute, Session, joinedload, selectinload

from expatdesk import i18n
from expatdesk.accounts.actor import Actor, Permission
from expatdesk.cases import workflow as cases
from expatdesk.common.concurrency import check_version, field_label, stale_guard
from expatdesk.common.labels import Label, label, yes_no
from expatdesk.common.listing import matching
from expatdesk.common.validation import Problems
from expatdesk.db import audit
from expatdesk.db.database import Database
from expatdesk.db.models import Base, Expat
from expatdesk.errors import UserError
from expatdesk.i18n import _
from expatdesk.text import fold, full_name, mask_bsn

#: The fields a merge can take from the dropped record, in the order the forms show them.
#: ``survey_consent`` brings its date along.
MERGE_FIELDS: tuple[str, ...] = (
    "given_name",
    "family_name",
    "date_of_birth",
    "nationality",
    "email",
    "phone",
    "bsn",
    "employer_id",
    "category_code",
    "education_level_code",
    "arrival_date",
    "departure_date",
    "municipality_code",
    "preferred_language",
    "survey_consent",
    "notes",
)
#: The columns a field brings along when it is taken.
_TAKEN_WITH: dict[str, tuple[str, ...]] = {"survey_consent": ("survey_consent_date",)}

#: How the preview counts the rows of each table that refers to an expat.
_KINDS: dict[str, str] = {
    "case_file": "cases",
    "service_delivery": "service_deliveries",
    "survey_response": "survey_responses",
    "family_member": "family_members",
    "permit": "permits",
}


# --- what the preview shows -------------------------------------------------------------------


@dataclass(frozen=True)
class Country:
    """A nationality, named in the active language."""

    code: str

    def __str__(self) -> str:
        return i18n.country_name(self.code)


@dataclass(frozen=True)
class Language:
    """A preferred language, named in the active language."""

    code: str

    def __str__(self) -> str:
        return i18n.language_name(self.code)


@dataclass(frozen=True)
class Consent:
    """Whether the expat agreed to be asked for surveys, and since when."""

    given: bool
    on: date | None

    def __str__(self) -> str:
        if self.given and self.on is not None:
            return _("Yes, since {date}").format(date=i18n.format_date(self.on))
        return yes_no(self.given)


Shown = str | date | Label | Country | Language | Consent | None


def shown_text(value: Shown) -> str:
    """A field's value as the merge form shows it, in the active language."""
    if value is None:
        return ""
    if isinstance(value, date):
        return i18n.format_date(value)
    return str(value)


@dataclass(frozen=True)
class LinkCounts:
    """How many rows of each kind refer to an expat; ``other`` counts any further tables."""

    cases: int = 0
    service_deliveries: int = 0
    survey_responses: int = 0
    family_members: int = 0
    permits: int = 0
    other: int = 0

    @property
    def total(self) -> int:
        return (
            self.cases
            + self.service_deliveries
            + self.survey_responses
            + self.family_members
            + self.permits
            + self.other
        )


@dataclass(frozen=True)
class MergeSide:
    """One of the two records: who it is, the version to pass back, and what refers to it."""

    id: int
    ref: str
    name: str
    version: int
    links: LinkCounts


@dataclass(frozen=True)
class FieldComparison:
    """One field of both records; ``differs`` compares the stored values (a BSN in full)."""

    field: str
    keep: Shown
    drop: Shown
    differs: bool

    @property
    def label(self) -> str:
        return field_label(self.field)


@dataclass(frozen=True)
class MergePreview:
    """Both records side by side, before anything changes."""

    keep: MergeSide
    drop: MergeSide
    fields: tuple[FieldComparison, ...]

    @property
    def differing(self) -> tuple[str, ...]:
        """The fields whose values differ: the ones to choose between."""
        return tuple(field.field for field in self.fields if field.differs)

    @property
    def moving(self) -> LinkCounts:
        """What moves from the dropped record to the kept one."""
        return self.drop.links


# --- the links --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Link:
    """A mapped class whose ``column`` refers to ``expat.id``."""

    cls: type[Base]
    column: InstrumentedAttribute[int | None]
    table: str


def expat_links() -> list[Link]:
    """Every mapped class with a column that refers to ``expat.id``, found in the models."""
    expat_id = Expat.__table__.c.id
    links: list[Link] = []
    for mapper in sorted(Base.registry.mappers, key=lambda mapper: mapper.class_.__name__):
        for column in mapper.local_table.columns:
            if any(key.column is expat_id for key in column.foreign_keys):
                attribute = getattr(mapper.class_, mapper.get_property_by_column(column).key)
                links.append(Link(mapper.class_, attribute, column.table.name))
    return links


def count_links(session: Session, expat_ids: Iterable[int]) -> dict[int, LinkCounts]:
    """How many rows refer to each of ``expat_ids``, by kind."""
    ids = list(expat_ids)
    counts: dict[int, dict[str, int]] = {expat_id: {} for expat_id in ids}
    for link in expat_links():
        kind = _KINDS.get(link.table, "other")
        column = link.column
        rows = session.execute(select(column, func.count()).where(column.in_(ids)).group_by(column))
        for expat_id, number in rows:
            assert expat_id is not None
            by_kind = counts[expat_id]
            by_kind[kind] = by_kind.get(kind, 0) + number
    return {expat_id: LinkCounts(**by_kind) for expat_id, by_kind in counts.items()}


# --- choosing the other record ---------------------------------------------------------------

#: How many records :func:`find_expats` returns at most.
FIND_LIMIT = 50


@dataclass(frozen=True)
class ExpatChoice:
    """An expat as the merge form lists it."""

    id: int
    ref: str
    name: str
    date_of_birth: date | None
    email: str | None
    #: Family name, then given name: the order of a list of people.
    sort_name: str = ""


def _choices(session: Session, statement: Select[Expat]) -> list[ExpatChoice]:
    return [
        ExpatChoice(
            expat.id,
            expat.expat_ref,
            full_name(expat.given_name, expat.family_name),
            expat.date_of_birth,
            expat.email,
            f"{expat.family_name} {expat.given_name}",
        )
        for expat in session.scalars(statement)
    ]


def find_expats(
    database: Database, query: str, *, exclude_id: int, limit: int = FIND_LIMIT
) -> list[ExpatChoice]:
    """Up to ``limit`` expats matching ``query`` (name, e-mail, ref), without ``exclude_id``.

    A query that is a ref finds that record alone; other matches come by family and given name.
    Anonymised records, which cannot be merged, are left out. An empty query finds nothing.

    The matches are read from the narrow ``search_key`` index and only the first ``limit`` of them
    are sorted: on half a million expats a search that sorted every match would take a second.
    """
    conditions = matching(Expat.search_key, query)
    if not conditions:
        return []
    ref = query.strip().upper()
    with database.reading() as session:
        ids = list(
            session.scalars(select(Expat.id).where(Expat.expat_ref == ref, Expat.id != exclude_id))
        )
        if not ids:  # a ref is unique: who types one means that record
            ids += session.scalars(
                select(Expat.id).where(*conditions, Expat.id != exclude_id).limit(limit)
            )
        found = _choices(
            session,
            select(Expat).where(Expat.id.in_(ids[:limit]), Expat.anonymised_at.is_(None)),
        )
    found.sort(key=lambda choice: (fold(choice.sort_name), choice.id))
    return found


def expat_choice(database: Database, expat_id: int) -> ExpatChoice | None:
    """One expat as the merge form lists it; ``None`` when it no longer exists."""
    with database.reading() as session:
        found = _choices(session, select(Expat).where(Expat.id == expat_id))
    return found[0] if found else None


# --- preview ----------------------------------------------------------------------------------


def _shown(expat: Expat, field: str) -> Shown:
    match field:
        case "nationality":
            return Country(expat.nationality) if expat.nationality else None
        case "preferred_language":
            return Language(expat.preferred_language) if expat.preferred_language else None
        case "bsn":
            return mask_bsn(expat.bsn)
        case "employer_id":
            return expat.employer.name if expat.employer else None
        case "category_code":
            return label(expat.category)
        case "education_level_code":
            return label(expat.education_level)
        case "municipality_code":
            return label(expat.municipality)
        case "survey_consent":
            return Consent(expat.survey_consent, expat.survey_consent_date)
    value = getattr(expat, field)
    assert value is None or isinstance(value, str | date)
    return value


def _stored(expat: Expat, field: str) -> tuple[object, ...]:
    return tuple(getattr(expat, name) for name in (field, *_TAKEN_WITH.get(field, ())))


def _refuse_self(keep_id: int, drop_id: int) -> None:
    if keep_id == drop_id:
        raise UserError(_("A record cannot be merged with itself; choose another expat."))


def _gone() -> UserError:
    return UserError(_("This expat record no longer exists; someone else deleted it."))


def merge_preview(database: Database, keep_id: int, drop_id: int) -> MergePreview:
    """Both records' fields side by side, which differ, and how much would move."""
    _refuse_self(keep_id, drop_id)
    with database.reading() as session:
        records = {
            expat.id: expat
            for expat in session.scalars(
                select(Expat)
                .where(Expat.id.in_((keep_id, drop_id)))
                .options(
                    joinedload(Expat.employer),
                    joinedload(Expat.category),
                    joinedload(Expat.education_level),
                    joinedload(Expat.municipality),
                )
            )
        }
        if keep_id not in records or drop_id not in records:
            raise _gone()
        links = count_links(session, (keep_id, drop_id))
        keep, drop = records[keep_id], records[drop_id]
        sides = [
            MergeSide(
                expat.id,
                expat.expat_ref,
                full_name(expat.given_name, expat.family_name),
                expat.version,
                links[expat.id],
            )
            for expat in (keep, drop)
        ]
        fields = tuple(
            FieldComparison(
                field,
                _shown(keep, field),
                _shown(drop, field),
                _stored(keep, field) != _stored(drop, field),
            )
            for field in MERGE_FIELDS
        )
    return MergePreview(sides[0], sides[1], fields)


# --- merging ----------------------------------------------------------------------------------


def _check_result(values: dict[str, object]) -> None:
    """Refuse a combination of chosen fields that the kept record could not hold."""
    problems = Problems()
    birth, arrival, departure = (
        values["date_of_birth"],
        values["arrival_date"],
        values["departure_date"],
    )
    assert birth is None or isinstance(birth, date)
    assert arrival is None or isinstance(arrival, date)
    assert departure is None or isinstance(departure, date)
    if birth is not None and arrival is not None and arrival <= birth:
        problems.add(
            "arrival_date",
            _("With these choices the arrival would not lie after the date of birth."),
        )
    if arrival is not None and departure is not None and departure < arrival:
        problems.add(
            "departure_date",
            _("With these choices the departure would lie before the arrival."),
        )
    problems.raise_if_any()


def merge_expats(
    database: Database,
    actor: Actor,
    keep_id: int,
    keep_version: int,
    drop_id: int,
    drop_version: int,
    take_from_drop: frozenset[str],
) -> None:
    """Merge the expat ``drop_id`` into ``keep_id``, taking the fields ``take_from_drop``.

    Raises :class:`~expatdesk.common.concurrency.StaleRecordError` when either record changed
    since the versions were read, :class:`~expatdesk.common.validation.ValidationError` when the
    chosen fields do not fit together, and :class:`UserError` for a record merged with itself;
    then nothing has changed. Only managers and administrators may
    (:data:`Permission.DELETE_CLIENTS`): a merge deletes a record, and merging two different
    people cannot be undone.
    """
    actor.require(Permission.CLIENTS)
    actor.require(Permission.DELETE_CLIENTS)
    unknown = take_from_drop - set(MERGE_FIELDS)
    if unknown:
        raise ValueError(f"cannot take {sorted(unknown)} in a merge")
    _refuse_self(keep_id, drop_id)
    with database.transaction(actor) as session:
        # Both rows locked (PostgreSQL), in the order of their ids so that two desks merging
        # the same pair the other way round wait for each other instead of deadlocking.
        records = {
            expat.id: expat
            for expat in session.scalars(
                select(Expat)
                .where(Expat.id.in_((keep_id, drop_id)))
                .order_by(Expat.id)
                .with_for_update()
            )
        }
        keep, drop = records.get(keep_id), records.get(drop_id)
        check_version(session, keep, keep_version, "expat")
        check_version(session, drop, drop_version, "expat")
        assert keep is not None
        assert drop is not None
        if keep.anonymised_at is not None or drop.anonymised_at is not None:
            raise UserError(_("An anonymised record cannot be merged."))
        taken = {
            name: getattr(drop, name)
            for field in sorted(take_from_drop)
            for name in (field, *_TAKEN_WITH.get(field, ()))
        }
        _check_result(
            {
                name: taken.get(name, getattr(keep, name))
                for name in ("date_of_birth", "arrival_date", "departure_date")
            }
        )
        drop_ref = drop.expat_ref
        with stale_guard(session, "expat", keep_id):
            for link in expat_links():
                for row in session.scalars(select(link.cls).where(link.column == drop_id)):
                    setattr(row, link.column.key, keep_id)
            session.flush()
            # The dropped record's collections are empty now; loaded, the delete cascades over
            # nothing instead of refusing to load them.
            session.execute(
                select(Expat)
                .where(Expat.id == drop_id)
                .options(
                    *(
                        selectinload(getattr(Expat, relation.key))
                        for relation in inspect(Expat).relationships
                        if relation.uselist
                    )
                )
                .execution_options(populate_existing=True)
            )
            session.delete(drop)
            session.flush()
            # Only now, with the dropped record gone, can the kept one hold its unique values.
            for name, value in taken.items():
                setattr(keep, name, value)
            session.flush()
            cases.refresh_search_keys(session, expat_id=keep_id)
            session.flush()
        audit.write(
            session,
            [audit.entry(session, "update", "expat", keep_id, {"merged_from": [None, drop_ref]})],
        )
