"""Chinese labels for table kinds, column keys, row keys and severities shown in the web UI."""

from __future__ import annotations

from cnbudget.validate.labels import COLUMNS
from cnbudget.vocabulary.tables import TABLE_NAMES

TABLES: dict[str, str] = {
    **TABLE_NAMES,
    "narrative": "情况说明中的数字",
    "prose": "文字说明",
}

_EXTRA_COLUMNS: dict[str, str] = {
    "amount": "金额",
    "prior_year": "上年数",
    "budget_initial": "年初预算数",
    "budget_adjusted": "调整预算数",
    "final": "决算数",
    "quantity": "数量",
    "value": "价值",
    "category": "项目类别",
    "unit": "单位编码",
    "reserve": "单位预留机动经费",
    "carryover.general": "一般公共预算",
    "carryover.gov_fund": "政府性基金预算",
    "carryover.soe": "国有资本经营预算",
    "carryover.special_account": "财政专户管理资金",
    "carryover.unit_funds": "单位资金",
    # narrative facts (docs/canonical-facts.md, “Narrative facts”)
    "income_total": "收入总计",
    "expenditure_total": "支出总计",
    "change": "比上年增减",
    "general": "一般公共预算",
    "gov_fund": "政府性基金预算",
    "three_public_total": "“三公”经费合计",
    "three_public.overseas": "因公出国（境）费",
    "three_public.vehicles": "公务用车购置及运行费",
    "three_public.vehicles.purchase": "公务用车购置费",
    "three_public.vehicles.operation": "公务用车运行维护费",
    "three_public.reception": "公务接待费",
    "operating_costs": "机关运行经费",
    "procurement_total": "政府采购合计",
    "procurement.goods": "货物",
    "procurement.works": "工程",
    "procurement.services": "服务",
    "vehicles_count": "车辆数（辆）",
    "performance_projects": "绩效管理项目数（个）",
    "performance_funds": "绩效管理资金",
}

SEVERITIES: dict[str, str] = {"error": "错误", "warning": "警告", "info": "提示"}

# parts of composed keys (`basic.change`, `prior_year.fiscal.general`) not labelled above
_PARTS: dict[str, str] = {
    "change": "比上年增减",
    "change_percent": "增减（%）",
    "share": "占比",
    "prior_year": "上年",
    "procurement": "政府采购",
    "sme": "面向中小企业",
    "small_micro": "面向小微企业",
    "reception": "公务接待费",
    "vehicles": "公务用车购置及运行费",
    "operation": "运行维护费",
    "purchase": "购置费",
    "overseas": "因公出国（境）费",
    "tuition": "学费",
    "other": "其他",
    "general": "一般公共预算",
    "gov_fund": "政府性基金预算",
    "soe": "国有资本经营预算",
}


def _known(key: str) -> str | None:
    return _EXTRA_COLUMNS.get(key) or COLUMNS.get(key) or _PARTS.get(key)


def key_label(key: str) -> str | None:
    """A Chinese label for a dotted key, whole or composed from its longest labelled parts
    (`basic.change` → 基本支出比上年增减); None when some part has no label."""
    whole = _known(key)
    if whole:
        return whole
    parts = key.split(".")
    labels: list[str] = []
    start = 0
    while start < len(parts):
        for end in range(len(parts), start, -1):
            found = _known(".".join(parts[start:end]))
            if found:
                labels.append(found)
                start = end
                break
        else:
            return None
    return "".join(labels)


def table_name(kind: str) -> str:
    """The Chinese name of a canonical table key."""
    return TABLES.get(kind, kind)


def column_name(key: str) -> str:
    """The Chinese label of a column key; `total@2025` reads 合计（2025）."""
    base, _, suffix = key.partition("@")
    label = key_label(base) or base
    return f"{label}（{suffix}）" if suffix else label


_NUMBERS = {"parent": "上级数", "sum": "各项之和", "difference": "差额", "gap": "差额"}


def number_name(key: str) -> str:
    """The Chinese label of a number a finding reports (its role, a table or a column)."""
    if key in _NUMBERS:
        return _NUMBERS[key]
    if key in TABLES:
        return TABLES[key]
    return column_name(key)
