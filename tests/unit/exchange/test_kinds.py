"""The five kinds follow data-exchange.md: their columns, in order, and which are required."""

from __future__ import annotations

from expatdesk.db.models import Base
from expatdesk.exchange.kinds import KINDS

SPEC = {
    "employers": "**employer_ref**, **name**, kvk_number, **high_tech**, municipality, "
    "recognised_sponsor, website, notes",
    "hiring": "**employer_ref**, **year**, **international_hires**, source",
    "expats": "**expat_ref**, **given_name**, **family_name**, date_of_birth, nationality, email, "
    "phone, employer_ref, category, education_level, arrival_date, departure_date, municipality, "
    "preferred_language",
    "services": "**service_ref**, expat_ref, employer_ref, **service_code**, **date**, case_ref, "
    "notes",
    "surveys": "**response_ref**, **respondent_type**, respondent_ref, **date**, score_service, "
    "score_added_value, intends_to_leave, facilities_used",
}


def test_columns_and_required_columns_follow_the_spec() -> None:
    assert set(KINDS) == set(SPEC)
    for name, spec in SPEC.items():
        columns = [part.strip() for part in spec.split(",")]
        assert KINDS[name].column_names == tuple(c.strip("*") for c in columns), name
        assert KINDS[name].required == tuple(c.strip("*") for c in columns if c.startswith("**"))


def test_every_column_goes_to_a_database_column() -> None:
    for kind in KINDS.values():
        table = Base.metadata.tables[kind.table_name]
        for column in kind.columns:
            fields = column.clears or (column.field,)
            for field in fields:
                assert field in table.c or field == "facilities", (kind.name, column.name)
