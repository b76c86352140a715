"""Prose against tables at item level: each function class's (and 项's) amount and share
stated in the 情况说明, and 财政拨款收支总计.

The prose reader (cnbudget/prose/items.py) keys each statement by the funding scope its
passage names: `items.general.<code>` is compared with the 一般公共预算支出表,
`items.gov_fund.<code>` with the 政府性基金预算支出表, `items.fiscal.<code>` with the
财政拨款收支总表 (or the sum of the three budgets' tables), `items.all.<code>` with the
支出总表. Figures are compared at their printed precision; a code the table does not list
is not judged (the item may be read under another name).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from cnbudget.model import Document, Row
from cnbudget.validate.changes import HUNDRED, share_interval
from cnbudget.validate.common import amount, cell_line, fmt, table_name
from cnbudget.validate.narrative import agrees, narrative, precision
from cnbudget.validate.registry import Finding, NotApplicable, rule

SCOPE_NAMES = {
    "general": "一般公共预算",
    "gov_fund": "政府性基金预算",
    "fiscal": "财政拨款",
    "all": "部门支出",
}
# per scope: the tables that print the scope's spending by function code (the first one
# printing the code is used; `fiscal` falls back to adding the three budgets' tables)
_TABLES = {
    "general": ("general_expenditure",),
    "gov_fund": ("gov_fund_expenditure",),
    "fiscal": ("fiscal_summary",),
    "all": ("expenditure",),
}
_FISCAL_PARTS = ("general_expenditure", "gov_fund_expenditure", "soe_expenditure")
# the total row of each scope's table: (table, row code)
_TOTALS = {
    "general_expenditure": "total",
    "gov_fund_expenditure": "total",
    "soe_expenditure": "total",
    "expenditure": "total",
    "fiscal_summary": "expenditure.current_total",
}


def _items(row: Row, suffix: str = "") -> Iterator[tuple[str, str, str]]:
    """(key, scope, code) of the item cells of the narrative row (`suffix` “.share”)."""
    for key in row.cells:
        parts = key.split(".")
        if parts[0] != "items" or len(parts) != (4 if suffix else 3):
            continue
        if suffix and parts[3] != suffix.lstrip("."):
            continue
        yield key, parts[1], parts[2]


def printed(document: Document, scope: str, code: str) -> tuple[Decimal, str] | None:
    """The table figure for a function code in a scope, and the table it comes from."""
    for kind in _TABLES[scope]:
        hit = amount(document.table(kind), code, "total")
        if hit is not None:
            return hit[0], kind
    if scope != "fiscal":
        return None
    values = [
        hit[0]
        for kind in _FISCAL_PARTS
        if (hit := amount(document.table(kind), code, "total")) is not None
    ]
    return (sum(values, Decimal(0)), _FISCAL_PARTS[0]) if values else None


def _scope_total(document: Document, scope: str) -> Decimal | None:
    kinds = _TABLES[scope] + (_FISCAL_PARTS if scope == "fiscal" else ())
    for kind in kinds:
        hit = amount(document.table(kind), _TOTALS[kind], "total")
        if hit is not None and hit[0] > 0:
            return hit[0]
    return None


def last_digit(stated: Decimal, gap: Decimal, slack: Decimal = Decimal(0)) -> bool:
    """True when a gap is within one unit of the prose figure's last printed digit (a
    truncated or adjusted last digit: 尾数差异, reported as a hint, not an error)."""
    return abs(gap) <= 2 * precision(stated) + slack


def _name(scope: str, code: str) -> str:
    level = {3: "类", 5: "款", 7: "项"}.get(len(code), "")
    return f"{SCOPE_NAMES[scope]}{level} {code}"


@rule(
    "NARRATIVE-ITEM-AMOUNT",
    "error",
    "文字与表格",
    "文字说明中各类、各项支出金额与表格一致",
    "情况说明按功能分类逐类（“教育（类）支出xx万元”）或逐项（“…（类）…（款）…（项）xx万元”）"
    "写出的金额，应与其所说口径的表格中同一科目相同：一般公共预算对一般公共预算支出表，"
    "政府性基金对政府性基金预算支出表，财政拨款对财政拨款收支总表，部门支出对支出总表"
    "（按文字的印刷精度比较；文字没有写明口径时不核对）。",
    "文字“科学技术（类）支出28.00万元”，一般公共预算支出表 206 为 82.00。",
)
def prose_item_amount(document: Document) -> Iterator[Finding]:
    _, row = narrative(document)
    items = list(_items(row))
    if not items:
        raise NotApplicable("文字说明没有写出各类、各项支出金额")
    for key, scope, code in items:
        cell = row.cells[key]
        found = printed(document, scope, code)
        if cell.value is None or found is None or agrees(cell.value, found[0]):
            continue
        value, kind = found
        tail = last_digit(cell.value, cell.value - value, precision(value))
        yield Finding(
            "NARRATIVE-ITEM-AMOUNT",
            "info" if tail else "error",
            f"文字说明中{_name(scope, code)}支出 {fmt(cell.value)} 万元（原文“{cell.text}”）与"
            f"{table_name(kind)} {fmt(value)} {'尾数不同' if tail else '不一致'}，"
            f"相差 {fmt(cell.value - value)}",
            "narrative",
            "narrative",
            key,
            cell_line(cell, row),
            {"narrative": cell.value, kind: value},
            (("narrative", "narrative", key), (kind, code, "total")),
            ("narrative", "narrative", key),
        )


@rule(
    "NARRATIVE-ITEM-SHARE",
    "error",
    "文字与表格",
    "文字说明中各类支出的占比与表格一致",
    "情况说明中“xx（类）支出xx万元，占xx%”的百分比，应等于表格中该类金额除以同一口径的"
    "支出合计（按百分比和金额的印刷精度比较）。",
    "文字“卫生健康（类）支出80.52万元，占14%”，一般公共预算支出表合计 5,753.07（1.40%）。",
)
def prose_item_share(document: Document) -> Iterator[Finding]:
    _, row = narrative(document)
    shares = list(_items(row, ".share"))
    if not shares:
        raise NotApplicable("文字说明没有写出各类支出的占比")
    for key, scope, code in shares:
        cell = row.cells[key]
        total = _scope_total(document, scope)
        found = printed(document, scope, code)
        if cell.value is None or total is None or found is None:
            continue
        low, high = share_interval(found[0], total)
        slack = precision(cell.value)
        if low - slack <= cell.value <= high + slack:
            continue
        computed = found[0] / total * HUNDRED
        gap = min(abs(cell.value - low), abs(cell.value - high))
        tail = last_digit(cell.value, gap)
        yield Finding(
            "NARRATIVE-ITEM-SHARE",
            "info" if tail else "error",
            f"文字说明称{_name(scope, code)}支出占 {cell.value}%（原文“{cell.text}%”），"
            f"表格中该科目 {fmt(found[0])}、合计 {fmt(total)}，占 {computed:.2f}%"
            + ("（末位不同，可能为使各项之和等于 100% 所作的尾数调整）" if tail else ""),
            "narrative",
            "narrative",
            key,
            cell_line(cell, row),
            {"stated": cell.value, "computed": computed.quantize(Decimal("0.01"))},
            (("narrative", "narrative", key), (found[1], code, "total")),
            ("narrative", "narrative", key),
        )


@rule(
    "NARRATIVE-FISCAL-TOTAL",
    "error",
    "文字与表格",
    "文字说明中的财政拨款收支总计与财政拨款收支总表一致",
    "情况说明中“财政拨款收支总预算（总计）xx万元”应等于财政拨款收支总表的收入总计（支出总计）。",
    "文字“财政拨款收支总预算5,753.07万元”，财政拨款收支总表收入总计 5,735.07。",
)
def prose_fiscal_total(document: Document) -> Iterator[Finding]:
    _, row = narrative(document)
    cell = row.cells.get("fiscal_total")
    if cell is None or cell.value is None:
        raise NotApplicable("文字说明没有写出财政拨款收支总计")
    table = document.table("fiscal_summary")
    targets = [
        (code, hit[0])
        for code in ("income.grand_total", "expenditure.grand_total")
        for column in ("amount", "total")
        if (hit := amount(table, code, column)) is not None
    ]
    if not targets:
        raise NotApplicable("没有财政拨款收支总表的总计")
    if any(agrees(cell.value, value) for _, value in targets):
        return
    code, value = targets[0]
    yield Finding(
        "NARRATIVE-FISCAL-TOTAL",
        "error",
        f"文字说明中财政拨款收支总计 {fmt(cell.value)} 万元（原文“{cell.text}”）与"
        f"财政拨款收支总表总计 {fmt(value)} 不一致，相差 {fmt(cell.value - value)}",
        "narrative",
        "narrative",
        "fiscal_total",
        cell_line(cell, row),
        {"narrative": cell.value, "fiscal_summary": value},
        (("narrative", "narrative", "fiscal_total"), ("fiscal_summary", code, "amount")),
        ("narrative", "narrative", "fiscal_total"),
    )
