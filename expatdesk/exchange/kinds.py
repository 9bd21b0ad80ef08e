"""The five kinds of file (``shared/spec/data-exchange.md``): their columns, and where each goes.

A :class:`Kind` lists its columns in the order the exporter writes them. Each :class:`Column`
knows the database column it fills, whether the file must have it, how to parse a cell and, for a
reference such as ``employer_ref``, which table's ref it names. Rules that concern more than one
cell of a row (a service needs an expat or an employer; only employers grade the added value) are
the kind's ``check``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import Connection, Table, select

from expatdesk.db.models import (
    LEAVE_INTENTIONS,
    RESPONDENT_TYPES,
    Base,
    EducationLevel,
    ExpatCategory,
    Facility,
    Municipality,
    ServiceType,
)
from expatdesk.errors import UserError
from expatdesk.exchange import values
from expatdesk.i18n import _
from expatdesk.text import employer_search_key, expat_search_key

#: The ref column of each table a reference can name.
REF_COLUMNS = {
    "employer": "employer_ref",
    "expat": "expat_ref",
    "case_file": "case_ref",
    "service_delivery": "service_ref",
    "survey_response": "response_ref",
}
REF_LENGTH = 64

_LEAVE_WORDS = {"ja": "yes", "nee": "no", "weet niet": "unsure"}


@dataclass(frozen=True)
class Lookups:
    """The code lists an import checks against, read once from the database."""

    codes: Mapping[str, frozenset[str]]
    municipalities: Mapping[str, str]  # folded code or name -> code

    @classmethod
    def load(cls, connection: Connection) -> Lookups:
        codes = {}
        for model in (ServiceType, ExpatCategory, EducationLevel, Facility, Municipality):
            table = Base.metadata.tables[model.__tablename__]
            codes[table.name] = frozenset(connection.execute(select(table.c.code)).scalars())
        municipalities: dict[str, str] = {}
        rows = connection.execute(
            select(Municipality.code, Municipality.label_en, Municipality.label_nl)
        )
        for code, label_en, label_nl in rows:
            for name in (code, label_en, label_nl):
                municipalities[" ".join(name.lower().split())] = code
        return cls(codes, municipalities)


Parser = Callable[[str, Lookups], object]
Target = Callable[[Mapping[str, object]], tuple[str, str] | None]


@dataclass(frozen=True)
class Column:
    """One column of a file."""

    name: str
    field: str  # the database column; for a reference, the id column it resolves to
    parse: Parser
    required: bool = False
    #: For a reference: the table whose ref the cell names and the id field to fill, given the
    #: row's other values (a survey's respondent is an expat or an employer).
    refers_to: Target | None = None
    #: Id fields set to NULL before the reference fills one of them.
    clears: tuple[str, ...] = ()


Check = Callable[[Mapping[str, object]], list[tuple[str, str]]]


def _no_check(_values: Mapping[str, object]) -> list[tuple[str, str]]:
    return []


@dataclass(frozen=True)
class Kind:
    """A kind of record a file can hold."""

    name: str
    table_name: str
    columns: tuple[Column, ...]
    #: The file columns that identify a record (its ref; for hiring the employer and the year).
    key: tuple[str, ...]
    check: Check = _no_check
    #: The folded text that searches match, for tables that have a ``search_key``.
    search_key: Callable[[Mapping[str, object]], str] | None = None
    #: The facilities of a survey response, kept in their own table.
    facilities: bool = False
    #: Columns whose values no two records may share (the KvK number).
    unique: tuple[str, ...] = ()
    column_names: tuple[str, ...] = field(init=False)
    by_name: Mapping[str, Column] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "column_names", tuple(c.name for c in self.columns))
        object.__setattr__(self, "by_name", {c.name: c for c in self.columns})

    @property
    def table(self) -> Table:
        return Base.metadata.tables[self.table_name]

    def column(self, name: str) -> Column:
        return self.by_name[name]

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(column.name for column in self.columns if column.required)


# --- parsers ----------------------------------------------------------------------------------


def text(max_length: int) -> Parser:
    return lambda cell, _lookups: values.parse_text(cell, max_length)


def name(max_length: int) -> Parser:
    """A person's or organisation's name: text without control or invisible characters."""
    return lambda cell, _lookups: values.parse_name(cell, max_length)


def integer(low: int, high: int) -> Parser:
    return lambda cell, _lookups: values.parse_integer(cell, low, high)


def code(table: str) -> Parser:
    return lambda cell, lookups: values.parse_code(cell, lookups.codes[table])


def _date(cell: str, _lookups: Lookups) -> date:
    return values.parse_date(cell)


def _boolean(cell: str, _lookups: Lookups) -> bool:
    return values.parse_boolean(cell)


def _kvk(cell: str, _lookups: Lookups) -> str:
    return values.parse_kvk(cell)


def _country(cell: str, _lookups: Lookups) -> str:
    return values.parse_country(cell)


def _language(cell: str, _lookups: Lookups) -> str:
    return values.parse_language(cell)


def _facilities(cell: str, lookups: Lookups) -> tuple[str, ...]:
    return values.parse_codes(cell, lookups.codes["facility"])


def _municipality(cell: str, lookups: Lookups) -> str:
    found = lookups.municipalities.get(" ".join(cell.lower().split()))
    if found is None:
        raise values.Invalid(
            _("'{value}' is no municipality of Twente (nor \"outside Twente\")").format(value=cell)
        )
    return found


def _respondent_type(cell: str, _lookups: Lookups) -> str:
    value = cell.lower()
    if value not in RESPONDENT_TYPES:
        raise values.Invalid(_("'{value}' is neither expat nor employer").format(value=cell))
    return value


def _intention(cell: str, _lookups: Lookups) -> str:
    folded = " ".join(cell.lower().split())
    value = _LEAVE_WORDS.get(folded, folded)
    if value not in LEAVE_INTENTIONS:
        raise values.Invalid(
            _("'{value}' is not yes, no or unsure (ja, nee, weet niet)").format(value=cell)
        )
    return value


def _ref(cell: str, _lookups: Lookups) -> str:
    return values.parse_text(cell, REF_LENGTH)


def refers(table: str) -> Target:
    field = f"{table}_id" if table != "case_file" else "case_id"
    return lambda _values: (table, field)


def _respondent(row: Mapping[str, object]) -> tuple[str, str] | None:
    kind = row.get("respondent_type")
    if kind == "expat":
        return ("expat", "expat_id")
    if kind == "employer":
        return ("employer", "employer_id")
    return None


# --- checks across a row ----------------------------------------------------------------------


def _check_expat(row: Mapping[str, object]) -> list[tuple[str, str]]:
    problems = []
    born, arrived, left = (
        row.get("date_of_birth"),
        row.get("arrival_date"),
        row.get("departure_date"),
    )
    if isinstance(born, date) and isinstance(arrived, date) and arrived <= born:
        problems.append(("arrival_date", _("the arrival date is not after the date of birth")))
    if isinstance(arrived, date) and isinstance(left, date) and left < arrived:
        problems.append(("departure_date", _("the departure date is before the arrival date")))
    return problems


def _check_service(row: Mapping[str, object]) -> list[tuple[str, str]]:
    if row.get("expat_ref") is None and row.get("employer_ref") is None:
        return [("expat_ref", _("give an expat_ref, an employer_ref or both"))]
    return []


def _check_survey(row: Mapping[str, object]) -> list[tuple[str, str]]:
    problems = []
    kind = row.get("respondent_type")
    if kind == "expat" and row.get("score_added_value") is not None:
        problems.append(("score_added_value", _("only employers grade the added value")))
    if kind == "employer" and row.get("intends_to_leave") is not None:
        problems.append(("intends_to_leave", _("only expats answer whether they intend to leave")))
    if kind == "employer" and row.get("facilities_used"):
        problems.append(("facilities_used", _("only expats say which facilities they used")))
    return problems


def _employer_key(row: Mapping[str, object]) -> str:
    kvk = row.get("kvk_number")
    return employer_search_key(
        str(row["name"]), kvk if isinstance(kvk, str) else None, str(row["employer_ref"])
    )


def _expat_key(row: Mapping[str, object]) -> str:
    email = row.get("email")
    return expat_search_key(
        str(row["given_name"]),
        str(row["family_name"]),
        email if isinstance(email, str) else None,
        str(row["expat_ref"]),
    )


# --- the kinds --------------------------------------------------------------------------------

EMPLOYERS = Kind(
    "employers",
    "employer",
    (
        Column("employer_ref", "employer_ref", _ref, required=True),
        Column("name", "name", name(200), required=True),
        Column("kvk_number", "kvk_number", _kvk),
        Column("high_tech", "high_tech", _boolean, required=True),
        Column("municipality", "municipality_code", _municipality),
        Column("recognised_sponsor", "recognised_sponsor", _boolean),
        Column("website", "website", text(300)),
        Column("notes", "notes", text(100_000)),
    ),
    key=("employer_ref",),
    search_key=_employer_key,
    unique=("kvk_number",),
)

HIRING = Kind(
    "hiring",
    "hiring_record",
    (
        Column("employer_ref", "employer_id", _ref, required=True, refers_to=refers("employer")),
        Column("year", "year", integer(1900, 2200), required=True),
        Column("international_hires", "international_hires", integer(0, 10**9), required=True),
        Column("source", "source", text(200)),
    ),
    key=("employer_ref", "year"),
)

EXPATS = Kind(
    "expats",
    "expat",
    (
        Column("expat_ref", "expat_ref", _ref, required=True),
        Column("given_name", "given_name", name(100), required=True),
        Column("family_name", "family_name", name(100), required=True),
        Column("date_of_birth", "date_of_birth", _date),
        Column("nationality", "nationality", _country),
        Column("email", "email", text(254)),
        Column("phone", "phone", text(40)),
        Column("employer_ref", "employer_id", _ref, refers_to=refers("employer")),
        Column("category", "category_code", code("expat_category")),
        Column("education_level", "education_level_code", code("education_level")),
        Column("arrival_date", "arrival_date", _date),
        Column("departure_date", "departure_date", _date),
        Column("municipality", "municipality_code", _municipality),
        Column("preferred_language", "preferred_language", _language),
    ),
    key=("expat_ref",),
    check=_check_expat,
    search_key=_expat_key,
)

SERVICES = Kind(
    "services",
    "service_delivery",
    (
        Column("service_ref", "service_ref", _ref, required=True),
        Column("expat_ref", "expat_id", _ref, refers_to=refers("expat")),
        Column("employer_ref", "employer_id", _ref, refers_to=refers("employer")),
        Column("service_code", "service_code", code("service_type"), required=True),
        Column("date", "delivered_on", _date, required=True),
        Column("case_ref", "case_id", _ref, refers_to=refers("case_file")),
        Column("notes", "notes", text(100_000)),
    ),
    key=("service_ref",),
    check=_check_service,
)

SURVEYS = Kind(
    "surveys",
    "survey_response",
    (
        Column("response_ref", "response_ref", _ref, required=True),
        Column("respondent_type", "respondent_type", _respondent_type, required=True),
        Column(
            "respondent_ref",
            "respondent_id",
            _ref,
            refers_to=_respondent,
            clears=("expat_id", "employer_id"),
        ),
        Column("date", "responded_on", _date, required=True),
        Column("score_service", "score_service", integer(1, 10)),
        Column("score_added_value", "score_added_value", integer(1, 10)),
        Column("intends_to_leave", "intends_to_leave", _intention),
        Column("facilities_used", "facilities", _facilities),
    ),
    key=("response_ref",),
    check=_check_survey,
    facilities=True,
)

KINDS: dict[str, Kind] = {
    kind.name: kind for kind in (EMPLOYERS, HIRING, EXPATS, SERVICES, SURVEYS)
}


def kind_named(name: str) -> Kind:
    try:
        return KINDS[name]
    except KeyError:
        raise UserError(
            _("Unknown kind of file '{name}': use one of {kinds}.").format(
                name=name, kinds=", ".join(KINDS)
            )
        ) from None
