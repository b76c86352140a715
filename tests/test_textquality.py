"""Text-quality and document-structure rules on small documents: each rule fires on a
defect and stays silent on the same text without it."""

from __future__ import annotations

from decimal import Decimal

import pytest

from cnbudget.layout.toc import read_toc
from cnbudget.model import (
    Cell,
    Document,
    Indicator,
    Metadata,
    PageHeaderLine,
    PerformanceProject,
    Row,
    SourceLine,
    Table,
    TocEntry,
)
from cnbudget.validate.registry import Finding, NotApplicable, all_rules


def _document(*prose: str, year: int = 2026, department: str = "示例市医疗保障局") -> Document:
    document = Document("t", "<t>", "utf-8", Metadata(department=department, year=year))
    document.prose = [SourceLine(i + 1, text, 1) for i, text in enumerate(prose)]
    document.line_count = len(prose)
    return document


def _run(rule_id: str, document: Document) -> list[Finding]:
    rule = next(r for r in all_rules() if r.id == rule_id)
    return list(rule.function(document))


def _table(kind: str, line: int, *values: str, title: str = "") -> Table:
    table = Table(kind, title or kind, line)
    row = Row(f"{kind}.total", "合计", line + 1)
    for index, value in enumerate(values):
        column = f"c{index}"
        row.cells[column] = Cell(column, value, Decimal(value) if value else None)
    table.rows.append(row)
    return table


# (rule, a text with the defect, the same text without it)
PROSE_CASES = [
    (
        "TEXT-PLACEHOLDER",
        "2026年XX单位一般公共预算拨款收入1,234.56万元。",
        "2026年本单位一般公共预算拨款收入1,234.56万元。",
    ),
    ("TEXT-PLACEHOLDER", "某某项目安排资金20.00万元。", "信息化项目安排资金20.00万元。"),
    ("TEXT-UNIT-TYPO", "一般公共预算拨款收入1,234.56万员。", "一般公共预算拨款收入1,234.56万元。"),
    ("TEXT-UNIT-TYPO", "公务接待费3,500员，比上年减少。", "公务接待费3,500元，比上年减少。"),
    ("TEXT-REPEATED-PUNCTUATION", "主要用于办公设备购置。。", "主要用于办公设备购置。"),
    ("TEXT-REPEATED-WORD", "支出10.00万元，主要为主要为印刷费。", "支出10.00万元，主要为印刷费。"),
    ("TEXT-REPEATED-WORD", "用于机关的的日常运转。", "用于机关的日常运转。"),
    (
        "TEXT-EMPTY-REASON",
        "“三公”经费与上年预算持平，主要原因是。其中：公务接待费0万元。",
        "“三公”经费与上年预算持平，主要原因是严格控制支出。其中：公务接待费0万元。",
    ),
    (
        "TEXT-MISSING-NUMBER",
        "支出预算比上年增加万元，增长5.00%。",
        "支出预算比上年增加12.00万元，增长5.00%。",
    ),
    ("TEXT-YEAR", "2025年部门预算编制说明", "2026年部门预算编制说明"),
]


@pytest.mark.parametrize(("rule_id", "defect", "clean"), PROSE_CASES)
def test_prose_rule_fires_on_the_defect_only(rule_id: str, defect: str, clean: str) -> None:
    found = _run(rule_id, _document(defect))
    assert found and all(f.rule == rule_id and f.line == 1 for f in found)
    assert not _run(rule_id, _document(clean))


def test_repeated_words_that_are_two_words_are_not_reported() -> None:
    # 更换工程 + 工程款, 工作人员 + 人员及货物: two words side by side, not a slip
    document = _document("用于设备设施更换工程工程款。", "派出工作人员人员及货物进行查验。")
    assert not _run("TEXT-REPEATED-WORD", document)


def test_a_year_in_a_sentence_is_not_a_heading() -> None:
    # last year's figures are quoted in every 情况说明
    document = _document("2025年预算执行数为100.00万元，2026年部门预算比上年增加。")
    assert not _run("TEXT-YEAR", document)
    assert not _run("TEXT-YEAR", _document("一、2025年预算执行情况"))


