"""Lay a canonical table out like the printed one: multi-level headers, coded rows, marked cells."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import zip_longest

from cnbudget.export.layout import column_tree, header_cells, value_keys
from cnbudget.model import Box, Coverage, Notice, Row, Table, format_decimal
from cnbudget.validate import Finding
from cnbudget.web.labels import column_name, table_name
from cnbudget.web.numbers import amount

Positions = dict[int, tuple[int | None, Box | None]]

CellKey = tuple[str, str, str]  # (table, row code, column)


@dataclass(slots=True)
class HeaderCell:
    """One cell of a header row."""

    label: str
    colspan: int = 1
    rowspan: int = 1


@dataclass(slots=True)
class GridCell:
    """One body cell: printed text, the amount as shown (万元), source line and page, and the
    findings it takes part in."""

    id: str
    text: str
    value: str | None  # the exact amount in 万元, plain digits (None: a text cell)
    shown: str  # as displayed: 万元, printed precision, thousands separators
    line: int
    confidence: float
    page: int | None = None
    findings: list[int] = field(default_factory=list)
    severity: str | None = None
    suspect: bool = False


@dataclass(slots=True)
class GridRow:
    """One body row: code and name as printed, indentation level and the cells per column."""

    code: str
    name: str
    line: int
    level: int
    cells: list[GridCell | None]
    total: bool = False
    unread: str | None = None  # a printed row not read: the notice naming its amounts


@dataclass(slots=True)
class Grid:
    """A block of a table: header rows (multi-level), a left header, body rows."""

    header: list[list[HeaderCell]]
    rows: list[GridRow]
    caption: str = ""
    width: int = 0  # number of amount columns


@dataclass(slots=True)
class TableView:
    """A canonical table ready for the template (one grid, or two side by side for summaries)."""

    kind: str
    name: str
    title: str
    line: int
    last_line: int | None
    unit: str
    empty_note: str | None
    grids: list[Grid]
    finding_count: int = 0
    coverage: Coverage | None = None
    notices: list[Notice] = field(default_factory=list)  # about this table, not shown in place
    unread: list[GridRow] = field(default_factory=list)  # unread rows (two-sided tables)


_SEVERITY_ORDER = {"error": 3, "warning": 2, "info": 1}


def display_code(code: str) -> str:
    """The code as a reader expects to see it (no canonical prefixes, no `total`)."""
    if code == "total" or code.startswith(("project:", "income.", "expenditure.")):
        return ""
    if code.startswith("unit:"):
        return code[5:]
    if "/" in code:
        dept, gov = code.split("/", 1)
        return f"{dept} / {gov}"
    if code.replace(".", "").isalpha():
        return ""
    return code


def row_level(code: str) -> int:
    """Indentation of a row: 类 0, 款 1, 项 2 for function codes; 类 0, 款 1 for economic codes."""
    head = code.split("/", 1)[0]
    if not head.isdigit():
        return 0
    if len(head) in (3, 5, 7):
        return (len(head) - 3) // 2
    return 0


def cell_id(table: str, code: str, column: str) -> str:
    """A stable HTML id for a cell (ASCII, so that codes with Chinese names stay valid)."""
    digest = hashlib.blake2s(f"{table}\x1f{code}\x1f{column}".encode(), digest_size=6).hexdigest()
    return f"c-{table}-{digest}"


def _layout(columns: Sequence[str]) -> tuple[list[str], list[list[HeaderCell]]]:
    """Columns in header order and the header rows, from the printed layout the XLSX export
    also uses (`export.layout`: a key with sub-keys is a group over 小计 and them)."""
    tree = column_tree(columns, label=column_name)
    ordered = [leaf.key for node in tree for leaf in node.leaves() if leaf.key is not None]
    height, cells = header_cells(tree)
    rows: list[list[HeaderCell]] = [[] for _ in range(height)]
    for cell in sorted(cells, key=lambda c: (c.row, c.column)):
        rows[cell.row].append(HeaderCell(cell.text, cell.colspan, cell.rowspan))
    return ordered, rows


class FindingIndex:
    """Which findings touch which cell, so that the grid can mark the very cells involved."""

    def __init__(self, findings: Sequence[Finding]) -> None:
        self.findings = list(findings)
        self.cells: dict[CellKey, list[int]] = {}
        self.suspects: set[CellKey] = set()
        self.placed: set[int] = set()
        for index, finding in enumerate(self.findings):
            keys = list(finding.cells)
            if not keys and finding.table and finding.row and finding.column:
                keys = [(finding.table, finding.row, finding.column)]
            for key in keys:
                self.cells.setdefault(key, []).append(index)
            if finding.suspect:
                self.suspects.add(finding.suspect)

    def mark(self, cell: GridCell, key: CellKey) -> None:
        found = self.cells.get(key, [])
        if not found:
            return
        cell.findings = list(found)
        self.placed.update(found)
        sure = [self.findings[i].severity for i in found if not self.findings[i].doubt]
        # cells only doubted (解析存疑: our reading, not the document) are marked apart
        cell.severity = max(sure, key=lambda s: _SEVERITY_ORDER[s]) if sure else "doubt"
        cell.suspect = key in self.suspects


def _grid(
    table: Table,
    rows: Sequence[Row],
    index: FindingIndex,
    caption: str = "",
    positions: Positions | None = None,
) -> Grid:
    columns, header = _layout(value_keys(table, rows))
    left = HeaderCell("编码" if table.kind != "projects" else "单位编码", 1, len(header))
    name = HeaderCell("项目名称" if table.kind == "projects" else "名称", 1, len(header))
    header[0][:0] = [left, name]
    body: list[GridRow] = []
    for row in rows:
        cells: list[GridCell | None] = []
        for column in columns:
            cell = row.cells.get(column)
            if cell is None:
                cells.append(None)
                continue
            line = cell.line or row.line  # a wrapped row's number may sit on a later line
            grid_cell = GridCell(
                cell_id(table.kind, row.code, column),
                cell.text,
                None if cell.value is None else format_decimal(cell.value),
                cell.text if cell.value is None else amount(cell.value, cell.text, table.unit),
                line,
                cell.confidence,
                (positions or {}).get(line, (None, None))[0],
            )
            index.mark(grid_cell, (table.kind, row.code, column))
            cells.append(grid_cell)
        code = display_code(row.code)
        if table.kind == "projects" and "unit" in row.cells:
            code = row.cells["unit"].text
        body.append(
            GridRow(
                code,
                row.name,
                row.line,
                row_level(row.code),
                cells,
                total=row.code in ("total", "income.grand_total", "expenditure.grand_total"),
            )
        )
    return Grid(header, body, caption, len(columns))


def _two_sided(table: Table, index: FindingIndex, positions: Positions | None) -> list[Grid]:
    """Summaries print income on the left and expenditure on the right: zip the two sides."""
    income = [r for r in table.rows if r.code.startswith("income.")]
    spending = [r for r in table.rows if not r.code.startswith("income.")]
    left = _grid(table, income, index, "收入", positions)
    right = _grid(table, spending, index, "支出", positions)
    header = [left.header[0] + right.header[0]]
    depth = max(len(left.header), len(right.header))
    for level in range(1, depth):
        header.append(
            (left.header[level] if level < len(left.header) else [])
            + (right.header[level] if level < len(right.header) else [])
        )
    if len(left.header) < depth:
        for cell in left.header[0]:
            cell.rowspan += depth - len(left.header)
    if len(right.header) < depth:
        for cell in right.header[0]:
            cell.rowspan += depth - len(right.header)
    return [Grid(header, [], "收支"), left, right]


def paired_rows(
    left: Sequence[GridRow], right: Sequence[GridRow]
) -> list[tuple[GridRow | None, GridRow | None]]:
    """Pair the two sides of a summary line by line; grand totals meet on the last line."""
    left_body = [r for r in left if not r.total]
    right_body = [r for r in right if not r.total]
    pairs = list(zip_longest(left_body, right_body))
    left_total = [r for r in left if r.total]
    right_total = [r for r in right if r.total]
    if left_total or right_total:
        pairs.append(
            (left_total[0] if left_total else None, right_total[0] if right_total else None)
        )
    return pairs


def in_table(table: Table, notice: Notice) -> bool:
    """Whether a notice concerns this table (its kind, within its lines)."""
    last = table.last_line or table.line
    return notice.table == table.kind and (notice.line is None or table.line <= notice.line <= last)


def _unread_row(notice: Notice, lines: Sequence[str] | None) -> GridRow:
    """A printed line whose amounts did not become facts, shown where it was printed."""
    line = notice.line or 0
    text = lines[line - 1] if lines and 0 < line <= len(lines) else ""
    name = " ".join(text.split("\t")).strip() if text else "（原文未保存）"
    return GridRow("", name, line, 0, [], unread=notice.message)


def _place(rows: list[GridRow], unread: list[GridRow]) -> list[GridRow]:
    """Body rows with the unread ones inserted by line number."""
    placed = list(rows)
    for extra in sorted(unread, key=lambda r: r.line):
        at = next((i for i, r in enumerate(placed) if r.line > extra.line), len(placed))
        placed.insert(at, extra)
    return placed


def table_view(
    table: Table,
    index: FindingIndex,
    positions: Positions | None = None,
    notices: Sequence[Notice] = (),
    lines: Sequence[str] | None = None,
) -> TableView:
    """The view of one table, with its cells marked by the findings that involve them and
    linked to their page (`positions`: page and box of each source line, PDF only)."""
    two_sided = any(r.code.startswith("income.") for r in table.rows) and any(
        not r.code.startswith("income.") for r in table.rows
    )
    if two_sided:
        grids = _two_sided(table, index, positions)
    else:
        grids = [_grid(table, table.rows, index, "", positions)]
    count = sum(1 for f in index.findings if f.table == table.kind)
    mine = [n for n in notices if in_table(table, n)]
    unread = [_unread_row(n, lines) for n in mine if n.code == "uncaptured"]
    if len(grids) == 1:
        grids[0].rows = _place(grids[0].rows, unread)
        unread = []
    return TableView(
        table.kind,
        table_name(table.kind),
        table.title,
        table.line,
        table.last_line,
        table.unit,
        table.empty_note,
        grids,
        count,
        table.coverage,
        [n for n in mine if n.code != "uncaptured"],
        unread,
    )
