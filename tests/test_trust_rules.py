"""Error level on real documents means a real defect: prose scope words and 决算 logic keep
sentences about another scope from being errors."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from cnbudget.model import Cell, Document, Row, SourceLine, Table
from cnbudget.pipeline import parse_file
from cnbudget.validate import check
from cnbudget.validate.crosstable import _comparable

from .conftest import CORPUS

REAL = CORPUS / "real"

# The corpus-wide lock (error level = exactly the audited real defects) is
# tests/test_real_findings.py with tests/expected/real-findings.toml.


class _Parsed(dict[str, Document]):
    """Real PDFs parsed on first use."""

    def __missing__(self, name: str) -> Document:
        self[name] = parse_file(REAL / name)
        return self[name]


@pytest.fixture(scope="module")
def parsed() -> dict[str, Document]:
    return _Parsed()


def test_a_project_sentence_is_not_a_department_total(parsed: dict[str, Document]) -> None:
    # “该项目批复的年初预算数为 1018.00 万元，其中…上年结转 120.00 万元”: one project's money
    # (an annex is not read as the department's prose at all: cnbudget/prose/scope.py; a
    # project sentence that is read is told apart by NARRATIVE-TOTALS, tests below)
    report = check(parsed["central-state-petition-bureau-2024-final-dept.pdf"])
    found = [f for f in report.findings if f.rule == "NARRATIVE-TOTALS"]
    assert all(f.severity == "info" and "某个项目" in f.message for f in found)


def test_an_own_office_sentence_is_not_the_department(parsed: dict[str, Document]) -> None:
    # “深圳市水务局（本级）预算…项目支出170,390.31 万元” against the whole department's table
    report = check(parsed["shenzhen-water-2026-budget-dept.pdf"])
    found = [f for f in report.findings if f.rule == "NARRATIVE-TOTALS" and f.column == "project"]
    assert all(f.severity == "info" and "本级" in f.message for f in found)


def _prose_document(sentence: str, scope: str = "部门") -> Document:
    document = parse_file(CORPUS / "shandong-yantai-medical-insurance-2025.txt")
    document.metadata.scope = scope
    number = document.line_count + 1
    document.prose = [SourceLine(number, sentence)]
    row = Row("narrative", "情况说明", number)
    row.cells["project"] = Cell("project", "9.99", Decimal("9.99"))
    table = Table("narrative", "情况说明", number, columns=["project"], rows=[row])
    document.tables = [t for t in document.tables if t.kind != "narrative"] + [table]
    return document


@pytest.mark.parametrize(
    ("sentence", "scope", "severity"),
    [
        ("本部门项目支出9.99万元。", "部门", "error"),
        ("局机关本级项目支出9.99万元。", "部门", "info"),
        ("本级财政拨款安排项目支出9.99万元。", "部门", "error"),  # the funding level
        ("某局（本级）项目支出9.99万元。", "单位", "error"),  # a unit document is 本级
        ("该项目年初预算数为20.00万元，项目支出9.99万元。", "部门", "info"),
        ("该项目已完成。项目支出9.99万元。", "部门", "error"),  # another sentence
    ],
)
def test_scope_words_in_the_sentence(sentence: str, scope: str, severity: str) -> None:
    report = check(_prose_document(sentence, scope))
    found = [f for f in report.findings if f.rule == "NARRATIVE-TOTALS" and f.column == "project"]
    assert [f.severity for f in found] == [severity]


def test_final_accounts_compare_fiscal_table_only_when_it_spends_the_same(
    parsed: dict[str, Document],
) -> None:
    # 决算 spending non-fiscal carry-over: the summary spends 9,759.38, the fiscal table
    # 9,746.50; their function rows differ by what the carry-over paid for
    document = parsed["shanghai-putuo-planning-resources-2024-final-dept.pdf"]
    assert [kind for kind, _ in _comparable(document)] == ["summary", "expenditure"]
    report = check(document)
    found = [f for f in report.findings if f.rule == "CROSS-FUNCTION-TOTALS"]
    assert found and all(f.severity == "info" and "尾数差异" in f.message for f in found)
    assert all("fiscal_summary" not in f.numbers for f in found)


def test_a_one_cent_gap_between_tables_is_rounding_and_more_is_an_error() -> None:
    document = parse_file(CORPUS / "shandong-yantai-medical-insurance-2025.txt")
    expenditure = document.table("expenditure")
    assert expenditure is not None
    row = next(r for r in expenditure.rows if r.code == "208")
    cell = row.cells["total"]
    for delta, severity in ((Decimal("0.01"), "info"), (Decimal("0.10"), "error")):
        assert cell.value is not None
        row.cells["total"] = replace(cell, value=cell.value + delta)
        found = [
            f
            for f in check(document).findings
            if f.rule == "CROSS-FUNCTION-TOTALS" and f.row == "208"
        ]
        assert [f.severity for f in found] == [severity]


def _renamed(year: int, name: str) -> list[tuple[str, str]]:
    document = parse_file(CORPUS / "shandong-yantai-medical-insurance-2025.txt")
    document.metadata.year = year
    for table in document.tables:
        for row in table.rows:
            if row.code == "210":
                row.name = name
    return [
        (f.severity, f.message)
        for f in check(document).findings
        if f.rule == "CODE-NAME" and f.row == "210"
    ]


def test_class_names_are_judged_by_the_documents_year() -> None:
    # 210 was 医疗卫生与计划生育支出 in 2014–2018 and is 卫生健康支出 from 2019
    assert _renamed(2018, "医疗卫生与计划生育支出") == []
    assert _renamed(2025, "卫生健康支出") == []
    old = _renamed(2025, "医疗卫生与计划生育支出")
    assert [s for s, _ in old] == ["info"] and "2014–2018年" in old[0][1]
    early = _renamed(2017, "卫生健康支出")
    assert [s for s, _ in early] == ["info"] and "2019年起" in early[0][1]
    assert "医疗卫生与计划生育支出" in early[0][1]
    assert [s for s, _ in _renamed(2025, "教育支出")] == ["warning"]  # another class's name


def test_name_history_is_data_with_its_source() -> None:
    from importlib import resources

    from cnbudget.reference.catalog import function_names, names_in_year

    text = resources.files("cnbudget.reference").joinpath("function-names.txt")
    assert "# source:" in text.read_text(encoding="utf-8")
    assert names_in_year("210", 2016) == ("医疗卫生与计划生育支出",)
    assert names_in_year("220", 2019) == ("自然资源海洋气象等支出",)
    for spans in function_names().values():  # one name per year, no gaps
        years = range(2000, 2031)
        assert all(sum(s.covers(y) for s in spans) == 1 for y in years)


def _without(kind: str, name: str, year: int | None, of: str) -> list[tuple[str, str | None]]:
    document = parse_file(REAL / name) if name.endswith(".pdf") else parse_file(CORPUS / name)
    document.metadata.year = year
    document.tables = [t for t in document.tables if t.kind != kind]
    return [
        (f.severity, f.doubt)
        for f in check(document).findings
        if f.rule == "REQUIRED-TABLES" and f.table == kind and of in f.message
    ]


def test_required_tables_by_kind_and_year(parsed: dict[str, Document]) -> None:
    final = "shanghai-putuo-planning-resources-2024-final-dept.pdf"
    assert _without("three_public", final, 2024, "未找到") == [("error", None)]
    assert _without("soe_expenditure", final, 2024, "未找到") == [("warning", None)]
    assert _without("soe_expenditure", final, 2019, "未找到") == []  # not in 2019 决算
    budget = "shandong-yantai-medical-insurance-2025.txt"
    assert _without("gov_fund_expenditure", budget, 2025, "未找到") == [("error", None)]
    report = check(replace_year(parsed[final], 2015))
    assert "REQUIRED-TABLES" in report.not_run


def replace_year(document: Document, year: int) -> Document:
    document = replace(document, metadata=replace(document.metadata, year=year))
    return document


def test_a_missing_table_is_doubtful_when_a_table_was_not_recognised() -> None:
    from cnbudget.model import Notice

    document = parse_file(CORPUS / "shandong-yantai-medical-insurance-2025.txt")
    document.tables = [t for t in document.tables if t.kind != "gov_fund_expenditure"]
    document.notices.append(Notice("unknown-table", "未能识别的表格「某表」", 10, "unknown"))
    found = [f for f in check(document).findings if f.rule == "REQUIRED-TABLES"]
    assert [f.severity for f in found] == ["warning"]
    assert found[0].doubt is not None and "某表" in found[0].doubt


def test_an_empty_table_explained_in_its_own_prose_section(parsed: dict[str, Document]) -> None:
    # “中共上海市普陀区委社会工作部 2024 年度无“三公”经费财政拨款支出。” pages after the table
    report = check(parsed["shanghai-putuo-social-work-2024-final-dept.pdf"])
    assert not [f for f in report.findings if f.rule == "REQUIRED-TABLES"]


def test_final_accounts_total_includes_what_is_carried_forward() -> None:
    # 决算: 总计 9,859.38 = 本年支出合计 9,759.38 + 年末结转和结余 100.00
    document = parse_file(REAL / "shanghai-putuo-planning-resources-2024-final-dept.pdf")
    side = "支出总计与本年支出合计"
    assert not [f for f in check(document).findings if side in f.message]
    summary = document.table("summary")
    assert summary is not None
    row = next(r for r in summary.rows if r.code == "expenditure.carry_forward")
    row.cells["amount"] = replace(row.cells["amount"], value=Decimal("90.00"))
    found = [f for f in check(document).findings if side in f.message]
    assert [f.severity for f in found] == ["error"]
    assert found[0].numbers == {"left": Decimal("9859.38"), "right": Decimal("9849.38")}
