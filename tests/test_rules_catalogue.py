"""Rules on hand-built documents and edited samples: classification, completeness,
cross-table agreement by code, suspicious values, settings and the HTML report."""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from cnbudget.model import Cell, Document, Metadata, Row, SourceLine, Table
from cnbudget.pipeline import parse_file, parse_text
from cnbudget.reference.catalog import economics, functions
from cnbudget.validate import Finding, Report, check
from cnbudget.validate.html import render
from cnbudget.validate.settings import Settings, SettingsError, load

from .conftest import CORPUS

WEIHAI = CORPUS / "shandong-weihai-huancui-medical-insurance-2025.txt"
YANTAI = CORPUS / "shandong-yantai-medical-insurance-2025.txt"


def _row(code: str, name: str, line: int, **values: str) -> Row:
    return Row(code, name, line, {k: Cell(k, v, Decimal(v)) for k, v in values.items()})


def _document(*tables: Table, prose: tuple[str, ...] = ()) -> Document:
    document = Document("test", "<test>", "utf-8", Metadata(department="测试局", year=2025))
    document.tables.extend(tables)
    document.prose = [SourceLine(i + 1, text) for i, text in enumerate(prose)]
    document.line_count = 100
    return document


def _found(report: Report, rule: str) -> list[Finding]:
    return [f for f in report.findings if f.rule == rule]


# --- reference catalogue -----------------------------------------------------------------


def test_catalogue_covers_every_code_printed_in_the_samples() -> None:
    for path in sorted(CORPUS.glob("*.txt")):
        document = parse_file(path)
        for table in document.tables:
            for row in table.rows:
                dept, _, gov = row.code.partition("/")
                if table.kind in ("general_basic", "basic", "economic_summary"):
                    for code in (dept, gov):
                        if code.isdigit():
                            assert economics().get(code) is not None, (path.name, code)
                elif dept.isdigit() and len(dept) in (3, 5, 7):
                    assert functions().get(dept) is not None, (path.name, dept)


def test_catalogue_structure() -> None:
    catalog = functions()
    assert catalog.year == 2025 and "财政部" in catalog.source
    for code in catalog.entries:
        if len(code) > 3:
            assert code[:-2] in catalog.entries, f"{code} has no parent"
    classes = [c for c in catalog.entries if len(c) == 3]
    assert len(classes) >= 30 and len([c for c in catalog.entries if len(c) == 5]) >= 200
    assert catalog.covers("2101599") and not catalog.covers("2130301")
    dept = [c for c in economics().entries if c.startswith("3")]
    gov = [c for c in economics().entries if c.startswith("5")]
    assert len(dept) >= 100 and len(gov) >= 70


# --- classification rules -----------------------------------------------------------------


def _expenditure(*rows: Row) -> Table:
    return Table("expenditure", "支出总表", 1, columns=["total"], rows=list(rows))


def test_unknown_code_only_where_the_catalogue_is_complete() -> None:
    table = _expenditure(
        _row("210", "卫生健康支出", 2, total="10"),
        _row("21015", "医疗保障管理事务", 3, total="10"),
        _row("2101509", "医疗保障其他事务", 4, total="5"),
        _row("2101501", "行政运行", 5, total="5"),
        _row("213", "农林水支出", 6, total="1"),
        _row("21303", "水利", 7, total="1"),
        _row("2130399", "其他水利支出", 8, total="1"),
    )
    report = check(_document(table))
    found = {(f.severity, f.row) for f in _found(report, "CODE-UNKNOWN")}
    assert found == {("warning", "2101509"), ("info", "2130399")}


def test_name_mismatch_old_name_and_variant() -> None:
    table = _expenditure(
        _row("210", "医疗卫生与计划生育支出", 2, total="10"),
        _row("21011", "行政事业单位医疗", 3, total="10"),
        _row("2101101", "事业单位医疗", 4, total="10"),
    )
    report = check(_document(table))
    found = {(f.severity, f.row) for f in _found(report, "CODE-NAME")}
    assert found == {("info", "210"), ("warning", "2101101")}


def test_kuan_under_the_wrong_class() -> None:
    table = _expenditure(
        _row("208", "社会保障和就业支出", 2, total="5"),
        _row("20805", "行政事业单位养老支出", 3, total="5"),
        _row("210", "卫生健康支出", 4, total="5"),
        _row("21011", "行政事业单位医疗", 5, total="5"),
        _row("2080505", "机关事业单位基本养老保险缴费支出", 6, total="5"),
    )
    found = _found(check(_document(table)), "CODE-HIERARCHY")
    assert [(f.severity, f.row) for f in found] == [("error", "2080505")]
    assert "21011" in found[0].message and "20805" in found[0].message


