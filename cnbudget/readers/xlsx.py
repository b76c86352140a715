"""Read spreadsheets (XLSX with openpyxl, XLS with xlrd): each sheet's cells as a grid.

Numbers are printed with the decimals of their cell's number format (`#,##0.00`
gives 264.00), so printed amounts keep their digits. Rows holding one cell outside
the table (titles, department and unit lines, notes spanning the width) become
text lines; the other rows are table rows.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from cnbudget.errors import InputError
from cnbudget.readers.grid import Grid, GridRow, Item, Paragraph, to_source
from cnbudget.readers.limits import Limits
from cnbudget.readers.office import check_package
from cnbudget.readers.text import SourceText

_DECIMALS = re.compile(r"0\.(0+)")
# one sheet: rows of (text, colspan) at their top-left cell, None where covered
Sheet = list[list[tuple[str, int] | None]]


def number_text(value: float | int | Decimal, number_format: str) -> str:
    """A cell's number as printed by its format: fixed decimals, thousands separators."""
    try:
        exact = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    except InvalidOperation:
        return str(value)
    section = number_format.split(";")[0]
    # a percent format shows the value times 100 with a percent sign (0.1234 → 12.34%)
    percent = "%" in re.sub(r'"[^"]*"|\\.', "", section)
    if percent:
        exact = exact.scaleb(2)
    decimals = _DECIMALS.search(section)
    if decimals:
        # spreadsheets round halves away from zero when they display a number
        exact = exact.quantize(Decimal(1).scaleb(-len(decimals.group(1))), ROUND_HALF_UP)
    elif exact == exact.to_integral_value():
        exact = exact.quantize(Decimal(1))
    text = format(exact, "f")
    if "," in section:
        sign = "-" if text.startswith("-") else ""
        whole, dot, fraction = text.lstrip("-").partition(".")
        text = f"{sign}{int(whole):,}{dot}{fraction}"
    return f"{text}%" if percent else text


def _cell_text(value: Any, number_format: str) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float | Decimal):
        return number_text(value, number_format)
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


def _text_at(row: list[tuple[str, int] | None], j: int) -> str:
    cell = row[j] if j < len(row) else None
    return cell[0] if cell else ""


