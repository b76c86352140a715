"""Arithmetic inside a table: row identities and parent = Σ children (rounding-aware).

A printed amount stands for an interval of ± half its last digit; a sum holds when
the intervals overlap. How large a gap is still a rounding difference (尾数差异, info)
or only a warning is a setting (`cnbudget.validate.settings`).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from functools import lru_cache

from cnbudget.model import Document, Row, Table
from cnbudget.tables.assign import Identity, identities_for
from cnbudget.tables.assign import check as identity_holds
from cnbudget.validate.common import evaluated, judge, precision_scale
from cnbudget.validate.common import fmt as _fmt
from cnbudget.validate.labels import column
from cnbudget.validate.registry import Finding, NotApplicable, rule

SKIP = frozenset({"summary", "fiscal_summary", "three_public", "assets"})


_ZERO = Decimal(0)


def _gap(identity: Identity, present: dict[int, Decimal]) -> Decimal:
    """parent − Σ children of a sum identity (0 for part identities)."""
    if identity.kind != "sum":
        return Decimal(0)
    parent = present.get(identity.parent, Decimal(0))
    return parent - sum((present.get(c, Decimal(0)) for c in identity.children), Decimal(0))


@lru_cache(maxsize=256)
def _identities(columns: tuple[str, ...]) -> tuple[Identity, ...]:
    """The row identities of a column layout (layouts repeat across tables and documents)."""
    return tuple(identities_for(columns))


def _informative(identity: Identity, present: dict[int, Decimal]) -> bool:
    """The row prints enough of the identity's cells for it to say something."""
    if identity.parent not in present:
        return identity.kind == "sum" and any(c in present for c in identity.children)
    return identity.kind == "sum" or identity.children[0] in present


def _exact(identity: Identity, present: dict[int, Decimal]) -> bool:
    """Fast path: the identity holds exactly (or says nothing) for this row."""
    parent = present.get(identity.parent)
    if identity.kind == "part":
        kid = present.get(identity.children[0])
        return kid is None or (parent is not None and kid <= parent)
    kids = [present[c] for c in identity.children if c in present]
    if parent is None:
        return not kids
    return parent == sum(kids, _ZERO)


@rule(
    "ROW-IDENTITY",
    "error",
    "表内勾稽",
    "行内各列关系",
    "每一行：合计 = 基本支出 + 项目支出（+ 结转下年…），基本支出 = 人员经费 + 公用经费，"
    "合计 = 各资金来源之和，其中数不大于总数。",
)
def row_identity(document: Document) -> Iterator[Finding]:
    tables = [t for t in document.tables if t.kind not in SKIP and t.columns]
    if not tables:
        raise NotApplicable("没有可检查的多列表格")
    for table in tables:
        identities = _identities(tuple(table.columns))
        index = {key: i for i, key in enumerate(table.columns)}
        for row in table.rows:
            present = {
                index[key]: cell.value
                for key, cell in row.cells.items()
                if cell.value is not None and key in index
            }
            for identity in identities:
                if _exact(identity, present):
                    if _informative(identity, present):
                        evaluated("ROW-IDENTITY")
                    continue
                outcome = identity_holds(identity, present)
                if outcome is not None:
                    evaluated("ROW-IDENTITY")
                if outcome is None or (outcome and not _gap(identity, present)):
                    continue
                parent_key = table.columns[identity.parent]
                kids = [table.columns[c] for c in identity.children]
                parent = present.get(identity.parent, Decimal(0))
                total = sum((present.get(c, Decimal(0)) for c in identity.children), Decimal(0))
                if table.kind == "narrative" and _general_basic_split(document, parent_key, total):
                    continue  # the prose splits the 一般公共预算 basic expenditure, not all funds
                if identity.kind == "part":
                    message = (
                        f"「{row.name}」{column(kids[0])} {_fmt(total)} 大于 "
                        f"{column(parent_key)} {_fmt(parent)}"
                    )
                    severity: str = "error"
                else:
                    severity, word = judge(parent - total, len(kids), precision_scale(table))
                    terms = " + ".join(column(k) for k in kids)
                    message = (
                        f"「{row.name}」{column(parent_key)} {_fmt(parent)} 与 {terms} 之和 "
                        f"{_fmt(total)} {word}，相差 {_fmt(parent - total)}"
                    )
                yield Finding(
                    "ROW-IDENTITY",
                    severity,  # type: ignore[arg-type]
                    message,
                    table.kind,
                    row.code,
                    parent_key,
                    row.line,
                    {parent_key: parent, "sum": total},
                    tuple((table.kind, row.code, key) for key in [parent_key, *kids]),
                )


def _general_basic_split(document: Document, parent_key: str, total: Decimal) -> bool:
    """The prose states 基本支出 of all funds, then 人员经费 + 公用经费 of the 一般公共预算
    basic expenditure (`一般公共预算基本支出 9,880.88 万元，其中：人员经费…`): the split
    adds up to the 一般公共预算基本支出表's 合计 instead."""
    table = document.table("general_basic")
    if parent_key != "basic" or table is None:
        return False
    row = next((r for r in table.rows if r.code == "total"), None)
    if row is None:
        return False
    cell = row.cells.get("total")
    if cell is not None and cell.value is not None:
        return cell.value == total
    # a 决算 table printing 人员经费合计 | 公用经费合计 only
    split = [row.cells[k].value for k in ("basic.personnel", "basic.public") if k in row.cells]
    return len(split) == 2 and sum(v for v in split if v is not None) == total


