"""Cases with their owners, notes and tasks, and the services each case plans.

Most cases are history: opened when an expat arrived and closed weeks later. The open ones belong
to expats who arrived in the last months; every fourth of them has a task that is overdue, and
every fourth one due this week, so the desk has a worklist. A few cases are an employer's.
The services a case delivers are written later, with the other service deliveries.
"""

from __future__ import annotations

from bisect import bisect_left
from datetime import date

from expatdesk.demo.base import CASE, CASE_NOTE, TASK, Picker, Row
from expatdesk.demo.state import CATEGORIES, CHILDREN, PARTNER, World
from expatdesk.text import case_search_key, full_name

OPEN_STATUSES = Picker(
    [("new", 15), ("in_progress", 35), ("waiting_client", 15), ("waiting_authority", 20),
     ("closed", 15)]
)  # fmt: skip
#: The main service of an expat's case, by category.
MAIN_SERVICE = {
    "knowledge_migrant": "permit_hsm", "blue_card": "permit_blue_card",
    "researcher": "permit_researcher", "search_year": "permit_search_year",
    "family": "permit_family", "cross_border": "cross_border", "eu_worker": "registration_brp",
    "intra_company": "registration_brp", "student": "registration_brp",
    "self_employed": "registration_brp", "short_stay": "registration_brp",
}  # fmt: skip
SUBJECTS = {
    "permit_hsm": "Residence permit application, highly skilled migrant",
    "permit_blue_card": "EU Blue Card application",
    "permit_researcher": "Residence permit application, researcher",
    "permit_search_year": "Orientation year application",
    "permit_family": "Residence permit for family members",
    "cross_border": "Questions about working across the border",
    "registration_brp": "Registration with the municipality and BSN",
}
EXTRA_SERVICES = ("registration_brp", "tax_30_ruling", "housing", "digid", "health_insurance")
EMPLOYER_SUBJECTS = (
    "Application as recognised sponsor",
    "Advice on hiring a highly skilled migrant",
    "Information session for new international staff",
    "Questions about the 30% ruling for new staff",
)
NOTES = (
    "Documents received and checked; copy of the passport is in the file.",
    "Appointment at the town hall booked.",
    "Called the expat: the employment contract is still missing.",
    "Application submitted to the IND.",
    "IND asked for additional documents.",
    "Decision received; collection of the residence card planned.",
    "Employer confirmed the salary meets the criterion.",
    "Explained the 30% ruling; the employer will file the request.",
    "Expat asked about housing near the university.",
    "Sent the welcome pack and the programme of the next welcome event.",
)
TASKS = (
    "Check that the documents are complete",
    "Submit the application to the IND",
    "Book an appointment at the town hall",
    "Call the expat back",
    "Ask the employer for the employment contract",
    "Send the 30% ruling form to the tax office",
    "Confirm the appointment by e-mail",
    "Check the decision letter",
)


def make_cases(world: World) -> None:
    """Cases, notes and tasks; remembers the services each case delivers."""
    rng, calendar, profile = world.rng, world.calendar, world.profile
    rnd = rng.random
    today = calendar.today
    total = profile.cases
    employer_cases = round(total * 0.08)
    recent = bisect_left(world.arrival, today - 150)
    fresh = rng.sample(
        range(recent, world.expat_count), min(round(total * 0.14), world.expat_count - recent)
    )
    history = rng.sample(range(recent), min(total - len(fresh) - employer_cases, recent))
    first_day = calendar.year_start(calendar.first_year)
    writer = _CaseWriter(world)
    planned_cases = [(p, False) for p in sorted(history)] + [(p, True) for p in sorted(fresh)]
    for position, running in planned_cases:
        arrival = world.arrival[position]
        if running:
            earliest = max(arrival - 20, today - 100)
            opened = earliest + int(rnd() * (today - earliest + 1))
        else:
            opened = min(max(arrival - 20 + int(rnd() * 60), first_day), today)
        category = CATEGORIES[world.category[position]]
        main = MAIN_SERVICE[category]
        case_id, end = writer.add(position + 1, 0, SUBJECTS[main], opened, running)
        if not end:
            continue
        household = world.household[position]
        services = [main]
        for _ in range(int(rnd() * 2.5)):
            extra = rng.choice(EXTRA_SERVICES)
            if extra not in services:
                services.append(extra)
        if household & CHILDREN and rnd() < 0.5:
            services.append("school")
        if household & PARTNER and rnd() < 0.3:
            services.append("partner_career")
        planned = world.expat_case_services.setdefault(position, [])
        for service in services:
            planned.append((case_id, service, opened + int(rnd() * (end - opened + 1))))

    for _ in range(employer_cases):
        position = int(rnd() * world.employer_count)
        start = world.employer_start[position]
        opened = start + int(rnd() * (today - start + 1))
        if (
            world.high_tech[position]
            and not world.uses[position * world.years + world.year_index(opened)]
        ):
            continue
        subject = rng.choice(EMPLOYER_SUBJECTS)
        case_id, end = writer.add(0, position + 1, subject, opened, opened > today - 100)
        if end:
            delivered = opened + int(rnd() * (end - opened + 1))
            world.employer_case_services.append((case_id, position, "employer_advice", delivered))
    writer.flush()


