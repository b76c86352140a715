"""Convert a parsed Document (and its validation report) to database rows and back."""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Iterable
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from cnbudget import __version__
from cnbudget.model import Cell, Coverage, Document, Metadata, Notice, Row, Section, Table
from cnbudget.store.codec import decode, encode
from cnbudget.store.corrections import department_key
from cnbudget.store.review import keys_of
from cnbudget.validate import Finding, Report

_MICROS = Decimal(1_000_000)
_MAX_MICROS = 2**63 - 1


def micros(value: Decimal | None) -> int | None:
    """The amount in millionths of a 万元 when that is exact and fits 64 bits, else None."""
    if value is None or not value.is_finite():
        return None
    scaled = value * _MICROS
    if scaled != scaled.to_integral_value():
        return None
    number = int(scaled)
    return number if -_MAX_MICROS <= number <= _MAX_MICROS else None


def from_micros(number: int) -> Decimal:
    """An exact Decimal from micros, with at least the two decimals amounts are printed with."""
    if number % 10_000 == 0:  # whole cents, the usual case: exactly two decimals
        return Decimal(number // 10_000).scaleb(-2)
    return Decimal(number).scaleb(-6).normalize()


def exact(value: Decimal | None) -> str | None:
    """`str(Decimal)` keeps sign, digits and exponent, so `Decimal(text)` is identical."""
    return None if value is None else str(value)


@dataclasses.dataclass(slots=True)
class Records:
    """Rows for every table of the store, for one document."""

    document: dict[str, Any]
    tables: list[dict[str, Any]]
    rows: list[dict[str, Any]]
    facts: list[dict[str, Any]]
    notices: list[dict[str, Any]]
    sections: list[dict[str, Any]]
    findings: list[dict[str, Any]]
    projects: list[dict[str, Any]]
    indicators: list[dict[str, Any]]
    source_lines: list[str] | None = None  # the decoded lines the parser numbered, when known
    original: dict[str, Any] | None = None  # the original PDF and line positions (page images)


def _total(document: Document, kind: str, column: str) -> Decimal | None:
    table = document.table(kind)
    if table is None:
        return None
    for row in table.rows:
        if row.code == "total" and column in row.cells:
            return row.cells[column].value
    return None


def _plain(value: Any) -> bool:
    """True for values a JSON column stores and returns unchanged."""
    if value is None or isinstance(value, str | int | float | bool):
        return True
    if isinstance(value, list):
        return all(_plain(item) for item in value)
    if isinstance(value, dict):
        return all(isinstance(key, str) and _plain(item) for key, item in value.items())
    return False


def _meta(metadata: Metadata) -> dict[str, Any]:
    """Every plain Metadata field (fields of other types are left out, not mangled)."""
    values = {field.name: getattr(metadata, field.name) for field in dataclasses.fields(metadata)}
    return {name: value for name, value in values.items() if _plain(value)}


def to_records(document: Document, report: Report) -> Records:
    """Every row to insert for a document."""
    meta = document.metadata
    doc_id = document.id
    now = datetime.now(UTC)
    tables: list[dict[str, Any]] = []
    rows: list[dict[str, Any]] = []
    facts: list[dict[str, Any]] = []
    for table_no, table in enumerate(document.tables):
        tables.append(
            {
                "document_id": doc_id,
                "table_no": table_no,
                "kind": table.kind,
                "title": table.title,
                "line": table.line,
                "last_line": table.last_line,
                "unit": table.unit,
                "columns": list(table.columns),
                "empty_note": table.empty_note,
                **_coverage_columns(table.coverage),
                "uncaptured": None
                if table.coverage is None
                else [list(item) for item in table.coverage.uncaptured],
            }
        )
        for row_no, row in enumerate(table.rows):
            rows.append(
                {
                    "document_id": doc_id,
                    "table_no": table_no,
                    "row_no": row_no,
                    "code": row.code,
                    "name": row.name,
                    "line": row.line,
                    "page": row.page,
                    "parent": row.parent,
                }
            )
            for cell_no, (column, cell) in enumerate(row.cells.items()):
                facts.append(
                    {
                        "document_id": doc_id,
                        "table_no": table_no,
                        "row_no": row_no,
                        "cell_no": cell_no,
                        "table_kind": table.kind,
                        "row_code": row.code,
                        "column_key": column,
                        "value": exact(cell.value),
                        "micros": micros(cell.value),
                        "text": cell.text,
                        "confidence": cell.confidence,
                        "line": row.line if cell.line is None else cell.line,
                        "cell_line": cell.line,
                        "page": row.page,
                    }
                )
    counts = report.summary()
    three_public = _total(document, "three_public", "amount")
    document_row = {
        "id": doc_id,
        "source": document.source,
        "encoding": document.encoding,
        "department": meta.department,
        "year": meta.year,
        "unit": meta.unit,
        "kind": meta.kind,
        "scope": meta.scope,
        **region_fields(document),
        "department_key": department_key(meta.department),
        "meta": _meta(meta),
        "extras": {
            name: encode(getattr(document, name))
            for name in (f.name for f in dataclasses.fields(Document))
            if name not in _CORE
        },
        "line_count": document.line_count,
        "fact_count": len(facts),
        **_coverage_columns(document.coverage),
        "expenditure_total": exact(_total(document, "expenditure", "total")),
        "basic_total": exact(_total(document, "expenditure", "basic")),
        "project_total": exact(_total(document, "expenditure", "project")),
        "three_public_total": exact(three_public),
        "errors": counts["error"],
        "warnings": counts["warning"],
        "infos": counts["info"],
        "doubts": counts["doubt"],
        "rules_ran": list(report.ran),
        "rules_not_run": dict(report.not_run),
        "parser_version": __version__,
        "parsed_at": now,
        "ingested_at": now,
    }
    return Records(
        document=document_row,
        tables=tables,
        rows=rows,
        facts=facts,
        notices=[
            {
                "document_id": doc_id,
                "notice_no": no,
                "code": n.code,
                "message": n.message,
                "line": n.line,
                "table_kind": n.table,
                "severity": n.severity,
            }
            for no, n in enumerate(document.notices)
        ],
        sections=[
            {
                "document_id": doc_id,
                "section_no": no,
                "kind": s.kind,
                "title": s.title,
                "first_line": s.first_line,
                "last_line": s.last_line,
            }
            for no, s in enumerate(document.sections)
        ],
        findings=[
            {**_finding(doc_id, no, f), "finding_key": key}
            for no, (f, key) in enumerate(
                zip(report.findings, keys_of(report.findings), strict=True)
            )
        ],
        projects=list(_projects(document)),
        indicators=list(_indicators(document)),
    )


def _coverage_columns(coverage: Coverage | None) -> dict[str, int | None]:
    if coverage is None:
        return {"printed_amounts": None, "captured_amounts": None}
    return {"printed_amounts": coverage.printed, "captured_amounts": coverage.captured}


# Document fields stored in their own columns and tables; every other field goes to `extras`
_CORE = {"id", "source", "encoding", "metadata", "tables", "sections", "notices", "line_count"}


def region_fields(document: Document) -> dict[str, str | None]:
    """The region columns of a document (from its profile): whole name, levels and code."""
    region = document.profile.region if document.profile else None
    if region is None:
        return dict.fromkeys(("region", "province", "city", "county", "division_code"))
    parts = [region.province, region.city, region.county]
    return {
        "region": "".join(part for part in parts if part),
        "province": region.province,
        "city": region.city,
        "county": region.county,
        "division_code": region.code,
    }


def _indicators(document: Document) -> Iterable[dict[str, Any]]:
    """Every performance indicator of every project block, in document order."""
    number = 0
    for project in document.performance:
        for indicator in project.indicators:
            yield {
                "document_id": document.id,
                "indicator_no": number,
                "project_code": project.code,
                "project_name": project.name,
                "level1": indicator.level1,
                "level2": indicator.level2,
                "level3": indicator.name,
                "name": indicator.name,
                "comparator": indicator.comparator,
                "number": exact(indicator.number),
                "unit": indicator.unit,
                "raw_text": indicator.raw,
                "basis": indicator.basis,
                "line": indicator.line,
            }
            number += 1


def _finding(doc_id: str, no: int, finding: Finding) -> dict[str, Any]:
    return {
        "document_id": doc_id,
        "finding_no": no,
        "rule": finding.rule,
        "severity": finding.severity,
        "message": finding.message,
        "table_kind": finding.table,
        "row_code": finding.row,
        "column_key": finding.column,
        "line": finding.line,
        "numbers": {key: str(value) for key, value in finding.numbers.items()},
        "cells": [list(cell) for cell in finding.cells],
        "suspect": list(finding.suspect) if finding.suspect else None,
        "doubt": finding.doubt,
        "page": finding.page,
        "evidence": finding.evidence,
        "box": list(finding.box) if finding.box else None,
    }


def _projects(document: Document) -> Iterable[dict[str, Any]]:
    """One project per `project:` row of the projects table."""
    table = document.table("projects")
    if table is None:
        return
    number = 0
    for row in table.rows:
        if not row.code.startswith("project:"):
            continue
        total = row.cells.get("total")
        fiscal = row.cells.get("fiscal")
        category = row.cells.get("category")
        unit = row.cells.get("unit")
        yield {
            "document_id": document.id,
            "project_no": number,
            "row_code": row.code,
            "project_code": None,
            "name": row.name,
            "unit_code": unit.text if unit else None,
            "category": category.text if category else None,
            "total": exact(total.value) if total else None,
            "total_micros": micros(total.value) if total else None,
            "fiscal": exact(fiscal.value) if fiscal else None,
            "goal": None,
            "line": row.line,
        }
        number += 1


def to_document(
    document: Any,
    tables: Iterable[Any],
    rows: Iterable[Any],
    facts: Iterable[Any],
    notices: Iterable[Any],
    sections: Iterable[Any],
) -> Document:
    """Rebuild the model from stored rows (each iterable ordered by its position columns)."""
    known = {field.name for field in dataclasses.fields(Metadata)}
    metadata = Metadata(**{k: v for k, v in (document.meta or {}).items() if k in known})
    result = Document(document.id, document.source, document.encoding, metadata)
    result.line_count = document.line_count
    by_table: dict[int, Table] = {}
    for t in tables:
        table = Table(
            kind=t.kind,
            title=t.title,
            line=t.line,
            unit=t.unit,
            columns=list(t.columns),
            empty_note=t.empty_note,
            last_line=t.last_line,
        )
        if t.printed_amounts is not None:
            table.coverage = Coverage(
                t.printed_amounts,
                t.captured_amounts or 0,
                [(int(line), str(text)) for line, text in t.uncaptured or []],
            )
        by_table[t.table_no] = table
        result.tables.append(table)
    by_row: dict[tuple[int, int], Row] = {}
    for r in rows:
        row = Row(code=r.code, name=r.name, line=r.line, page=r.page, parent=r.parent)
        by_row[(r.table_no, r.row_no)] = row
        by_table[r.table_no].rows.append(row)
    for f in facts:
        value = None if f.value is None else Decimal(f.value)
        by_row[(f.table_no, f.row_no)].cells[f.column_key] = Cell(
            column=f.column_key,
            text=f.text,
            value=value,
            confidence=f.confidence,
            line=f.cell_line,
        )
    result.notices = [Notice(n.code, n.message, n.line, n.table_kind, n.severity) for n in notices]
    result.sections = [Section(s.kind, s.title, s.first_line, s.last_line) for s in sections]
    hints = typing.get_type_hints(Document)
    for name, data in (document.extras or {}).items():
        if name in hints and name not in _CORE:
            setattr(result, name, decode(data, hints[name]))
    return result


def to_finding(row: Any) -> Finding:
    """A stored finding as the validation stage's Finding."""
    return Finding(
        rule=row.rule,
        severity=row.severity,
        message=row.message,
        table=row.table_kind,
        row=row.row_code,
        column=row.column_key,
        line=row.line,
        numbers={key: Decimal(value) for key, value in (row.numbers or {}).items()},
        cells=tuple((c[0], c[1], c[2]) for c in row.cells or ()),
        suspect=(row.suspect[0], row.suspect[1], row.suspect[2]) if row.suspect else None,
        doubt=row.doubt,
        page=row.page,
        evidence=row.evidence,
        box=(row.box[0], row.box[1], row.box[2], row.box[3]) if row.box else None,
    )