def families(table: Table) -> dict[int, list[int]]:
    """Parent row → child rows, from the codes: 类 ⊃ 款 ⊃ 项, 301 ⊃ 30101, units, 合计.

    Codes are looked up among the rows printed since the last unit row: a table by budget
    unit repeats the same codes under every unit.
    """
    result: dict[int, list[int]] = {}
    total = next((i for i, row in enumerate(table.rows) if row.code == "total"), None)
    unit_index = {
        row.code[5:]: i for i, row in enumerate(table.rows) if row.code.startswith("unit:")
    }
    index_of: dict[str, int] = {}
    last_unit: int | None = None
    department = _named_department(table, total)
    for i, row in enumerate(table.rows):
        if row.code == "total" or row.code.startswith("project:"):
            continue
        key = row.code.split("/")[0]
        if not row.code.startswith("unit:"):
            key = key.partition("@")[0]  # (a code repeated under units carries @unit)
        parent: int | None = None
        if row.code.startswith("unit:"):
            last_unit = i
            index_of = {}
            code = key[5:]
            if not code.isdigit():
                parent = department if department not in (None, i) else total
            for length in range(len(code) - 1, 0, -1):
                if not code.isdigit():
                    break
                if code[:length] in unit_index:
                    parent = unit_index[code[:length]]
                    break
        elif key.isdigit():
            for length in (5, 3):
                if len(key) > length and key[:length] in index_of:
                    parent = index_of[key[:length]]
                    break
        if parent is None and total is not None:
            top = (
                (not key.isdigit())
                or len(key) == 3
                or not any(key[:n] in index_of for n in (3, 5) if n < len(key))
            )
            if (top and not unit_index) or (row.code.startswith("unit:") and parent is None):
                parent = total
        if parent is None and last_unit is not None and (key.isdigit() or key.startswith("other:")):
            # a top-level coded row (or a class kept by its printed name) under a unit
            parent = last_unit
        if parent is not None:
            result.setdefault(parent, []).append(i)
        index_of.setdefault(key, i)
    return result


def _named_department(table: Table, total: int | None) -> int | None:
    """Units printed by name only: the first one is the department when it repeats the
    合计 row and more units follow (its units are then its children)."""
    named = [
        i
        for i, row in enumerate(table.rows)
        if row.code.startswith("unit:") and not row.code[5:].isdigit()
    ]
    if total is None or len(named) < 2:
        return None
    first, whole = table.rows[named[0]].cells, table.rows[total].cells
    same = bool(first) and all(
        column in whole and cell.value == whole[column].value for column, cell in first.items()
    )
    return named[0] if same else None


@rule(
    "SUM-CHILDREN",
    "error",
    "表内勾稽",
    "上级 = 下级之和",
    "每一列：类 = 其下各款之和，款 = 其下各项之和，经济分类类级 = 其下各款之和，"
    "合计行 = 各类之和，单位 = 其下属单位之和。",
)
def sum_children(document: Document) -> Iterator[Finding]:
    tables = [t for t in document.tables if t.kind not in SKIP and t.columns]
    if not tables:
        raise NotApplicable("没有可检查的分级表格")
    for table in tables:
        for parent_index, kids in families(table).items():
            parent = table.rows[parent_index]
            if not any(key in table.columns for key in parent.cells):
                continue  # a 合计 line that prints only label totals (人员经费合计 …)
            children: list[Row] = [table.rows[k] for k in kids]
            sums: dict[str, Decimal] = {}
            counts: dict[str, int] = {}
            for child in children:
                for key, cell in child.cells.items():
                    if cell.value is not None:
                        sums[key] = sums.get(key, _ZERO) + cell.value
                        counts[key] = counts.get(key, 0) + 1
            # a parent printing its figures in columns of its own only (人员经费合计 /
            # 公用经费合计 of a side-by-side table) states nothing about the table's columns
            apart = bool(parent.cells) and not parent.cells.keys() & set(table.columns)
            for key in table.columns:
                if key.startswith("change_pct"):
                    continue  # percentages do not add up
                own_cell = parent.cells.get(key)
                own = own_cell.value if own_cell is not None else None
                if own is None and (key not in sums or apart):
                    continue
                total = sums.get(key, _ZERO)
                value = own if own is not None else _ZERO
                evaluated("SUM-CHILDREN")
                if value == total:
                    continue
                gap = value - total
                severity, word = judge(gap, counts.get(key, 0), precision_scale(table))
                yield Finding(
                    "SUM-CHILDREN",
                    severity,
                    f"「{parent.name}」{column(key)} {_fmt(value)} 与其下 {len(children)} 行之和 "
                    f"{_fmt(total)} {word}，相差 {_fmt(gap)}",
                    table.kind,
                    parent.code,
                    key,
                    parent.line,
                    {"parent": value, "sum": total},
                    tuple((table.kind, r.code, key) for r in [parent, *children]),
                )
