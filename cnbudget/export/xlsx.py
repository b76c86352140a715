"""One XLSX workbook per document: every canonical table in its printed layout, facts, notes."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from cnbudget.export.layout import (
    Node,
    column_tree,
    economic_parts,
    function_parts,
    header_cells,
    levels,
    unit_code,
    value_keys,
)
from cnbudget.facts import facts
from cnbudget.formulas import text_only
from cnbudget.model import Document, Fact, Row, Table
from cnbudget.vocabulary.tables import table_name

_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_BOLD = Font(bold=True)
_TITLE = Font(bold=True, size=14)
_LOW = PatternFill("solid", fgColor="FFF2CC")  # cells the parser was not sure about
_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
_LOW_CONFIDENCE = 0.9
FACT_HEADER = tuple(item.name for item in fields(Fact))


def number_format(value: Decimal) -> str:
    """`0.00`, or more places when the exact value has more (amounts converted from 元)."""
    exponent = value.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < -2 else 2
    return "0." + "0" * places


@dataclass(slots=True)
class _Side:
    """Rows printed in one block of columns (a two-sided summary has two)."""

    rows: list[Row]
    descriptors: list[Node]
    keys: list[str]
    nodes: list[Node]


def _descriptors(table: Table, rows: Sequence[Row]) -> list[Node]:
    codes = [row.code for row in rows]
    nodes: list[Node] = []
    if any(function_parts(code) for code in codes):
        nodes.append(Node("功能分类科目编码", None, [Node("类", "#class"), Node("款"), Node("项")]))
        nodes[-1].children[1].key = "#item"
        nodes[-1].children[2].key = "#subitem"
    economic = [parts for code in codes if (parts := economic_parts(code))]
    if economic:
        children = [Node("部门经济分类", "#dept")]
        if any(gov for _, gov in economic):
            children.append(Node("政府经济分类", "#gov"))
        nodes.append(Node("经济分类科目编码", None, children))
    if any(unit_code(code) for code in codes):
        nodes.append(Node("单位代码", "#unit"))
    if table.kind == "projects":
        name = "项目名称"
    elif nodes:
        name = "科目名称"
    else:
        name = "项目"
    nodes.append(Node(name, "#name"))
    return nodes


def _sides(table: Table, kind: str) -> list[_Side]:
    income = [row for row in table.rows if row.code.startswith("income.")]
    if income:
        others = [row for row in table.rows if not row.code.startswith("income.")]
        # the printed columns belong to the expenditure side; income rows have one amount
        parts = [(income, "收入", False), (others, "支出", True)]
    else:
        parts = [(list(table.rows), "", True)]
    sides: list[_Side] = []
    for rows, title, printed in parts:
        keys = value_keys(table, rows, printed)
        # text columns (项目类别, 单位代码) are printed next to the name, before the amounts
        text = {k for row in rows for k, cell in row.cells.items() if cell.value is None}
        keys = [k for k in keys if k in text] + [k for k in keys if k not in text]
        if title and not keys:
            keys = ["amount"]
        # a two-sided summary prints only item names; its class codes are derived, not printed
        descriptors = [Node("项目", "#name")] if title else _descriptors(table, rows)
        nodes = column_tree(keys, kind)
        if title:
            descriptors = [Node(title, None, [*descriptors, *nodes])]
            nodes = []
        sides.append(_Side(rows, descriptors, keys, nodes))
    return sides


def _descriptor_value(key: str, row: Row) -> str | None:
    function = function_parts(row.code)
    economic = economic_parts(row.code)
    if key == "#name":
        if not row.name and row.code in ("total", "grand_total"):
            return "合计"  # a total row printed without its label
        return row.name
    if key in ("#class", "#item", "#subitem"):
        if function is None:
            return None
        return function[("#class", "#item", "#subitem").index(key)] or None
    if key in ("#dept", "#gov"):
        if economic is None:
            return None
        return economic[0 if key == "#dept" else 1] or None
    if key == "#unit":
        return unit_code(row.code)
    return None


def write_table(sheet: Worksheet, table: Table, document: Document) -> None:
    """Print one canonical table: title, 单位 line, merged multi-level header, indented rows."""
    kind = document.metadata.kind
    sides = _sides(table, kind)
    forest = [node for side in sides for node in (*side.descriptors, *side.nodes)]
    height, cells = header_cells(forest)
    width = max(1, sum(len(node.leaves()) for node in forest))

    sheet.cell(1, 1, table.title or table_name(table.kind)).font = _TITLE
    sheet.cell(1, 1).alignment = _CENTER
    if width > 1:
        sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    department = document.metadata.department or ""
    sheet.cell(2, 1, f"部门（单位）：{department}")
    unit = (
        "单位：万元"
        if table.unit == "万元"
        else f"单位：万元（原表以{table.unit}列示，已精确换算）"
    )
    unit_cell = sheet.cell(2, width, unit)
    unit_cell.alignment = Alignment(horizontal="right")

    top = 3
    for header in cells:
        label = sheet.cell(top + header.row, 1 + header.column, header.text)
        label.font = _BOLD
        label.alignment = _CENTER
        if header.rowspan > 1 or header.colspan > 1:
            sheet.merge_cells(
                start_row=top + header.row,
                start_column=1 + header.column,
                end_row=top + header.row + header.rowspan - 1,
                end_column=header.column + header.colspan,
            )
    for row_index in range(top, top + height):
        for column in range(1, width + 1):
            sheet.cell(row_index, column).border = _BORDER

    body = top + height
    depth = max((len(side.rows) for side in sides), default=0)
    offset = 1
    for side in sides:
        leaves = [
            leaf.key or "" for node in (*side.descriptors, *side.nodes) for leaf in node.leaves()
        ]
        indent = levels(side.rows)
        for index, row in enumerate(side.rows):
            for position, key in enumerate(leaves):
                target = sheet.cell(body + index, offset + position)
                target.border = _BORDER
                if key.startswith("#"):
                    text = _descriptor_value(key, row)
                    if text is not None:
                        target.value = text
                        target.number_format = "@"
                    if key == "#name":
                        target.alignment = Alignment(
                            horizontal="left", indent=indent[index], wrap_text=True
                        )
                    continue
                cell = row.cells.get(key)
                if cell is None:
                    continue
                if cell.value is None:
                    target.value = cell.text
                else:
                    target.value = cell.value
                    target.number_format = number_format(cell.value)
                if cell.confidence < _LOW_CONFIDENCE:
                    target.fill = _LOW
                    target.comment = Comment(
                        f"置信度 {cell.confidence:.2f}：列归属不确定，原文“{cell.text}”", "cnbudget"
                    )
        for index in range(len(side.rows), depth):
            for position in range(len(leaves)):
                sheet.cell(body + index, offset + position).border = _BORDER
        offset += len(leaves)

    after = body + depth
    notes = [table.empty_note] if table.empty_note else []
    notes += [
        (f"第{n.line}行：" if n.line else "") + n.message
        for n in document.notices
        if n.table == table.kind
    ]
    for index, text in enumerate(notes):
        sheet.cell(after + index, 1, text)
        if width > 1:
            sheet.merge_cells(
                start_row=after + index, start_column=1, end_row=after + index, end_column=width
            )
    _widths(sheet, [leaf.key or "" for node in forest for leaf in node.leaves()])
    sheet.freeze_panes = f"A{body}"
    sheet.print_title_rows = f"{top}:{body - 1}"
    _fit_width(sheet)


def _fit_width(sheet: Worksheet) -> None:
    """Print landscape, one page wide (as the published tables are)."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    properties = sheet.sheet_properties.pageSetUpPr
    if properties is None:
        properties = sheet.sheet_properties.pageSetUpPr = PageSetupProperties()
    properties.fitToPage = True


