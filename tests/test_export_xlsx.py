"""XLSX workbooks: printed layout, exact numeric cells, and clean opening in openpyxl and LibreOffice."""

from __future__ import annotations

import csv
import os
import re
import shutil
import subprocess
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from cnbudget.export import write_workbooks
from cnbudget.export.layout import column_label, value_keys
from cnbudget.export.xlsx import number_format
from cnbudget.facts import facts
from cnbudget.model import Document, Table
from cnbudget.pipeline import parse_file, parse_text
from cnbudget.synthetic import LAYOUTS, generate
from cnbudget.vocabulary.tables import table_name

from .conftest import CORPUS, SAMPLES


def documents() -> list[Document]:
    docs = [parse_file(CORPUS / f"{name}.txt") for name in SAMPLES]
    docs += [
        parse_text(generate(seed, layout).text, f"{layout}-{seed}")
        for seed, layout in enumerate(LAYOUTS)
    ]
    return docs


@pytest.fixture(scope="module")
def books(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[Document, Path]]:
    folder = tmp_path_factory.mktemp("books")
    docs = documents()
    paths = write_workbooks(docs, folder)
    assert len(paths) == len(docs)
    return list(zip(docs, paths, strict=True))


def numeric_values(table: Table) -> Counter[Decimal]:
    return Counter(
        cell.value for row in table.rows for cell in row.cells.values() if cell.value is not None
    )


def as_decimal(value: object) -> Decimal:
    return Decimal(repr(value)) if isinstance(value, float) else Decimal(str(value))


def test_every_table_is_a_sheet_with_exact_numbers(books: list[tuple[Document, Path]]) -> None:
    for document, path in books:
        book = load_workbook(path)
        sheets = book.sheetnames
        assert sheets[-2:] == ["事实", "说明"]
        assert len(sheets) == len(document.tables) + 2
        for table, name in zip(document.tables, sheets, strict=False):
            sheet = book[name]
            assert name.startswith(table_name(table.kind)[:28])
            assert sheet["A1"].value == table.title
            assert sheet["A2"].value == f"部门（单位）：{document.metadata.department or ''}"
            numbers: Counter[Decimal] = Counter()
            texts: set[str] = set()
            for row in sheet.iter_rows():
                for cell in row:
                    if isinstance(cell.value, int | float) and not isinstance(cell.value, bool):
                        numbers[as_decimal(cell.value)] += 1
                        assert cell.number_format.startswith("0.00")
                    elif isinstance(cell.value, str):
                        texts.add(cell.value)
            assert numbers == numeric_values(table), (path.name, table.kind)
            # every column is labelled in the header, every row name printed
            for key in value_keys(table):
                assert column_label(key, document.metadata.kind) in texts, (table.kind, key)
            for row in table.rows:
                assert (row.name or "合计") in texts


def test_headers_are_merged_as_printed(books: list[tuple[Document, Path]]) -> None:
    document, path = next(
        (d, p)
        for d, p in books
        if d.table("expenditure") is not None and "basic.public" in d.table("expenditure").columns
    )  # type: ignore[union-attr]
    book = load_workbook(path)
    sheet = book[table_name("expenditure")]
    merged = {str(r) for r in sheet.merged_cells.ranges}
    # title across the table; 基本支出 over its sub-columns
    assert any(r.startswith("A1:") for r in merged)
    group = next(
        c for row in sheet.iter_rows(min_row=3, max_row=6) for c in row if c.value == "基本支出"
    )
    spans = [
        r for r in sheet.merged_cells.ranges if r.min_row == group.row and r.min_col == group.column
    ]
    assert spans and spans[0].max_col > spans[0].min_col


def test_function_codes_split_and_names_indented(books: list[tuple[Document, Path]]) -> None:
    for document, path in books:
        table = document.table("general_expenditure")
        if table is None or not any(len(r.code) == 7 for r in table.rows):
            continue
        sheet = load_workbook(path)[table_name("general_expenditure")]
        header = [c.value for row in sheet.iter_rows(min_row=3, max_row=5) for c in row]
        assert {"类", "款", "项", "功能分类科目编码"} <= set(header)
        found = 0
        for row in sheet.iter_rows(min_row=4):
            parts = [c.value for c in row[:3] if isinstance(c.value, str) and c.value.isdigit()]
            if parts and len(parts[0]) == 3:
                code = "".join(parts)
                match = next(r for r in table.rows if r.code == code)
                assert row[3].value == match.name
                assert row[3].alignment.indent == (len(code) - 3) // 2
                found += 1
        assert found


