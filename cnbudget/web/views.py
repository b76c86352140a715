"""Page data for a document view: tables with marked cells, findings, charts and other parts."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

from cnbudget.model import Document, Notice
from cnbudget.validate import Finding
from cnbudget.web.charts import document_charts
from cnbudget.web.extras import Node, document_extras, label, node
from cnbudget.web.grid import (
    FindingIndex,
    Positions,
    TableView,
    cell_id,
    in_table,
    table_view,
)
from cnbudget.web.labels import SEVERITIES, column_name, number_name, table_name
from cnbudget.web.numbers import amount

_META_FIELDS = {"department", "year", "unit", "kind", "scope"}


@dataclass(slots=True)
class FindingView:
    """A finding as shown: severity, rule, message, where, the numbers and the cells involved."""

    index: int
    rule: str
    severity: str
    severity_name: str
    message: str
    table: str
    row: str
    column: str
    line: int | None
    page: int | None  # the page of the finding's line (PDF)
    numbers: list[tuple[str, str]]
    cells: list[str]
    suspect: str | None
    suspect_text: str | None
    placed: bool
    doubt: str | None = None  # 解析存疑: why our reading of these cells is uncertain


@dataclass(slots=True)
class DocumentView:
    """Everything the document template shows."""

    document: Document
    tables: list[TableView]
    findings: list[FindingView]
    counts: dict[str, int]
    charts: dict[str, Any]
    extras: list[tuple[str, Node]]
    meta_extra: list[tuple[str, Node]]
    notices: list[Notice]  # notices not about a table (those are shown with their table)
    ran: list[str] = field(default_factory=list)
    not_run: dict[str, str] = field(default_factory=dict)


def _finding_view(index: int, finding: Finding, placed: bool, positions: Positions) -> FindingView:
    cells = [cell_id(*key) for key in finding.cells]
    if not cells and finding.table and finding.row and finding.column:
        cells = [cell_id(finding.table, finding.row, finding.column)]
    suspect_text = None
    if finding.suspect:
        suspect_text = f"{finding.suspect[1]} 行的“{column_name(finding.suspect[2])}”列"
    return FindingView(
        index,
        finding.rule,
        finding.severity,
        SEVERITIES.get(finding.severity, finding.severity),
        finding.message,
        table_name(finding.table) if finding.table else "",
        finding.row or "",
        column_name(finding.column) if finding.column else "",
        finding.line,
        positions.get(finding.line, (None, None))[0] if finding.line else None,
        [(number_name(key), amount(value)) for key, value in finding.numbers.items()],
        cells,
        cell_id(*finding.suspect) if finding.suspect else None,
        suspect_text,
        placed,
        finding.doubt,
    )


def document_view(
    document: Document,
    findings: list[Finding],
    ran: list[str] | None = None,
    not_run: dict[str, str] | None = None,
    lines: list[str] | None = None,
) -> DocumentView:
    """Build the view of a document and its validation findings (`lines`: the source lines,
    to show unread rows where they were printed)."""
    index = FindingIndex(findings)
    positions = document.positions
    notices = sorted(document.notices, key=lambda n: (n.line is None, n.line or 0))
    tables = [table_view(table, index, positions, notices, lines) for table in document.tables]
    # a table's notices are shown with it (unread rows in place), the rest at the end
    shown = {id(n) for t in document.tables for n in notices if in_table(t, n)}
    views = [_finding_view(i, f, i in index.placed, positions) for i, f in enumerate(findings)]
    counts = {s: sum(1 for f in findings if f.severity == s and not f.doubt) for s in SEVERITIES}
    counts["doubt"] = sum(1 for f in findings if f.doubt)
    meta = document.metadata
    meta_extra = [
        (label(f.name), node(getattr(meta, f.name)))
        for f in fields(meta)
        if f.name not in _META_FIELDS and getattr(meta, f.name) not in (None, "", [], {})
    ]
    return DocumentView(
        document,
        tables,
        views,
        counts,
        document_charts(document),
        document_extras(document),
        meta_extra,
        [n for n in notices if id(n) not in shown],
        list(ran or []),
        dict(not_run or {}),
    )
