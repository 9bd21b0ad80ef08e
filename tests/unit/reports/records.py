"""Small, hand-built data sets for the report tests: just the fields the targets read."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from itertools import count

from sqlalchemy.orm import Session

from expatdesk.accounts.actor import SYSTEM
from expatdesk.db.database import Database
from expatdesk.db.models import (
    Employer,
    Expat,
    HiringRecord,
    ServiceDelivery,
    SurveyFacility,
    SurveyResponse,
)
from expatdesk.reports.target_settings import DEFAULTS, Settings, update_settings

_refs = count(1)


def _ref(prefix: str) -> str:
    return f"{prefix}-{next(_refs):06d}"


class Records:
    """Adds records in one session; ids come back for the records others refer to."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def employer(self, *, high_tech: bool = True) -> int:
        employer = Employer(employer_ref=_ref("EMP"), name="Firm", high_tech=high_tech)
        self.session.add(employer)
        self.session.flush()
        return employer.id

    def hiring(self, employer_id: int, year: int, hires: int = 1) -> None:
        self.session.add(
            HiringRecord(employer_id=employer_id, year=year, international_hires=hires)
        )

    def expat(self, *, employer_id: int | None = None, arrival: date | None = None) -> int:
        expat = Expat(
            expat_ref=_ref("EXP"),
            given_name="Ana",
            family_name="Souza",
            employer_id=employer_id,
            arrival_date=arrival,
        )
        self.session.add(expat)
        self.session.flush()
        return expat.id

    def delivery(
        self, on: date, *, employer_id: int | None = None, expat_id: int | None = None
    ) -> None:
        self.session.add(
            ServiceDelivery(
                service_ref=_ref("SRV"),
                service_code="housing",
                delivered_on=on,
                employer_id=employer_id,
                expat_id=expat_id,
            )
        )

    def employer_response(
        self, on: date, service: int | None, added_value: int | None = None
    ) -> None:
        self.session.add(
            SurveyResponse(
                response_ref=_ref("RSP"),
                respondent_type="employer",
                responded_on=on,
                score_service=service,
                score_added_value=added_value,
            )
        )

    def expat_response(
        self,
        on: date,
        *,
        service: int | None = None,
        leave: str | None = None,
        facilities: Iterable[str] = (),
    ) -> None:
        response = SurveyResponse(
            response_ref=_ref("RSP"),
            respondent_type="expat",
            responded_on=on,
            score_service=service,
            intends_to_leave=leave,
        )
        response.facilities = [SurveyFacility(facility_code=code) for code in facilities]
        self.session.add(response)

    # --- many at once -------------------------------------------------------------------------

    def employer_grades(
        self, year: int, service: Iterable[int | None], added_value: Iterable[int | None]
    ) -> None:
        """One employer response per pair of grades, dated in ``year``."""
        for index, (first, second) in enumerate(zip(service, added_value, strict=True)):
            self.employer_response(_day(year, index), first, second)

    def expat_grades(self, year: int, grades: Iterable[int | None]) -> None:
        for index, grade in enumerate(grades):
            self.expat_response(_day(year, index), service=grade)

    def intentions(
        self, year: int, *, yes: int = 0, no: int = 0, unsure: int = 0, facility: str | None = None
    ) -> None:
        """Expat responses with these answers in ``year``, naming ``facility`` when given."""
        answers = ["yes"] * yes + ["no"] * no + ["unsure"] * unsure
        facilities = [facility] if facility else []
        for index, answer in enumerate(answers):
            self.expat_response(_day(year, index), leave=answer, facilities=facilities)

    def attracting_employers(self, year: int, *, total: int, served: int) -> None:
        """``total`` high-tech employers hiring in ``year``, ``served`` of them served in it."""
        for index in range(total):
            employer_id = self.employer()
            self.hiring(employer_id, year, hires=2)
            if index < served:
                self.delivery(_day(year, index), employer_id=employer_id)


def _day(year: int, index: int) -> date:
    """Spread records over the year, always inside it."""
    return date(year, 1 + index % 12, 1 + index % 28)


@contextmanager
def records(database: Database) -> Iterator[Records]:
    """Add records in one transaction, committed when the block ends."""
    with database.transaction() as session:
        yield Records(session)


def use_settings(database: Database, **changes: float) -> Settings:
    """Store the defaults of targets.md with ``changes`` applied; returns what was stored."""
    values = {**DEFAULTS.to_json(), **changes}
    settings = Settings(
        alpha=float(values["alpha"]),
        min_n=int(values["min_n"]),
        n_threshold=float(values["n_threshold"]),
        n_growth_from=int(values["n_growth_from"]),
        o_threshold=float(values["o_threshold"]),
        p_threshold=float(values["p_threshold"]),
    )
    return update_settings(database, SYSTEM, settings).settings
