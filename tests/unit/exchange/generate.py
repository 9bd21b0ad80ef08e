"""Large survey files for the timing of an import: ``python -m tests.unit.exchange.generate``.

The responses name the demo data's expats (``EXP-000001``…) and employers (``EMP-000001``…), so
import them into a database filled by ``expatdesk demo`` (300 employers, 3,000 expats).
"""

from __future__ import annotations

import argparse
import csv
import random
from datetime import date, timedelta
from pathlib import Path

FACILITIES = ("international_school", "expat_centre", "social_events", "housing_service")


def write_surveys(
    path: Path, rows: int, *, seed: int = 1, expats: int = 3000, employers: int = 300
) -> None:
    rng = random.Random(seed)
    start = date(2014, 1, 1)
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(
            [
                "response_ref",
                "respondent_type",
                "respondent_ref",
                "date",
                "score_service",
                "score_added_value",
                "intends_to_leave",
                "facilities_used",
            ]
        )
        for number in range(1, rows + 1):
            day = (start + timedelta(days=rng.randrange(4000))).isoformat()
            if rng.random() < 0.8:
                respondent = f"EXP-{rng.randrange(1, expats + 1):06d}" if rng.random() < 0.5 else ""
                used = "|".join(rng.sample(FACILITIES, rng.randrange(3)))
                leave = rng.choice(("yes", "no", "unsure", ""))
                writer.writerow(
                    [
                        f"GEN-{number:07d}",
                        "expat",
                        respondent,
                        day,
                        rng.randint(1, 10),
                        "",
                        leave,
                        used,
                    ]
                )
            else:
                respondent = f"EMP-{rng.randrange(1, employers + 1):06d}"
                writer.writerow(
                    [
                        f"GEN-{number:07d}",
                        "employer",
                        respondent,
                        day,
                        rng.randint(1, 10),
                        rng.randint(1, 10),
                        "",
                        "",
                    ]
                )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("path", type=Path)
    parser.add_argument("--rows", type=int, default=100_000)
    arguments = parser.parse_args()
    write_surveys(arguments.path, arguments.rows)
