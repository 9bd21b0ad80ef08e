"""The counts behind targets N–Q, aggregated by the database.

Each function returns counts per calendar year for the years ``first`` to ``last`` (the report
asks from Y1 − 1, so that Y1 has its year before to compare with). No response, delivery or
expat is read into Python: the database counts, and what comes back is a few thousand rows at
most however large the database is.

Dates are filtered by the half-open range [``first``-01-01, ``last + 1``-01-01), which the date
indexes serve; :class:`year_of` names the calendar year of a date.

Benchmark (500,000 expats, 1,000,000 deliveries, 2,000,000 responses, 15 years, SQLite): N takes
about 1.2 s, the surveys about 0.8 s. N is bound by attributing some 900,000 deliveries to
employers and removing the duplicate (employer, year) pairs; the surveys by checking 1.7 million
Q respondents against the facilities' primary key.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

from sqlalchemy import (
    ColumnElement,
    Date,
    Integer,
    String,
    and_,
    column,
    func,
    literal,
    null,
    select,
    text,
    true,
    union,
    union_all,
    values,
)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement

from expatdesk.db.database import Database
from expatdesk.db.models import (
    Employer,
    Expat,
    HiringRecord,
    ServiceDelivery,
    SurveyFacility,
    SurveyResponse,
)

Part = TypeVar("Part")


class year_of(FunctionElement[int]):  # lower case: used like the SQL function it stands for
    """The calendar year of a date column, as an integer, in each engine's own SQL.

    SQLite stores a date as ISO text ``YYYY-MM-DD``: ``CAST(substr(col, 1, 4) AS INTEGER)``, which
    is cheaper per row than ``strftime``. PostgreSQL: ``CAST(EXTRACT(YEAR FROM col) AS INTEGER)``
    (EXTRACT gives a numeric there).
    """

    type = Integer()
    name = "year_of"
    inherit_cache = True


@compiles(year_of)
def _year_of_standard(element: year_of, compiler: SQLCompiler, **kw: Any) -> str:
    return f"CAST(EXTRACT(YEAR FROM {compiler.process(element.clauses, **kw)}) AS INTEGER)"


@compiles(year_of, "sqlite")
def _year_of_sqlite(element: year_of, compiler: SQLCompiler, **kw: Any) -> str:
    return f"CAST(substr({compiler.process(element.clauses, **kw)}, 1, 4) AS INTEGER)"


def year_range(first: int, last: int) -> tuple[date, date]:
    """The dates [first-01-01, (last + 1)-01-01) of the calendar years ``first`` to ``last``."""
    return date(first, 1, 1), date(last + 1, 1, 1)


def _in_years(column: Any, first: int, last: int) -> ColumnElement[bool]:
    start, end = year_range(first, last)
    return and_(column >= start, column < end)


# --- N ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class EmployerCount:
    """N's counts of one year: the attracting high-tech employers and those of them served."""

    attracting: int = 0  # |D(Y)|
    served: int = 0  # |U(Y)|


def employer_counts(session: Session, first: int, last: int) -> dict[int, EmployerCount]:
    """|D(Y)| and |U(Y)| of targets.md, for the years that have any attracting employer.

    D(Y): high-tech employers with a hiring record for Y with international_hires > 0, or that
    employ an expat who arrived in Y (a UNION of the two, so an employer counts once). U(Y): those
    of them with a service delivery in Y attributed to them: the delivery's own employer when it
    names one, otherwise its expat's employer (again a UNION of the two routes, so that the first
    uses the covering index on (delivered_on, employer_id, expat_id) alone).
    """
    delivered_in = year_of(ServiceDelivery.delivered_on)
    hired = select(
        HiringRecord.employer_id.label("employer_id"), HiringRecord.year.label("year")
    ).where(HiringRecord.year.between(first, last), HiringRecord.international_hires > 0)
    arrived = select(Expat.employer_id, year_of(Expat.arrival_date)).where(
        _in_years(Expat.arrival_date, first, last), Expat.employer_id.is_not(None)
    )
    attracted = union(hired, arrived).subquery("attracted")

    own_employer = select(
        ServiceDelivery.employer_id.label("employer_id"), delivered_in.label("year")
    ).where(
        _in_years(ServiceDelivery.delivered_on, first, last),
        ServiceDelivery.employer_id.is_not(None),
    )
    expats_employer = (
        select(Expat.employer_id, delivered_in)
        .join(Expat, Expat.id == ServiceDelivery.expat_id)
        .where(
            _in_years(ServiceDelivery.delivered_on, first, last),
            ServiceDelivery.employer_id.is_(None),
            Expat.employer_id.is_not(None),
        )
    )
    served = union(own_employer, expats_employer).subquery("served")

    query = (
        select(attracted.c.year, func.count(), func.count(served.c.employer_id))
        .select_from(attracted)
        .join(Employer, Employer.id == attracted.c.employer_id)
        .outerjoin(
            served,
            and_(
                served.c.employer_id == attracted.c.employer_id,
                served.c.year == attracted.c.year,
            ),
        )
        .where(Employer.high_tech.is_(True))
        .group_by(attracted.c.year)
    )
    return {
        int(year): EmployerCount(int(attracting), int(used))
        for year, attracting, used in session.execute(query)
    }


