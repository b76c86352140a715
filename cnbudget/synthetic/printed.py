"""A parsed Document laid out as printed tables (merged multi-level headers) and prose.

The renderers (`render_*`) draw this layout into PDF, XLSX, DOCX and HTML fixtures.
Each canonical table is printed the way budget templates print it: a title, a
department/unit line, a header whose groups span their columns (and whose leaves
span down to the last header row), code and name columns, then one column per
canonical amount column. The layout is derived from the canonical tables only
(column keys, row codes, names and printed amounts), never from a reader's output.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import zip_longest

from cnbudget.layout.sections import split
from cnbudget.layout.tokens import is_amount
from cnbudget.model import Document, Row, SourceLine, Table
from cnbudget.readers.grid import Grid, GridRow, Item, Paragraph
from cnbudget.readers.text import SourceText
from cnbudget.tables import SECTION_KINDS
from cnbudget.tables.coded import ECONOMIC_TABLES
from cnbudget.vocabulary.columns import LABELS, LEAF_KEYS

# Header text of each canonical key, as a path from the outermost group.
_PATHS: dict[str, tuple[str, ...]] = {
    "total": ("合计",),
    "current": ("本年收入",),
    "fiscal": ("财政拨款收入",),
    "fiscal.general": ("财政拨款收入", "一般公共预算"),
    "fiscal.general.grant": ("财政拨款收入", "一般公共预算", "其中：财政拨款"),
    "fiscal.gov_fund": ("财政拨款收入", "政府性基金预算"),
    "fiscal.soe": ("财政拨款收入", "国有资本经营预算"),
    "carryover": ("上年结转",),
    "carryover.general": ("上年结转", "一般公共预算"),
    "carryover.general.grant": ("上年结转", "一般公共预算", "其中：财政拨款"),
    "carryover.gov_fund": ("上年结转", "政府性基金预算"),
    "carryover.soe": ("上年结转", "国有资本经营预算"),
    "carryover.special_account": ("上年结转", "财政专户管理资金"),
    "carryover.unit_funds": ("上年结转", "单位资金"),
    "basic": ("基本支出",),
    "basic.personnel": ("基本支出", "人员支出"),
    "basic.personnel.wages": ("基本支出", "人员支出", "工资福利支出"),
    "basic.personnel.households": ("基本支出", "人员支出", "对个人和家庭的补助"),
    "basic.public": ("基本支出", "日常公用支出"),
    "project": ("项目支出",),
    "project.operating": ("项目支出", "其他运转类"),
    "project.specific": ("项目支出", "特定目标类"),
}
# groups printed even around a single column: their children's keys depend on them
_REQUIRED_GROUPS = frozenset({"上年结转"})
# tables read from prose and performance-target sections, not printed as budget tables
NOT_PRINTED = frozenset({"narrative", "performance", "dept_performance"})
_SUBTOTAL = "小计"
_ITEM_ORDER = ("total", "overseas", "vehicles", "vehicles.purchase", "vehicles.operation")


@dataclass(slots=True)
class HeaderCell:
    """A header cell in the HTML table model: text, column span, row span."""

    text: str
    colspan: int = 1
    rowspan: int = 1


@dataclass(slots=True)
class PrintedTable:
    """A table as printed: title, department/unit line, header rows, body rows, note."""

    title: str
    department: str | None
    unit: str
    header: list[list[HeaderCell]]
    body: list[list[str]]
    numeric: list[bool]  # per column: amounts (right-aligned)
    note: str | None = None
    furniture: bool = True  # print the title, department and unit lines above the table

    @property
    def width(self) -> int:
        return len(self.numeric)

    def header_grid(self) -> list[list[tuple[str, int, int] | None]]:
        """Header cells on the grid: (text, colspan, rowspan) at their top left, else None."""
        height = len(self.header)
        grid: list[list[tuple[str, int, int] | None]] = [[None] * self.width for _ in range(height)]
        taken = [[False] * self.width for _ in range(height)]
        for r, row in enumerate(self.header):
            c = 0
            for cell in row:
                while c < self.width and taken[r][c]:
                    c += 1
                grid[r][c] = (cell.text, cell.colspan, cell.rowspan)
                for dr in range(cell.rowspan):
                    for dc in range(cell.colspan):
                        taken[r + dr][c + dc] = True
                c += cell.colspan
        return grid


@dataclass(slots=True)
class PrintedDocument:
    """Prose paragraphs and printed tables in reading order."""

    title: str
    items: list[str | PrintedTable] = field(default_factory=list)


def _label(key: str) -> tuple[str, ...]:
    if key in _PATHS:
        return _PATHS[key]
    for label_id, leaf in LEAF_KEYS.items():
        if leaf == key:
            return (LABELS[label_id][0],)
    raise ValueError(f"no header label for column {key!r}")


def column_paths(keys: list[str], year: int | None = None) -> list[tuple[str, ...]]:
    """Header paths of amount columns; groups shared by one column only are left out."""
    full: list[tuple[str, ...]] = []
    for key in keys:
        base, at, group_year = key.partition("@")
        if at and base == "total" and group_year:
            full.append((f"{group_year}年预算数",))
            continue
        path = _label(base)
        if at and group_year:
            path = (f"{group_year}年预算数", *path)
        full.append(path)
    result: list[tuple[str, ...]] = []
    for path in full:
        kept: list[str] = []
        for depth in range(len(path) - 1):
            prefix = path[: depth + 1]
            sharing = sum(1 for other in full if other[: depth + 1] == prefix)
            if sharing >= 2 or path[depth] in _REQUIRED_GROUPS or path[depth].endswith("预算数"):
                kept.append(path[depth])
        kept.append(path[-1])
        if any(other != path and other[: len(path)] == path for other in full):
            kept.append(_SUBTOTAL)
        result.append(tuple(kept))
    return result


def header_rows(paths: list[tuple[str, ...]]) -> list[list[HeaderCell]]:
    """HTML-model header rows for column paths (groups span columns, leaves span down)."""
    depth = max((len(path) for path in paths), default=1)
    rows: list[list[HeaderCell]] = []
    for level in range(depth):
        row: list[HeaderCell] = []
        j = 0
        while j < len(paths):
            path = paths[j]
            if len(path) <= level:
                j += 1
                continue
            if len(path) == level + 1:
                row.append(HeaderCell(path[level], 1, depth - level))
                j += 1
                continue
            k = j + 1
            while k < len(paths) and len(paths[k]) > level + 1:
                if paths[k][: level + 1] != path[: level + 1]:
                    break
                k += 1
            row.append(HeaderCell(path[level], k - j, 1))
            j = k
        rows.append(row)
    return rows


def amount(text: str) -> str:
    """A printed amount with thousands separators (so every amount reads as one)."""
    sign = "-" if text.startswith("-") else ""
    digits = text.lstrip("-")
    whole, dot, fraction = digits.partition(".")
    if not whole.isdigit():
        return text
    grouped = f"{int(whole):,}" if len(whole) > 3 else whole
    return f"{sign}{grouped}{dot}{fraction}"


def _amount_cells(row: Row, keys: list[str]) -> list[str]:
    return [amount(row.cells[k].text) if k in row.cells else "" for k in keys]


def _coded(table: Table) -> tuple[list[tuple[str, ...]], list[list[str]]]:
    keys = [k for k in table.columns if k not in ("category", "unit")]
    body: list[list[str]] = []
    if table.kind == "projects":
        with_unit = any(r.code.startswith("unit:") or "unit" in r.cells for r in table.rows)
        descriptors: list[tuple[str, ...]] = [("项目名称",), ("项目类别",)]
        if with_unit:
            descriptors.insert(0, ("单位代码",))
        for row in table.rows:
            if row.code.startswith("unit:"):
                cells = [row.code[5:], row.name, ""]
            elif row.code == "total":
                cells = ["", row.name, ""]
            else:
                unit = row.cells["unit"].text if "unit" in row.cells else ""
                category = row.cells["category"].text if "category" in row.cells else ""
                cells = [unit, row.name, category]
            body.append((cells if with_unit else cells[1:]) + _amount_cells(row, keys))
    elif table.kind in ECONOMIC_TABLES and any("/" in r.code for r in table.rows):
        descriptors = [
            ("部门预算支出经济分类科目", "科目编码"),
            ("部门预算支出经济分类科目", "科目名称"),
            ("政府预算支出经济分类科目", "科目编码"),
            ("政府预算支出经济分类科目", "科目名称"),
        ]
        for row in table.rows:
            code = "" if row.code == "total" else row.code.removeprefix("unit:")
            dept, _, gov = code.partition("/")
            names = row.name.split("/", 1) if gov else [row.name]
            cells = [dept, names[0], gov, names[1] if len(names) > 1 else ""]
            body.append(cells + _amount_cells(row, keys))
    else:
        descriptors = [("科目编码",), ("科目名称",)]
        for row in table.rows:
            code = "" if row.code == "total" else row.code.removeprefix("unit:")
            body.append([code, row.name, *_amount_cells(row, keys)])
    return descriptors + column_paths(keys), body


def _two_sided(table: Table) -> tuple[list[tuple[str, ...]], list[list[str]]]:
    income = [r for r in table.rows if r.code.startswith("income.")]
    spending = [r for r in table.rows if not r.code.startswith("income.")]
    right = table.columns or ["amount"]
    right_paths = [("支出", "预算数")] if right == ["amount"] else column_paths(right)
    if right != ["amount"]:
        right_paths = [("支出", *p) for p in right_paths]
    paths = [("收入", "项目"), ("收入", "预算数"), ("支出", "项目"), *right_paths]
    body: list[list[str]] = []
    for left, other in zip_longest(income, spending):
        cells = ["", ""] if left is None else [left.name, *_amount_cells(left, ["amount"])]
        if other is None:
            cells += [""] * (1 + len(right))
        else:
            cells += [other.name, *_amount_cells(other, right)]
        body.append(cells)
    return paths, body


def _three_public(table: Table, year: int | None) -> tuple[list[tuple[str, ...]], list[list[str]]]:
    codes = {row.code for row in table.rows}
    columns = set(table.columns)
    by_year = columns <= {"amount", "prior_year"} | {c for c in columns if c.startswith("year_")}
    if by_year and codes <= {*_ITEM_ORDER, "reception"}:
        years: list[tuple[str, int | None]] = []
        if "prior_year" in columns:
            years.append(("prior_year", year - 1 if year else None))
        if "amount" in columns:
            years.append(("amount", year))
        years += sorted(((c, int(c[5:])) for c in columns if c.startswith("year_")), key=str)
        paths: list[tuple[str, ...]] = []
        values: list[str] = []
        vehicle_parts = codes & {"vehicles.purchase", "vehicles.operation"}
        vehicles_name = next((r.name for r in table.rows if r.code == "vehicles"), "")
        for column, printed_year in years:
            group = (f"{printed_year}年预算数",) if printed_year else ()
            for row in table.rows:
                if column not in row.cells:
                    continue
                if row.code == "vehicles" and vehicle_parts:
                    path: tuple[str, ...] = (*group, row.name, _SUBTOTAL)
                elif row.code.startswith("vehicles.") and vehicles_name:
                    path = (*group, vehicles_name, row.name)
                else:
                    path = (*group, row.name)
                paths.append(path)
                values.append(amount(row.cells[column].text))
        return paths, [values]
    keys = table.columns or ["amount"]
    labels = [("合计",) if k == "amount" else column_paths([k])[0] for k in keys]
    body = [[row.name, *_amount_cells(row, keys)] for row in table.rows]
    return [("项目",), *labels], body


def _assets(table: Table) -> tuple[list[tuple[str, ...]], list[list[str]]]:
    body = []
    for row in table.rows:
        quantity = row.cells["quantity"].text if "quantity" in row.cells else ""
        value = amount(row.cells["value"].text) if "value" in row.cells else ""
        body.append([row.name, quantity, value])
    return [("资产类别",), ("数量",), ("金额",)], body


def print_table(table: Table, department: str | None, year: int | None) -> PrintedTable:
    """The printed layout of one canonical table."""
    if table.kind in ("summary", "fiscal_summary"):
        paths, body = _two_sided(table)
    elif table.kind == "three_public":
        paths, body = _three_public(table, year)
    elif table.kind == "assets":
        paths, body = _assets(table)
    else:
        paths, body = _coded(table)
    numeric = [False] * len(paths)
    for row in body:
        for j, text in enumerate(row):
            if text and text[-1].isdigit() and "." in text:
                numeric[j] = True
    return PrintedTable(
        table.title,
        department,
        table.unit,
        header_rows(paths),
        body,
        numeric,
        table.empty_note,
    )


def printed_document(document: Document, source: SourceText) -> PrintedDocument:
    """The document's canonical tables with the prose around them, in source order."""
    meta = document.metadata
    title = f"{meta.department or ''}{meta.year or ''}年{meta.scope or '部门'}{meta.kind}"
    layout = split(source.lines)
    entries: list[tuple[int, str | PrintedTable]] = [
        (line.number, line.text.strip()) for line in layout.prose if line.text.strip()
    ]
    entries += [
        (table.line, print_table(table, meta.department, meta.year))
        for table in document.tables
        if table.kind not in NOT_PRINTED
    ]
    for block in layout.blocks:
        if block.kind in SECTION_KINDS:
            # performance targets: printed as the source prints them (read from their text)
            last = max(block.last_line, block.title_line)
            entries += _as_printed(source.lines[block.title_line - 1 : last])
    entries.sort(key=lambda entry: entry[0])
    return PrintedDocument(title, [item for _, item in entries])


