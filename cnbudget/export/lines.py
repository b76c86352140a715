"""Budget lines: the leaf rows of every money table, flat, with their classifications."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from cnbudget.export.layout import economic_parts, function_parts, is_parent, unit_code
from cnbudget.model import Document, Row, Table
from cnbudget.vocabulary.functions import CLASS_NAMES

# tables whose rows are not budget money (counts and areas) are left out
EXCLUDED_TABLES = frozenset({"assets"})
# two-sided summaries: only their top items add up to the totals
_SUMMARY_TABLES = frozenset({"summary", "fiscal_summary"})
_SUMMARY_SUBTOTALS = frozenset(
    {
        "income.fiscal",
        "income.current_total",
        "income.grand_total",
        "expenditure.current_total",
        "expenditure.grand_total",
        "expenditure.basic",
        "expenditure.project",
        "expenditure.reserve",
    }
)
# the column that holds a row's overall amount, by preference
_AMOUNT_COLUMNS = ("total", "amount", "final", "budget_adjusted", "budget_initial")
PHASES = {"预算": "预算", "决算": "决算"}


@dataclass(frozen=True, slots=True)
class BudgetLine:
    """One leaf amount of one table, with every classification it carries."""

    document: str
    department: str
    year: int | None
    phase: str  # 预算 / 决算
    direction: str  # expenditure / revenue
    table: str
    function_class: str
    function_class_name: str
    function_item: str
    function_item_name: str
    function_subitem: str
    function_subitem_name: str
    economic_code: str
    economic_gov_code: str
    unit_code: str
    project: str
    category: str
    item: str
    name: str
    column: str
    amount: Decimal
    line: int


FIELDS: tuple[str, ...] = tuple(BudgetLine.__dataclass_fields__)


def _summary_leaf(row: Row) -> bool:
    code = row.code
    if code in _SUMMARY_SUBTOTALS:
        return False
    if code.startswith(("income.", "expenditure.")):
        return code.count(".") == 1
    return len(code) == 3 and code.isdigit()


def leaf_rows(table: Table) -> Iterator[Row]:
    """Rows that are no other printed row's total: no 合计, no parent of the next row."""
    rows = table.rows
    for index, row in enumerate(rows):
        if table.kind in _SUMMARY_TABLES:
            if _summary_leaf(row):
                yield row
            continue
        if row.code in ("total", "grand_total"):
            continue
        following = rows[index + 1] if index + 1 < len(rows) else None
        if not is_parent(row, following):
            yield row


def _amount(row: Row) -> tuple[str, Decimal] | None:
    for column in _AMOUNT_COLUMNS:
        cell = row.cells.get(column)
        if cell is not None and cell.value is not None:
            return column, cell.value
    return None


def budget_lines(document: Document) -> Iterator[BudgetLine]:
    """Every leaf amount of the document's money tables."""
    meta = document.metadata
    for table in document.tables:
        if table.kind in EXCLUDED_TABLES:
            continue
        names = {row.code: row.name for row in table.rows}
        leaves = {id(row) for row in leaf_rows(table)}
        unit = ""
        for row in table.rows:
            if (code := unit_code(row.code)) is not None:
                unit = code
            if id(row) not in leaves:
                continue
            found = _amount(row)
            if found is None:
                continue
            column, amount = found
            yield _line(document, table, row, names, unit, column, amount, meta.kind)


def _line(
    document: Document,
    table: Table,
    row: Row,
    names: dict[str, str],
    unit: str,
    column: str,
    amount: Decimal,
    kind: str,
) -> BudgetLine:
    function = function_parts(row.code)
    economic = economic_parts(row.code)
    codes = ("", "", "")
    if function is not None:
        class_code = function[0]
        item = class_code + function[1] if function[1] else ""
        subitem = item + function[2] if function[2] else ""
        codes = (class_code, item, subitem)
    project_unit = row.cells.get("unit")
    category = row.cells.get("category")
    revenue = table.kind == "income" or row.code.startswith("income.")
    return BudgetLine(
        document=document.id,
        department=document.metadata.department or "",
        year=document.metadata.year,
        phase=PHASES.get(kind, kind),
        direction="revenue" if revenue else "expenditure",
        table=table.kind,
        function_class=codes[0],
        function_class_name=(
            names.get(codes[0]) or CLASS_NAMES.get(codes[0], "") if codes[0] else ""
        ),
        function_item=codes[1],
        function_item_name=names.get(codes[1], "") if codes[1] else "",
        function_subitem=codes[2],
        function_subitem_name=names.get(codes[2], "") if codes[2] else "",
        economic_code=economic[0] if economic else "",
        economic_gov_code=economic[1] if economic else "",
        unit_code=(project_unit.text if project_unit is not None else unit)
        if row.code.startswith(("project:", "unit:")) or function or economic
        else "",
        project=row.name if row.code.startswith("project:") else "",
        category=category.text if category is not None else "",
        item=row.code if not (function or economic) else "",
        name=row.name,
        column=column,
        amount=amount,
        line=row.line,
    )
