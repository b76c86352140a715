"""Coverage: every amount printed in a recognised table is a fact or named in a notice."""

from __future__ import annotations

from pathlib import Path

import pytest

from cnbudget.coverage import percent, table_coverage
from cnbudget.facts import facts
from cnbudget.model import Cell, Row, SourceLine, Table
from cnbudget.pipeline import parse_file, parse_text

from .conftest import CORPUS, REAL_CORPUS, SAMPLES

PROSE_TABLES = {"narrative", "performance", "dept_performance"}


@pytest.mark.parametrize("name", SAMPLES)
def test_samples_are_read_completely(name: str) -> None:
    document = parse_file(CORPUS / f"{name}.txt")
    assert document.coverage is not None
    table_facts = [
        f for f in facts(document) if f.table not in PROSE_TABLES and not isinstance(f.value, str)
    ]
    # the exact samples: every printed amount is one captured fact, nothing uncaptured
    assert document.coverage.printed == document.coverage.captured == len(table_facts)
    assert not [n for n in document.notices if n.code in ("uncaptured", "stray-amounts")]


def _lines(*texts: str) -> list[SourceLine]:
    return [SourceLine(number, text) for number, text in enumerate(texts, start=1)]


def test_grid_counts_money_and_integers_in_money_columns() -> None:
    lines = _lines(
        "收支总表",
        "科目编码\t科目名称\t合计\t基本支出\t项目支出",
        "**\t**\t1\t2\t3",  # column numbers: not amounts
        "201\t一般公共服务支出\t1,080.00\t1,000.00\t80",
        "20101\t人大事务\t237\t\t237",
        "7",  # page number
    )
    row = Row("201", "一般公共服务支出", 4)
    row.cells = {"total": Cell("total", "1,080.00"), "basic": Cell("basic", "1,000.00")}
    table = Table("expenditure", "收支总表", 1, rows=[row], last_line=6)
    from decimal import Decimal

    for cell in row.cells.values():
        cell.value = Decimal(cell.text.replace(",", ""))
    coverage = table_coverage(table, lines, tabbed=True)
    # 1,080.00 1,000.00 80 on line 4 (80 sits in a money column), 237 237 on line 5;
    # the codes 201/20101 and the numbering row are not amounts
    assert coverage.printed == 5
    assert coverage.captured == 2
    assert coverage.uncaptured == [(4, "80"), (5, "237"), (5, "237")]
    assert percent(coverage.ratio) == "40.0%"


def test_repeated_total_row_counts_once_and_glued_amounts_count() -> None:
    lines = _lines(
        "支出总表",
        "合计 19,401.26 19,401.26",
        "合计 19,401.26 19,401.26",  # repeated on a continuation page
        "64618.75科学技术支出",
    )
    table = Table("expenditure", "支出总表", 1, last_line=4)
    coverage = table_coverage(table, lines, tabbed=False)
    assert coverage.printed == 3
    assert coverage.uncaptured[-1] == (4, "64618.75")


def test_percent_never_rounds_a_gap_away() -> None:
    assert percent(0.99996) == "99.9%"
    assert percent(1.0) == "100.0%"


def test_unread_row_is_named_in_a_notice() -> None:
    text = (CORPUS / "shandong-yantai-medical-insurance-2025.txt").read_text(encoding="utf-8")
    # a row the parser cannot place: text that names no known row, amounts after it
    marker = "合　计"
    index = text.index(marker)
    damaged = text[:index] + "？？？ 1.23 4.56\n" + text[index:]
    document = parse_text(damaged)
    assert document.coverage is not None
    assert document.coverage.printed > document.coverage.captured
    named = " ".join(n.message for n in document.notices)
    for _line, printed in document.coverage.uncaptured:
        assert printed in named


@pytest.mark.parametrize(
    "name",
    ["shanghai-putuo-justice-2026-budget-dept", "changsha-petition-2026-budget-dept"],
)
def test_real_pdf_dropped_cell_is_named(name: str) -> None:
    from cnbudget.coverage import measure
    from cnbudget.pipeline import parse_source
    from cnbudget.readers import read_file

    source = read_file(REAL_CORPUS / f"{name}.pdf")
    document = parse_source(source)
    coverage = document.coverage
    assert coverage is not None and coverage.printed > 100
    assert coverage.captured == coverage.printed  # these templates are read completely
    # the parser "loses" one captured amount: coverage must see it and a notice name it
    table = next(t for t in document.tables if t.kind == "expenditure")
    row = next(r for r in table.rows if any(c.value for c in r.cells.values()))
    column, cell = next((k, c) for k, c in row.cells.items() if c.value)
    del row.cells[column]
    document.notices = [n for n in document.notices if n.code != "uncaptured"]
    measure(document, source.lines, source.tab_separated)
    assert document.coverage is not None
    assert document.coverage.captured == coverage.printed - 1
    line = cell.line if cell.line is not None else row.line
    [(where, printed)] = document.coverage.uncaptured
    assert where == line and printed.replace(",", "") == cell.text.replace(",", "")
    assert any(
        n.code == "uncaptured" and n.line == line and printed in n.message for n in document.notices
    )


def test_coverage_in_json_and_summary(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from cnbudget.cli import main

    path = CORPUS / "henan-jiyuan-medical-insurance-2025.txt"
    result = CliRunner().invoke(main, ["parse", str(path), "--format", "summary"])
    assert "读取程度：印出金额" in result.output and "（100.0%）" in result.output
    result = CliRunner().invoke(main, ["parse", str(path), "--format", "json"])
    import json

    payload = json.loads(result.output)
    assert payload["coverage"]["ratio"] == 1.0
    assert all(
        t["coverage"]["printed"] == t["coverage"]["captured"]
        for t in payload["tables"]
        if t["coverage"] is not None
    )


def test_side_by_side_codes_and_lone_total_grid_are_not_amounts() -> None:
    lines = _lines(
        "基本支出决算表",
        "经济分类科目编码\t科目名称\t决算数\t经济分类科目编码\t科目名称\t决算数",
        "301\t工资福利支出\t95.36\t302\t商品和服务支出\t10.23",
        "30101\t基本工资\t14\t30201\t办公费\t3.78",
        "合计\t105.59",  # a 合计 row alone on a grid of its own: its cells say nothing
    )
    table = Table("general_basic", "基本支出决算表", 1, rows=[], last_line=5)
    coverage = table_coverage(table, lines, tabbed=True)
    # 95.36 10.23 | 14 (in a money column) 3.78 | 105.59; the right-hand codes 302 and
    # 30201 (printed after an amount, followed by their names) are not amounts
    assert coverage.uncaptured == [
        (3, "95.36"),
        (3, "10.23"),
        (4, "14"),
        (4, "3.78"),
        (5, "105.59"),
    ]
    # a 合计 row alone on a grid of its own does not make code columns money columns
    lone = _lines("支出总表", "201\t05\t1,080", "201\t06\t80", "合计\t1,160")
    table = Table("expenditure", "支出总表", 1, rows=[], last_line=4)
    uncaptured = table_coverage(table, lone, tabbed=True).uncaptured
    assert uncaptured == [(2, "1,080"), (3, "80"), (4, "1,160")]