def _as_printed(lines: list[SourceLine]) -> list[tuple[int, str | PrintedTable]]:
    """Lines as they are: runs of tab-separated lines as ruled grids, the others as text."""
    result: list[tuple[int, str | PrintedTable]] = []
    run: list[list[str]] = []
    start = 0
    for line in [*lines, SourceLine(0, "")]:
        if "\t" in line.text:
            if not run:
                start = line.number
            run.append([cell.strip() for cell in line.text.split("\t")])
            continue
        if run:
            width = max(len(cells) for cells in run)
            body = [cells + [""] * (width - len(cells)) for cells in run]
            numeric = [any(is_amount(row[j]) for row in body) for j in range(width)]
            result.append((start, PrintedTable("", None, "", [], body, numeric, None, False)))
            run = []
        if line.text.strip():
            result.append((line.number, line.text.strip()))
    return result


def department_line(table: PrintedTable) -> str:
    """The line printed between a table's title and its header."""
    return f"部门（单位）：{table.department or ''}"


def unit_line(table: PrintedTable) -> str:
    return f"单位：{table.unit}"


def grid_rows(table: PrintedTable) -> list[list[str]]:
    """Header and body as a rectangular grid (spanned cells empty), as a perfect reader reads it."""
    rows = [[cell[0] if cell else "" for cell in row] for row in table.header_grid()]
    return rows + [list(row) + [""] * (table.width - len(row)) for row in table.body]


