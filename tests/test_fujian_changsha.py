"""Mechanisms found on the Fujian (泉州, 福州) and Hunan 长沙 templates, on small tables."""

from __future__ import annotations

from decimal import Decimal

from cnbudget.facts import facts
from cnbudget.model import Document
from cnbudget.pipeline import parse_text
from cnbudget.validate import check


def _values(document: Document, table: str) -> dict[tuple[str, str], Decimal | None]:
    return {(f.row_code, f.column): f.value for f in facts(document) if f.table == table}


# 福建: a section heading (八、…) above the table's own title (2026 年度…表), one 预算数
# column, the 一般公共预算 economic table at 类 level; the next table's heading follows.
DOUBLE_TITLES = """八、一般公共预算支出经济分类情况表
2026 年度一般公共预算支出经济分类情况表
单位：万元
科目编码\t科目名称\t预算数
合计\t\t30.00
301\t工资福利支出\t20.00
302\t商品和服务支出\t10.00
九、一般公共预算基本支出经济分类情况表
2026 年度一般公共预算基本支出经济分类情况表
单位：万元
科目编码\t科目名称\t预算数
合计\t\t20.00
301\t工资福利支出\t20.00
30101\t基本工资\t20.00
"""


def test_heading_above_title_and_one_amount_column() -> None:
    document = parse_text(DOUBLE_TITLES)
    assert [t.kind for t in document.tables] == ["economic_summary", "general_basic"]
    economic = _values(document, "economic_summary")
    assert economic == {
        ("total", "total"): Decimal("30.00"),
        ("301", "total"): Decimal("20.00"),
        ("302", "total"): Decimal("10.00"),
    }
    assert _values(document, "general_basic")[("30101", "total")] == Decimal("20.00")
    assert not any(n.code in ("unparsed-row", "unknown-row") for n in document.notices)


# 福建 收入预算总表 by budget unit, units printed by name only (no code)
UNITS_BY_NAME = """2026 年度收入预算总表
单位：万元
单位名称\t总计\t一般公共预算拨款收入\t其他收入
合计\t15.00\t10.00\t5.00
某某市机关事务服务中心\t12.00\t7.00\t5.00
某某市人民政府办公室\t3.00\t3.00\t0.00
"""


def test_units_printed_by_name() -> None:
    values = _values(parse_text(UNITS_BY_NAME), "income")
    assert values[("unit:某某市机关事务服务中心", "other")] == Decimal("5.00")
    assert values[("unit:某某市人民政府办公室", "fiscal.general")] == Decimal("3.00")


# 长沙: 类/款/项 columns, a column-number row, 本级财政拨款 › 金额 / 其中:经费拨款,
# empty cells blank, a note under the table
CHANGSHA_INCOME = """2026年部门收入总体情况表
部门名称：某某局 单位：万元
类\t款\t项\t功能科目\t合计\t本级财政拨款\t\t财政专户管理事业收入\t其它收入\t上年结转
\t\t\t\t\t金额\t其中:经费拨款\t\t\t
**\t**\t**\t**\t1\t2\t3\t4\t5\t6
\t\t\t合计\t9.00\t8.00\t8.00\t\t1.00\t
201\t\t\t一般公共服务支出\t9.00\t8.00\t8.00\t\t1.00\t
\t40\t\t信访事务\t9.00\t8.00\t8.00\t\t1.00\t
201\t40\t01\t行政运行\t9.00\t8.00\t8.00\t\t1.00\t
注：本表反映部门本年度取得的各项收入情况。
"""


def test_column_number_row_and_fiscal_group() -> None:
    document = parse_text(CHANGSHA_INCOME)
    values = _values(document, "income")
    assert values[("2014001", "fiscal")] == Decimal("8.00")
    assert values[("2014001", "fiscal.general.grant")] == Decimal("8.00")
    assert values[("2014001", "other")] == Decimal("1.00")
    assert ("20140", "total") in values
    assert not [n for n in document.notices if n.table == "income"]


