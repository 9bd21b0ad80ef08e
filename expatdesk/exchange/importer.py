"""Importing a file: validate every row first, then write everything in one transaction.

:func:`prepare_import` reads the file once, streaming, and returns an :class:`ImportPlan`: the
first rows for a preview, every error as ``row R, column C: what is wrong`` (rows numbered as in
a spreadsheet, the header being row 1), the counts of records that would be added, updated or
left unchanged, and the validated records to write. :func:`apply_import` writes exactly those
records in one transaction (all or nothing), and refuses when a record it would update was changed
meanwhile (optimistic locking on ``version``) or a record it would add has appeared.

References (``employer_ref``, ``expat_ref``, ``respondent_ref``, ``case_ref``) and existing
records are looked up in batches of :data:`~expatdesk.exchange.writing.IN_BATCH` refs per query;
the writes (:mod:`expatdesk.exchange.writing`) are Core ``executemany`` in batches, never an ORM
object per row, or on PostgreSQL a ``COPY`` into a staging table.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import (
    Connection,
    Table,
    select,
)
from sqlalchemy.exc import DBAPIError, IntegrityError

from expatdesk import i18n
from expatdesk.accounts.actor import Actor, Permission
from expatdesk.db.database import Database
from expatdesk.errors import DatabaseError, UserError
from expatdesk.exchange.kinds import REF_COLUMNS, Kind, Lookups, kind_named
from expatdesk.exchange.reading import open_sheet
from expatdesk.exchange.values import Invalid
from expatdesk.exchange.writing import (
    IN_BATCH,
    Record,
    batched,
    insert_records,
    table_named,
    update_records,
)
from expatdesk.i18n import _

#: Rows validated together: their references and existing records are looked up at once.
ROW_BATCH = 1000
#: Rows a plan keeps for the preview.
PREVIEW_ROWS = 20
#: Referenced ids kept between batches; forgotten (and looked up again) beyond this.
CACHE_LIMIT = 200_000
#: Errors a check reports before it stops reading the file.
MAX_ERRORS = 1000


@dataclass(frozen=True)
class RowError:
    """What is wrong in a file: the row (header = 1), the column (``""``: the whole row)."""

    row: int
    column: str
    message: str

    def __str__(self) -> str:
        if self.column:
            return _("row {row}, column {column}: {problem}").format(
                row=self.row, column=self.column, problem=self.message
            )
        return _("row {row}: {problem}").format(row=self.row, problem=self.message)


@dataclass(frozen=True)
class Counts:
    added: int = 0
    updated: int = 0
    unchanged: int = 0


@dataclass
class ImportPlan:
    """A validated file, ready to show and to apply."""

    kind: Kind
    path: Path
    #: The kind's columns the file has, in the file's order.
    columns: tuple[str, ...] = ()
    #: The first rows as ``{column: cell text}``.
    preview: list[dict[str, str]] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    counts: Counts = Counts()
    #: Records to insert and to update (with ``_id`` and ``_version``), in the file's order.
    inserts: list[Record] = field(default_factory=list, repr=False)
    updates: list[Record] = field(default_factory=list, repr=False)
    applied: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors


def prepare_import(
    database: Database, kind: Kind | str, path: Path, *, preview_rows: int = PREVIEW_ROWS
) -> ImportPlan:
    """Read and validate ``path`` as a file of ``kind``; write nothing.

    Raises :class:`UserError` when the file cannot be read at all (not a CSV or XLSX file, empty,
    damaged); problems in rows are collected in the plan's ``errors``.
    """
    if isinstance(kind, str):
        kind = kind_named(kind)
    plan = ImportPlan(kind, Path(path))
    try:
        with database.reading() as session, open_sheet(plan.path) as sheet:
            connection = session.connection()
            validator = _Validator(plan, Lookups.load(connection), connection)
            if not validator.read_header(sheet.header):
                return plan
            # A file with only its header holds no records: the export of an empty table
            # re-imports as nothing added, updated or unchanged.
            for batch in batched(sheet.rows, ROW_BATCH):
                validator.validate(batch, sheet.ragged, preview_rows)
                if len(plan.errors) >= MAX_ERRORS:
                    # A file this wrong is no file to correct row by row (or a hostile one):
                    # the check stops, and memory stays bounded.
                    del plan.errors[MAX_ERRORS:]
                    plan.errors.append(
                        RowError(
                            batch[-1][0],
                            "",
                            _(
                                "the check stopped here after {count} errors; correct these first"
                            ).format(count=i18n.format_number(MAX_ERRORS)),
                        )
                    )
                    break
            plan.counts = validator.counts()
    except DBAPIError as error:
        raise _database_error(database, error) from None
    if plan.errors:
        plan.inserts.clear()
        plan.updates.clear()
    return plan


def apply_import(database: Database, actor: Actor, plan: ImportPlan) -> Counts:
    """Write what ``plan`` found to add and update, in one transaction; returns the counts.

    Only managers and administrators may import (:data:`Permission.IMPORT`).
    """
    actor.require(Permission.IMPORT)
    if plan.errors:
        raise UserError(_("The file has errors; nothing was imported."))
    if plan.applied:
        raise UserError(_("This file was imported already; check it again to import it anew."))
    kind = plan.kind
    try:
        with database.transaction(actor) as session:
            connection = session.connection()
            insert_records(connection, kind, plan.inserts)
            update_records(connection, kind, plan.updates)
    except IntegrityError as error:
        raise UserError(
            _(
                "The database changed since the file was checked ({reason}). Nothing was "
                "imported; check the file again."
            ).format(reason=_reason(error))
        ) from None
    except DBAPIError as error:
        raise _database_error(database, error) from None
    plan.applied = True
    return plan.counts


def import_file(
    database: Database, actor: Actor, kind: Kind | str, path: Path, *, dry_run: bool = False
) -> ImportPlan:
    """Prepare and, when the file is valid and not ``dry_run``, apply an import."""
    actor.require(Permission.IMPORT)
    plan = prepare_import(database, kind, path)
    if plan.ok and not dry_run:
        apply_import(database, actor, plan)
    return plan


# --- validation -------------------------------------------------------------------------------


class _Validator:
    def __init__(self, plan: ImportPlan, lookups: Lookups, connection: Connection) -> None:
        self.plan = plan
        self.kind = plan.kind
        self.lookups = lookups
        self.connection = connection
        self.positions: list[tuple[int, str]] = []  # (cell index, column name)
        self.unnamed: list[int] = []
        self.width = 0
        self.seen: dict[tuple[object, ...], int] = {}
        self.seen_unique: dict[object, int] = {}
        self.ids: dict[str, dict[str, int]] = {}
        self.added = self.updated = self.unchanged = 0

    def counts(self) -> Counts:
        return Counts(self.added, self.updated, self.unchanged)

    def error(self, row: int, column: str, message: str) -> None:
        self.plan.errors.append(RowError(row, column, message))

    # header

    def read_header(self, header: Sequence[str]) -> bool:
        known = self.kind.column_names
        names: list[str] = []
        ok = True
        for index, cell in enumerate(header):
            name = cell.strip().lower()
            if not name:
                self.unnamed.append(index)
                continue
            if name not in known:
                self.error(
                    1,
                    cell.strip(),
                    _("unknown column; the columns of {kind} are {columns}").format(
                        kind=self.kind.name, columns=", ".join(known)
                    ),
                )
                ok = False
            elif name in names:
                self.error(1, name, _("the column appears more than once"))
                ok = False
            names.append(name)
            self.positions.append((index, name))
        for required in self.kind.required:
            if required not in names:
                self.error(1, required, _("this required column is missing"))
                ok = False
        self.width = len(header)
        self.plan.columns = tuple(name for name in names if name in known)
        return ok

    # rows

    def validate(self, batch: list[tuple[int, list[str]]], ragged: bool, preview: int) -> None:
        parsed: list[tuple[int, dict[str, object]]] = []
        for number, cells in batch:
            if len(cells) < self.width and ragged:
                cells = cells + [""] * (self.width - len(cells))
            if len(self.plan.preview) < preview:
                self.plan.preview.append(
                    {name: cells[i] if i < len(cells) else "" for i, name in self.positions}
                )
            values = self.parse_row(number, cells)
            if values is not None:
                parsed.append((number, values))
        records = self.resolve(parsed)
        self.classify(records)

    def parse_row(self, number: int, cells: list[str]) -> dict[str, object] | None:
        if len(cells) != self.width and (
            len(cells) < self.width or any(cell.strip() for cell in cells[self.width :])
        ):
            self.error(
                number,
                "",
                _("{cells} cells, but the header has {columns} columns").format(
                    cells=len(cells), columns=self.width
                ),
            )
            return None
        ok = True
        for index in self.unnamed:
            if cells[index].strip():
                self.error(
                    number,
                    _("#{position}").format(position=index + 1),
                    _("a value in a column without a name"),
                )
                ok = False
        values: dict[str, object] = {}
        for index, name in self.positions:
            column = self.kind.column(name)
            cell = cells[index].strip()
            if not cell:
                if column.required:
                    self.error(number, name, _("a value is required"))
                    ok = False
                values[name] = None
                continue
            try:
                values[name] = column.parse(cell, self.lookups)
            except Invalid as problem:
                self.error(number, name, str(problem))
                ok = False
        for name, message in self.kind.check(values):
            self.error(number, name, message)
            ok = False
        key = tuple(values.get(name) for name in self.kind.key)
        if None not in key:
            first = self.seen.get(key)
            if first is not None:
                self.error(
                    number,
                    self.kind.key[0],
                    _("{value} appears already in row {row}").format(
                        value=" / ".join(str(part) for part in key), row=first
                    ),
                )
                ok = False
            else:
                self.seen[key] = number
        for name in self.kind.unique:
            value = values.get(name)
            if value is None:
                continue
            first = self.seen_unique.get((name, value))
            if first is not None:
                self.error(
                    number,
                    name,
                    _("{value} appears already in row {row}").format(value=value, row=first),
                )
                ok = False
            else:
                self.seen_unique[(name, value)] = number
        return values if ok else None

    def refuse_erased(
        self, parsed: list[tuple[int, dict[str, object]]]
    ) -> list[tuple[int, dict[str, object]]]:
        """Report the rows about a person whose data was erased (the register of
        :mod:`expatdesk.privacy.erasure`): an erased person never comes back from a file."""
        refs = {
            ref for _number, values in parsed if isinstance(ref := values.get("expat_ref"), str)
        }
        erased: set[str] = set()
        register = table_named("erased_person")
        for chunk in batched(sorted(refs), IN_BATCH):
            erased.update(
                self.connection.execute(
                    select(register.c.ref).where(register.c.ref.in_(chunk))
                ).scalars()
            )
        if not erased:
            return parsed
        kept = []
        for number, values in parsed:
            if values.get("expat_ref") in erased:
                self.error(
                    number,
                    "expat_ref",
                    _("the personal data of {ref} was erased; it is not imported again").format(
                        ref=values["expat_ref"]
                    ),
                )
            else:
                kept.append((number, values))
        return kept

    def resolve(self, parsed: list[tuple[int, dict[str, object]]]) -> list[tuple[int, Record]]:
        """Turn each row's references into ids; report refs that name no record."""
        parsed = self.refuse_erased(parsed)
        wanted: dict[str, set[str]] = {}
        for _number, values in parsed:
            for column in self.kind.columns:
                ref = values.get(column.name)
                if column.refers_to is None or not isinstance(ref, str):
                    continue
                target = column.refers_to(values)
                if target is not None:
                    wanted.setdefault(target[0], set()).add(ref)
        for table_name, refs in wanted.items():
            self.look_up(table_name, refs)
        records: list[tuple[int, Record]] = []
        for number, values in parsed:
            record: Record = {}
            ok = True
            for column in self.kind.columns:
                if column.name not in values:
                    continue
                value = values[column.name]
                if column.refers_to is None:
                    if column.field == "facilities":  # none used: an empty set, not NULL
                        value = value or ()
                    record[column.field] = value
                    continue
                fields = column.clears or (column.field,)
                for name in fields:
                    record[name] = None
                target = column.refers_to(values)
                if value is None or target is None:
                    continue
                found = self.ids.get(target[0], {}).get(str(value))
                if found is None:
                    self.error(
                        number,
                        column.name,
                        _("'{ref}' names no record in the database").format(ref=value),
                    )
                    ok = False
                else:
                    record[target[1]] = found
            if ok:
                records.append((number, record))
        return records

    def look_up(self, table_name: str, refs: set[str]) -> None:
        known = self.ids.setdefault(table_name, {})
        missing = sorted(ref for ref in refs if ref not in known)
        if len(known) + len(missing) > CACHE_LIMIT:
            known.clear()
            missing = sorted(refs)
        table = table_named(table_name)
        ref_column = table.c[REF_COLUMNS[table_name]]
        for chunk in batched(missing, IN_BATCH):
            rows = self.connection.execute(
                select(ref_column, table.c.id).where(ref_column.in_(chunk))
            )
            known.update((ref, id_) for ref, id_ in rows)

    def classify(self, records: list[tuple[int, Record]]) -> None:
        """Count each record as new, changed or unchanged; keep those to write."""
        if not records:
            return
        kind, table = self.kind, self.kind.table
        key_fields = [kind.column(name).field for name in kind.key]
        fields = sorted(
            {"id", "version", *key_fields}
            | {name for _n, record in records for name in record if name in table.c}
        )
        # Two steps, so that each uses an index whatever the planner's statistics say: the
        # ids by the (unique) index on the key, then the rows by their primary key.
        first = table.c[key_fields[0]]
        ids: list[int] = []
        for chunk in batched(sorted({record[key_fields[0]] for _n, record in records}), IN_BATCH):
            ids += self.connection.execute(select(table.c.id).where(first.in_(chunk))).scalars()
        existing: dict[tuple[object, ...], Record] = {}
        for chunk in batched(ids, IN_BATCH):
            query = select(*(table.c[name] for name in fields)).where(table.c.id.in_(chunk))
            for row in self.connection.execute(query).mappings():
                existing[tuple(row[name] for name in key_fields)] = dict(row)
        if kind.facilities and any("facilities" in record for _n, record in records):
            self.load_facilities(existing)
        self.check_unique(records)
        if not records:
            return
        not_null = [
            name
            for name in records[0][1]
            if name in table.c and not table.c[name].nullable and not table.c[name].primary_key
        ]
        for _number, record in records:
            old = existing.get(tuple(record[name] for name in key_fields))
            for name in not_null:
                # A column that cannot hold "unknown" (recognised_sponsor): a blank cell keeps
                # what the record has, or gives a new record the column's default.
                if record[name] is None:
                    record[name] = old[name] if old is not None else _default(table, name)
            if old is None:
                self.added += 1
                new = dict(record)
                if kind.search_key is not None:
                    new["search_key"] = kind.search_key(new)
                self.plan.inserts.append(new)
                continue
            if all(old.get(name) == value for name, value in record.items()):
                self.unchanged += 1
                continue
            self.updated += 1
            new = dict(record)
            if kind.search_key is not None:
                new["search_key"] = kind.search_key({**old, **record})
            new["_id"] = old["id"]
            new["_version"] = old["version"]
            self.plan.updates.append(new)

    def load_facilities(self, existing: dict[tuple[object, ...], Record]) -> None:
        link = table_named("survey_response_facility")
        by_id = {row["id"]: row for row in existing.values()}
        for row in by_id.values():
            row["facilities"] = []
        for chunk in batched(sorted(by_id), IN_BATCH):
            query = select(link.c.response_id, link.c.facility_code).where(
                link.c.response_id.in_(chunk)
            )
            for response_id, code in self.connection.execute(query):
                by_id[response_id]["facilities"].append(code)
        for row in by_id.values():
            row["facilities"] = tuple(sorted(row["facilities"]))

    def check_unique(self, records: list[tuple[int, Record]]) -> None:
        """A unique value (the KvK number) must not belong to another record in the database."""
        kind, table = self.kind, self.kind.table
        own = kind.column(kind.key[0]).field
        for name in kind.unique:
            field_name = kind.column(name).field
            values = {record[field_name] for _n, record in records if record.get(field_name)}
            owners: dict[object, object] = {}
            for chunk in batched(sorted(values, key=str), IN_BATCH):
                query = select(table.c[field_name], table.c[own]).where(
                    table.c[field_name].in_(chunk)
                )
                owners.update((value, owner) for value, owner in self.connection.execute(query))
            for number, record in list(records):
                value = record.get(field_name)
                owner = owners.get(value)
                if value is not None and owner is not None and owner != record[own]:
                    self.error(
                        number,
                        name,
                        _("{value} belongs to {ref} in the database already").format(
                            value=value, ref=owner
                        ),
                    )
                    records.remove((number, record))


# --- helpers ----------------------------------------------------------------------------------


def _default(table: Table, name: str) -> object:
    default = table.c[name].default
    return getattr(default, "arg", None) if default is not None and default.is_scalar else None


def _reason(error: DBAPIError) -> str:
    return str(error.orig).strip().splitlines()[0] if error.orig else str(error)


def _database_error(database: Database, error: DBAPIError) -> DatabaseError:
    return DatabaseError(
        _("Cannot use the database {name}: {reason}").format(
            name=database.name, reason=_reason(error)
        )
    )
