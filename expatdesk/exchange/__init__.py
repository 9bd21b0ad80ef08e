"""Import and export of files (``shared/spec/data-exchange.md``), without Qt.

A GUI import dialog works in two steps::

    plan = prepare_import(database, "expats", path)   # reads and validates, writes nothing
    plan.preview, plan.errors, plan.counts            # show them
    apply_import(database, plan)                      # writes exactly that, in one transaction

:func:`export` writes the same layout back, as CSV or XLSX by the file's extension.
"""

from expatdesk.exchange.exporter import export
from expatdesk.exchange.importer import (
    Counts,
    ImportPlan,
    RowError,
    apply_import,
    import_file,
    prepare_import,
)
from expatdesk.exchange.kinds import KINDS, Kind

__all__ = [
    "KINDS",
    "Counts",
    "ImportPlan",
    "Kind",
    "RowError",
    "apply_import",
    "export",
    "import_file",
    "prepare_import",
]