def _widths(sheet: Worksheet, keys: Sequence[str]) -> None:
    for index, key in enumerate(keys, start=1):
        if key == "#name":
            width = 36
        elif key.startswith("#"):
            width = 8 if key in ("#class", "#item", "#subitem") else 12
        else:
            width = 14
        sheet.column_dimensions[get_column_letter(index)].width = width


def write_facts(sheet: Worksheet, items: Iterable[Fact]) -> None:
    """All facts, one per row; amounts as numeric cells."""
    sheet.append(FACT_HEADER)
    for cell in sheet[1]:
        cell.font = _BOLD
    for fact in items:
        sheet.append([getattr(fact, name) for name in FACT_HEADER])
        if isinstance(fact.value, Decimal):
            sheet.cell(sheet.max_row, 6).number_format = number_format(fact.value)
    sheet.freeze_panes = "A2"
    for letter, width in zip("ABCDEFGHI", (18, 20, 24, 36, 22, 14, 14, 8, 10), strict=True):
        sheet.column_dimensions[letter].width = width


def write_notes(sheet: Worksheet, document: Document, fact_count: int) -> None:
    """Metadata, tables found, other sections and every parser notice."""
    meta = document.metadata
    rows: list[tuple[str | int | None, ...]] = [
        ("项目", "内容"),
        ("源文件", document.source),
        ("文档编号", document.id),
        ("文本编码", document.encoding),
        ("部门（单位）", meta.department or "未识别"),
        ("年度", meta.year if meta.year is not None else "未识别"),
        ("类型", f"{meta.scope or ''}{meta.kind}"),
        ("原文金额单位", meta.unit),
        ("本工作簿金额单位", "万元"),
        ("行数", document.line_count),
        ("表格数", len(document.tables)),
        ("事实数", fact_count),
        ("提示数", len(document.notices)),
        (),
        ("表格", "原文行号", "表名", "说明"),
    ]
    for table in document.tables:
        rows.append((table_name(table.kind), table.line, table.title, table.empty_note or ""))
    rows += [(), ("其他部分", "起止行", "标题")]
    for section in document.sections:
        rows.append((section.kind, f"{section.first_line}-{section.last_line}", section.title))
    rows += [(), ("解析提示", "原文行号", "表格", "级别", "代码", "说明")]
    for notice in document.notices:
        rows.append(
            (
                "",
                notice.line,
                table_name(notice.table) if notice.table else "",
                {"error": "错误", "warning": "警告", "info": "提示"}[notice.severity],
                notice.code,
                notice.message,
            )
        )
    for row in rows:
        sheet.append(row)
    sheet.column_dimensions["A"].width = 18
    sheet.column_dimensions["B"].width = 22
    sheet.column_dimensions["C"].width = 30
    sheet.column_dimensions["F"].width = 60


def _sheet_title(name: str, used: set[str]) -> str:
    base = _SHEET_FORBIDDEN.sub("", name)[:28] or "表"
    title, number = base, 2
    while title in used:
        title = f"{base}（{number}）"
        number += 1
    used.add(title)
    return title


def workbook(document: Document) -> Workbook:
    """The workbook of one document (not yet saved)."""
    book = Workbook()
    default = book.active
    used: set[str] = {"事实", "说明"}
    for table in document.tables:
        sheet = book.create_sheet(_sheet_title(table_name(table.kind), used))
        write_table(sheet, table, document)
    items = list(facts(document))
    write_facts(book.create_sheet("事实"), items)
    write_notes(book.create_sheet("说明"), document, len(items))
    if default is not None:
        book.remove(default)
    text_only(book)
    return book


def write_xlsx(document: Document, path: str | Path) -> Path:
    """Save the workbook of one document to a file."""
    target = Path(path)
    workbook(document).save(target)
    return target
