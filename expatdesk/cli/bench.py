"""``expatdesk bench``: the desk's speed on the large demo database, each figure beside its floor.

See the README (Benchmarks). The bench itself (:mod:`expatdesk.bench`) loads only when the command
runs: it stays off the start path.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from expatdesk.config import database_target
from expatdesk.db.engine import parse_url
from expatdesk.errors import UserError
from expatdesk.i18n import _
from expatdesk.reports import output


def add_bench_command(commands: Any, common: argparse.ArgumentParser) -> None:
    """``bench [--json FILE] [--allow-small]``: timings beside their floors (README, Benchmarks)."""
    from expatdesk.bench.results import KEYS

    bench = commands.add_parser(
        "bench",
        parents=[common],
        help=_("measure the desk's speed on the large demo database, each figure beside its floor"),
    )
    bench.add_argument(
        "--json", metavar=_("FILE"), type=Path, help=_("also write the figures to FILE as JSON")
    )
    bench.add_argument(
        "--allow-small",
        action="store_true",
        help=_("measure a database that is not the large demo too"),
    )
    bench.add_argument(
        "--repeat",
        type=_positive,
        default=3,
        metavar=_("N"),
        help=_("start the app N times and take the median (default: %(default)s)"),
    )
    bench.add_argument(
        "--import-rows",
        type=_positive,
        default=100_000,
        metavar=_("N"),
        help=_("survey rows to import into a scratch database (default: %(default)s)"),
    )
    bench.add_argument(
        "--scroll-steps",
        type=_positive,
        default=500,
        metavar=_("N"),
        help=_("jumps to scroll the expats list end to end in (default: %(default)s)"),
    )
    bench.add_argument(
        "--soak-desks",
        type=_positive,
        default=20,
        metavar=_("N"),
        help=_("desks that save at once in the soak figure (default: %(default)s)"),
    )
    bench.add_argument(
        "--soak-seconds",
        type=_positive,
        default=60,
        metavar=_("N"),
        help=_("how long the desks of the soak figure save (default: %(default)s)"),
    )
    bench.add_argument(
        "--only",
        metavar=_("FIGURES"),
        type=lambda text: tuple(part.strip() for part in text.split(",") if part.strip()),
        default=KEYS,
        help=_("measure only these, separated by commas: {keys}").format(keys=", ".join(KEYS)),
    )
    bench.set_defaults(run=_run_bench)


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(_("not a positive whole number: {text}").format(text=text))
    return value


def _run_bench(args: argparse.Namespace) -> int:
    import json

    from expatdesk.bench.runner import Options, run_bench

    if getattr(sys, "frozen", False):  # the bench runs its figures as `python -m` children
        raise UserError(
            _("expatdesk bench needs a source checkout; the installed program cannot run it.")
        )
    if args.json is not None:
        output.check_writable(args.json)
    options = Options(
        allow_small=args.allow_small,
        repeat=args.repeat,
        import_rows=args.import_rows,
        scroll_steps=args.scroll_steps,
        only=args.only,
        soak_desks=args.soak_desks,
        soak_seconds=float(args.soak_seconds),
    )
    report = run_bench(parse_url(database_target(getattr(args, "database", None))), options)
    print(report.table(), end="")
    if args.json is not None:
        data = json.dumps(report.to_json(), indent=2, ensure_ascii=False) + "\n"
        output.write_atomically(args.json, data.encode("utf-8"))
    return 0
