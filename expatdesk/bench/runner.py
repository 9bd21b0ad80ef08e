"""Running the bench: check the database, measure each figure and its floor in child processes.

The database is only read. The import is measured on a scratch database that the runner fills
with the small demo itself (an SQLite file in a temporary folder, or a new database on the same
PostgreSQL server) and removes afterwards. Each child's peak memory is read from the operating
system when it ends (``wait4``), so it is that child's alone.
"""

from __future__ import annotations

import compileall
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError

import expatdesk
from expatdesk import clock, i18n
from expatdesk.bench import soak
from expatdesk.bench.results import KEYS, BenchReport, Result, percentile
from expatdesk.bench.survey_file import survey_rows, write_survey_file
from expatdesk.config import DATABASE_ENV
from expatdesk.db.database import open_database
from expatdesk.db.engine import describe
from expatdesk.db.migrate import schema_state
from expatdesk.db.models import Expat
from expatdesk.errors import UserError
from expatdesk.i18n import _

#: A large demo has 500,000 expats; fewer than this is not one.
LARGE_EXPATS = 400_000
#: The first year of the demo data, and so of the report.
FIRST_YEAR = 2012
#: How many expats, at random, the open figure opens; and how many of the busiest beside them.
OPEN_COUNT = 100
BUSIEST = 20
#: A child that runs longer than this is stopped (something hangs): ten minutes.
CHILD_TIMEOUT_S = 600


@dataclass(frozen=True)
class Options:
    """What to measure and how often."""

    allow_small: bool = False
    repeat: int = 3  # start-up: the median of this many runs of each
    import_rows: int = 100_000
    scroll_steps: int = 500
    only: tuple[str, ...] = KEYS
    soak_desks: int = 20
    soak_seconds: float = 60.0


@dataclass(frozen=True)
class Child:
    """A finished child process: its output, how long it ran and its peak memory."""

    started: float  # time.monotonic() just before it started
    seconds: float
    peak_rss_mb: float
    stdout: str
    stderr: str
    code: int

    def json(self) -> Any:
        return json.loads(self.stdout.strip().splitlines()[-1])


def run_child(
    command: Sequence[str], environment: dict[str, str], folder: Path, name: str = "child"
) -> Child:
    """Run ``command``; its wall time from start to end, and its peak RSS.

    Its output goes to ``name.out`` and ``name.err`` in ``folder`` (children that run at the same
    time need names of their own).
    """
    out, err = folder / f"{name}.out", folder / f"{name}.err"
    with out.open("wb") as stdout, err.open("wb") as stderr:
        started = time.monotonic()
        process = subprocess.Popen(command, stdout=stdout, stderr=stderr, env=environment)
        guard = threading.Timer(CHILD_TIMEOUT_S, process.kill)
        guard.start()
        try:
            _pid, status, usage = os.wait4(process.pid, 0)
        finally:
            guard.cancel()
        seconds = time.monotonic() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    child = Child(
        started,
        seconds,
        usage.ru_maxrss / 1024,  # kilobytes on Linux
        out.read_text(encoding="utf-8", errors="replace"),
        err.read_text(encoding="utf-8", errors="replace"),
        process.returncode,
    )
    if child.code != 0:
        last = (child.stderr.strip().splitlines() or [""])[-1]
        raise UserError(
            _("A benchmark step failed ({command}): {reason}").format(
                command=" ".join(command[:4]), reason=last
            )
        )
    return child


