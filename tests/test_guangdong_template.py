"""Guangdong 市级 template (Guangzhou, Zhuhai): title suffixes, bracketed codes, scope and
funding-source header groups, one-amount-column tables, units and economic classes by
name, projects with a 绩效目标 text column, the 三公 table as a vertical list."""

from __future__ import annotations

import functools
from decimal import Decimal

import pytest

from cnbudget.facts import facts
from cnbudget.pipeline import parse_text
from cnbudget.validate import check
from cnbudget.vocabulary.titles import title_kind

DOCUMENT = """目 录
第二部分 2026年部门预算表
五、一般公共预算支出情况表（按功能分类科目）
六、一般公共预算基本支出情况表（按经济分类科目）
七、一般公共预算项目支出情况表（按经济分类科目）
第二部分 2026年部门预算表
表5
一般公共预算支出情况表（按功能分类科目）
单位名称：某某局\t单位：万元
功能科目名称\t一般公共预算支出\t\t
\t小计\t其中：基本支出\t项目支出
合计\t30.00\t20.00\t10.00
[201]一般公共服务支出\t30.00\t20.00\t10.00
[20140]信访事务\t30.00\t20.00\t10.00
[2014001]行政运行\t20.00\t20.00\t0.00
[2014004]信访业务\t10.00\t0.00\t10.00
注：无。
表7
一般公共预算项目支出情况表（按经济分类科目）
单位名称：某某局\t单位：万元
部门预算支出经济科目\t预算
合计\t10.00
[302]商品和服务支出\t10.00
[30201]办公费\t4.00
[30227]委托业务费\t6.00
注：无。
表8
财政拨款安排的行政经费及“三公”经费预算表
单位名称：某某局\t单位：万元
项目\t合计\t一般公共预算\t政府性基金预算\t国有资本经营预算
行政经费\t44.39\t44.39\t0.00\t0.00
“三公”经费\t4.80\t4.80\t0.00\t0.00
其中：（一）因公出国（境）支出\t0.00\t0.00\t0.00\t0.00
（二）公务用车购置及运行维护支出\t2.50\t2.50\t0.00\t0.00
1.公务用车购置费\t0.00\t0.00\t0.00\t0.00
2.公务用车运行维护费\t2.50\t2.50\t0.00\t0.00
（三）公务接待费支出\t2.30\t2.30\t0.00\t0.00
注：无。
表11
部门预算基本支出预算表
单位名称：某某局\t单位：万元
支出项目类别（资金使用单位）\t总计\t财政拨款\t\t\t\t财政专户拨款\t其他资金
\t\t合计\t一般公共预算\t政府性基金预算\t国有资本经营预算\t\t
合计\t20.00\t20.00\t20.00\t0.00\t0.00\t0.00\t0.00
某某局（本级）\t15.00\t15.00\t15.00\t0.00\t0.00\t0.00\t0.00
工资福利支出\t12.00\t12.00\t12.00\t0.00\t0.00\t0.00\t0.00
商品和服务支出\t3.00\t3.00\t3.00\t0.00\t0.00\t0.00\t0.00
某某少年宫\t5.00\t5.00\t5.00\t0.00\t0.00\t0.00\t0.00
工资福利支出\t5.00\t5.00\t5.00\t0.00\t0.00\t0.00\t0.00
注：无。
表12
部门预算项目支出及其他支出预算表
单位名称：某某局\t单位：万元
支出项目类别（资金使用单位）\t总计\t财政拨款\t\t\t\t财政专户拨款\t其他资金\t绩效目标
\t\t合计\t一般公共预算\t政府性基金预算\t国有资本经营预算\t\t\t
合计\t10.00\t10.00\t10.00\t0.00\t0.00\t0.00\t0.00\t
某某局\t10.00\t10.00\t10.00\t0.00\t0.00\t0.00\t0.00\t
辅助人员补助经费-某某边检总站\t4.00\t4.00\t4.00\t0.00\t0.00\t0.00\t0.00\t做好保障工作，确保正常运转，为群众提供安全、有序的办公场所。
信访业务经费\t6.00\t6.00\t6.00\t0.00\t0.00\t0.00\t0.00\t推进依法分类处理群众信访诉求，完善工作机制；加强重点时期保障。
注：无。
第三部分 2026年部门预算情况说明
"""


@functools.cache
def _facts() -> dict[tuple[str, str, str], Decimal]:
    return {(f.table, f.row_code, f.column): f.value for f in facts(parse_text(DOCUMENT))}


