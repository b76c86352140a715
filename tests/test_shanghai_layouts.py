"""Layouts of the Shanghai 区级 templates, in small tab-separated tables (cell grids)."""

from __future__ import annotations

from decimal import Decimal

from cnbudget.facts import facts
from cnbudget.pipeline import parse_text


def _table_facts(text: str) -> dict[tuple[str, str, str], Decimal]:
    document = parse_text(text)
    return {
        (f.table, f.row_code, f.column): Decimal(str(f.value))
        for f in facts(document)
        if f.table not in ("narrative", "performance", "dept_performance")
    }


def test_zeros_lone_total_row_and_clipped_class_code() -> None:
    text = "\n".join(
        [
            "2024年部门支出预算总表",
            "编制部门：某单位 单位：元",
            "项目\t\t\t\t支出预算\t\t",
            "功能分类科目编码\t\t\t功能分类科目名称\t合计\t基本支出\t项目支出",
            "类\t款\t项\t\t\t\t",
            "210\t\t\t卫生健康支出\t503,724\t503,724\t0",
            "210\t11\t\t行政事业单位医疗\t503,724\t503,724\t0",
            "7\t11\t02\t事业单位医疗\t503,724\t503,724\t0",
            "",
            "合计\t503,724\t503,724\t0",  # alone on a page: a grid of its own
        ]
    )
    document = parse_text(text)
    got = _table_facts(text)
    assert got[("expenditure", "2101102", "total")] == Decimal("50.3724")
    assert got[("expenditure", "2101102", "project")] == 0  # a printed 0 is a fact
    assert got[("expenditure", "total", "basic")] == Decimal("50.3724")
    assert [n.code for n in document.notices if n.code == "clipped-code"] == ["clipped-code"]


def test_side_by_side_basic_final_table() -> None:
    text = "\n".join(
        [
            "一般公共预算财政拨款基本支出决算表",
            "单位：万元",
            "经济分类科目编码\t科目名称\t决算数\t经济分类科目编码\t科目名称\t决算数",
            "301\t工资福利支出\t95.36\t302\t商品和服务支出\t10.23",
            "30101\t基本工资\t95.36\t30201\t办公费\t10.23",
            "\t\t\t310\t资本性支出\t0.00",
            "人员经费合计\t\t95.36\t公用经费合计\t\t10.23",
        ]
    )
    got = _table_facts(text)
    assert got[("general_basic", "301", "total")] == Decimal("95.36")
    assert got[("general_basic", "302", "total")] == Decimal("10.23")
    assert got[("general_basic", "30201", "total")] == Decimal("10.23")
    assert got[("general_basic", "310", "total")] == 0
    assert got[("general_basic", "total", "basic.personnel")] == Decimal("95.36")
    assert got[("general_basic", "total", "basic.public")] == Decimal("10.23")
    assert ("general_basic", "total", "total") not in got


def test_summary_without_carryover_rows_needs_no_current_totals() -> None:
    from cnbudget.pipeline import parse_file
    from cnbudget.validate import check

    from .conftest import REAL_CORPUS

    document = parse_file(REAL_CORPUS / "shanghai-putuo-wanli-2025-budget-dept.pdf")
    codes = {f.rule for f in check(document).findings}
    # 收入总计 / 支出总计 only: no carry-over rows, so no 本年收入合计 is missing
    assert "TOTAL-ROWS" not in codes
    # the document's own 1 元 defect (21201 printed 94,995,790, its 项 add up to ...789)
    assert "SUM-CHILDREN" in codes or "ROW-IDENTITY" in codes