def test_a_placeholder_in_a_page_header() -> None:
    document = _document("正文。")
    document.page_headers = [PageHeaderLine(5, "部门名称：XX单位 单位：万元", "XX单位", 3)]
    found = _run("TEXT-PLACEHOLDER", document)
    assert [f.line for f in found] == [5]
    document.page_headers = [PageHeaderLine(5, "部门名称：示例市医疗保障局 单位：万元", None, 3)]
    assert not _run("TEXT-PLACEHOLDER", document)


def test_a_misspelt_unit_label() -> None:
    document = _document("正文。")
    document.unit_lines = [SourceLine(7, "部门名称：示例市医疗保障局 单位：万员", 2)]
    assert [f.line for f in _run("TEXT-UNIT-TYPO", document)] == [7]
    document.unit_lines = [SourceLine(7, "部门名称：示例市医疗保障局 单位：万元", 2)]
    assert not _run("TEXT-UNIT-TYPO", document)


def test_truncated_sentence_before_a_heading() -> None:
    cut = "接待人数共13人，主要包括接待其他省市交通局参观所产生的费用"
    found = _run("TEXT-TRUNCATED-SENTENCE", _document(cut, "四、其他重要事项的情况说明"))
    assert [f.line for f in found] == [1]
    whole = _document(cut + "。", "四、其他重要事项的情况说明")
    assert not _run("TEXT-TRUNCATED-SENTENCE", whole)
    # a paragraph running on to the next line (a page break) is not cut
    assert not _run("TEXT-TRUNCATED-SENTENCE", _document(cut, "及其他费用。"))


def test_truncated_indicator() -> None:
    document = _document("正文。")
    project = PerformanceProject("信息化运维", 10, "block")
    project.indicators = [Indicator("产出指标", "数量指标", "参保人数", "≥", "≥", line=12)]
    document.performance = [project]
    assert [f.line for f in _run("TEXT-TRUNCATED-INDICATOR", document)] == [12]
    project.indicators = [Indicator("产出指标", "数量指标", "参保人数", "≥95%", "≥", line=12)]
    assert not _run("TEXT-TRUNCATED-INDICATOR", document)


def test_tables_named_in_the_toc() -> None:
    document = _document("目录")
    document.toc = [
        TocEntry("一、收支总表", 2, "summary"),
        TocEntry("七、一般公共预算“三公”经费支出表", 3, "three_public"),
        TocEntry("第三部分 情况说明", 4, None),
    ]
    document.tables = [_table("summary", 20, "1.00")]
    found = _run("STRUCT-TOC-TABLE", document)
    assert [(f.table, f.severity) for f in found] == [("three_public", "error")]
    document.tables.append(_table("three_public", 40, "0.00"))
    assert not _run("STRUCT-TOC-TABLE", document)
    # the entry itself, read as an empty table before the 目录 ends, does not count
    document.tables = [_table("summary", 20, "1.00"), _table("three_public", 3)]
    assert _run("STRUCT-TOC-TABLE", document)


def test_toc_reading() -> None:
    lines = [
        SourceLine(1, "目 录", 2),
        SourceLine(2, "第一部分 部门概况......1一、部门职责......2", 2),
        SourceLine(3, "第二部分 2026年部门预算表", 2),
        SourceLine(4, "（七）一般公共预算支出表（按功能分类）（八）财政拨款“三公”经费支出表", 2),
        SourceLine(5, "第一部分 部门概况", 3),
        SourceLine(6, "本部门主要职责是：负责全市医疗保障工作。", 3),
    ]
    entries = read_toc(lines)
    assert [e.text for e in entries] == [
        "第一部分部门概况",
        "一、部门职责",
        "第二部分2026年部门预算表",
        "（七）一般公共预算支出表（按功能分类）",
        "（八）财政拨款“三公”经费支出表",
    ]
    assert entries[-1].kind == "three_public"
    assert read_toc(lines[1:]) == []  # no 目录 line: no entries