class Bench:
    """One run of the bench on the database ``url``."""

    def __init__(self, url: URL, options: Options, folder: Path) -> None:
        self.url = url
        self.options = options
        self.folder = folder
        self.url_text = url.render_as_string(hide_password=False)
        config = folder / "config"
        config.mkdir(exist_ok=True)
        self.environment = {
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            "EXPATDESK_CONFIG_DIR": str(config),  # the user's settings are neither read nor written
            "EXPATDESK_LANG": i18n.language(),
        }

    def _environment(self, database: str | None) -> dict[str, str]:
        # The database goes in the environment: a password on a command line is visible to all.
        return {**self.environment, DATABASE_ENV: database or self.url_text}

    def child(self, module: str, kind: str, database: str | None = None, **arguments: Any) -> Child:
        """A measurement of :mod:`expatdesk.bench.child` or :mod:`expatdesk.qt.bench`."""
        command = [sys.executable, "-m", module, kind, json.dumps(arguments)]
        return run_child(command, self._environment(database), self.folder)

    def command(self, *arguments: str, database: str | None = None) -> Child:
        """The ``expatdesk`` command, as a user runs it."""
        command = [sys.executable, "-m", "expatdesk", "--lang", i18n.language(), *arguments]
        return run_child(command, self._environment(database), self.folder)

    # --- the figures --------------------------------------------------------------------------

    def startup(self) -> Result:
        def painted(kind: str, **arguments: Any) -> tuple[float, float]:
            child = self.child("expatdesk.qt.bench", kind, **arguments)
            return child.json()["painted"] - child.started, child.peak_rss_mb

        runs, floors = [], []
        for _run in range(self.options.repeat):  # in turns: a busy moment slows both alike
            runs.append(painted("startup"))
            floors.append(painted("window"))
        return Result(
            "startup",
            percentile([seconds for seconds, _rss in runs], 0.5),
            percentile([seconds for seconds, _rss in floors], 0.5),
            max(rss for _seconds, rss in runs),
            max(rss for _seconds, rss in floors),
            {"runs": len(runs), "slowest_s": round(max(seconds for seconds, _rss in runs), 4)},
        )

    def search(self) -> Result:
        child = self.child("expatdesk.bench.child", "search")
        data = child.json()
        keys, lookups = data["figure"], data["floor"]
        return Result(
            "search",
            percentile(keys, 0.95),
            percentile(lookups, 0.95),
            child.peak_rss_mb,
            None,
            {
                "p50_s": round(percentile(keys, 0.5), 5),
                "max_s": round(max(keys), 5),
                "floor_p50_s": round(percentile(lookups, 0.5), 6),
                "keys": len(keys),
                "queries": data["queries"],
            },
        )

    def open_expat(self) -> Result:
        child = self.child("expatdesk.qt.bench", "open", count=OPEN_COUNT, busiest=BUSIEST)
        data = child.json()
        opened, replayed, busiest = data["figure"], data["floor"], data["busiest"]
        if not opened:
            return Result("open_expat", None, None, skipped=_("The database holds no expats."))
        return Result(
            "open_expat",
            percentile(opened, 0.95),
            percentile(replayed, 0.95),
            child.peak_rss_mb,
            None,
            {
                "p50_s": round(percentile(opened, 0.5), 5),
                "floor_p50_s": round(percentile(replayed, 0.5), 6),
                "expats": len(opened),
                "busiest_max_s": round(max(busiest, default=0.0), 5),
            },
        )

    def scroll(self) -> Result:
        steps = self.options.scroll_steps
        child = self.child("expatdesk.qt.bench", "scroll", steps=steps)
        data = child.json()
        floor = self.child(
            "expatdesk.qt.bench",
            "scroll-floor",
            rows=data["rows"],
            steps=steps,
            viewport=data["viewport"],
            columns=data["columns"],
            row_height=data["row_height"],
        )
        floor_steps = floor.json()["steps"]
        return Result(
            "scroll",
            sum(data["steps"]),
            sum(floor_steps),
            child.peak_rss_mb,
            floor.peak_rss_mb,
            {
                "steps": steps,
                "rows": data["rows"],
                "step_p95_s": round(percentile(data["steps"], 0.95), 5),
                "floor_step_p95_s": round(percentile(floor_steps, 0.95), 5),
                "pages_read": data["pages_read"],
            },
        )

    def reports(self) -> list[Result]:
        last = clock.today().year
        floor = self.child("expatdesk.bench.child", "report-floor", first=FIRST_YEAR, last=last)
        floor_seconds = floor.json()["floor"]
        results = []
        for key, form in (("report_json", "json"), ("report_pdf", "pdf")):
            if f"report_{form}" not in self.options.only:
                continue
            output = self.folder / f"report.{form}"
            child = self.command(
                "report", "targets", "--from", str(FIRST_YEAR), "--to", str(last),
                "--format", form, "-o", str(output),
            )  # fmt: skip
            results.append(
                Result(
                    key,
                    child.seconds,
                    floor_seconds,
                    child.peak_rss_mb,
                    floor.peak_rss_mb,
                    {"years": f"{FIRST_YEAR}-{last}", "bytes": output.stat().st_size},
                )
            )
        return results

    def importing(self) -> Result:
        rows = self.options.import_rows
        try:
            scratch = self._scratch_database()
        except UserError as error:
            return Result("import", None, None, skipped=str(error))
        with scratch as target:
            self.command("demo", "--size", "small", database=target)
            path = self.folder / "surveys.csv"
            write_survey_file(path, survey_rows(rows))
            floor = self.child(
                "expatdesk.bench.child",
                "import-floor",
                database=target,
                file=str(path),
                prefix="FLOOR-",
            )
            child = self.command("import", "surveys", str(path), database=target)
        return Result(
            "import",
            child.seconds,
            floor.json()["floor"],
            child.peak_rss_mb,
            floor.peak_rss_mb,
            {"rows": rows, "into": _("a new small demo database")},
        )

    def soak(self) -> Result:
        """Desks saving at once on a scratch copy of the small demo, beside one desk alone."""
        desks, seconds = self.options.soak_desks, self.options.soak_seconds
        try:
            scratch = self._scratch_database()
        except UserError as error:
            return Result("soak", None, None, skipped=str(error))
        with scratch as target:
            self.command("demo", "--size", "small", database=target)
            database = open_database(target, migrate=False)
            try:
                expat_ids, case_ids = soak.hot_records(database)
            finally:
                database.dispose()
            alone = self._desks(target, 1, min(seconds, 10.0), expat_ids, case_ids)
            together = self._desks(target, desks, seconds, expat_ids, case_ids)
        latencies = [s for _child, report in together for s in report["latencies"]]
        saves = len(latencies)
        return Result(
            "soak",
            percentile(latencies, 0.95) if latencies else None,
            percentile([s for _c, report in alone for s in report["latencies"]], 0.95),
            max(child.peak_rss_mb for child, _report in together),
            alone[0][0].peak_rss_mb,
            {
                "desks": desks,
                "seconds": round(seconds),
                "saves": saves,
                "saves_per_s": round(saves / seconds, 1),
                "p50_s": round(percentile(latencies, 0.5), 4) if latencies else 0.0,
                "stale_retries": sum(report["stale"] for _child, report in together),
                "database_errors": sum(report["database_errors"] for _c, report in together),
                "cores": os.cpu_count() or 0,
            },
        )

    def _desks(
        self, target: str, count: int, seconds: float, expat_ids: list[int], case_ids: list[int]
    ) -> list[tuple[Child, dict[str, Any]]]:
        """``count`` desks of :mod:`expatdesk.bench.soak`, started together on ``target``."""
        start_at = time.monotonic() + 2.0 + 0.5 * count  # time for all to start and connect
        commands = [
            [
                sys.executable,
                "-m",
                "expatdesk.bench.soak",
                "desk",
                json.dumps(
                    {
                        "start_at": start_at,
                        "seconds": seconds,
                        "seed": number,
                        "expat_ids": expat_ids,
                        "case_ids": case_ids,
                    }
                ),
            ]
            for number in range(count)
        ]
        environment = self._environment(target)
        with ThreadPoolExecutor(max_workers=count) as pool:
            children = list(
                pool.map(
                    lambda numbered: run_child(
                        numbered[1], environment, self.folder, f"desk{numbered[0]}"
                    ),
                    enumerate(commands),
                )
            )
        return [(child, child.json()) for child in children]

    def _scratch_database(self) -> Any:
        if self.url.get_backend_name() == "sqlite":
            return _scratch_sqlite(self.folder)
        return _scratch_postgres(self.url)

    # --- all of it ----------------------------------------------------------------------------

    def run(self) -> list[Result]:
        results: list[Result] = []
        wanted = self.options.only
        for key, measure in (
            ("startup", self.startup),
            ("search", self.search),
            ("open_expat", self.open_expat),
            ("scroll", self.scroll),
        ):
            if key in wanted:
                results.append(measure())
        if "report_json" in wanted or "report_pdf" in wanted:
            results += self.reports()
        if "import" in wanted:
            results.append(self.importing())
        if "soak" in wanted:
            results.append(self.soak())
        return results