def test_title_suffixes_and_kinds() -> None:
    assert title_kind("五、一般公共预算支出情况表（按功能分类科目）") == "general_expenditure"
    assert title_kind("一般公共预算基本支出情况表（按经济分类科目）") == "general_basic"
    assert title_kind("一般公共预算项目支出情况表（按经济分类科目）") == "general_project"
    assert title_kind("一般公共预算支出表（功能科目）") == "general_expenditure"
    assert title_kind("部门收支总表（预算表1）") == "summary"


def test_table_of_contents_is_not_a_table() -> None:
    document = parse_text(DOCUMENT)
    lines = {table.kind: table.line for table in document.tables}
    # the 表5 title, not the contents line (五、…（按功能分类科目）)
    title = DOCUMENT.splitlines().index("一般公共预算支出情况表（按功能分类科目）") + 1
    assert lines["general_expenditure"] == title
    assert sorted(lines) == sorted(
        ["general_expenditure", "general_project", "three_public", "basic", "projects"]
    )


# (table, row code, column, value): one fact per mechanism
EXPECTED = """
general_expenditure total total 30.00
general_expenditure 201 basic 20.00
general_expenditure 2014004 project 10.00
general_project total total 10.00
general_project 30227 total 6.00
three_public operating_costs amount 44.39
three_public total fiscal.general 4.80
three_public vehicles.operation amount 2.50
three_public reception fiscal.soe 0.00
three_public overseas amount 0.00
basic unit:某某局（本级） total 15.00
basic unit:某某少年宫 fiscal 5.00
basic 301@某某局（本级） fiscal.general 12.00
basic 301@某某少年宫 total 5.00
basic 302 special_account 0.00
basic total other 0.00
projects unit:某某局 total 10.00
projects project:辅助人员补助经费-某某边检总站 total 4.00
projects project:信访业务经费 fiscal.general 6.00
"""


@pytest.mark.parametrize("line", EXPECTED.strip().splitlines())
def test_fact(line: str) -> None:
    # 辅助人员补助经费-某某边检总站 is named like a unit, but its amount is not the sum of
    # the rows below it: a project. 预算 alone heads 表7: `total`. 小计 under 一般公共预算支出
    # is `total` (the group names the scope).
    table, code, column, value = line.split()
    assert _facts()[(table, code, column)] == Decimal(value)


def test_no_scope_or_text_columns() -> None:
    found = _facts()
    assert not any(k[0] == "general_expenditure" and k[2] == "fiscal.general" for k in found)
    columns = "total fiscal fiscal.general fiscal.gov_fund fiscal.soe special_account other"
    assert {k[2] for k in found if k[0] == "projects"} == set(columns.split())


SUMMARIES = """表1
收支总体情况表
单位名称：某某局\t单位：万元
收入\t\t支出\t
项目\t预算\t项目\t预算
一、预算拨款\t{fiscal}\t一、一般公共服务支出\t30.00
二、财政专户拨款\t0.00\t\t
三、事业收入\t{business}\t\t
本年收入合计\t30.00\t本年支出合计\t30.00
上年结转结余\t0.00\t结转结余下年\t0.00
收入总计\t30.00\t支出总计\t30.00
表4
财政拨款收支总体情况表
单位名称：某某局\t单位：万元
收入\t\t支出\t
项目\t预算\t项目\t预算
一、一般公共预算\t{fiscal}\t一、一般公共服务支出\t{fiscal}
本年收入合计\t{fiscal}\t本年支出合计\t{fiscal}
收入总计\t{fiscal}\t支出总计\t{fiscal}
"""


def test_fiscal_summary_is_a_part_when_there_is_other_money() -> None:
    document = parse_text(SUMMARIES.format(fiscal="20.00", business="10.00"))
    assert document.table("fiscal_summary") is not None
    found = [f for f in check(document).findings if f.rule == "CROSS-FUNCTION-TOTALS"]
    assert not found
    # the same document with all money from appropriations, 201 printed differently
    changed = SUMMARIES.format(fiscal="30.00", business="0.00").replace(
        "一、一般公共服务支出\t30.00\n本年收入合计\t30.00",
        "一、一般公共服务支出\t29.00\n本年收入合计\t30.00",
    )
    found = [f for f in check(parse_text(changed)).findings if f.rule == "CROSS-FUNCTION-TOTALS"]
    assert [f.row for f in found] == ["201"]


def test_bracketed_codes_in_space_separated_text() -> None:
    spaced = facts(parse_text(DOCUMENT.replace("\t", " ")))
    found = {(f.table, f.row_code, f.column): f.value for f in spaced}
    assert found[("general_expenditure", "2014004", "project")] == Decimal("10.00")
    assert found[("general_project", "30227", "total")] == Decimal("6.00")
    assert not [f for f in spaced if f.row_code.startswith("other:")]