# --- O, P and Q -------------------------------------------------------------------------------


@dataclass
class EmployerGrades:
    """O's counts of one year: responses per grade of each item (blank grades left out)."""

    service: Counter[int] = field(default_factory=Counter)
    added_value: Counter[int] = field(default_factory=Counter)


@dataclass(frozen=True)
class Answers:
    """How many of a group of expats answered ``yes`` to the intention to leave, of ``n``."""

    n: int = 0
    yes: int = 0

    def __add__(self, other: Answers) -> Answers:
        return Answers(self.n + other.n, self.yes + other.yes)

    def __sub__(self, other: Answers) -> Answers:
        return Answers(self.n - other.n, self.yes - other.yes)


@dataclass
class ExpatAnswers:
    """P's and Q's counts of one year.

    ``service``: responses per grade (blank grades left out). ``leaving``: the responses with an
    intention to leave (``yes``, ``no`` or ``unsure``; blank left out); ``used``: those of them
    that name at least one facility used.
    """

    service: Counter[int] = field(default_factory=Counter)
    leaving: Answers = Answers()
    used: Answers = Answers()

    @property
    def not_used(self) -> Answers:
        """The year's Q respondents who name no facility."""
        return self.leaving - self.used


@dataclass(frozen=True)
class SurveyCounts:
    """The survey counts per year: the employers' (O) and the expats' (P, Q)."""

    employers: dict[int, EmployerGrades]
    expats: dict[int, ExpatAnswers]


#: The index :func:`_counted_by_seeks` reads (see expatdesk.db.models).
ANSWERS_INDEX = "ix_survey_response_answers"
#: The answers a survey column can hold, blank (NULL) included.
GRADE_VALUES: tuple[int | None, ...] = (None, *range(1, 11))
INTENTION_VALUES: tuple[str | None, ...] = (None, "yes", "no", "unsure")

#: One row per year and combination of answers: (year, respondent type, score_service,
#: score_added_value, intends_to_leave, responses).
SurveyRow = tuple[int, str, int | None, int | None, str | None, int]
#: The expats' responses with an intention to leave that name a facility, per (year, intention).
FacilityUsers = dict[tuple[int, str], int]


def survey_counts(session: Session, first: int, last: int) -> SurveyCounts:
    """The survey responses per year and answers, for O (employers) and for P and Q (expats).

    Each item's counts are margins of the combinations of answers, so a blank grade is missing
    for that item only. How the database counts depends on the engine (:func:`_counted_by_seeks`
    on SQLite, :func:`_counted_by_grouping` on PostgreSQL); both give the same counts.
    """
    if session.get_bind().dialect.name == "sqlite" and _has_answers_index(session):
        rows, users = _counted_by_seeks(session, first, last)
    else:
        rows, users = _counted_by_grouping(session, first, last)
    employers: dict[int, EmployerGrades] = {}
    expats: dict[int, ExpatAnswers] = {}
    for year, kind, service, added_value, intention, count in rows:
        if not count:
            continue
        if kind == "employer":
            grades = employers.setdefault(year, EmployerGrades())
            if service is not None:
                grades.service[service] += count
            if added_value is not None:
                grades.added_value[added_value] += count
            continue
        expat = expats.setdefault(year, ExpatAnswers())
        if service is not None:
            expat.service[service] += count
        if intention is not None:
            expat.leaving += Answers(count, count if intention == "yes" else 0)
    for (year, intention), count in users.items():
        if count:
            expat = expats.setdefault(year, ExpatAnswers())
            expat.used += Answers(count, count if intention == "yes" else 0)
    return SurveyCounts(employers, expats)


def _has_answers_index(session: Session) -> bool:
    """Whether the index the grid of seeks needs is there (migration 0002 creates it).

    Without it every cell of the grid would scan a year of responses: a database that lost the
    index (or was stamped 0002 by a development version of the migration) is counted by grouping,
    slower but never worse than linear.
    """
    found = session.execute(
        text("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = :name"),
        {"name": ANSWERS_INDEX},
    )
    return found.first() is not None


