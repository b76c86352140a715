"""Tables by budget unit and 决算 layouts seen in real documents (深圳, 广东 2019 决算),
on small tab-separated texts: the mechanisms, not one document."""

from __future__ import annotations

from decimal import Decimal

from cnbudget.facts import facts
from cnbudget.pipeline import parse_text
from cnbudget.vocabulary.titles import title_kind

T = "\t"


def _facts(text: str) -> dict[tuple[str, str, str], Decimal]:
    document = parse_text(text)
    return {
        (f.table, f.row_code, f.column): f.value
        for f in facts(document)
        if f.value is not None and f.table != "narrative"
    }


def _line(*cells: str) -> str:
    return T.join(cells)


SHENZHEN = "\n".join(
    [
        "2026年深圳市某某局部门预算",
        "二、表格部分",
        "（一）收支总表",
        "（六）财政拨款收支总表",
        "第一部分 部门概况",
        "表1",
        "收支总表",
        "部门名称：深圳市某某局 单位：万元",
        _line("收 入", "", "支 出", ""),
        _line("项 目", "2026 年预算数", "项 目", "2026 年预算数"),
        _line("一、财政拨款", "120.00", "一、一般公共服务支出", "100.00"),
        _line("1.一般公共预算拨款", "120.00", "信访事务", "100.00"),
        _line("二、单位资金", "0.00", "行政运行", "60.00"),
        _line("", "", "信访业务", "40.00"),
        _line("", "", "二、住房保障支出", "25.00"),
        _line("", "", "住房改革支出", "25.00"),
        _line("", "", "住房公积金", "25.00"),
        _line("本年收入合计", "120.00", "本年支出合计", "125.00"),
        _line("上年结余、结转", "5.00", "结转下年", "0.00"),
        _line("1.财政拨款结余、结转", "5.00", "", ""),
        _line("2.非财政拨款结余、结转", "0.00", "", ""),
        _line("收入总计", "125.00", "支出总计", "125.00"),
        "表3",
        "支出总表",
        "部门名称：深圳市某某局 单位：万元",
        _line(
            "预算单位",
            "科目编码",
            "科目名称",
            "支出总计",
            "基本支出",
            "项目支出",
            "2026 年政府采购项目",
            "",
            "",
        ),  # fmt: skip
        _line(
            "",
            "",
            "",
            "",
            "",
            "",
            "小计",
            "其中：2026 年政府采购项目中预留给中小企业的项目资金规模",
            "其中：2026 年政府采购项目中预留给小型、微型企业的项目资金规模",
        ),  # fmt: skip
        _line("深圳市某某局", "", "", "125.00", "85.00", "40.00", "30.00", "10.00", "0.00"),
        _line("", "201", "一般公共服务支出", "100.00", "60.00", "40.00", "30.00", "10.00", "0.00"),
        _line("", "20140", "信访事务", "100.00", "60.00", "40.00", "30.00", "10.00", "0.00"),
        _line("", "2014001", "行政运行", "60.00", "60.00", "0.00", "0.00", "0.00", "0.00"),
        _line("", "2014004", "信访业务", "40.00", "0.00", "40.00", "30.00", "10.00", "0.00"),
        _line("", "221", "住房保障支出", "25.00", "25.00", "0.00", "0.00", "0.00", "0.00"),
        _line("", "22102", "住房改革支出", "25.00", "25.00", "0.00", "0.00", "0.00", "0.00"),
        _line("", "2210201", "住房公积金", "25.00", "25.00", "0.00", "0.00", "0.00", "0.00"),
        "表4",
        "基本支出总表",
        "部门名称：深圳市某某局 单位：万元",
        _line("支出项目类别", "总计", "财政拨款", "", "上年结余、结转"),
        _line("", "", "小计", "一般公共预算拨款", ""),
        _line("深圳市某某局", "85.00", "85.00", "85.00", "0.00"),
        _line("工资福利支出", "80.00", "80.00", "80.00", "0.00"),
        _line("基本工资", "80.00", "80.00", "80.00", "0.00"),
        _line("商品和服务支出", "5.00", "5.00", "5.00", "0.00"),
        _line("办公费", "5.00", "5.00", "5.00", "0.00"),
        "表9",
        "财政拨款“三公”经费支出表",
        "部门名称：深圳市某某局 单位：万元",
        _line("预算单位", "年度", "总计", "", "公务接待费", ""),
        _line("", "", "一般公共预算", "政府性基金预算", "一般公共预算", "政府性基金预算"),
        _line("深圳市某某局", "2025 年", "3.00", "0.00", "3.00", "0.00"),
        _line("", "2026 年", "2.00", "0.00", "2.00", "0.00"),
        _line("", "增减变化金额", "-1.00", "0.00", "-1.00", "0.00"),
    ]
)