def as_items(document: PrintedDocument) -> list[Item]:
    """What a perfect reader returns for a rendering of this layout."""
    items: list[Item] = [Paragraph(document.title)]
    for entry in document.items:
        if isinstance(entry, str):
            items.append(Paragraph(entry))
            continue
        if entry.furniture:
            items += [
                Paragraph(entry.title),
                Paragraph(department_line(entry)),
                Paragraph(unit_line(entry)),
            ]
        if entry.width:
            items.append(Grid([GridRow(cells) for cells in grid_rows(entry)]))
        if entry.note:
            items.append(Paragraph(entry.note))
    return items


def _header_cells(rows: list[list[str]]) -> list[list[HeaderCell]]:
    """Spans of a header printed as tab-separated rows (the inverse of the tab header reading).

    A label followed by empty cells spans them while a deeper row has labels there (a
    group over its children); a label with nothing below it spans down to the last row.
    """
    height = len(rows)
    width = max((len(row) for row in rows), default=0)
    grid = [row + [""] * (width - len(row)) for row in rows]
    covered = [[False] * width for _ in range(height)]
    result: list[list[HeaderCell]] = []
    for r in range(height):
        line: list[HeaderCell] = []
        c = 0
        while c < width:
            if covered[r][c]:
                c += 1
                continue
            text = grid[r][c]
            colspan = 1
            if text:
                while (
                    c + colspan < width
                    and not grid[r][c + colspan]
                    and not covered[r][c + colspan]
                    and any(grid[d][c + colspan] for d in range(r + 1, height))
                ):
                    colspan += 1
            below = any(grid[d][k] for d in range(r + 1, height) for k in range(c, c + colspan))
            rowspan = height - r if text and not below else 1
            for d in range(r, r + rowspan):
                for k in range(c, c + colspan):
                    covered[d][k] = True
            line.append(HeaderCell(text, colspan, rowspan))
            c += colspan
        result.append(line)
    return result