def _names_a_facility() -> ColumnElement[bool]:
    return SurveyResponse.id.in_(select(SurveyFacility.response_id))


def _counted_by_grouping(
    session: Session, first: int, last: int
) -> tuple[list[SurveyRow], FacilityUsers]:
    """Two GROUP BYs over the responses of the years, which PostgreSQL aggregates in hash tables.

    The facilities are counted by a second query whose ``IN (SELECT response_id ...)`` in the
    WHERE clause becomes a (parallel) hash semi-join. Inside the first query's select list it
    would be a SubPlan, which PostgreSQL hashes only while the ids fit in ``work_mem`` and
    otherwise rescans per row.
    """
    response = SurveyResponse
    responded_in = year_of(response.responded_on)
    answers = (
        response.respondent_type,
        response.score_service,
        response.score_added_value,
        response.intends_to_leave,
    )
    in_years = _in_years(response.responded_on, first, last)
    query = (
        select(responded_in, *answers, func.count())
        .where(response.respondent_type.in_(("employer", "expat")), in_years)
        .group_by(responded_in, *answers)
    )
    rows = [_survey_row(row) for row in session.execute(query)]
    users_query = (
        select(responded_in, response.intends_to_leave, func.count())
        .where(
            response.respondent_type == "expat",
            in_years,
            response.intends_to_leave.is_not(None),
            _names_a_facility(),
        )
        .group_by(responded_in, response.intends_to_leave)
    )
    users = {
        (int(year), str(intention)): int(count)
        for year, intention, count in session.execute(users_query)
    }
    return rows, users


def _counted_by_seeks(
    session: Session, first: int, last: int
) -> tuple[list[SurveyRow], FacilityUsers]:
    """Every (year, respondent type, answers) combination counted by its own index seek.

    SQLite aggregates only by sorting: a GROUP BY over two million responses sorts two million
    rows (1.7 s on the benchmark, against 0.15 s here). Instead, a grid of every combination the
    CHECK constraints allow (per year 121 for employers: service × added value, blanks included;
    44 for expats: service × intention) is joined to correlated ``count(*)`` subqueries, each of
    which seeks its range in ``ix_survey_response_answers`` (respondent_type, intends_to_leave,
    score_service, score_added_value, responded_on) and steps through it. Every response is read
    once, in index order, and nothing is sorted; ``IS`` matches blank answers too. The second
    subquery counts the Q respondents of the combination that name a facility, checking each
    against the facilities' primary key. The tests hold this grid against
    :func:`_counted_by_grouping` on the same data.
    """
    years = (
        values(column("year", Integer), column("start", Date), column("stop", Date), name="years")
        .data([(year, *year_range(year, year)) for year in range(first, last + 1)])
        .cte("years")
    )
    service = _code_list("service", Integer, GRADE_VALUES)
    added_value = _code_list("added_value", Integer, GRADE_VALUES)
    intention = _code_list("intention", String, INTENTION_VALUES)
    by_employers = select(
        literal("employer").label("kind"),
        years.c.year,
        years.c.start,
        years.c.stop,
        service.c.service,
        added_value.c.added_value,
        null().label("intention"),
    ).select_from(years.join(service, true()).join(added_value, true()))
    by_expats = select(
        literal("expat").label("kind"),
        years.c.year,
        years.c.start,
        years.c.stop,
        service.c.service,
        null().label("added_value"),
        intention.c.intention,
    ).select_from(years.join(service, true()).join(intention, true()))
    grid = union_all(by_employers, by_expats).subquery("grid")

    response = SurveyResponse
    matches = (
        response.respondent_type == grid.c.kind,
        response.intends_to_leave.is_not_distinct_from(grid.c.intention),
        response.score_service.is_not_distinct_from(grid.c.service),
        response.score_added_value.is_not_distinct_from(grid.c.added_value),
        response.responded_on >= grid.c.start,
        response.responded_on < grid.c.stop,
    )
    responses = select(func.count()).where(*matches).scalar_subquery()
    users = (
        select(func.count())
        .where(grid.c.intention.is_not(None), *matches, _names_a_facility())
        .scalar_subquery()
    )
    query = select(
        grid.c.year,
        grid.c.kind,
        grid.c.service,
        grid.c.added_value,
        grid.c.intention,
        responses,
        users,
    )
    rows: list[SurveyRow] = []
    facility_users: FacilityUsers = {}
    for *combination, named_a_facility in session.execute(query):
        row = _survey_row(combination)
        rows.append(row)
        year, intention = row[0], row[4]
        if intention is not None and named_a_facility:
            key = (year, intention)
            facility_users[key] = facility_users.get(key, 0) + int(named_a_facility)
    return rows, facility_users