def test_shenzhen_tables_by_unit() -> None:
    got = _facts(SHENZHEN)
    # a table-of-contents entry is no table; the summary prints 款/项 by name only
    assert got[("summary", "20140", "amount")] == Decimal("100.00")
    assert got[("summary", "2014004", "amount")] == Decimal("40.00")
    assert got[("summary", "2210201", "amount")] == Decimal("25.00")
    assert got[("summary", "income.carryover.fiscal", "amount")] == Decimal("5.00")
    assert got[("summary", "income.carryover.non_fiscal", "amount")] == Decimal("0.00")
    # the department's own row is the total; 政府采购 columns
    assert got[("expenditure", "total", "total")] == Decimal("125.00")
    assert got[("expenditure", "2014004", "procurement")] == Decimal("30.00")
    assert got[("expenditure", "2014004", "procurement.sme")] == Decimal("10.00")
    assert got[("expenditure", "total", "procurement.small_micro")] == Decimal("0.00")
    # economic rows by name take their catalogue codes
    assert got[("basic", "30101", "fiscal.general")] == Decimal("80.00")
    assert got[("basic", "302", "fiscal")] == Decimal("5.00")
    assert got[("basic", "30201", "carryover")] == Decimal("0.00")
    # “三公” by source with rows by year
    assert got[("three_public", "reception", "fiscal.general")] == Decimal("2.00")
    assert got[("three_public", "total", "prior_year.fiscal.general")] == Decimal("3.00")
    assert got[("three_public", "total", "change.fiscal.general")] == Decimal("-1.00")
    assert not [k for k in got if k[0] == "fiscal_summary"]


FINAL = "\n".join(
    [
        "2019年某某局部门决算",
        "表1",
        "收入支出决算总表",
        "部门： 某某局 单位：万元",
        _line("收入", "", "", "支出", "", ""),
        _line("项 目", "行次", "决算数", "项 目", "行次", "决算数"),
        _line("栏 次", "", "1", "栏 次", "", "2"),
        _line("一、一般公共预算财政拨款收入", "1", "10.00", "一、一般公共服务支出", "4", "9.00"),
        _line("", "2", "", "二、住房保障支出", "5", "1.00"),
        _line("本年收入合计", "3", "10.00", "本年支出合计", "6", "10.00"),
        _line("年初结转和结余", "7", "0.00", "结余分配", "9", "0.00"),
        _line("总计", "8", "10.00", "总计", "10", "10.00"),
        "表7",
        "一般公共预算财政拨款“三公”经费支出决算表",
        "部门： 某某局 单位：万元",
        _line("预算数", "", "", "决算数", "", ""),
        _line("合计", "因公出国（境）费", "公务接待费", "合计", "因公出国（境）费", "公务接待费"),
        _line("1", "2", "3", "4", "5", "6"),
        _line("1.00", "0.00", "1.00", "0.50", "0.00", "0.50"),
    ]
)


def test_final_accounts_row_numbers_and_phases() -> None:
    got = _facts(FINAL)
    assert got[("summary", "income.general", "amount")] == Decimal("10.00")
    assert got[("summary", "221", "amount")] == Decimal("1.00")
    assert got[("summary", "income.carryover", "amount")] == Decimal("0.00")
    assert got[("summary", "expenditure.balance_distribution", "amount")] == Decimal("0.00")
    assert got[("summary", "income.grand_total", "amount")] == Decimal("10.00")
    assert got[("summary", "expenditure.grand_total", "amount")] == Decimal("10.00")
    # no 行次 number became an amount
    assert {v for k, v in got.items() if k[0] == "summary"} <= {
        Decimal("10.00"),
        Decimal("9.00"),
        Decimal("1.00"),
        Decimal("0.00"),
    }
    assert got[("three_public", "reception", "budget_initial")] == Decimal("1.00")
    assert got[("three_public", "reception", "final")] == Decimal("0.50")
    assert got[("three_public", "total", "final")] == Decimal("0.50")


def test_titles_naming_their_classification() -> None:
    assert title_kind("一般公共预算支出表（按功能分类）") == "general_expenditure"
    assert title_kind("一般公共预算支出表（按经济分类）") == "economic_summary"
    assert title_kind("一般公共预算基本支出表（按经济分类）") == "general_basic"