def test_table_marked_empty_prints_no_values() -> None:
    document = _document("正文。")
    table = _table("gov_fund_expenditure", 30, "120.00")
    table.empty_note = "本表无数据"
    document.tables = [table]
    found = _run("STRUCT-EMPTY-MARKED", document)
    assert [(f.table, f.severity) for f in found] == [("gov_fund_expenditure", "error")]
    table.rows[0].cells["c0"] = Cell("c0", "0.00", Decimal("0.00"))
    assert not _run("STRUCT-EMPTY-MARKED", document)


def test_table_stated_in_the_prose_is_not_emptied() -> None:
    document = _document("“三公”经费预算12.50万元。")
    narrative = Table("narrative", "情况说明", 1)
    row = Row("narrative", "情况说明", 1)
    row.cells["three_public_total"] = Cell("three_public_total", "12.50", Decimal("12.50"), line=1)
    narrative.rows.append(row)
    three = _table("three_public", 40, "")
    document.tables = [_table("summary", 10, "1.00"), _table("income", 20, "1.00"), three]
    document.tables.append(narrative)
    found = _run("STRUCT-PROSE-TABLE", document)
    assert [(f.table, f.severity) for f in found] == [("three_public", "error")]
    document.tables[2] = _table("three_public", 40, "12.50")
    assert not _run("STRUCT-PROSE-TABLE", document)


def test_blank_pages() -> None:
    document = _document("正文。")
    document.pages, document.blank_pages = 10, [3, 10]
    found = _run("STRUCT-BLANK-PAGE", document)
    assert ["第 3 页" in f.message for f in found] == [True]  # the last page may be blank
    document.blank_pages = [10]
    assert not _run("STRUCT-BLANK-PAGE", document)
    document.pages = None
    with pytest.raises(NotApplicable):
        _run("STRUCT-BLANK-PAGE", document)


SECTION = (
    "一、部门职责",
    "负责拟订全市医疗保障事业发展规划和政策措施，组织实施医疗保障基金监督管理，推进医保支付方式改革。",
)


def test_duplicated_section() -> None:
    twice = _document("目录", SECTION[0], "二、机构设置", *SECTION, "二、机构设置", *SECTION)
    found = _run("STRUCT-DUPLICATE", twice)
    assert [f.line for f in found] == [7]
    # the 目录 entry and the heading in the body, or a restated paragraph, are no section
    once = _document("目录", SECTION[0], "二、机构设置", *SECTION, "（一）总体绩效目标", SECTION[1])
    assert not _run("STRUCT-DUPLICATE", once)


def test_duplicated_table() -> None:
    document = _document("正文。")
    document.tables = [_table("three_public", 10, "1.00"), _table("three_public", 50, "1.00")]
    assert [f.line for f in _run("STRUCT-DUPLICATE", document)] == [50]
    document.tables.pop()
    assert not _run("STRUCT-DUPLICATE", document)


def test_department_names() -> None:
    document = _document(
        "上海市规划和自然资源局 2024 年度部门决算表", department="上海市普陀区规划和自然资源局"
    )
    assert [f.line for f in _run("STRUCT-DEPARTMENT", document)] == [1]
    document = _document(
        "第二部分 普陀区规划和自然资源局 2024 年度部门决算表",
        department="上海市普陀区规划和自然资源局",
    )
    assert not _run("STRUCT-DEPARTMENT", document)
    document.page_headers = [
        PageHeaderLine(9, "编制部门：上海市普陀区财政局", "上海市普陀区财政局", 4)
    ]
    found = _run("STRUCT-DEPARTMENT", document)
    assert [f.line for f in found] == [9] and "第 4 页" in found[0].message
    # a code prefix or (本级) is the same department
    document.page_headers = [
        PageHeaderLine(9, "507-普陀区规划和自然资源局 单位：万元", "507-普陀区规划和自然资源局", 4),
        PageHeaderLine(
            11,
            "部门名称：上海市普陀区规划和自然资源局（本级）",
            "上海市普陀区规划和自然资源局（本级）",
            5,
        ),
    ]
    assert not _run("STRUCT-DEPARTMENT", document)


def test_every_rule_has_an_example() -> None:
    mine = [r for r in all_rules() if r.id.startswith(("TEXT-", "STRUCT-"))]
    assert len(mine) == 15
    assert all(r.example and r.description for r in mine)