def test_economic_pair_must_match_classes() -> None:
    table = Table(
        "general_basic",
        "一般公共预算基本支出表",
        1,
        columns=["total"],
        rows=[
            _row("301/501", "工资福利支出/机关工资福利支出", 2, total="3"),
            _row("30101/50101", "基本工资/工资奖金津补贴", 3, total="2"),
            _row("30102/50201", "津贴补贴/办公经费", 4, total="1"),
        ],
    )
    found = _found(check(_document(table)), "CODE-HIERARCHY")
    assert [(f.severity, f.row) for f in found] == [("error", "30102/50201")]


# --- cross-table agreement by code ------------------------------------------------------


def _replace_once(text: str, old: str, new: str) -> str:
    assert text.count(old) >= 1, old
    return text.replace(old, new, 1)


def test_general_expenditure_row_disagreeing_with_expenditure() -> None:
    text = WEIHAI.read_text(encoding="utf-8")
    head, tail = text.split("一般公共预算支出情况表", 1)
    tail = _replace_once(
        tail,
        "\t\t05\t医疗保障政策管理\t3.60\t\t\t\t3.60",
        "\t\t05\t医疗保障政策管理\t3.70\t\t\t\t3.70",
    )
    report = check(parse_text(head + "一般公共预算支出情况表" + tail))
    rows = {(f.rule, f.table, f.row, f.column) for f in report.findings if f.severity == "error"}
    assert ("GENERAL-IN-ALL", "general_expenditure", "2101505", "total") in rows


def test_three_public_smaller_than_its_basic_line() -> None:
    text = YANTAI.read_text(encoding="utf-8")
    changed = _replace_once(
        text, " 3.60  1.35  1.35  2.25  2.25  2.25", " 3.60  1.35  1.35  2.25  2.00  2.00"
    )
    found = _found(check(parse_text(changed)), "THREE-PUBLIC-BASIC")
    assert [(f.severity, f.row) for f in found] == [("error", "reception")]
    assert found[0].numbers == {"general_basic": Decimal("2.25"), "three_public": Decimal("2.00")}


def test_basic_tables_disagree_by_economic_code() -> None:
    text = WEIHAI.read_text(encoding="utf-8")
    head, tail = text.split("基本支出预算情况表", 1)
    tail = _replace_once(
        tail,
        "301\t13\t住房公积金\t501\t03\t住房公积金\t8.41\t8.41\t8.41",
        "301\t13\t住房公积金\t501\t03\t住房公积金\t8.41\t8.41\t8.14",
    )
    report = check(parse_text(head + "基本支出预算情况表" + tail))
    found = _found(report, "BASIC-BY-ECONOMIC")
    assert ("general_basic", "30113/50103") in {(f.table, f.row) for f in found}


def test_project_missing_from_projects_table() -> None:
    text = WEIHAI.read_text(encoding="utf-8")
    changed = _replace_once(text, "医疗救助\t特定目标类\t80.00\t80.00\t80.00\t\t\t\t\t\t\n", "")
    found = _found(check(parse_text(changed)), "PROJECTS-SUM")
    assert {(f.severity, f.row, f.column) for f in found} >= {("error", "total", "total")}


def test_procurement_above_spending() -> None:
    text = WEIHAI.read_text(encoding="utf-8")
    head, tail = text.split("政府采购预算表", 1)
    tail = tail.replace("3.89", "6,003.89")
    found = _found(check(parse_text(head + "政府采购预算表" + tail)), "PROCUREMENT-TOTAL")
    assert ("error", "total") in {(f.severity, f.row) for f in found}


# --- completeness -----------------------------------------------------------------------


def test_missing_required_table_and_silent_empty_table() -> None:
    text = WEIHAI.read_text(encoding="utf-8")
    start = text.index("政府性基金预算支出情况表\n\n部门")
    end = text.index("国有资本经营预算支出情况表\n\n部门")
    without_fund = text[:start] + text[end:]
    silent = without_fund.replace("（注：2025年没有使用国有资本经营预算拨款安排的支出。）", "")
    found = _found(check(parse_text(silent)), "REQUIRED-TABLES")
    assert {(f.severity, f.table) for f in found} == {
        ("error", "gov_fund_expenditure"),
        ("warning", "soe_expenditure"),
    }


def test_missing_sections_and_unexplained_three_public_change() -> None:
    text = YANTAI.read_text(encoding="utf-8")
    changed = text.replace("主要原因是2025年公车实行统一管\n\n理，不再安排预算。", "")
    changed = changed.replace("主\n\n要原因是2025年公车实行统一管理，不再安排预算。", "")
    changed = changed.replace("机关运行经费", "运转费用")
    found = _found(check(parse_text(changed)), "REQUIRED-SECTIONS")
    messages = {f.message for f in found}
    assert messages == {
        "文件中没有找到机关运行经费说明",
        "“三公”经费比上年有增减变化，但说明中没有写明原因",
    }