def printed_source(source: SourceText) -> PrintedDocument:
    """A tab-separated text printed as it is: its own header labels, code columns, page
    furniture and prose, each run of table lines a ruled grid (header spans inferred)."""
    from cnbudget.tables.common import split_block

    layout = split(source.lines)
    role: dict[int, tuple[int, bool]] = {}  # line number -> (block, is a header line)
    for index, block in enumerate(layout.blocks):
        # performance targets are not amount tables: no header to repeat on a new page
        parts = split_block(block, tabbed=True) if block.kind not in SECTION_KINDS else None
        header_texts = {line.text for line in parts.header} if parts else set()
        for line in block.lines:
            role[line.number] = (index, line.text in header_texts)
    document = PrintedDocument("")
    run: list[tuple[list[str], bool]] = []
    current: int | None = None

    def flush() -> None:
        if not run:
            return
        width = max(len(cells) for cells, _ in run)
        header = [cells + [""] * (width - len(cells)) for cells, is_header in run if is_header]
        body = [cells + [""] * (width - len(cells)) for cells, is_header in run if not is_header]
        numeric = [any(is_amount(row[j]) for row in body) for j in range(width)]
        document.items.append(
            PrintedTable("", None, "", _header_cells(header), body, numeric, None, False)
        )
        run.clear()

    for line in source.lines:
        if not line.text.strip():
            continue
        placed = role.get(line.number)
        if placed is None or "\t" not in line.text:
            flush()
            current = None
            document.items.append(line.text.strip())
            continue
        owner, is_header = placed
        if current is not None and (owner != current or (is_header and run and not run[-1][1])):
            flush()
        current = owner
        run.append(([cell.strip() for cell in line.text.split("\t")], is_header))
    flush()
    first = document.items[0] if document.items else None
    if isinstance(first, str):
        document.title = first
        document.items.pop(0)
    return document
