"""The survey file the import benchmark reads: realistic rows naming the small demo's people.

The small demo (``expatdesk demo``) has expats ``EXP-000001`` to ``EXP-003000`` and employers
``EMP-000001`` to ``EMP-000300``. Four in five responses are an expat's (half of them anonymous,
with up to two facilities used), one in five an employer's. The same ``seed`` writes the same file.
"""

from __future__ import annotations

import csv
import random
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

HEADER = (
    "response_ref",
    "respondent_type",
    "respondent_ref",
    "date",
    "score_service",
    "score_added_value",
    "intends_to_leave",
    "facilities_used",
)
FACILITIES = ("international_school", "expat_centre", "social_events", "housing_service")
SMALL_DEMO_EXPATS = 3000
SMALL_DEMO_EMPLOYERS = 300
FIRST_DAY = date(2014, 1, 1)
DAYS = 4000


@dataclass(frozen=True)
class SurveyRow:
    ref: str
    respondent_type: str
    respondent_ref: str
    responded_on: date
    score_service: int
    score_added_value: int | None
    intends_to_leave: str | None
    facilities: tuple[str, ...]


def survey_rows(count: int, *, prefix: str = "BENCH", seed: int = 1) -> list[SurveyRow]:
    """``count`` responses with refs ``PREFIX-0000001`` and up."""
    rng = random.Random(seed)
    rows = []
    for number in range(1, count + 1):
        day = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
        ref = f"{prefix}-{number:07d}"
        if rng.random() < 0.8:
            anonymous = rng.random() < 0.5
            rows.append(
                SurveyRow(
                    ref,
                    "expat",
                    "" if anonymous else f"EXP-{rng.randrange(1, SMALL_DEMO_EXPATS + 1):06d}",
                    day,
                    rng.randint(1, 10),
                    None,
                    rng.choice(("yes", "no", "unsure", None)),
                    tuple(sorted(rng.sample(FACILITIES, rng.randrange(3)))),
                )
            )
        else:
            rows.append(
                SurveyRow(
                    ref,
                    "employer",
                    f"EMP-{rng.randrange(1, SMALL_DEMO_EMPLOYERS + 1):06d}",
                    day,
                    rng.randint(1, 10),
                    rng.randint(1, 10),
                    None,
                    (),
                )
            )
    return rows


def write_survey_file(path: Path, rows: list[SurveyRow]) -> None:
    """Write ``rows`` as a survey CSV of ``shared/spec/data-exchange.md``."""
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(HEADER)
        for row in rows:
            writer.writerow(
                [
                    row.ref,
                    row.respondent_type,
                    row.respondent_ref,
                    row.responded_on.isoformat(),
                    row.score_service,
                    "" if row.score_added_value is None else row.score_added_value,
                    row.intends_to_leave or "",
                    "|".join(row.facilities),
                ]
            )
