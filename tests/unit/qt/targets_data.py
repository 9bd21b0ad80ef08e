"""A small, hand-built data set for the targets GUI tests, with known figures for 2024 and 2025.

- N: 2024 10 of 20 (50.0%, met: 2023 has no data); 2025 18 of 31 (58.1%, no significant rise:
  not met).
- O: no employer responses: insufficient data.
- P: 2024 ten grades 7 (7.0, met); 2025 five 8s and five 7s (7.5, met).
- Q: 2025 3 yes of 10 (30.0%, baseline year: 2024 has no answers).
"""

from __future__ import annotations

from datetime import date

from expatdesk.db.database import Database
from tests.unit.reports.records import records

TODAY = date(2025, 6, 1)


def add_targets_data(database: Database) -> None:
    with records(database) as add:
        add.attracting_employers(2024, total=20, served=10)
        add.attracting_employers(2025, total=31, served=18)
        add.expat_grades(2024, [7] * 10)
        add.expat_grades(2025, [8] * 5 + [7] * 5)
        add.intentions(2025, yes=3, no=7)
