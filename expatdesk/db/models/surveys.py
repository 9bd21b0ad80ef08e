"""Satisfaction survey responses and the facilities they grade."""

from __future__ import annotations

from datetime import date

from sqlalchemy import (
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from expatdesk.db.models.base import (
    LEAVE_INTENTIONS,
    RESPONDENT_TYPES,
    Base,
    RequestKeyed,
    Timestamped,
    grade_check,
    in_check,
)
from expatdesk.db.models.employers import Employer
from expatdesk.db.models.expats import Expat

#: The version of the questionnaire the desk, the kiosk and imports ask now, stored with every
#: response: 2, the questionnaire as revised in 2018 (the demo's responses since then); 1 is the
#: first one. The grades and the intention asked are the same in both.
CURRENT_QUESTIONNAIRE = 2


class SurveyResponse(RequestKeyed, Timestamped, Base):
    """An expat's or an employer's grades, and an expat's intention to leave Twente."""

    __tablename__ = "survey_response"
    __table_args__ = (
        CheckConstraint(
            in_check("respondent_type", RESPONDENT_TYPES), name="respondent_type_known"
        ),
        CheckConstraint(grade_check("score_service"), name="score_service_grade"),
        CheckConstraint(grade_check("score_added_value"), name="score_added_value_grade"),
        CheckConstraint(
            "intends_to_leave IS NULL OR " + in_check("intends_to_leave", LEAVE_INTENTIONS),
            name="intends_to_leave_known",
        ),
        CheckConstraint(
            "respondent_type = 'expat' OR (expat_id IS NULL AND intends_to_leave IS NULL)",
            name="employer_answers",
        ),
        CheckConstraint(
            "respondent_type = 'employer' OR (employer_id IS NULL AND score_added_value IS NULL)",
            name="expat_answers",
        ),
        Index(None, "respondent_type", "responded_on"),
        Index(None, "expat_id"),
        Index(None, "employer_id"),
        Index(None, "request_key", unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    response_ref: Mapped[str] = mapped_column(String(64), unique=True)
    respondent_type: Mapped[str] = mapped_column(String(10))
    expat_id: Mapped[int | None] = mapped_column(ForeignKey("expat.id"))
    employer_id: Mapped[int | None] = mapped_column(ForeignKey("employer.id"))
    responded_on: Mapped[date] = mapped_column(Date)
    score_service: Mapped[int | None] = mapped_column(Integer)
    score_added_value: Mapped[int | None] = mapped_column(Integer)
    intends_to_leave: Mapped[str | None] = mapped_column(String(10))
    questionnaire_version: Mapped[int] = mapped_column(Integer, default=CURRENT_QUESTIONNAIRE)
    version: Mapped[int] = mapped_column(Integer, default=1)

    expat: Mapped[Expat | None] = relationship(lazy="raise")
    employer: Mapped[Employer | None] = relationship(lazy="raise")
    facilities: Mapped[list[SurveyFacility]] = relationship(
        lazy="raise", cascade="all, delete-orphan"
    )

    __mapper_args__ = {"version_id_col": version}


class SurveyFacility(Base):
    """A facility an expat said they used (``facilities_used``)."""

    __tablename__ = "survey_response_facility"
    __table_args__ = (Index(None, "facility_code"),)

    response_id: Mapped[int] = mapped_column(
        ForeignKey("survey_response.id", ondelete="CASCADE"), primary_key=True
    )
    facility_code: Mapped[str] = mapped_column(ForeignKey("facility.code"), primary_key=True)


# The targets report counts survey answers per year by seeking each combination of answers in
# this index (expatdesk.reports.target_queries); it covers every column the count reads.
Index(
    "ix_survey_response_answers",
    SurveyResponse.respondent_type,
    SurveyResponse.intends_to_leave,
    SurveyResponse.score_service,
    SurveyResponse.score_added_value,
    SurveyResponse.responded_on,
)
