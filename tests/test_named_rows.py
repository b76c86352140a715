"""Tables printing classification rows by name only, units by name, titles glued to the
page header (the 杭州 template and its kin): each mechanism on a small text."""

from __future__ import annotations

from cnbudget.facts import facts
from cnbudget.layout.header import parse_tab_header
from cnbudget.layout.sections import split
from cnbudget.model import SourceLine
from cnbudget.pipeline import parse_text
from cnbudget.vocabulary.codes_by_name import CodesByName
from cnbudget.vocabulary.columns import column_key
from cnbudget.vocabulary.titles import title_kind

EXPENDITURE = """表3：2026年市级部门支出预算总表
部门名称：某某局 单位：万元
功能分类科目名称\t总计\t基本支出\t\t项目支出\t事业单位经营支出
\t\t人员支出\t日常公用支出\t\t
**\t1\t2\t3\t4\t5
合计\t130.00\t80.00\t20.00\t30.00\t
社会保障和就业支出\t100.00\t80.00\t20.00\t\t
行政事业单位养老支出\t100.00\t80.00\t20.00\t\t
行政单位离退休\t100.00\t80.00\t20.00\t\t
自然资源海洋气象等支出\t30.00\t\t\t30.00\t
气象事务\t30.00\t\t\t30.00\t
行政运行\t30.00\t\t\t30.00\t
"""

THREE_PUBLIC = """表7：2026年市级部门一般公共预算“三公”经费预算表部门名称：某某局 单位：万元
单位名称\t“三公”经费合计\t因公出国(境)费用\t公务用车购置及运行费\t\t\t公务接待费
\t\t\t小计\t公务用车购置费\t公务用车运行维护费\t
**\t1\t2\t3\t4\t5\t6
合计\t3.00\t\t2.00\t\t2.00\t1.00
某某局\t3.00\t\t2.00\t\t2.00\t1.00
某某局\t1.00\t\t\t\t\t1.00
某某服务中心（某某发布中心）\t2.00\t\t2.00\t\t2.00\t
表8：2026年市级部门政府性基金预算支出预算表
部门名称：某某局 单位：万元
功能分类科目名称\t本年政府性基金预算支出\t\t
\t合 计\t基本支出\t项目支出
**\t1\t2\t3
合计\t\t\t
备注：本部门没有政府性基金预算拨款安排的支出，故本表无数据。
"""


def _facts(text: str) -> dict[tuple[str, str, str], str]:
    return {(f.table, f.row_code, f.column): str(f.value) for f in facts(parse_text(text))}


def test_function_names_take_codes_under_their_parents() -> None:
    got = _facts(EXPENDITURE)
    assert got[("expenditure", "208", "basic.public")] == "20.00"
    assert got[("expenditure", "20805", "total")] == "100.00"
    assert got[("expenditure", "2080501", "basic.personnel")] == "80.00"
    # 行政运行 is a 项 of many 款: the one under 气象事务
    assert got[("expenditure", "2200501", "project")] == "30.00"
    # the column-number row does not extend 日常公用支出 over 项目支出
    assert got[("expenditure", "total", "project")] == "30.00"
    assert not any(column == "operating_expenditure" for _t, _c, column in got)


def test_codes_by_name_follow_the_rows_above() -> None:
    names = CodesByName()
    found = [names.resolve(n) for n in ("卫生健康支出", "行政事业单位医疗", "行政单位医疗")]
    assert found == ["210", "21011", "2101101"]
    assert names.resolve("行政运行") is None  # no 行政运行 under 21011 nor 210 in the catalogue
    economic = CodesByName(economic=True)
    found = [
        economic.resolve(n) for n in ("工资福利支出", "医疗费", "对个人和家庭的补助", "医疗费补助")
    ]
    assert found == ["301", "30114", "303", "30307"]
    assert economic.resolve("某某局") is None


def test_column_number_row_spans_nothing() -> None:
    rows = [line.split("\t") for line in EXPENDITURE.splitlines()[2:5]]
    keys = [column_key(path) for _j, path in sorted(parse_tab_header(rows).items())]
    assert keys == ["total", "basic.personnel", "basic.public", "project", "operating_expenditure"]