class _CaseWriter:
    """Writes cases with their notes and tasks, a batch at a time."""

    def __init__(self, world: World) -> None:
        self.world = world
        self.staff = world.desk_officers or world.managers
        self.cases: list[Row] = []
        self.notes: list[Row] = []
        self.tasks: list[Row] = []
        self.case_id = self.note_id = self.task_id = 0
        self.weekday = date.fromordinal(world.calendar.today).weekday()

    def _staff(self) -> int | None:
        rng = self.world.rng
        if self.world.managers and rng.random() < 0.1:
            return rng.choice(self.world.managers)
        return rng.choice(self.staff) if self.staff else None

    def add(self, expat: int, employer: int, subject: str, opened: int, running: bool) -> tuple[
        int, int
    ]:  # fmt: skip
        """A case opened on ``opened``; returns its id and the last day services can fall on
        (0 for a new case that has none yet)."""
        world = self.world
        rng, calendar = world.rng, world.calendar
        rnd = rng.random
        today, stamp, day = calendar.today, calendar.stamp, calendar.day
        minutes = calendar.OFFICE_MINUTES
        self.case_id += 1
        case_id = self.case_id
        if running:
            status = OPEN_STATUSES.pick(rng)
        elif opened > today - 365 and rnd() < 0.05:
            status = "waiting_authority"  # still no decision
        else:
            status = "closed"
        if status == "new":
            opened = max(opened, today - 14)
        owner = None if status == "new" and rnd() < 0.5 else self._staff()
        closed = min(opened + 5 + int(rnd() * 80), today) if status == "closed" else 0
        created = stamp(opened, int(rnd() * minutes))
        closed_at = stamp(closed, int(rnd() * minutes)) if closed else None
        ref = f"CAS-{case_id:06d}"
        if expat:
            client = full_name(world.given_name[expat - 1], world.family_name[expat - 1])
        else:
            client = world.employer_name[employer - 1]
        self.cases.append(
            (case_id, ref, subject, case_search_key(ref, subject, client), status, expat or None,
             employer or None, owner, day(opened), closed_at, 1, created, closed_at or created)
        )  # fmt: skip
        end = closed or today
        for _ in range(int(rnd() * 3) + running):
            self.note_id += 1
            written = opened + int(rnd() * (end - opened + 1))
            self.notes.append(
                (self.note_id, case_id, owner or self._staff(),
                 stamp(written, int(rnd() * minutes)), rng.choice(NOTES))
            )  # fmt: skip
        if closed:
            for _ in range(int(rnd() * 3)):
                self.task_id += 1
                due = opened + int(rnd() * (closed - opened + 1))
                done = stamp(due, int(rnd() * minutes))
                made = stamp(opened, int(rnd() * minutes))
                self.tasks.append(
                    (self.task_id, case_id, rng.choice(TASKS), day(due), done, 1, made, done)
                )
        elif status != "new" or rnd() < 0.5:
            for number in range(1 + int(rnd() * 2.5)):
                self.task_id += 1
                kind = (case_id + number) % 4
                if kind == 0:  # overdue
                    due = today - 1 - int(rnd() * 21)
                elif kind == 1:  # due this week, by Sunday
                    due = today + int(rnd() * (7 - self.weekday))
                elif kind == 2:
                    due = today + 7 + int(rnd() * 24)
                else:  # done already
                    due = today - int(rnd() * 10)
                finished = stamp(due, int(rnd() * minutes)) if kind == 3 else None
                made = stamp(min(opened, due), int(rnd() * minutes))
                self.tasks.append(
                    (self.task_id, case_id, rng.choice(TASKS), day(due), finished, 1, made,
                     finished or made)
                )  # fmt: skip
        if len(self.cases) >= world.profile.chunk:
            self.flush()
        return case_id, 0 if status == "new" else end

    def flush(self) -> None:
        self.world.emit(CASE, self.cases)
        self.world.emit(CASE_NOTE, self.notes)
        self.world.emit(TASK, self.tasks)
        self.cases, self.notes, self.tasks = [], [], []