def test_facts_and_notes_sheets(books: list[tuple[Document, Path]]) -> None:
    for document, path in books:
        book = load_workbook(path)
        rows = list(book["事实"].iter_rows(values_only=True))
        items = list(facts(document))
        assert rows[0][:6] == ("document", "table", "row_code", "row_name", "column", "value")
        assert len(rows) == len(items) + 1
        for row, fact in zip(rows[1:], items, strict=True):
            texts = tuple(value or "" for value in row[:5])  # an empty cell reads back as None
            assert texts == (fact.document, fact.table, fact.row_code, fact.row_name, fact.column)
            if isinstance(fact.value, Decimal):
                assert as_decimal(row[5]) == fact.value
            else:
                assert (row[5] or "") == fact.value
        notes = {
            v for row in book["说明"].iter_rows(values_only=True) for v in row if v is not None
        }
        assert document.id in notes
        assert all(n.message in notes for n in document.notices)


def test_number_format_shows_every_printed_place() -> None:
    assert number_format(Decimal("264.00")) == "0.00"
    assert number_format(Decimal("12")) == "0.00"
    assert number_format(Decimal("0.123456")) == "0.000000"


# ---- LibreOffice -------------------------------------------------------------------------------


def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        if os.environ.get("CNBUDGET_REQUIRE_SOFFICE"):
            pytest.fail("LibreOffice (soffice) is required here but not installed")
        pytest.skip("LibreOffice not installed (make test installs libreoffice-calc-nogui)")
    return found


def convert(binary: str, files: list[Path], target: str, out: Path, profile: Path) -> str:
    result = subprocess.run(
        [
            binary,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            target,
            "--outdir",
            str(out),
            *map(str, files),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Error" not in result.stderr, result.stderr
    return result.stdout


# all sheets, UTF-8 (76), comma separated, cells as shown
ALL_SHEETS_CSV = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1"
_DECIMAL = re.compile(r"^-?\d+\.\d+$")


def test_libreoffice_converts_every_sheet(
    books: list[tuple[Document, Path]], tmp_path: Path
) -> None:
    binary = soffice()
    files = [path for _, path in books]
    convert(binary, files, ALL_SHEETS_CSV, tmp_path / "csv", tmp_path / "profile")
    for document, path in books:
        for index, table in enumerate(document.tables):
            name = load_workbook(path, read_only=True).sheetnames[index]
            sheet_csv = tmp_path / "csv" / f"{path.stem}-{name}.csv"
            assert sheet_csv.exists(), sheet_csv
            with sheet_csv.open(encoding="utf-8", newline="") as handle:
                rows = list(csv.reader(handle))
            assert rows[0][0] == table.title
            shown = Counter(
                Decimal(cell) for row in rows[3:] for cell in row if _DECIMAL.match(cell)
            )
            assert shown == numeric_values(table), (path.name, table.kind)
        facts_csv = tmp_path / "csv" / f"{path.stem}-事实.csv"
        with facts_csv.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle))
        items = list(facts(document))
        assert len(rows) == len(items) + 1
        for row, fact in zip(rows[1:], items, strict=True):
            if isinstance(fact.value, Decimal):
                assert Decimal(row[5]) == fact.value


def test_libreoffice_converts_to_pdf(books: list[tuple[Document, Path]], tmp_path: Path) -> None:
    binary = soffice()
    files = [path for _, path in books[:2]]
    convert(binary, files, "pdf", tmp_path / "pdf", tmp_path / "profile")
    for path in files:
        pdf = tmp_path / "pdf" / f"{path.stem}.pdf"
        assert pdf.read_bytes().startswith(b"%PDF")
        assert pdf.stat().st_size > 10_000