def test_title_glued_to_page_header_and_remark_note() -> None:
    lines = [SourceLine(i, t) for i, t in enumerate(THREE_PUBLIC.splitlines(), start=1)]
    layout = split(lines)
    assert [b.kind for b in layout.blocks] == ["three_public", "gov_fund_expenditure"]
    assert layout.blocks[0].title.endswith("经费预算表")
    assert layout.headers[0].department == "某某局"
    document = parse_text(THREE_PUBLIC)
    empty = next(t for t in document.tables if t.kind == "gov_fund_expenditure")
    assert empty.empty_note and "无数据" in empty.empty_note
    assert title_kind("表11：2026年市级部门项目支出绩效表") == "performance"


def test_three_public_by_unit() -> None:
    got = _facts(THREE_PUBLIC)
    assert got[("three_public", "total", "amount")] == "3.00"
    assert got[("three_public", "reception", "amount")] == "1.00"
    assert got[("three_public", "unit:某某局", "vehicles.operation")] == "2.00"
    # the 本级 unit printed under the department with the same name
    assert got[("three_public", "unit:某某局@2", "reception")] == "1.00"
    assert got[("three_public", "unit:某某服务中心（某某发布中心）", "vehicles")] == "2.00"
    assert ("three_public", "unit:某某局@2", "vehicles") not in got


def test_last_contents_line_before_a_chapter_is_not_a_title() -> None:
    text = "（十）2026年市级部门项目支出预算表\n（十一）2026年市级部门项目支出绩效表\n一、部门概况\n（一）主要职能"
    lines = [SourceLine(i, t) for i, t in enumerate(text.splitlines(), start=1)]
    assert split(lines).blocks == []


def test_scope_group_and_empty_note_without_prefix() -> None:
    text = (
        "表08\n2026年市级部门政府性基金预算支出表\n507-某某委员会 单位：万元\n"
        "科目编码\t科目名称\t本年政府性基金预算支出\t\t\n\t\t合 计\t基本支出\t项目支出\n"
        "**\t**\t1\t2\t3\n\t合计\t5.00\t\t5.00\n212\t城乡社区支出\t5.00\t\t5.00\n"
        "表09\n2026年市级部门国有资本经营预算支出表\n507-某某委员会 单位：万元\n"
        "科目编码\t科目名称\t项目支出\n**\t**\t1\n\t合计\t\n"
        "某某委员会2026年没有使用国有资本经营预算拨款安排的支出，故此表无数据。\n"
    )
    got = _facts(text)
    assert got[("gov_fund_expenditure", "212", "total")] == "5.00"
    assert got[("gov_fund_expenditure", "total", "project")] == "5.00"
    soe = next(t for t in parse_text(text).tables if t.kind == "soe_expenditure")
    assert soe.empty_note and "无数据" in soe.empty_note


def test_hangzhou_identities_hold() -> None:
    """Units by name nest under the department row, 款/项 rows of a summary are not added
    to the classes again, a 支出总表 without a 基本支出 column says nothing about it."""
    from cnbudget.pipeline import parse_file
    from cnbudget.validate import check

    from .conftest import REAL_CORPUS

    document = parse_file(REAL_CORPUS / "hangzhou-meteorology-2026-budget-dept.pdf")
    report = check(document)
    assert [f.message for f in report.by_severity("error")] == []
    assert report.evaluated.get("SUM-CHILDREN", 0) > 50


def test_listed_performance_table() -> None:
    text = (
        "表11：2026年市级部门项目支出绩效表\n部门名称：某某局 单位:万元\n"
        "单位名称\t项目名称\t金额\t绩效目标\n**\t**\t**\t**\n合计\t\t12.50\t\n"
        "某某局\t设施维护\t10.00\t保障设备正常运行，\n\t\t\t全年不少于12次。\n"
        "某某中心\t专业系统维护\t2.50\t系统稳定运行。\n"
    )
    document = parse_text(EXPENDITURE + text)
    got = [(p.name, p.unit, str(p.total), p.goal) for p in document.performance]
    assert got == [
        ("设施维护", "某某局", "10.00", "保障设备正常运行，全年不少于12次。"),
        ("专业系统维护", "某某中心", "2.50", "系统稳定运行。"),
    ]
