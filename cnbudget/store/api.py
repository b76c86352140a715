"""The Store: ingest documents (one transaction each), list, load, query facts and findings."""

from __future__ import annotations

import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from sqlalchemy import Connection, Engine, Table, and_, delete, insert, or_, select
from sqlalchemy.exc import IntegrityError, OperationalError

from cnbudget.errors import InputError, internal_reason, one_line
from cnbudget.model import Document, Fact
from cnbudget.readers.text import document_id
from cnbudget.store import engine as engines
from cnbudget.store.corrections import apply_saved
from cnbudget.store.originals import Original, decode_positions, original_record
from cnbudget.store.records import Records, to_document, to_finding, to_records
from cnbudget.store.schema import (
    DocumentRow,
    FactRow,
    FindingRow,
    IndicatorRow,
    NoticeRow,
    OriginalFileRow,
    ProjectRow,
    RowRow,
    SectionRow,
    SourceTextRow,
    TableRow,
)
from cnbudget.store.stages import stage
from cnbudget.store.storable import StoreValueError, fit_rows, plain, storable
from cnbudget.validate import Finding, Report, check

if TYPE_CHECKING:
    import pandas

    from cnbudget.store.compare import Comparison

Status = Literal["ingested", "skipped", "failed"]

DOCUMENTS: Table = DocumentRow.__table__  # type: ignore[assignment]
TABLES: Table = TableRow.__table__  # type: ignore[assignment]
ROWS: Table = RowRow.__table__  # type: ignore[assignment]
FACTS: Table = FactRow.__table__  # type: ignore[assignment]
NOTICES: Table = NoticeRow.__table__  # type: ignore[assignment]
SECTIONS: Table = SectionRow.__table__  # type: ignore[assignment]
FINDINGS: Table = FindingRow.__table__  # type: ignore[assignment]
PROJECTS: Table = ProjectRow.__table__  # type: ignore[assignment]
INDICATORS: Table = IndicatorRow.__table__  # type: ignore[assignment]
SOURCES: Table = SourceTextRow.__table__  # type: ignore[assignment]
ORIGINALS: Table = OriginalFileRow.__table__  # type: ignore[assignment]

# children first: the order in which a document's rows are deleted
_CHILDREN = (
    *(FACTS, ROWS, TABLES, NOTICES, SECTIONS, FINDINGS, PROJECTS, INDICATORS, SOURCES),
    ORIGINALS,
)


class StoreError(Exception):
    """A store request that cannot be served; the message is shown to users (Chinese)."""


@dataclass(frozen=True, slots=True)
class IngestResult:
    """What happened to one input: ingested, skipped (already stored) or failed (why)."""

    source: str
    status: Status
    doc_id: str | None = None
    reason: str | None = None
    facts: int = 0


@dataclass(frozen=True, slots=True)
class StoredIndicator:
    """A performance indicator as stored, with its document's department, year and region."""

    doc_id: str
    department: str | None
    year: int | None
    region: str | None
    project_code: str | None
    project_name: str | None
    level1: str | None
    level2: str | None
    name: str | None
    comparator: str | None
    number: Decimal | None
    unit: str | None
    raw_text: str | None
    basis: str | None
    line: int | None


@dataclass(frozen=True, slots=True)
class DocumentSummary:
    """One stored document with its headline totals (万元) and finding counts."""

    id: str
    source: str
    department: str | None
    year: int | None
    kind: str
    scope: str | None
    region: str | None
    unit: str
    facts: int
    expenditure_total: Decimal | None
    basic_total: Decimal | None
    project_total: Decimal | None
    three_public_total: Decimal | None
    findings: dict[str, int] = field(default_factory=dict)
    printed_amounts: int | None = None  # amounts printed in the document's tables
    captured_amounts: int | None = None  # of which captured as facts

    @property
    def coverage(self) -> float | None:
        """Captured / printed amounts (None for documents stored before coverage existed)."""
        if self.printed_amounts is None:
            return None
        return (self.captured_amounts or 0) / self.printed_amounts if self.printed_amounts else 1.0


def _decimal(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)


# above this many rows PostgreSQL gets COPY instead of an INSERT per row
_COPY_THRESHOLD = 50


