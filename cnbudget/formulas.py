"""Neutralise spreadsheet formulas in exported text (CSV / formula injection).

Text read from documents or uploads may start with =, +, -, @ (or a tab / carriage
return); a spreadsheet opening a CSV file would run such a cell as a formula. CSV cells
get a leading apostrophe; XLSX cells are stored as text, never as formulas. Plain
numbers ("-12.50", "+3") are left alone.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from openpyxl.cell import Cell
    from openpyxl.workbook.workbook import Workbook
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def formula_like(text: str) -> bool:
    """True when a spreadsheet could read the text as a formula (not a plain number)."""
    if not text.startswith(TRIGGERS):
        return False
    try:
        float(text)
    except ValueError:
        return True
    return text[0] in "\t\r"  # float() forgives surrounding white space, a spreadsheet not


def csv_cell(value: object) -> object:
    """The value with a leading apostrophe when it is text a spreadsheet would run."""
    if isinstance(value, str) and formula_like(value):
        return "'" + value
    return value


def csv_row(values: Iterable[object]) -> list[object]:
    """A CSV row with every formula-like text cell neutralised."""
    return [csv_cell(value) for value in values]


def text_cell(sheet: WriteOnlyWorksheet, value: object) -> Cell | object:
    """A value for a write-only sheet's row: text that looks like a formula stays text."""
    from openpyxl.cell import WriteOnlyCell

    if not (isinstance(value, str) and value.startswith("=")):
        return value
    cell = WriteOnlyCell(sheet, value)
    cell.data_type = "s"
    return cell


def text_only(book: Workbook) -> None:
    """Store every cell that openpyxl took for a formula (text starting with =) as text."""
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    cell.data_type = "s"
