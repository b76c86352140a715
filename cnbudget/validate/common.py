"""Helpers shared by the rules: number formatting, gap severity, cell look-ups."""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar, Token
from decimal import Decimal
from typing import TypeVar

from cnbudget.model import Cell, Document, Row, Table
from cnbudget.validate.settings import Level, current
from cnbudget.vocabulary.tables import TABLE_NAMES

T = TypeVar("T")
_MEMO: ContextVar[dict[tuple[int, str], object] | None] = ContextVar("cnbudget_memo", default=None)


_EVALUATED: ContextVar[dict[str, int] | None] = ContextVar("cnbudget_evaluated", default=None)


RunToken = tuple[Token[dict[tuple[int, str], object] | None], Token[dict[str, int] | None]]


def start_run() -> RunToken:
    """A fresh memo for one validation run (derived data shared between rules)."""
    return (_MEMO.set({}), _EVALUATED.set({}))


def end_run(token: RunToken) -> dict[str, int]:
    """Close the run; return how many identities each rule evaluated."""
    memo_token, evaluated_token = token
    evaluated = _EVALUATED.get() or {}
    _MEMO.reset(memo_token)
    _EVALUATED.reset(evaluated_token)
    return evaluated


def evaluated(rule_id: str, count: int = 1) -> None:
    """Record that a rule compared `count` identities (holding or not) in this run."""
    store = _EVALUATED.get()
    if store is not None:
        store[rule_id] = store.get(rule_id, 0) + count


def memo(document: Document, name: str, build: Callable[[Document], T]) -> T:
    """`build(document)`, computed once per validation run and shared between rules."""
    store = _MEMO.get()
    if store is None:
        return build(document)
    key = (id(document), name)
    if key not in store:
        store[key] = build(document)
    return store[key]  # type: ignore[return-value]


def dept_codes(document: Document) -> dict[int, list[str]]:
    """For each table (by index), the department/function part of every row code."""
    return memo(
        document,
        "dept_codes",
        lambda d: {i: [_code_part(r.code) for r in t.rows] for i, t in enumerate(d.tables)},
    )


def _code_part(code: str) -> str:
    """`30101/50101` → `30101`; `301@<unit>` (a code repeated under units) → `301`."""
    dept = code.split("/")[0]
    return dept if dept.startswith(("unit:", "project:")) else dept.partition("@")[0]


# coded tables that print a 合计 row above their detail rows in every template seen
TOTALLED = frozenset(
    {
        "income",
        "expenditure",
        "general_expenditure",
        "general_basic",
        "basic",
        "economic_summary",
        "gov_fund_expenditure",
        "soe_expenditure",
        "projects",
        "procurement",
    }
)

WORDS: dict[str, str] = {"info": "尾数差异", "warning": "略有差异", "error": "不相符"}


def fmt(value: Decimal) -> str:
    """An amount as printed in messages: thousands separators, two decimals."""
    return f"{value:,.2f}"


def judge(gap: Decimal, addends: int = 1, scale: Decimal = Decimal(1)) -> tuple[Level, str]:
    """Severity and Chinese word for a gap between a total and its parts (current settings);
    `scale`: see `Settings.severity` and `precision_scale`."""
    level = current().severity(gap, addends, scale)
    return level, WORDS[level]


_UNIT_FACTOR = {"元": Decimal(10000), "千元": Decimal(10)}
_CENT = Decimal("0.01")


def precision_scale(table: Table) -> Decimal:
    """How much finer than the cent of a 万元 the table prints its amounts (at most 1).

    Rounding tails come from printing 万元 to the cent; a table printed in 元 states its
    amounts to the 元 (or the 分): its allowance shrinks with its coarsest printed place.
    """
    factor = _UNIT_FACTOR.get(table.unit)
    if factor is None:
        return Decimal(1)
    places = max(
        (
            -len(cell.text.strip().partition(".")[2])
            for row in table.rows
            for cell in row.cells.values()
            if cell.value is not None
        ),
        default=0,
    )
    return min(Decimal(1), Decimal(1).scaleb(places) / factor / _CENT)


def row_by_code(table: Table, code: str) -> Row | None:
    for row in table.rows:
        if row.code == code:
            return row
    return None


def amount(table: Table | None, code: str, column: str) -> tuple[Decimal, Row] | None:
    """The value of one cell and its row, or None when absent or text."""
    if table is None:
        return None
    for row in table.rows:
        if row.code == code:
            cell = row.cells.get(column)
            if cell is not None and cell.value is not None:
                return cell.value, row
    return None


def cell_line(cell: Cell, row: Row) -> int:
    """The source line of a cell: its own when it carries one, else its row's."""
    return cell.line if cell.line is not None else row.line


def table_name(kind: str) -> str:
    return TABLE_NAMES.get(kind, kind)


def has_table(document: Document, kind: str) -> bool:
    return document.table(kind) is not None


NUMBER_LABELS = {
    "parent": "上级/合计",
    "sum": "下级之和",
    "left": "左边",
    "right": "右边",
    "total": "合计",
    "prose": "文字",
    "table": "表格",
    "stated": "文字所写",
    "computed": "按金额计算",
    "percent": "百分比",
    "codes": "编码个数",
}


def number_label(key: str) -> str:
    """Chinese label of a key of Finding.numbers (a role, a table or a column)."""
    from cnbudget.validate.labels import COLUMNS

    if key in NUMBER_LABELS:
        return NUMBER_LABELS[key]
    if key in COLUMNS:
        return COLUMNS[key]
    return TABLE_NAMES.get(key, key)
