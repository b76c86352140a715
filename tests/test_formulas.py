"""Exports never carry spreadsheet formulas: text from documents that starts with =, +, -,
@ is written to CSV with a leading apostrophe and to XLSX as a text cell."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from cnbudget.export.datapackage import write_datapackage
from cnbudget.export.xlsx import write_xlsx
from cnbudget.facts import facts, write_csv
from cnbudget.formulas import csv_cell, formula_like, text_cell
from cnbudget.model import Document
from cnbudget.pipeline import parse_file
from cnbudget.store import open as open_store
from cnbudget.store.compare import compare

from .conftest import CORPUS, SAMPLES

ATTACKS = ('=HYPERLINK("http://x")', "+1+2", "-2+3", "@SUM(A1)", "=1+1", "\t=1")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("=1+1", True),
        ("+cmd", True),
        ("-1+2", True),
        ("@A1", True),
        ("\t=x", True),
        ("\r1", True),
        ("=", True),
        ("-", True),
        ("-12.50", False),
        ("+3", False),
        ("12", False),
        ("医疗保障", False),
        ("", False),
        ("a=b", False),
    ],
)
def test_formula_like(text: str, expected: bool) -> None:
    assert formula_like(text) is expected
    assert csv_cell(text) == ("'" + text if expected else text)


def hostile() -> Document:
    """A real parse whose row names and department are formulas, as a crafted file gives."""
    document = parse_file(CORPUS / f"{SAMPLES[0]}.txt")
    document.metadata.department = "@SUM(1+1)*cmd|' /C calc'!A0"
    rows = [row for table in document.tables for row in table.rows]
    for index, row in enumerate(rows):
        row.name = ATTACKS[index % len(ATTACKS)] + row.name
    return document


def texts_from_csv(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def assert_neutral(cells: list[str]) -> None:
    dangerous = [cell for cell in cells if formula_like(cell)]
    assert not dangerous, dangerous[:5]


def test_facts_csv_is_neutral() -> None:
    document = hostile()
    cells = texts_from_csv(write_csv(facts(document)))
    assert_neutral(cells)
    assert any(cell.startswith("'=HYPERLINK") for cell in cells)
    # amounts stay plain numbers
    values = [row[-1] for row in csv.reader(io.StringIO(write_csv(facts(document))))][1:]
    assert values and not any(value.startswith("'") for value in values)


def test_datapackage_csv_is_neutral(tmp_path: Path) -> None:
    write_datapackage([hostile()], tmp_path)
    for name in ("documents.csv", "facts.csv", "budget-lines.csv"):
        cells = texts_from_csv((tmp_path / name).read_text(encoding="utf-8"))
        assert_neutral(cells)
    documents = (tmp_path / "documents.csv").read_text(encoding="utf-8")
    assert "'@SUM(1+1)" in documents


def test_xlsx_cells_are_text_not_formulas(tmp_path: Path) -> None:
    path = write_xlsx(hostile(), tmp_path / "a.xlsx")
    book = load_workbook(path)
    kinds = {
        cell.data_type for sheet in book.worksheets for row in sheet.iter_rows() for cell in row
    }
    assert "f" not in kinds
    values = [
        cell.value
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str)
    ]
    assert any(value.startswith("=HYPERLINK") for value in values)  # kept exactly, as text


def test_write_only_text_cell() -> None:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("x")
    cell = text_cell(sheet, "=1+1")
    assert getattr(cell, "data_type", None) == "s"
    assert text_cell(sheet, "=") != "="
    assert text_cell(sheet, "plain") == "plain"


def test_store_list_and_compare_csv_are_neutral(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from cnbudget.cli import main

    db = str(tmp_path / "a.db")
    with open_store(db) as store:
        assert store.ingest_document(hostile()).status == "ingested"
        result = compare(store, "share")
        assert_neutral(texts_from_csv(result.to_csv()))
    listing = CliRunner().invoke(main, ["list", "--db", db, "--format", "csv"])
    assert listing.exit_code == 0, listing.output
    cells = texts_from_csv(listing.output)
    assert_neutral(cells)
    assert any(cell.startswith("'@SUM") for cell in cells)
