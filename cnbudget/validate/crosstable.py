"""Agreement between tables: one function code, one amount, in every table that lists it."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from cnbudget.model import Document
from cnbudget.tables.assign import half_ulp
from cnbudget.validate.registry import Finding, NotApplicable, rule

# tables covering all funding sources, and the column holding each row's total
ALL_SOURCES = (
    ("summary", "amount"),
    ("income", "total"),
    ("expenditure", "total"),
    ("fiscal_summary", "total"),
)
NAMES = {
    "summary": "收支总表",
    "income": "收入总表",
    "expenditure": "支出总表",
    "fiscal_summary": "财政拨款收支总表",
}


def _fmt(value: Decimal) -> str:
    return f"{value:,.2f}"


@rule(
    "CROSS-FUNCTION-TOTALS",
    "error",
    "表间勾稽",
    "同一功能科目各表金额一致",
    "同一支出功能分类科目在收支总表、收入总表、支出总表中的合计金额应相同（财政拨款收支总表"
    "只在部门全部收入为财政拨款时参与对照）；某表有而另一表缺少的科目也会列出。",
)
def cross_function_totals(document: Document) -> Iterator[Finding]:
    amounts: dict[str, dict[str, tuple[Decimal, int, str]]] = {}
    levels: dict[str, set[int]] = {}  # code lengths each table lists
    present = []
    summed: dict[str, int] = {}  # rows added up per code (tables by budget unit)
    for kind, column in _comparable(document):
        table = document.table(kind)
        if table is None:
            continue
        present.append(kind)
        # a table by budget unit prints each code under every unit: the department's
        # amount for a code is their sum
        by_unit = any(row.code.startswith("unit:") for row in table.rows)
        for row in table.rows:
            cell = row.cells.get(column)
            if not row.code.isdigit() or cell is None or cell.value is None:
                continue
            if kind in ("summary", "fiscal_summary") and len(row.code) != 3:
                continue
            levels.setdefault(kind, set()).add(len(row.code))
            earlier = amounts.setdefault(row.code, {}).get(kind)
            value = cell.value + (earlier[0] if by_unit and earlier is not None else 0)
            amounts[row.code][kind] = (value, row.line, row.name)
            if by_unit:
                summed[row.code] = summed.get(row.code, 0) + 1
    if len(present) < 2:
        raise NotApplicable("收支总表、收入总表、支出总表中少于两张")
    for code in sorted(amounts):
        seen = amounts[code]
        # a table is expected to list a code only if it lists codes of that level at all
        expected = [k for k in present if len(code) in levels.get(k, set())]
        values = {v for v, _, _ in seen.values()}
        if len(values) > 1:
            parts = "，".join(f"{NAMES[k]} {_fmt(v)}" for k, (v, _, _) in seen.items())
            first = next(iter(seen.values()))
            # a sum over units may differ from the printed total by the units' roundings
            rounding = max(values) - min(values) <= Decimal("0.01") * summed.get(code, 0)
            yield Finding(
                "CROSS-FUNCTION-TOTALS",
                "info" if rounding else "error",
                f"科目 {code}「{first[2]}」各表金额"
                f"{'尾数差异（各单位金额之和）' if rounding else '不一致'}：{parts}",
                next(iter(seen)),
                code,
                "total",
                first[1],
                {k: v for k, (v, _, _) in seen.items()},
            )
        missing = [k for k in expected if k not in seen]
        if missing and any(v for v, _, _ in seen.values()):
            kind, (value, line, name) = next(iter(seen.items()))
            where = "、".join(NAMES[k] for k in missing)
            yield Finding(
                "CROSS-FUNCTION-TOTALS",
                "error",
                f"科目 {code}「{name}」在{NAMES[kind]}中为 {_fmt(value)}，但{where}中没有这一行",
                missing[0],
                code,
                "total",
                line,
                {kind: value},
            )


_NON_FISCAL_INCOME = (
    "income.business",
    "income.operating",
    "income.other",
    "income.superior",
    "income.affiliated",
    "income.unit_funds",
    "income.special_account",
    "income.non_fiscal_balance",
)


def _comparable(document: Document) -> list[tuple[str, str]]:
    """The tables whose function rows must agree in this document.

    A 决算's income by function is what came in, not what was spent (carry-over in and out);
    财政拨款收支总表 holds fiscal money only, which differs from the all-source tables when
    the summary shows non-fiscal income.
    """
    summary = document.table("summary")
    non_fiscal = summary is not None and any(
        row.code in _NON_FISCAL_INCOME and any(c.value for c in row.cells.values())
        for row in summary.rows
    )
    skip = {"income"} if document.metadata.kind == "决算" else set()
    if non_fiscal:
        skip.add("fiscal_summary")
    return [(kind, column) for kind, column in ALL_SOURCES if kind not in skip]


# (table, row, column) pairs that print the same total in two tables
TOTAL_PAIRS: tuple[tuple[tuple[str, str, str], tuple[str, str, str], str], ...] = (
    (
        ("general_basic", "total", "total"),
        ("general_expenditure", "total", "basic"),
        "一般公共预算基本支出表合计 = 一般公共预算支出表基本支出",
    ),
    (
        ("projects", "total", "total"),
        ("expenditure", "total", "project"),
        "项目支出表合计 = 支出总表项目支出",
    ),
    (
        ("basic", "total", "total"),
        ("expenditure", "total", "basic"),
        "基本支出表合计 = 支出总表基本支出",
    ),
    (
        ("income", "total", "total"),
        ("summary", "income.grand_total", "amount"),
        "收入总表合计 = 收支总表收入总计",
    ),
    (
        ("general_expenditure", "total", "total"),
        ("fiscal_summary", "expenditure.current_total", "fiscal.general"),
        "一般公共预算支出表合计 = 财政拨款收支总表一般公共预算支出",
    ),
)


def _cell(document: Document, where: tuple[str, str, str]) -> tuple[Decimal, int] | None:
    table = document.table(where[0])
    if table is None:
        return None
    for row in table.rows:
        if row.code == where[1] and where[2] in row.cells:
            value = row.cells[where[2]].value
            return (value, row.line) if value is not None else None
    return None


@rule(
    "CROSS-TABLE-TOTALS",
    "error",
    "表间勾稽",
    "各表合计互相一致",
    "一般公共预算基本支出表合计 = 一般公共预算支出表基本支出；项目支出表合计 = 支出总表项目支出；"
    "基本支出表合计 = 支出总表基本支出；收入总表合计（含上年结转）= 收支总表收入总计；"
    "一般公共预算支出表合计 = 财政拨款收支总表一般公共预算支出。",
)
def cross_table_totals(document: Document) -> Iterator[Finding]:
    compared = 0
    income = document.table("income")
    for left, right, description in TOTAL_PAIRS:
        if left[0] == "income" and income is not None:
            if not any(key.startswith("carryover") for key in income.columns):
                # an income table without carry-over columns adds up this year's income
                right = ("summary", "income.current_total", "amount")
                description = "收入总表合计 = 收支总表本年收入合计"
        a = _cell(document, left)
        b = _cell(document, right)
        if a is None or b is None:
            continue
        compared += 1
        # the same total printed twice; printed in 元 in one table and 万元 in the other it
        # agrees when the rounding intervals overlap (at one precision: only when equal)
        if abs(a[0] - b[0]) >= half_ulp(a[0]) + half_ulp(b[0]):
            yield Finding(
                "CROSS-TABLE-TOTALS",
                "error",
                f"{description} 不成立：{_fmt(a[0])} ≠ {_fmt(b[0])}，相差 {_fmt(a[0] - b[0])}",
                left[0],
                left[1],
                left[2],
                a[1],
                {left[0]: a[0], right[0]: b[0]},
            )
    if not compared:
        raise NotApplicable("没有可以相互对照的合计")
