"""The two-sided summaries (收支总表, 财政拨款收支总表) and the 三公 table balance."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from cnbudget.model import Document, Table
from cnbudget.tables.assign import THREE_PUBLIC_TREE
from cnbudget.validate.common import fmt as _fmt
from cnbudget.validate.common import judge, row_by_code
from cnbudget.validate.labels import column
from cnbudget.validate.registry import Finding, NotApplicable, rule

SIDE_COLUMNS = ("fiscal.general", "fiscal.gov_fund", "fiscal.soe")


def _value(table: Table, code: str, key: str) -> tuple[Decimal, int] | None:
    for row in table.rows:
        if row.code == code and key in row.cells and row.cells[key].value is not None:
            value = row.cells[key].value
            assert value is not None
            return value, row.line
    return None


def _compare(
    rule_id: str, table: Table, left: Decimal, right: Decimal, line: int, what: str, addends: int
) -> Iterator[Finding]:
    gap = left - right
    if gap == 0:
        return
    severity, word = judge(gap, addends)
    yield Finding(
        rule_id,
        severity,
        f"{what}：{_fmt(left)} 与 {_fmt(right)} {word}，相差 {_fmt(gap)}",
        table.kind,
        None,
        None,
        line,
        {"left": left, "right": right},
    )


@rule(
    "SUMMARY-BALANCE",
    "error",
    "表内勾稽",
    "收支总表平衡",
    "收入总计 = 支出总计；本年支出合计 = 各功能分类支出之和；支出总计 = 本年支出合计 + "
    "结余分配 + 年末结转和结余（决算的总计含结转结余）；财政拨款收支总表各支出行"
    "合计 = 一般公共预算 + 政府性基金 + 国有资本经营，本年支出合计行各列 = 各类之和。",
)
def summary_balance(document: Document) -> Iterator[Finding]:
    tables = [t for t in document.tables if t.kind in ("summary", "fiscal_summary")]
    if not tables:
        raise NotApplicable("没有收支总表或财政拨款收支总表")
    for table in tables:
        amount = "amount" if table.kind == "summary" else "total"
        income = _value(table, "income.grand_total", "amount")
        spending = _value(table, "expenditure.grand_total", amount)
        if income and spending:
            yield from _compare(
                "SUMMARY-BALANCE", table, income[0], spending[0], income[1], "收入总计与支出总计", 1
            )
        current = _value(table, "expenditure.current_total", amount)
        # function classes only: 款 and 项 rows printed under them are not added again
        classes = [r for r in table.rows if _is_class(r.code) and amount in r.cells]
        if current and classes:
            total = sum((r.cells[amount].value or Decimal(0) for r in classes), Decimal(0))
            yield from _compare(
                "SUMMARY-BALANCE",
                table,
                current[0],
                total,
                current[1],
                "本年支出合计与各功能分类支出之和",
                len(classes),
            )
        yield from _income_side(table)
        yield from _expenditure_side(table, amount)
        if table.kind != "fiscal_summary":
            continue
        for row in table.rows:
            if not row.code.startswith("expenditure.") and not row.code.isdigit():
                continue
            parts = [row.cells[k].value for k in SIDE_COLUMNS if k in row.cells]
            own = row.cells["total"].value if "total" in row.cells else None
            if own is None or not parts:
                continue
            total = sum((p for p in parts if p is not None), Decimal(0))
            yield from _compare(
                "SUMMARY-BALANCE",
                table,
                own,
                total,
                row.line,
                f"「{row.name}」合计与各资金来源之和",
                len(parts),
            )
        yield from _fiscal_columns(table)


def _expenditure_side(table: Table, amount: str) -> Iterator[Finding]:
    """支出总计 = 本年支出合计 + the rows printed between them (结余分配, 年末结转和结余).

    A 决算's 总计 holds what is carried forward, as its income side holds 年初结转和结余:
    the totals balance while 本年支出合计 differs from 本年收入合计.
    """
    order = [r for r in table.rows if r.code.startswith("expenditure.") and amount in r.cells]
    codes = [r.code for r in order]
    if "expenditure.current_total" not in codes or "expenditure.grand_total" not in codes:
        return
    cut, end = codes.index("expenditure.current_total"), codes.index("expenditure.grand_total")
    if end < cut:
        return
    current, grand = order[cut].cells[amount].value, order[end].cells[amount].value
    if current is None or grand is None:
        return
    rest = [r.cells[amount].value or Decimal(0) for r in order[cut + 1 : end]]
    yield from _compare(
        "SUMMARY-BALANCE",
        table,
        grand,
        current + sum(rest, Decimal(0)),
        order[end].line,
        "支出总计与本年支出合计加结余分配、年末结转和结余之和",
        len(rest) + 1,
    )


def _is_class(code: str) -> bool:
    return code.isdigit() and len(code) == 3


def _fiscal_columns(table: Table) -> Iterator[Finding]:
    """Each source column: 本年支出合计 = Σ classes; 其中：财政拨款 ≤ 一般公共预算."""
    current = row_by_code(table, "expenditure.current_total")
    rows = [r for r in table.rows if _is_class(r.code)]
    for key in ("fiscal.general", "fiscal.general.grant", "fiscal.gov_fund", "fiscal.soe"):
        if current is None or key not in table.columns:
            continue
        values = [r.cells[key].value for r in rows if key in r.cells]
        addends = [v for v in values if v is not None]
        own = current.cells[key].value if key in current.cells else None
        if own is None and not addends:
            continue
        yield from _compare(
            "SUMMARY-BALANCE",
            table,
            own or Decimal(0),
            sum(addends, Decimal(0)),
            current.line,
            f"「{current.name}」{column(key)}与各功能分类之和",
            len(addends),
        )
    for row in table.rows:
        grant = row.cells.get("fiscal.general.grant")
        general = row.cells.get("fiscal.general")
        if grant is None or grant.value is None or row.code.startswith("income."):
            continue
        whole = general.value if general is not None and general.value is not None else Decimal(0)
        if grant.value <= whole:
            continue
        yield Finding(
            "SUMMARY-BALANCE",
            "error",
            f"「{row.name}」其中：财政拨款 {_fmt(grant.value)} 大于一般公共预算 {_fmt(whole)}",
            table.kind,
            row.code,
            "fiscal.general.grant",
            row.line,
            {"fiscal.general.grant": grant.value, "fiscal.general": whole},
            (
                (table.kind, row.code, "fiscal.general.grant"),
                (table.kind, row.code, "fiscal.general"),
            ),
        )


# income rows that are parts of another income row (printed as 其中 / under a group)
_GROUPS = {
    "income.fiscal": ("income.general", "income.gov_fund", "income.soe"),
    "income.carryover": (
        "income.carryover.general",
        "income.carryover.gov_fund",
        "income.carryover.soe",
        # or split by kind of money (深圳: 财政拨款结余、结转 / 非财政拨款结余、结转)
        "income.carryover.fiscal",
        "income.carryover.non_fiscal",
    ),
    "income.unit_funds": (
        "income.business",
        "income.operating",
        "income.superior",
        "income.affiliated",
        "income.other",
    ),
}


def _parent_of(key: str, present: set[str]) -> str | None:
    for parent, kids in _GROUPS.items():
        if key in kids and parent in present:
            return parent
    for parent in ("income.general", "income.gov_fund"):
        if key.startswith(parent + ".") and parent in present:
            return parent
    return None


def _income_side(table: Table) -> Iterator[Finding]:
    """本年收入合计 = the top-level income rows above it; 收入总计 = it + the rows between."""
    rows = [r for r in table.rows if r.code.startswith("income.") and "amount" in r.cells]
    present = {r.code for r in rows}
    values = {r.code: (r.cells["amount"].value or Decimal(0), r.line) for r in rows}
    order = [r.code for r in table.rows if r.code.startswith("income.")]
    for parent, kids in _GROUPS.items():
        parts = [values[k][0] for k in kids if k in values]
        if parent in values and parts:
            yield from _compare(
                "SUMMARY-BALANCE",
                table,
                values[parent][0],
                sum(parts, Decimal(0)),
                values[parent][1],
                f"{parent} 与其组成项之和",
                len(parts),
            )
    if "income.current_total" not in values:
        return
    cut = order.index("income.current_total")
    top = [k for k in order if k in present and _parent_of(k, present) is None]
    top = [k for k in top if k not in ("income.current_total", "income.grand_total")]
    headline = all(order.index(k) > cut for k in top)  # 一、本年收入 printed above its parts
    current = [
        k for k in top if k in _CURRENT or (k in _MOVABLE and (headline or order.index(k) < cut))
    ]
    if current or values["income.current_total"][0]:
        total = sum((values[k][0] for k in current), Decimal(0))
        yield from _compare(
            "SUMMARY-BALANCE",
            table,
            values["income.current_total"][0],
            total,
            values["income.current_total"][1],
            "本年收入合计与各本年收入项之和",
            max(len(current), 1),
        )
    if "income.grand_total" in values:
        rest = [k for k in top if k not in current]
        total = values["income.current_total"][0] + sum((values[k][0] for k in rest), Decimal(0))
        yield from _compare(
            "SUMMARY-BALANCE",
            table,
            values["income.grand_total"][0],
            total,
            values["income.grand_total"][1],
            "收入总计与本年收入合计加上年结转等之和",
            len(rest) + 1,
        )


_CURRENT = frozenset(
    {
        "income.fiscal",
        "income.general",
        "income.gov_fund",
        "income.soe",
        "income.special_account",
        "income.unit_funds",
        "income.business",
        "income.operating",
        "income.other",
    }
)
_MOVABLE = frozenset({"income.superior", "income.affiliated"})


@rule(
    "THREE-PUBLIC-SUM",
    "error",
    "表内勾稽",
    "“三公”经费合计",
    "“三公”经费合计 = 因公出国（境）费 + 公务用车购置及运行费 + 公务接待费；"
    "公务用车购置及运行费 = 购置费 + 运行维护费（每一年度、每一资金来源分别核对）。",
)
def three_public_sum(document: Document) -> Iterator[Finding]:
    table = document.table("three_public")
    if table is None:
        raise NotApplicable("没有“三公”经费表")
    rows = {row.code: row for row in table.rows}
    columns = sorted({c for row in table.rows for c in row.cells})
    for parent, kids in THREE_PUBLIC_TREE.items():
        if parent not in rows:
            continue
        for key in columns:
            own_cell = rows[parent].cells.get(key)
            values = [rows[k].cells[key].value for k in kids if k in rows and key in rows[k].cells]
            addends = [v for v in values if v is not None]
            if own_cell is None and not addends:
                continue
            if not addends and parent in ("overseas", "meetings"):
                continue  # these items are usually printed without their breakdown
            own = own_cell.value if own_cell and own_cell.value is not None else Decimal(0)
            total = sum(addends, Decimal(0))
            if own == total:
                continue
            parts = " + ".join(rows[k].name for k in kids if k in rows) or "其组成项"
            yield from _compare(
                "THREE-PUBLIC-SUM",
                table,
                own,
                total,
                rows[parent].line,
                f"「{rows[parent].name}」{column(key)} 与 {parts}",
                len(addends),
            )