def test_samples_are_complete() -> None:
    for path in sorted(CORPUS.glob("*.txt")):
        report = check(parse_file(path))
        for rule in ("REQUIRED-TABLES", "REQUIRED-SECTIONS", "TOTAL-ROWS"):
            assert rule in report.ran and not _found(report, rule), (path.name, rule)


def test_deleted_total_row_is_reported() -> None:
    text = WEIHAI.read_text(encoding="utf-8")
    changed = _replace_once(text, "\t\t合计\t\t\t\t166.36\t161.86\t4.50\n", "")
    found = _found(check(parse_text(changed)), "TOTAL-ROWS")
    assert [(f.severity, f.table) for f in found] == [("error", "general_basic")]


# --- suspicious values --------------------------------------------------------------------


def test_negative_amount() -> None:
    table = _expenditure(_row("total", "合计", 2, total="-3.00"))
    found = _found(check(_document(table)), "NEGATIVE-AMOUNT")
    assert [(f.severity, f.row, f.column) for f in found] == [("error", "total", "total")]


def test_unit_slip_in_prose() -> None:
    text = WEIHAI.read_text(encoding="utf-8")
    changed = _replace_once(text, "2025年收入预算5,735.36万元", "2025年收入预算5,735.36元")
    found = _found(check(parse_text(changed)), "UNIT-SLIP")
    assert [(f.severity, f.line) for f in found] == [("warning", 359)]
    assert "万元" in found[0].message


def test_implausible_amount() -> None:
    table = _expenditure(_row("total", "合计", 2, total="57353600.00"))
    found = _found(check(_document(table)), "UNIT-SLIP")
    assert [f.severity for f in found] == ["warning"]


def test_percentages() -> None:
    text = WEIHAI.read_text(encoding="utf-8")
    assert not _found(check(parse_file(WEIHAI)), "PERCENT-RANGE")
    wrong = _replace_once(text, "下降16.67%", "下降18.67%")
    found = _found(check(parse_text(wrong)), "PERCENT-RANGE")
    assert [(f.severity, f.line) for f in found] == [("warning", 383)]
    assert found[0].numbers["computed"] == Decimal("16.67")
    over = _replace_once(text, "下降16.67%", "下降116.67%")
    assert ("error", 383) in {
        (f.severity, f.line) for f in _found(check(parse_text(over)), "PERCENT-RANGE")
    }


def test_sample_percentages_are_consistent() -> None:
    for path in sorted(CORPUS.glob("*.txt")):
        assert not _found(check(parse_file(path)), "PERCENT-RANGE"), path.name


# --- settings -------------------------------------------------------------------------------


def test_settings_file_changes_severity(tmp_path: Path) -> None:
    config = tmp_path / "cnbudget.toml"
    config.write_text("[validation]\nwarning_gap = 10\nrounding_gap = '0.005'\n", encoding="utf-8")
    settings = load(config)
    assert settings == Settings(rounding_gap=Decimal("0.005"), warning_gap=Decimal("10"))
    report = check(parse_file(WEIHAI), settings=settings)
    sums = {f.severity for f in _found(report, "SUM-CHILDREN")}
    assert sums == {"warning"}  # the 8.41 gap is below warning_gap
    assert {f.severity for f in _found(check(parse_file(WEIHAI)), "SUM-CHILDREN")} == {"error"}


@pytest.mark.parametrize(
    "content", ["[validation]\nwarp = 1\n", "[validation]\nrounding_gap = 'x'\n", "not toml ="]
)
def test_bad_settings_file(tmp_path: Path, content: str) -> None:
    config = tmp_path / "bad.toml"
    config.write_text(content, encoding="utf-8")
    with pytest.raises(SettingsError):
        load(config)
    result = subprocess.run(
        [sys.executable, "-m", "cnbudget.cli", "check", str(WEIHAI), "--config", str(config)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2 and result.stderr.startswith("错误：")
    assert str(config) in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


# --- HTML report ------------------------------------------------------------------------------


def test_html_report_is_self_contained_and_escaped() -> None:
    document = parse_file(WEIHAI)
    document.metadata.department = "<script>alert(1)</script>局"
    report = check(document)
    report.findings.append(
        Finding("X", "warning", "名称「<b>粗</b>」&", numbers={"sum": Decimal(1)})
    )
    page = render([(document, report)])
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "&lt;b&gt;粗&lt;/b&gt;」&amp;" in page
    assert "http" not in page and "<link" not in page and "src=" not in page
    assert page.index("错误") < page.index("警告") < page.index("提示")
    assert "5,735.36" in page and "5,726.95" in page  # the numbers side by side


def test_html_cli() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "cnbudget.cli", "check", str(WEIHAI), "--format", "html"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0
    assert result.stdout.startswith("<!DOCTYPE html>") and "核查报告" in result.stdout