@contextmanager
def _scratch_sqlite(folder: Path) -> Iterator[str]:
    path = folder / "scratch.sqlite3"
    try:
        yield str(path)
    finally:
        for suffix in ("", "-wal", "-shm"):
            path.with_name(path.name + suffix).unlink(missing_ok=True)


def _scratch_postgres(url: URL) -> Any:
    """A new database on the same server for the import; refused without CREATEDB."""
    name = f"expatdesk_bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    except DBAPIError as error:
        admin.dispose()
        reason = str(error.orig).strip().splitlines()[0] if error.orig else str(error)
        raise UserError(
            _("The import was not measured: cannot create a scratch database ({reason}).").format(
                reason=reason
            )
        ) from None

    @contextmanager
    def scratch() -> Iterator[str]:
        try:
            yield url.set(database=name).render_as_string(hide_password=False)
        finally:
            with admin.connect() as connection:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()

    return scratch()


def check_database(url: URL, *, allow_small: bool) -> int:
    """The number of expats; refuses a database that is outdated, or no large demo."""
    database = open_database(url, migrate=False)
    try:
        with database.reading() as session:
            state = schema_state(session.connection())
            if not state.current:
                raise UserError(
                    _(
                        "The database {name} is not at this version of ExpatDesk; run "
                        "'expatdesk init' on it first (the bench only reads it)."
                    ).format(name=database.name)
                )
            expats = session.scalar(select(func.count()).select_from(Expat)) or 0
    finally:
        database.dispose()
    if expats < LARGE_EXPATS and not allow_small:
        raise UserError(
            _(
                "{name} holds {count} expats: the bench is meant for the large demo database "
                "(expatdesk demo --size large, 500,000 expats). Add --allow-small to measure "
                "it anyway."
            ).format(name=describe(url), count=i18n.format_number(expats))
        )
    return expats


