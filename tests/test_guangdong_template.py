"""Guangdong 市级 template (Guangzhou, Zhuhai): title suffixes, bracketed codes, scope and
funding-source header groups, one-amount-column tables, units and economic classes by
name, projects with a 绩效目标 text column, the 三公 table as a vertical list."""

from __future__ import annotations

from decimal import Decimal

from cnbudget.facts import facts
from cnbudget.pipeline import parse_text
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
某某服务中心\t5.00\t5.00\t5.00\t0.00\t0.00\t0.00\t0.00
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


def test_bracketed_codes_and_scope_group() -> None:
    found = _facts()
    assert found[("general_expenditure", "total", "total")] == Decimal("30.00")
    assert found[("general_expenditure", "201", "basic")] == Decimal("20.00")
    assert found[("general_expenditure", "2014004", "project")] == Decimal("10.00")
    assert not any(k[0] == "general_expenditure" and k[2] == "fiscal.general" for k in found)


def test_one_amount_column_is_total() -> None:
    found = _facts()
    assert found[("general_project", "total", "total")] == Decimal("10.00")
    assert found[("general_project", "30227", "total")] == Decimal("6.00")


def test_three_public_vertical_list_with_operating_costs() -> None:
    found = _facts()
    assert found[("three_public", "operating_costs", "amount")] == Decimal("44.39")
    assert found[("three_public", "total", "fiscal.general")] == Decimal("4.80")
    assert found[("three_public", "vehicles.operation", "amount")] == Decimal("2.50")
    assert found[("three_public", "reception", "fiscal.soe")] == Decimal("0.00")
    assert found[("three_public", "overseas", "amount")] == Decimal("0.00")


def test_units_and_economic_classes_by_name() -> None:
    found = _facts()
    assert found[("basic", "unit:某某局（本级）", "total")] == Decimal("15.00")
    assert found[("basic", "unit:某某服务中心", "fiscal")] == Decimal("5.00")
    assert found[("basic", "301@某某局（本级）", "fiscal.general")] == Decimal("12.00")
    assert found[("basic", "301@某某服务中心", "total")] == Decimal("5.00")
    assert found[("basic", "302", "special_account")] == Decimal("0.00")
    assert found[("basic", "total", "other")] == Decimal("0.00")


def test_projects_units_by_sum_and_text_column() -> None:
    found = _facts()
    assert found[("projects", "unit:某某局", "total")] == Decimal("10.00")
    # named like a unit, but its amount is not the sum of the rows below: a project
    assert found[("projects", "project:辅助人员补助经费-某某边检总站", "total")] == Decimal("4.00")
    assert found[("projects", "project:信访业务经费", "fiscal.general")] == Decimal("6.00")
    assert not any("绩效" in k[2] for k in found)
