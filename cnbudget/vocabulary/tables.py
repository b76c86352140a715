"""Chinese names of the canonical table kinds (docs/canonical-facts.md), shared by every output."""

from __future__ import annotations

TABLE_NAMES: dict[str, str] = {
    "summary": "收支总表",
    "income": "收入总表",
    "expenditure": "支出总表",
    "fiscal_summary": "财政拨款收支总表",
    "general_expenditure": "一般公共预算支出表",
    "general_basic": "一般公共预算基本支出表",
    "general_project": "一般公共预算项目支出表",
    "three_public": "“三公”经费表",
    "gov_fund_expenditure": "政府性基金预算支出表",
    "soe_expenditure": "国有资本经营预算支出表",
    "basic": "基本支出表",
    "economic_summary": "支出经济分类汇总表",
    "projects": "项目支出表",
    "procurement": "政府采购表",
    "assets": "固定资产占用表",
    "operating_costs": "机关运行经费表",
    "performance": "项目绩效目标表",
    "dept_performance": "部门整体绩效目标表",
    "narrative": "情况说明（文字）",
}


def table_name(kind: str) -> str:
    """The Chinese name of a table kind (the kind itself when unknown)."""
    return TABLE_NAMES.get(kind, kind)
