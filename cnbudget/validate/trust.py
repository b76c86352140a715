"""After the rules: evidence for every finding, and 解析存疑 for findings on doubtful cells.

A finding says the document is wrong only when the cells it cites were read with
certainty. The post-pass here looks at what the parser itself reported about those
cells: their confidence (inferred columns, column assignment chosen among several), the
parser's notices about unrecognised rows, header labels or codes near the rows involved,
and printed amounts of the table not captured near them. A finding on such cells is
about our reading, not the document: it gets a Chinese `doubt`, and its severity is
capped at warning. Every finding also gets its evidence: the page, the printed text of
the cited lines and, for positioned formats (PDF), the box of its line.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from cnbudget.model import Box, Cell, Document, Row, Table
from cnbudget.validate.labels import column as column_name
from cnbudget.validate.registry import Finding
from cnbudget.validate.settings import Settings

# parser notices that say cells near their line may be misread (cnbudget/tables/*); a
# code level decided by the amounts (code-level) is not among them: arithmetic settled it
NEAR_NOTICES = frozenset(
    {
        "unknown-row",
        "unparsed-row",
        "unknown-economic",
        "too-many-numbers",
        "extra-numbers",
        "extra-rows",
        "clipped-code",
        "orphan-code",
        "odd-code",
        "duplicate-row",
        "uncaptured",
    }
)
# notices that concern a whole table: its header or its kind was not read with certainty
TABLE_NOTICES = frozenset({"unknown-header", "no-header", "inferred-kind"})
MAX_EVIDENCE_LINES = 4
# rules whose identities the parser itself used to assign columns (tables/resolve.py): the
# assignment it kept breaks no more identities than any other, so a violation is the
# document's whatever column a number is read in; a low confidence from that choice alone
# is no doubt for them (columns inferred from positions, and notices, still are)
RESOLVED_BY_ARITHMETIC = frozenset({"ROW-IDENTITY", "SUM-CHILDREN"})


@dataclass(slots=True)
class _Index:
    """What the post-pass needs of a document, built once per run."""

    tables: dict[str, list[Table]] = field(default_factory=dict)
    texts: dict[int, list[str]] = field(default_factory=dict)
    pages: dict[int, int] = field(default_factory=dict)
    near: dict[str, list[tuple[int, str]]] = field(default_factory=dict)
    whole: dict[str, list[str]] = field(default_factory=dict)
    inferred: frozenset[int] = frozenset()
    rows: dict[int, list[tuple[Table, Row]]] = field(default_factory=dict)


def _index(document: Document) -> _Index:
    index = _Index(inferred=frozenset(document.inferred))
    for source in document.prose:
        index.texts.setdefault(source.number, []).append(source.text)
        if source.page is not None:
            index.pages[source.number] = source.page
    for table in document.tables:
        index.tables.setdefault(table.kind, []).append(table)
        if table.kind == "narrative":
            continue  # its figures are printed in prose lines, indexed above
        for row in table.rows:
            index.rows.setdefault(row.line, []).append((table, row))
            if row.page is not None:
                index.pages.setdefault(row.line, row.page)
            index.texts.setdefault(row.line, []).append(row.name)
            for cell in row.cells.values():
                index.texts.setdefault(_line(row, cell), []).append(cell.text)
    for notice in document.notices:
        if notice.table is None:
            continue
        if notice.code in TABLE_NOTICES:
            index.whole.setdefault(notice.table, []).append(notice.message)
        elif notice.code in NEAR_NOTICES and notice.line is not None:
            index.near.setdefault(notice.table, []).append((notice.line, notice.message))
    return index


def _cells(index: _Index, finding: Finding) -> list[tuple[Table, Row, Cell | None, str]]:
    """The cited cells (or the cited row) found in the document's tables."""
    cited = list(finding.cells)
    found: list[tuple[Table, Row, Cell | None, str]] = []
    if not cited:
        # a finding naming no cell: its row, and the row printed on its line (any table)
        key = finding.column or ""
        if finding.table and finding.row:
            cited = [(finding.table, finding.row, key)]
        for table, row in index.rows.get(finding.line or 0, ()):
            found.append((table, row, row.cells.get(key), key))
    for kind, code, key in cited:
        for table in index.tables.get(kind, ()):
            for row in table.rows:
                if row.code == code:
                    found.append((table, row, row.cells.get(key), key))
                    break
            else:
                continue
            break
    return found


def _line(row: Row, cell: Cell | None) -> int:
    return cell.line if cell is not None and cell.line is not None else row.line


def doubt(index: _Index, finding: Finding, settings: Settings) -> str | None:
    """Why the cells of a finding were not read with certainty (None: they were)."""
    cells = _cells(index, finding)
    threshold = float(settings.doubt_confidence)
    resolved = finding.rule in RESOLVED_BY_ARITHMETIC
    for _table, row, named, _key in cells:
        # a finding naming a row but no column of it: every cell of the row
        for cell in [named] if named is not None else [*row.cells.values()]:
            line = _line(row, cell)
            where = f"「{row.name}」{column_name(cell.column)}（第 {line} 行）"
            if line in index.inferred:
                return (
                    f"{where}所在表格没有表格线，列是按文字位置推断的，可能是读取错误而非文件错误"
                )
            if cell.confidence < threshold and not resolved:
                return (
                    f"{where}的列归属不确定（置信度 {cell.confidence:.2f}），"
                    "可能是读取错误而非文件错误"
                )
    spans: dict[str, list[int]] = {}
    for table, row, named, _key in cells:
        spans.setdefault(table.kind, []).append(_line(row, named))
    if finding.table and finding.line is not None:
        spans.setdefault(finding.table, []).append(finding.line)
    distance = int(settings.doubt_distance)
    for kind, lines in spans.items():
        for message in index.whole.get(kind, ()):
            return f"该表解析存疑：{message}"
        for line, message in index.near.get(kind, ()):
            if any(abs(line - cited) <= distance for cited in lines):
                return f"涉及的行附近解析存疑（第 {line} 行）：{message}"
    return None


def _cited_lines(index: _Index, finding: Finding) -> list[int]:
    lines: list[int] = []
    if finding.line is not None:
        lines.append(finding.line)
    for _table, row, cell, _key in _cells(index, finding):
        line = _line(row, cell)
        if line not in lines:
            lines.append(line)
    return lines


def evidence(
    index: _Index, document: Document, finding: Finding
) -> tuple[int | None, str | None, Box | None]:
    """Page, printed text of the cited lines and box of the finding's line."""
    lines = _cited_lines(index, finding)
    if not lines:
        return None, None, None
    first = lines[0]
    page, box = document.positions.get(first, (None, None))
    if page is None:
        page = index.pages.get(first)
    texts = [
        f"第 {line} 行：" + "　".join(index.texts[line])
        for line in lines[:MAX_EVIDENCE_LINES]
        if line in index.texts
    ]
    return page, "\n".join(texts) or None, box


def annotate(document: Document, findings: Iterable[Finding], settings: Settings) -> list[Finding]:
    """Every finding with its evidence; findings on doubtful cells get `doubt` (≤ warning)."""
    index = _index(document)
    result = []
    for finding in findings:
        page, text, box = evidence(index, document, finding)
        reason = finding.doubt or doubt(index, finding, settings)
        severity = finding.severity
        if reason is not None and severity == "error":
            severity = "warning"
        result.append(
            replace(finding, severity=severity, doubt=reason, page=page, evidence=text, box=box)
        )
    return result
