"""Database schema (SQLAlchemy 2 declarative models); Alembic migrations mirror it."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    DateTime,
    Float,
    ForeignKeyConstraint,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Exact decimals are stored as text (`str(Decimal)` round-trips sign, digits and
# exponent); `micros` holds the same amount as an integer number of millionths of a
# 万元 (exact whenever the amount has at most six decimals, else NULL) so that both
# SQLite and PostgreSQL can sum and sort amounts exactly in SQL.
Money = String(48)


class Base(DeclarativeBase):
    """Declarative base of every stored entity."""


class DocumentRow(Base):
    """One ingested disclosure, keyed by the content hash the reader computed."""

    __tablename__ = "documents"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    source: Mapped[str] = mapped_column(Text)
    encoding: Mapped[str] = mapped_column(String(40))
    department: Mapped[str | None] = mapped_column(String(200), index=True)
    year: Mapped[int | None] = mapped_column(Integer, index=True)
    unit: Mapped[str] = mapped_column(String(20))
    kind: Mapped[str] = mapped_column(String(20))
    scope: Mapped[str | None] = mapped_column(String(20))
    region: Mapped[str | None] = mapped_column(String(200), index=True)
    province: Mapped[str | None] = mapped_column(String(100))
    city: Mapped[str | None] = mapped_column(String(100))
    county: Mapped[str | None] = mapped_column(String(100))
    division_code: Mapped[str | None] = mapped_column(String(20))
    # the department name normalised (cnbudget.store.corrections.department_key): the same
    # department across years is found by this key and the region
    department_key: Mapped[str | None] = mapped_column(String(200), index=True)
    # every Metadata field as JSON, so fields added to the model later round-trip
    meta: Mapped[dict[str, Any]] = mapped_column(JSON)
    # the other Document fields (performance targets, narrative, profile, prose lines, …)
    # as tagged JSON (cnbudget.store.codec), so that new model fields round-trip too
    extras: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    line_count: Mapped[int] = mapped_column(Integer)
    fact_count: Mapped[int] = mapped_column(Integer)
    # how much was read: amounts printed in tables (and stray ones) vs captured as facts
    printed_amounts: Mapped[int | None] = mapped_column(Integer)
    captured_amounts: Mapped[int | None] = mapped_column(Integer)
    expenditure_total: Mapped[str | None] = mapped_column(Money)
    basic_total: Mapped[str | None] = mapped_column(Money)
    project_total: Mapped[str | None] = mapped_column(Money)
    three_public_total: Mapped[str | None] = mapped_column(Money)
    errors: Mapped[int] = mapped_column(Integer, default=0)
    warnings: Mapped[int] = mapped_column(Integer, default=0)
    infos: Mapped[int] = mapped_column(Integer, default=0)
    # 解析存疑: findings on cells not read with certainty (counted apart from the above)
    doubts: Mapped[int | None] = mapped_column(Integer)
    rules_ran: Mapped[list[str]] = mapped_column(JSON)
    rules_not_run: Mapped[dict[str, str]] = mapped_column(JSON)
    parser_version: Mapped[str] = mapped_column(String(40))
    parsed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    ingested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


def _document_fk() -> ForeignKeyConstraint:
    return ForeignKeyConstraint(["document_id"], ["documents.id"], ondelete="CASCADE")


class TableRow(Base):
    """A canonical table of a document, by its position in the document."""

    __tablename__ = "tables"
    __table_args__ = (_document_fk(),)

    document_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    table_no: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    title: Mapped[str] = mapped_column(Text)
    line: Mapped[int] = mapped_column(Integer)
    last_line: Mapped[int | None] = mapped_column(Integer)
    unit: Mapped[str] = mapped_column(String(20))
    columns: Mapped[list[str]] = mapped_column(JSON)
    empty_note: Mapped[str | None] = mapped_column(Text)
    printed_amounts: Mapped[int | None] = mapped_column(Integer)
    captured_amounts: Mapped[int | None] = mapped_column(Integer)
    # printed amounts not captured: [[line, printed text], …]
    uncaptured: Mapped[list[Any] | None] = mapped_column(JSON)


class RowRow(Base):
    """A logical row of a table: code, printed name, provenance and parent row."""

    __tablename__ = "rows"
    __table_args__ = (
        ForeignKeyConstraint(
            ["document_id", "table_no"],
            ["tables.document_id", "tables.table_no"],
            ondelete="CASCADE",
        ),
    )

    document_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    table_no: Mapped[int] = mapped_column(Integer, primary_key=True)
    row_no: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(400))
    name: Mapped[str] = mapped_column(Text)
    line: Mapped[int] = mapped_column(Integer)
    page: Mapped[int | None] = mapped_column(Integer)
    parent: Mapped[int | None] = mapped_column(Integer)


class FactRow(Base):
    """One cell = one fact: value (exact text and micros), printed text, confidence."""

    __tablename__ = "facts"
    __table_args__ = (
        ForeignKeyConstraint(
            ["document_id", "table_no", "row_no"],
            ["rows.document_id", "rows.table_no", "rows.row_no"],
            ondelete="CASCADE",
        ),
        # covering indexes: compare queries read only the index, never the table, and get
        # each document's facts for a code (or a table's row) adjacent, in document order
        Index("ix_facts_code", "row_code", "document_id", "table_kind", "column_key", "micros"),
        Index(
            "ix_facts_table_column", "table_kind", "row_code", "document_id", "column_key", "micros"
        ),
    )

    document_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    table_no: Mapped[int] = mapped_column(Integer, primary_key=True)
    row_no: Mapped[int] = mapped_column(Integer, primary_key=True)
    cell_no: Mapped[int] = mapped_column(Integer, primary_key=True)
    table_kind: Mapped[str] = mapped_column(String(40))
    row_code: Mapped[str] = mapped_column(String(400))
    column_key: Mapped[str] = mapped_column(String(80))
    value: Mapped[str | None] = mapped_column(Money)
    micros: Mapped[int | None] = mapped_column(BigInteger)
    text: Mapped[str] = mapped_column(Text)
    confidence: Mapped[float] = mapped_column(Float)
    line: Mapped[int] = mapped_column(Integer)  # the fact's source line
    cell_line: Mapped[int | None] = mapped_column(Integer)  # set when it is not the row's
    page: Mapped[int | None] = mapped_column(Integer)


class NoticeRow(Base):
    """A parser notice (ambiguity, repair, skipped text)."""

    __tablename__ = "notices"
    __table_args__ = (_document_fk(),)

    document_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    notice_no: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(80))
    message: Mapped[str] = mapped_column(Text)
    line: Mapped[int | None] = mapped_column(Integer)
    table_kind: Mapped[str | None] = mapped_column(String(40))
    severity: Mapped[str] = mapped_column(String(10))


class SectionRow(Base):
    """A stretch of the document that is not a parsed table (prose, unknown tables)."""

    __tablename__ = "sections"
    __table_args__ = (_document_fk(),)

    document_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    section_no: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    title: Mapped[str] = mapped_column(Text)
    first_line: Mapped[int] = mapped_column(Integer)
    last_line: Mapped[int] = mapped_column(Integer)


class FindingRow(Base):
    """A validation finding with the cells it involves and the suspect cell."""

    __tablename__ = "findings"
    __table_args__ = (_document_fk(), Index("ix_findings_rule", "rule", "severity"))

    document_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    finding_no: Mapped[int] = mapped_column(Integer, primary_key=True)
    rule: Mapped[str] = mapped_column(String(80))
    severity: Mapped[str] = mapped_column(String(10))
    message: Mapped[str] = mapped_column(Text)
    table_kind: Mapped[str | None] = mapped_column(String(40))
    row_code: Mapped[str | None] = mapped_column(String(400))
    column_key: Mapped[str | None] = mapped_column(String(80))
    line: Mapped[int | None] = mapped_column(Integer)
    numbers: Mapped[dict[str, str]] = mapped_column(JSON)
    cells: Mapped[list[list[str]]] = mapped_column(JSON)
    suspect: Mapped[list[str] | None] = mapped_column(JSON)
    # 解析存疑 reason, and the evidence: page, printed text of the cited lines, line box
    doubt: Mapped[str | None] = mapped_column(Text)
    page: Mapped[int | None] = mapped_column(Integer)
    evidence: Mapped[str | None] = mapped_column(Text)
    box: Mapped[list[float] | None] = mapped_column(JSON)
    # stable identity of the finding within its document (rule + location), kept across
    # re-ingest: reviews (cnbudget.store.review) are keyed by it
    finding_key: Mapped[str | None] = mapped_column(String(64))


class ProjectRow(Base):
    """A project (项目支出 row or performance-target block); fields nullable until known."""

    __tablename__ = "projects"
    __table_args__ = (
        _document_fk(),
        Index("ix_projects_category", "category"),
        Index("ix_projects_document_category", "document_id", "category", "total_micros"),
    )

    document_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    project_no: Mapped[int] = mapped_column(Integer, primary_key=True)
    row_code: Mapped[str] = mapped_column(String(400))
    project_code: Mapped[str | None] = mapped_column(String(80))
    name: Mapped[str] = mapped_column(Text)
    unit_code: Mapped[str | None] = mapped_column(String(80))
    category: Mapped[str | None] = mapped_column(String(100))
    total: Mapped[str | None] = mapped_column(Money)
    total_micros: Mapped[int | None] = mapped_column(BigInteger)
    fiscal: Mapped[str | None] = mapped_column(Money)
    goal: Mapped[str | None] = mapped_column(Text)
    line: Mapped[int | None] = mapped_column(Integer)


class IndicatorRow(Base):
    """A performance indicator of a project (filled once the performance stage exists)."""

    __tablename__ = "performance_indicators"
    __table_args__ = (_document_fk(),)

    document_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    indicator_no: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_code: Mapped[str | None] = mapped_column(String(80))
    project_name: Mapped[str | None] = mapped_column(Text)
    level1: Mapped[str | None] = mapped_column(String(100))
    level2: Mapped[str | None] = mapped_column(String(100))
    level3: Mapped[str | None] = mapped_column(Text)
    name: Mapped[str | None] = mapped_column(Text)
    comparator: Mapped[str | None] = mapped_column(String(8))
    number: Mapped[str | None] = mapped_column(Money)
    unit: Mapped[str | None] = mapped_column(String(40))
    raw_text: Mapped[str | None] = mapped_column(Text)
    basis: Mapped[str | None] = mapped_column(Text)
    line: Mapped[int | None] = mapped_column(Integer)


class SourceTextRow(Base):
    """The decoded source lines of a document (zlib-compressed UTF-8, one line per `\\n`).

    Facts point to line numbers; keeping the lines lets the web view show them after the
    original file has moved or gone. For PDF, spreadsheets, Word and HTML these are the lines
    of the tab-separated intermediate form the parser numbered.
    """

    __tablename__ = "source_texts"
    __table_args__ = (_document_fk(),)

    document_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    line_count: Mapped[int] = mapped_column(Integer)
    text: Mapped[bytes] = mapped_column(LargeBinary)


class CorrectionRow(Base):
    """A user's correction of a document's metadata (year, department, region, kind, scope).

    Not a child of the document: a correction outlives re-ingesting the same content and is
    applied again to the new rows (cnbudget.store.corrections).
    """

    __tablename__ = "corrections"

    document_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    field: Mapped[str] = mapped_column(String(20), primary_key=True)
    original: Mapped[str | None] = mapped_column(Text)
    value: Mapped[str] = mapped_column(Text)
    reviewer: Mapped[str | None] = mapped_column(String(100))
    corrected_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ReviewRow(Base):
    """A reviewer's verdict on one finding (已核实 / 误报 / 待处理), with a note.

    Keyed by document and the finding's stable key, not by its position, so it survives
    re-ingest of the same document.
    """

    __tablename__ = "reviews"
    __table_args__ = (Index("ix_reviews_status", "status"),)

    document_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    finding_key: Mapped[str] = mapped_column(String(64), primary_key=True)
    status: Mapped[str] = mapped_column(String(20))
    note: Mapped[str | None] = mapped_column(Text)
    reviewer: Mapped[str | None] = mapped_column(String(100))
    reviewed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class OriginalFileRow(Base):
    """The original bytes of a PDF document and the page and box of each source line.

    Kept so that the web view can render any page with a number's box highlighted after the
    file has moved or gone (content-addressed: the document id is the bytes' hash).
    """

    __tablename__ = "original_files"
    __table_args__ = (_document_fk(),)

    document_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    format: Mapped[str] = mapped_column(String(16))
    data: Mapped[bytes] = mapped_column(LargeBinary)
    positions: Mapped[bytes] = mapped_column(LargeBinary)  # zlib JSON: line → [page, box]