# 福建 财政拨款收支预算总表: one 预算数 column per side, 收入合计 / 支出合计 last, no 总计
FISCAL_ONE_COLUMN = """2026 年度财政拨款收支预算总表
单位：万元
收入\t\t支出\t
项目\t预算数\t项目\t预算数
一、一般公共预算拨款收入\t10.00\t一、一般公共服务支出\t6.00
二、政府性基金预算拨款收入\t0.00\t八、社会保障和就业支出\t4.00
收入合计\t10.00\t支出合计\t10.00
"""


def test_fiscal_summary_with_one_column_and_last_totals() -> None:
    document = parse_text(FISCAL_ONE_COLUMN)
    values = _values(document, "fiscal_summary")
    assert values[("201", "total")] == Decimal("6.00")
    assert values[("income.grand_total", "amount")] == Decimal("10.00")
    assert values[("expenditure.grand_total", "total")] == Decimal("10.00")
    assert not [f for f in check(document).findings if f.rule == "TOTAL-ROWS"]


# 长沙: project targets as one ruled table, a project continued on the next page, and the
# department's overall target with its budget split
LISTED_TARGETS = """2026年项目支出绩效目标表
部门名称：某某局 单位：万元
单位编码\t单位（项目）名称\t资金总额\t绩效目标\t绩效指标\t\t\t\t\t\t
\t\t\t\t一级指标\t二级指标\t三级指标\t指标值\t指标值内容\t度量单位\t指标值类型
合计\t\t30.00\t\t\t\t\t\t\t\t
126001\t某某局\t30.00\t\t\t\t\t\t\t\t
126001\t甲专项\t30.00\t做好甲工作。\t成本指标\t经济成本指标\t总成本\t30\t不超过预算\t万元\t≤
\t\t\t\t产出指标\t数量指标\t接待人次\t3000\t接待群众\t人次\t≥
2026年项目支出绩效目标表
部门名称：某某局 单位：万元
单位编码\t单位（项目）名称\t资金总额\t绩效目标\t绩效指标\t\t\t\t\t\t
\t\t\t\t一级指标\t二级指标\t三级指标\t指标值\t指标值内容\t度量单位\t指标值类型
126001\t甲专项\t30.00\t做好甲工作。\t产出指标\t时效指标\t按期办结率\t95\t按期\t%\t≥
\t\t\t\t满意度指标\t服务对象满意度指标\t群众满意度\t90\t满意\t%\t≥
2026年部门整体支出绩效目标表
部门名称：某某局 单位：万元
单位编码\t单位名称\t年度预算申请\t\t\t\t\t整体绩效目标\t一级指标\t二级指标\t三级指标\t指标值类型\t指标值\t计量单位
\t\t资金总额\t按收入性质分\t\t按支出性质分\t\t\t\t\t\t\t
\t\t\t一般公共预算\t其他资金\t基本支出\t项目支出\t\t\t\t\t\t
126001\t某某局\t50.00\t50.00\t\t20.00\t30.00\t履职。\t产出指标\t数量指标\t办理件数\t≥\t100\t件
"""


def test_listed_performance_targets() -> None:
    document = parse_text(FISCAL_ONE_COLUMN + LISTED_TARGETS)
    assert [p.name for p in document.performance] == ["甲专项"]
    project = document.performance[0]
    assert project.total == Decimal("30.00") and project.unit_code == "126001"
    assert [(i.level1, i.name, i.comparator, i.number, i.unit) for i in project.indicators] == [
        ("成本指标", "总成本", "≤", Decimal("30"), "万元"),
        ("产出指标", "接待人次", "≥", Decimal("3000"), "人次"),
        ("产出指标", "按期办结率", "≥", Decimal("95"), "%"),
        ("满意度指标", "群众满意度", "≥", Decimal("90"), "%"),
    ]
    target = document.dept_performance
    assert target is not None and target.department == "某某局"
    assert target.budget == {
        "total": Decimal("50.00"),
        "fiscal.general": Decimal("50.00"),
        "basic": Decimal("20.00"),
        "project": Decimal("30.00"),
    }
    assert [(i.name, i.comparator, i.number) for i in target.indicators] == [
        ("办理件数", "≥", Decimal("100"))
    ]
    assert _values(document, "performance") == {("project:甲专项", "total"): Decimal("30.00")}