def _insert(connection: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Insert rows in the connection's transaction (a module function so tests can fail it)."""
    if not rows:
        return
    rows = fit_rows(table, rows)  # the same stored values on every backend
    if connection.dialect.name == "postgresql" and len(rows) > _COPY_THRESHOLD and plain(table):
        _copy(connection, table, rows)
        return
    connection.execute(insert(table), rows)


def _copy(connection: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """COPY … FROM STDIN through psycopg, for the large plain-typed tables (facts, rows)."""
    names = list(rows[0])
    columns = ", ".join(f'"{name}"' for name in names)
    raw: Any = connection.connection.driver_connection
    with raw.cursor() as cursor, cursor.copy(f'COPY "{table.name}" ({columns}) FROM STDIN') as copy:
        for row in rows:
            copy.write_row([row[name] for name in names])


def _insert_records(connection: Connection, records: Records) -> None:
    _insert(connection, DOCUMENTS, [records.document])
    _insert(connection, TABLES, records.tables)
    _insert(connection, ROWS, records.rows)  # rows and facts only hold plain types (COPY)
    _insert(connection, FACTS, records.facts)
    _insert(connection, NOTICES, records.notices)
    _insert(connection, SECTIONS, records.sections)
    _insert(connection, FINDINGS, records.findings)
    _insert(connection, PROJECTS, records.projects)
    _insert(connection, INDICATORS, records.indicators)
    if records.source_lines is not None:
        _insert(connection, SOURCES, [encode_lines(records.document["id"], records.source_lines)])
    if records.original is not None:
        _insert(connection, ORIGINALS, [records.original])


def encode_lines(doc_id: str, lines: Sequence[str]) -> dict[str, Any]:
    """The stored form of a document's source lines (zlib-compressed, newline-joined)."""
    text = storable("\n".join(lines)).encode("utf-8")
    return {"document_id": doc_id, "line_count": len(lines), "text": zlib.compress(text, 6)}


class Store:
    """A database of parsed disclosures (SQLite file or PostgreSQL)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # -- ingest -----------------------------------------------------------------

    def contains(self, doc_id: str) -> bool:
        with self.engine.connect() as connection:
            found = connection.execute(select(DOCUMENTS.c.id).where(DOCUMENTS.c.id == doc_id))
            return found.first() is not None

    def ingest_path(self, path: str | Path, replace: bool = False) -> IngestResult:
        """Parse, check and store one file; never raises for a bad input."""
        return self.ingest_paths([path], replace)

    def ingest_paths(self, paths: Sequence[str | Path], replace: bool = False) -> IngestResult:
        """Parse, check and store one disclosure published as one or several files
        (情况说明 and 报表 apart) as one document; never raises for a bad input."""
        prepared = self.prepare_paths(paths, replace)
        if isinstance(prepared, IngestResult):
            return prepared
        return self.write_records(prepared, replace)

    def prepare_path(self, path: str | Path, replace: bool = False) -> Records | IngestResult:
        """`prepare_paths` for one file."""
        return self.prepare_paths([path], replace)

    def prepare_paths(
        self, paths: Sequence[str | Path], replace: bool = False
    ) -> Records | IngestResult:
        """Read, parse and check one disclosure (one or several files) into the rows to
        store, without writing anything.

        Returns the result instead when there is nothing to write: the content is already
        stored (unless `replace`), or the files cannot be read or parsed. Parallel ingest
        (`cnbudget.store.parallel`) runs this in worker processes and `write_records` in the
        process that writes; it never raises for a bad input.
        """
        from cnbudget.pipeline import parse_source
        from cnbudget.readers import read_data
        from cnbudget.readers.text import combine, group_id

        source = " + ".join(str(path) for path in paths)
        try:
            with stage("read"):
                contents = [Path(path).read_bytes() for path in paths]
                known = group_id([document_id(data) for data in contents])
        except OSError as exc:
            return IngestResult(source, "failed", reason=f"无法读取文件（{exc.strerror or exc}）")
        with stage("skip check"):
            stored = not replace and self.contains(known)
        if stored:
            return IngestResult(source, "skipped", known, "已入库（内容相同）")
        try:
            # the bytes already read: no second read
            with stage("parse"):
                text = combine([read_data(d, str(p)) for d, p in zip(contents, paths, strict=True)])
                document = parse_source(text)
            with stage("check"):
                report = check(document)
        except InputError as exc:
            return IngestResult(source, "failed", known, exc.reason)
        except Exception as exc:  # a bug in one document must not stop the others
            return IngestResult(source, "failed", known, internal_reason(exc))
        lines = [line.text for line in text.lines]
        return self.prepare_document(
            document, report, lines, contents[0] if len(contents) == 1 else None
        )

    @staticmethod
    def prepare_document(
        document: Document,
        report: Report | None = None,
        source_lines: Sequence[str] | None = None,
        original: bytes | None = None,
    ) -> Records | IngestResult:
        """The rows to store for a parsed document (validated here unless given a report);
        `original` is the file's bytes, kept for PDF so that pages can be shown."""
        try:
            if report is None:
                with stage("check"):
                    report = check(document)
            with stage("records"):
                records = to_records(document, report)
        except Exception as exc:
            return IngestResult(
                document.source, "failed", document.id, internal_reason(exc, "核查")
            )
        records.source_lines = list(source_lines) if source_lines is not None else None
        records.original = original_record(document, original)
        return records

    def ingest_document(
        self,
        document: Document,
        replace: bool = False,
        report: Report | None = None,
        source_lines: Sequence[str] | None = None,
        original: bytes | None = None,
    ) -> IngestResult:
        """Store a parsed document in one transaction (validated here unless given a report).

        `source_lines` are the decoded lines the parser numbered; when given they are kept so
        `source_lines(doc_id)` can show what every fact's line number points to.
        """
        prepared = self.prepare_document(document, report, source_lines, original)
        if isinstance(prepared, IngestResult):
            return prepared
        return self.write_records(prepared, replace)

    def write_records(self, records: Records, replace: bool = False) -> IngestResult:
        """Store one document's rows in one transaction; never raises for a database error."""
        source, doc_id = records.document["source"], records.document["id"]
        try:
            with stage("write"):
                stored = self._write(records, replace)
        except IntegrityError:
            # another process stored the same content between our check and our insert
            return IngestResult(source, "skipped", doc_id, "已入库（内容相同，并发写入）")
        except StoreValueError as exc:
            return IngestResult(source, "failed", doc_id, one_line(str(exc)))
        except OperationalError as exc:
            return IngestResult(source, "failed", doc_id, one_line(f"数据库错误（{exc.orig!r}）"))
        except Exception as exc:
            return IngestResult(source, "failed", doc_id, one_line(f"写入数据库失败（{exc!r}）"))
        if not stored:
            return IngestResult(source, "skipped", doc_id, "已入库（内容相同）")
        return IngestResult(source, "ingested", doc_id, None, len(records.facts))

    def _write(self, records: Records, replace: bool) -> bool:
        doc_id = records.document["id"]
        with engines.writer(self.engine).begin() as connection:
            exists = connection.execute(
                select(DOCUMENTS.c.id).where(DOCUMENTS.c.id == doc_id)
            ).first()
            if exists is not None:
                if not replace:
                    return False
                self._delete(connection, doc_id)
            _insert_records(connection, records)
            apply_saved(connection, doc_id)  # corrections made before outlive re-ingest
        return True

    @staticmethod
    def _delete(connection: Connection, doc_id: str) -> None:
        for table in _CHILDREN:
            connection.execute(delete(table).where(table.c.document_id == doc_id))
        connection.execute(delete(DOCUMENTS).where(DOCUMENTS.c.id == doc_id))

    def indicators(
        self,
        unit_contains: str | None = None,
        year: int | None = None,
        region: str | None = None,
        department: str | None = None,
        doc_ids: Sequence[str] | None = None,
    ) -> list[StoredIndicator]:
        """Performance indicators across documents (one query), e.g. every `元/人` standard."""
        i, d = INDICATORS.c, DOCUMENTS.c
        query = (
            select(
                i.document_id,
                d.department,
                d.year,
                d.region,
                i.project_code,
                i.project_name,
                i.level1,
                i.level2,
                i.level3,
                i.comparator,
                i.number,
                i.unit,
                i.raw_text,
                i.basis,
                i.line,
            )
            .join(DOCUMENTS, d.id == i.document_id)
            .where(*document_filters(year, region, department))
            .order_by(d.year.desc(), d.department, i.document_id, i.indicator_no)
        )
        if unit_contains:
            query = query.where(i.unit.contains(unit_contains, autoescape=True))
        if doc_ids is not None:
            query = query.where(i.document_id.in_([self.resolve(x) for x in doc_ids]))
        with self.engine.connect() as connection:
            return [
                StoredIndicator(
                    row.document_id,
                    row.department,
                    row.year,
                    row.region,
                    row.project_code,
                    row.project_name,
                    row.level1,
                    row.level2,
                    row.level3,
                    row.comparator,
                    None if row.number is None else Decimal(row.number),
                    row.unit,
                    row.raw_text,
                    row.basis,
                    row.line,
                )
                for row in connection.execute(query)
            ]

    def source_lines(self, doc_id_or_prefix: str) -> list[str] | None:
        """The stored source lines of a document (line n is item n-1), or None if not kept."""
        doc_id = self.resolve(doc_id_or_prefix)
        with self.engine.connect() as connection:
            stored = connection.execute(
                select(SOURCES.c.text).where(SOURCES.c.document_id == doc_id)
            ).first()
        if stored is None:
            return None
        return zlib.decompress(stored[0]).decode("utf-8").split("\n")

    def original(self, doc_id: str, data: bool = True) -> Original | None:
        """The stored original of a document (PDF bytes and line positions), or None;
        `data=False` reads the positions only."""
        columns = [ORIGINALS.c.format, ORIGINALS.c.positions]
        if data:
            columns.append(ORIGINALS.c.data)
        with self.engine.connect() as connection:
            found = connection.execute(
                select(*columns).where(ORIGINALS.c.document_id == doc_id)
            ).first()
        if found is None:
            return None
        return Original(found[0], found[2] if data else b"", decode_positions(found[1]))

    def delete(self, doc_id_or_prefix: str) -> str:
        """Remove a document and everything stored for it; returns its id."""
        doc_id = self.resolve(doc_id_or_prefix)
        with engines.writer(self.engine).begin() as connection:
            self._delete(connection, doc_id)
        return doc_id

    # -- read -------------------------------------------------------------------

    def resolve(self, doc_id_or_prefix: str) -> str:
        """The full id of the one document whose id starts with the given text."""
        prefix = doc_id_or_prefix.strip().lower()
        if not prefix:
            raise StoreError("请给出文档编号")
        with self.engine.connect() as connection:
            found = (
                connection.execute(
                    select(DOCUMENTS.c.id)
                    .where(DOCUMENTS.c.id.startswith(prefix, autoescape=True))
                    .limit(5)
                )
                .scalars()
                .all()
            )
        if not found:
            raise StoreError(f"数据库中没有编号为“{doc_id_or_prefix}”的文档")
        if len(found) > 1:
            raise StoreError(f"编号前缀“{doc_id_or_prefix}”对应多个文档：{'、'.join(found)}")
        return str(found[0])

    def documents(
        self,
        year: int | None = None,
        region: str | None = None,
        department: str | None = None,
        kind: str | None = None,
        ids: Sequence[str] | None = None,
    ) -> list[DocumentSummary]:
        """Stored documents matching every given filter (region/department: substring;
        `ids`: only these documents)."""
        d = DOCUMENTS.c
        query = select(
            *(
                d[name]
                for name in (
                    "id",
                    "source",
                    "department",
                    "year",
                    "kind",
                    "scope",
                    "region",
                    "unit",
                    "fact_count",
                    "printed_amounts",
                    "captured_amounts",
                    "expenditure_total",
                    "basic_total",
                    "project_total",
                    "three_public_total",
                    "errors",
                    "warnings",
                    "infos",
                    "doubts",
                )
            )
        ).where(*document_filters(year, region, department, kind))
        if ids is not None:
            query = query.where(d.id.in_(list(ids)))
        query = query.order_by(DOCUMENTS.c.year.desc(), DOCUMENTS.c.department, DOCUMENTS.c.id)
        with self.engine.connect() as connection:
            return [
                DocumentSummary(
                    id=row.id,
                    source=row.source,
                    department=row.department,
                    year=row.year,
                    kind=row.kind,
                    scope=row.scope,
                    region=row.region,
                    unit=row.unit,
                    facts=row.fact_count,
                    expenditure_total=_decimal(row.expenditure_total),
                    basic_total=_decimal(row.basic_total),
                    project_total=_decimal(row.project_total),
                    three_public_total=_decimal(row.three_public_total),
                    findings={
                        "error": row.errors,
                        "warning": row.warnings,
                        "info": row.infos,
                        "doubt": row.doubts or 0,
                    },
                    printed_amounts=row.printed_amounts,
                    captured_amounts=row.captured_amounts,
                )
                for row in connection.execute(query)
            ]

    def document(self, doc_id_or_prefix: str) -> Document:
        """The full parsed Document, rebuilt exactly as it was ingested."""
        doc_id = self.resolve(doc_id_or_prefix)

        def rows(table: Table, *order: str) -> list[Any]:
            query = select(table).where(table.c.document_id == doc_id)
            query = query.order_by(*(table.c[name] for name in order))
            return list(connection.execute(query))

        with self.engine.connect() as connection:
            head = connection.execute(select(DOCUMENTS).where(DOCUMENTS.c.id == doc_id)).one()
            return to_document(
                head,
                rows(TABLES, "table_no"),
                rows(ROWS, "table_no", "row_no"),
                rows(FACTS, "table_no", "row_no", "cell_no"),
                rows(NOTICES, "notice_no"),
                rows(SECTIONS, "section_no"),
            )

    def findings(self, doc_id_or_prefix: str) -> list[Finding]:
        """Validation findings stored at ingest, in report order."""
        doc_id = self.resolve(doc_id_or_prefix)
        query = (
            select(FINDINGS).where(FINDINGS.c.document_id == doc_id).order_by(FINDINGS.c.finding_no)
        )
        with self.engine.connect() as connection:
            return [to_finding(row) for row in connection.execute(query)]

    def facts(
        self,
        doc_ids: Sequence[str] | None = None,
        table: str | None = None,
        row_code: str | None = None,
        column: str | None = None,
    ) -> Iterator[Fact]:
        """Facts in document/table/row/column order, streamed from the database."""
        f, r = FACTS, ROWS
        query = (
            select(
                f.c.document_id,
                f.c.table_kind,
                f.c.row_code,
                r.c.name,
                f.c.column_key,
                f.c.value,
                f.c.text,
                f.c.line,
                f.c.confidence,
            )
            .join(
                r,
                and_(
                    r.c.document_id == f.c.document_id,
                    r.c.table_no == f.c.table_no,
                    r.c.row_no == f.c.row_no,
                ),
            )
            .order_by(f.c.document_id, f.c.table_no, f.c.row_no, f.c.cell_no)
        )
        if doc_ids is not None:
            query = query.where(f.c.document_id.in_(list(doc_ids)))
        if table is not None:
            query = query.where(f.c.table_kind == table)
        if row_code is not None:
            query = query.where(f.c.row_code == row_code)
        if column is not None:
            query = query.where(f.c.column_key == column)
        with self.engine.connect() as connection:
            result = connection.execution_options(yield_per=2000).execute(query)
            for row in result:
                value: Decimal | str = row.text if row.value is None else Decimal(row.value)
                yield Fact(
                    row.document_id,
                    row.table_kind,
                    row.row_code,
                    row.name,
                    row.column_key,
                    value,
                    row.text,
                    row.line,
                    row.confidence,
                )

    def projects(self, doc_id_or_prefix: str) -> list[dict[str, Any]]:
        """The projects of one document (name, unit, category, amounts)."""
        doc_id = self.resolve(doc_id_or_prefix)
        query = (
            select(PROJECTS).where(PROJECTS.c.document_id == doc_id).order_by(PROJECTS.c.project_no)
        )
        with self.engine.connect() as connection:
            return [dict(row._mapping) for row in connection.execute(query)]

    # -- compare and dataframes -------------------------------------------------

    def compare(self, measure: str, **options: Any) -> Comparison:
        """Compare documents by a measure (see `cnbudget.store.compare.MEASURES`)."""
        from cnbudget.store.compare import compare

        return compare(self, measure, **options)

    def to_pandas(
        self,
        table: str | None = None,
        doc_ids: Sequence[str] | None = None,
        row_code: str | None = None,
        column: str | None = None,
    ) -> pandas.DataFrame:
        """Facts as a long DataFrame, or (with `table`) that canonical table, one row per row."""
        from cnbudget.store.frames import facts_frame, table_frame

        if table is None:
            return facts_frame(self.facts(doc_ids, None, row_code, column))
        return table_frame(self, table, doc_ids)


def document_filters(
    year: int | None, region: str | None, department: str | None, kind: str | None = None
) -> list[Any]:
    """SQL conditions on the documents table for the common filters."""
    d = DOCUMENTS.c
    conditions: list[Any] = []
    if year is not None:
        conditions.append(d.year == year)
    if kind is not None:
        conditions.append(d.kind == kind)
    if department:
        conditions.append(d.department.contains(department, autoescape=True))
    if region:
        conditions.append(
            or_(
                *(
                    column.contains(region, autoescape=True)
                    for column in (d.region, d.province, d.city, d.county, d.department)
                )
            )
        )
    return conditions


def open(url: str | None = None, upgrade: bool = True) -> Store:
    """Open (and create or migrate, unless `upgrade=False`) the store at a URL or path.

    Without a URL: `CNBUDGET_DB`, else `~/.local/share/cnbudget/cnbudget.db`.
    """
    resolved = engines.resolve_url(url)
    engine = engines.create(resolved)
    if upgrade and engines.current_revision(engine) != engines.head_revision():
        engines.upgrade(engine)
    return Store(engine)