def _code_list(name: str, type_: Any, codes: tuple[Any, ...]) -> Any:
    """A one-column VALUES list, as a common table expression ``name``.

    (A CTE, not ``(VALUES ...) AS name (column)``, whose column list SQLite does not parse.)
    """
    return values(column(name, type_), name=name).data([(code,) for code in codes]).cte(name)


def _survey_row(row: Any) -> SurveyRow:
    year, kind, service, added_value, intention, count = row
    return (
        int(year),
        str(kind),
        None if service is None else int(service),
        None if added_value is None else int(added_value),
        None if intention is None else str(intention),
        int(count or 0),
    )


# --- all of them ------------------------------------------------------------------------------


@dataclass(frozen=True)
class TargetCounts:
    """Everything targets N–Q are computed from, per year; a year without data is absent."""

    employers: dict[int, EmployerCount]
    employer_grades: dict[int, EmployerGrades]
    expat_answers: dict[int, ExpatAnswers]


#: PostgreSQL settings for the report's transactions: room for their hash tables (the default
#: 4 MB makes the de-duplication of a million (employer, year) pairs sort on disk), and no JIT
#: compilation, which costs more than it saves on queries of a second or two.
POSTGRES_SETTINGS = {"work_mem": "64MB", "jit": "off"}
_SNAPSHOT_ID = re.compile(r"[0-9A-F]+-[0-9A-F]+(-[0-9]+)?")


def read_counts(
    database: Database,
    first: int,
    last: int,
    session: Session,
    meanwhile: Callable[[], object] | None = None,
) -> TargetCounts:
    """The counts of the years ``first`` to ``last``: N's and the surveys', read in parallel.

    ``session`` is the caller's open read session (the settings are read in it). The two parts
    are independent queries of about a second each on a large database, so each runs in a
    thread of its own with its own session (the engines release the GIL while they count): on
    a machine with a core to spare the report takes the time of the slower part, not of both.

    On PostgreSQL all three sessions share one snapshot: the caller's transaction is made
    REPEATABLE READ and exports its snapshot, which the parts' transactions import. SQLite cannot
    share a snapshot: each part is consistent in itself, but a change saved while the report
    runs may show in N and not yet in O–Q, or the reverse. An in-memory SQLite database belongs to
    one connection, so there the parts are read one after the other in ``session``.

    ``meanwhile`` is called in this thread while the parts are read (the report imports scipy).
    """
    if database.is_sqlite and database.url.database in (None, "", ":memory:"):
        by_employers = employer_counts(session, first, last)
        by_surveys = survey_counts(session, first, last)
    else:
        snapshot = _export_snapshot(session)
        with ThreadPoolExecutor(max_workers=2, thread_name_prefix="targets") as pool:
            employers = pool.submit(_read, database, snapshot, employer_counts, first, last)
            surveys = pool.submit(_read, database, snapshot, survey_counts, first, last)
            if meanwhile is not None:
                meanwhile()
            by_employers, by_surveys = employers.result(), surveys.result()
    return TargetCounts(by_employers, by_surveys.employers, by_surveys.expats)


def begin_reading(session: Session) -> None:
    """Prepare a read session for the report; call it before anything else in the session.

    PostgreSQL: a REPEATABLE READ transaction (one snapshot for all its queries) with
    :data:`POSTGRES_SETTINGS` for this transaction only (``SET LOCAL``). SQLite's read
    transaction is a snapshot already.
    """
    if session.get_bind().dialect.name == "postgresql":
        session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
        _tune(session)


def _tune(session: Session) -> None:
    for name, value in POSTGRES_SETTINGS.items():
        session.execute(select(func.set_config(name, value, True)))  # SET LOCAL


def _export_snapshot(session: Session) -> str | None:
    if session.get_bind().dialect.name != "postgresql":
        return None
    return str(session.execute(select(func.pg_export_snapshot())).scalar_one())


def _read(
    database: Database,
    snapshot: str | None,
    part: Callable[[Session, int, int], Part],
    first: int,
    last: int,
) -> Part:
    with database.reading() as session:
        if snapshot is None:
            begin_reading(session)
        else:
            if not _SNAPSHOT_ID.fullmatch(snapshot):
                raise ValueError(f"not a PostgreSQL snapshot id: {snapshot!r}")
            session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
            session.execute(text(f"SET TRANSACTION SNAPSHOT '{snapshot}'"))  # first statement
            _tune(session)
        return part(session, first, last)
