"""Agreement between tables: one function code, one amount, in every table that lists it."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from cnbudget.model import Document
from cnbudget.validate.registry import Finding, NotApplicable, rule

# tables covering all funding sources, and the column holding each row's total
ALL_SOURCES = (("summary", "amount"), ("income", "total"), ("expenditure", "total"))
NAMES = {"summary": "收支总表", "income": "收入总表", "expenditure": "支出总表"}


def _fmt(value: Decimal) -> str:
    return f"{value:,.2f}"


@rule(
    "CROSS-FUNCTION-TOTALS",
    "error",
    "表间勾稽",
    "同一功能科目各表金额一致",
    "同一支出功能分类科目在收支总表、收入总表、支出总表中的合计金额应相同；"
    "某表有而另一表缺少的科目也会列出。",
)
def cross_function_totals(document: Document) -> Iterator[Finding]:
    amounts: dict[str, dict[str, tuple[Decimal, int, str]]] = {}
    levels: dict[str, set[int]] = {}  # code lengths each table lists
    present = []
    for kind, column in ALL_SOURCES:
        table = document.table(kind)
        if table is None:
            continue
        present.append(kind)
        for row in table.rows:
            cell = row.cells.get(column)
            if not row.code.isdigit() or cell is None or cell.value is None:
                continue
            if kind == "summary" and len(row.code) != 3:
                continue
            levels.setdefault(kind, set()).add(len(row.code))
            amounts.setdefault(row.code, {})[kind] = (cell.value, row.line, row.name)
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
            yield Finding(
                "CROSS-FUNCTION-TOTALS",
                "error",
                f"科目 {code}「{first[2]}」各表金额不一致：{parts}",
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