def _items(sheets: Iterator[Sheet]) -> list[Item]:
    items: list[Item] = []
    for page, sheet in enumerate(sheets, start=1):
        width = max((len(row) for row in sheet), default=0)
        used = [j for j in range(width) if any(_text_at(r, j) for r in sheet)]
        rows = [[row[j] if j < len(row) else None for j in used] for row in sheet]
        filled = [sum(1 for cell in row if cell and cell[0].strip()) for row in rows]
        table_rows = [i for i, count in enumerate(filled) if count >= 2]
        first, last = (table_rows[0], table_rows[-1]) if table_rows else (len(rows), -1)
        grid: Grid | None = None
        for i, row in enumerate(rows):
            if not filled[i]:
                continue
            wide = any(cell and cell[1] >= max(2, (len(used) * 3) // 4) for cell in row)
            if filled[i] == 1 and (i < first or i > last or wide):
                text = next(cell[0] for cell in row if cell and cell[0].strip())
                items.append(Paragraph(text, page))
                grid = None
                continue
            if grid is None:
                grid = Grid()
                items.append(grid)
            grid.rows.append(GridRow([cell[0] if cell else "" for cell in row], page))
    return items


def read_xlsx(data: bytes, source: str, limits: Limits) -> SourceText:
    """Every sheet of an XLSX workbook (merged cells kept as spans)."""
    check_package(data, source, limits)
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken workbook
        raise InputError(source, "Excel 文件已损坏或不是有效的 XLSX 文件") from exc

    def sheets() -> Iterator[Sheet]:
        cells = 0
        for sheet in book.worksheets:
            cells += (sheet.max_row or 0) * (sheet.max_column or 0)
            if cells > limits.max_cells:
                raise InputError(source, f"表格单元格过多（超过 {limits.max_cells} 个），未读取")
            spans: dict[tuple[int, int], int] = {}
            covered: set[tuple[int, int]] = set()
            for merged in sheet.merged_cells.ranges:
                spans[(merged.min_row, merged.min_col)] = merged.max_col - merged.min_col + 1
                for r in range(merged.min_row, merged.max_row + 1):
                    for c in range(merged.min_col, merged.max_col + 1):
                        if (r, c) != (merged.min_row, merged.min_col):
                            covered.add((r, c))
            rows: Sheet = []
            for row in sheet.iter_rows():
                line: list[tuple[str, int] | None] = []
                for cell in row:
                    position = (int(cell.row or 0), int(cell.column or 0))
                    if position in covered:
                        line.append(None)
                        continue
                    text = _cell_text(cell.value, cell.number_format or "General")
                    line.append((text, spans.get(position, 1)))
                rows.append(line)
            yield rows

    result = to_source(_items(sheets()), source, data, "xlsx")
    return replace(result, notices=[*result.notices, *_uncached_formulas(data, book)])


_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")
_SHOWN = 8  # cells named in a notice


def _uncached_formulas(data: bytes, book: Any) -> list[str]:
    """Formula cells saved without their computed value (written by a program that does
    not calculate): openpyxl reads them as empty, so they are named in a notice."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        if not any(
            name.startswith("xl/worksheets/") and _FORMULA.search(package.read(name))
            for name in package.namelist()
        ):
            return []
    import openpyxl

    formulas = openpyxl.load_workbook(io.BytesIO(data), data_only=False)
    notices = []
    for values, sheet in zip(book.worksheets, formulas.worksheets, strict=False):
        empty = [
            cell.coordinate
            for row in sheet.iter_rows()
            for cell in row
            if cell.data_type == "f" and values[cell.coordinate].value is None
        ]
        if empty:
            shown = "、".join(empty[:_SHOWN]) + ("等" if len(empty) > _SHOWN else "")
            notices.append(
                f"工作表「{sheet.title}」有 {len(empty)} 个公式单元格没有保存计算结果"
                f"（{shown}），已读作空白；请在 Excel 中打开并保存后再读取"
            )
    return notices


def read_xls(data: bytes, source: str, limits: Limits) -> SourceText:
    """Every sheet of a legacy XLS workbook."""
    import xlrd

    try:
        # xlrd writes its warnings to stdout unless given a log file (they would mix into
        # the facts CSV a command prints)
        book = xlrd.open_workbook(
            file_contents=data, formatting_info=True, on_demand=True, logfile=io.StringIO()
        )
    except Exception as exc:  # xlrd raises many kinds for a broken workbook
        raise InputError(source, "Excel 文件已损坏或不是有效的 XLS 文件") from exc

    def sheets() -> Iterator[Sheet]:
        cells = 0
        for index in range(book.nsheets):
            sheet = book.sheet_by_index(index)
            cells += sheet.nrows * sheet.ncols
            if cells > limits.max_cells:
                raise InputError(source, f"表格单元格过多（超过 {limits.max_cells} 个），未读取")
            spans: dict[tuple[int, int], int] = {}
            covered: set[tuple[int, int]] = set()
            for r0, r1, c0, c1 in sheet.merged_cells:
                spans[(r0, c0)] = c1 - c0
                for r in range(r0, r1):
                    for c in range(c0, c1):
                        if (r, c) != (r0, c0):
                            covered.add((r, c))
            rows: Sheet = []
            for r in range(sheet.nrows):
                line: list[tuple[str, int] | None] = []
                for c in range(sheet.ncols):
                    if (r, c) in covered:
                        line.append(None)
                        continue
                    cell = sheet.cell(r, c)
                    value: Any = cell.value
                    if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                        value = None
                    elif cell.ctype == xlrd.XL_CELL_NUMBER:
                        xf = book.xf_list[cell.xf_index]
                        fmt = book.format_map.get(xf.format_key)
                        text = number_text(value, fmt.format_str if fmt else "General")
                        line.append((text, spans.get((r, c), 1)))
                        continue
                    line.append((_cell_text(value, "General"), spans.get((r, c), 1)))
                rows.append(line)
            book.unload_sheet(index)
            yield rows

    try:
        return to_source(_items(sheets()), source, data, "xls")
    finally:
        book.release_resources()