def compile_modules(package: Path = Path(expatdesk.__file__).parent) -> None:
    """Compile the app's modules to bytecode, as installing it does (pip, the frozen build).

    From a source tree where Python writes no bytecode (``PYTHONDONTWRITEBYTECODE``), each child
    would compile every module it imports anew, and the start-up would time the compiler: a third
    of a second for the hundred modules of the start path. A frozen build has only bytecode.
    """
    if not getattr(sys, "frozen", False):
        compileall.compile_dir(package, quiet=2)


def run_bench(url: URL, options: Options) -> BenchReport:
    """Measure every figure of ``options.only`` on the database at ``url``."""
    unknown = set(options.only) - set(KEYS)
    if unknown:
        raise UserError(
            _("Unknown figure {names}; choose from {keys}.").format(
                names=", ".join(sorted(unknown)), keys=", ".join(KEYS)
            )
        )
    expats = check_database(url, allow_small=options.allow_small)
    compile_modules()
    started = clock.local_now().isoformat(timespec="seconds")
    folder = Path(tempfile.mkdtemp(prefix="expatdesk-bench-"))
    try:
        results = Bench(url, options, folder).run()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return BenchReport(
        database=describe(url),
        backend=url.get_backend_name(),
        expats=expats,
        started=started,
        machine={
            "python": platform.python_version(),
            "system": platform.platform(),
            "cpus": os.cpu_count() or 0,
            "bench_peak_rss_mb": round(
                resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1
            ),
        },
        results=results,
    )
