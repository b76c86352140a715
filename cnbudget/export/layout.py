"""The printed layout of a canonical table: header tree from column keys, row codes and levels."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from cnbudget.model import Row, Table
from cnbudget.vocabulary.columns import _CARRYOVER_KEYS, LABELS, LEAF_KEYS

FUNCTION_CODE = re.compile(r"^2\d{2}(?:\d{2}){0,2}$")
ECONOMIC_CODE = re.compile(r"^([35]\d{2}(?:\d{2})?)(?:/([35]\d{2}(?:\d{2})?))?$")

# column keys whose printed label is not the first variant of their header label
_OVERRIDES = {
    "total": "合计",
    "fiscal": "财政拨款",
    "fiscal.general.grant": "其中：财政拨款",
    "carryover.general.grant": "其中：财政拨款",
    "prior_year": "上年数",
    "grand_total": "合计",
    "quantity": "数量",
    "value": "价值",
    "category": "项目类别",
    "unit": "单位代码",
    "meetings": "会议费",
    "training": "培训费",
}


def _label_table() -> dict[str, str]:
    labels: dict[str, str] = {}
    for label_id, key in LEAF_KEYS.items():
        labels.setdefault(key, LABELS[label_id][0] if label_id in LABELS else key)
    for label_id, key in _CARRYOVER_KEYS.items():
        labels.setdefault(key, LABELS[label_id][0])
    labels.update(_OVERRIDES)
    return labels


COLUMN_LABELS: dict[str, str] = _label_table()


def column_label(key: str, kind: str = "预算") -> str:
    """Chinese header label of a column key (`basic.public` → 日常公用支出)."""
    base, _, year = key.partition("@")
    text = f"{kind}数" if base == "amount" else COLUMN_LABELS.get(base, base)
    return f"{year}年{text}" if year else text


@dataclass(slots=True)
class Node:
    """A header cell: a label over either one column (key) or child header cells."""

    label: str
    key: str | None = None
    children: list[Node] = field(default_factory=list)

    def leaves(self) -> list[Node]:
        if not self.children:
            return [self]
        return [leaf for child in self.children for leaf in child.leaves()]

    def depth(self) -> int:
        return 1 + max((child.depth() for child in self.children), default=0)


def column_tree(
    keys: Sequence[str], kind: str = "预算", label: Callable[[str], str] | None = None
) -> list[Node]:
    """Header tree of amount/text columns: a key with sub-keys becomes a group with a 小计.

    A key's parent is its nearest dotted prefix present among the keys
    (`basic.personnel.wages` sits under `basic` when `basic.personnel` is not
    printed). Keys whose label would repeat another top-level label and whose
    prefix is not printed are grouped under that prefix (`carryover.general`
    under 上年结转), as the printed tables do. `label` names a key (default: the printed
    header label, `column_label`).
    """
    present = set(keys)

    def name(key: str) -> str:
        return label(key) if label is not None else column_label(key, kind)

    def parent_of(key: str) -> str | None:
        base, sep, year = key.partition("@")
        parts = base.split(".")
        for size in range(len(parts) - 1, 0, -1):
            candidate = ".".join(parts[:size]) + (sep + year)
            if candidate in present:
                return candidate
        return None

    children: dict[str | None, list[str]] = {}
    for key in keys:
        children.setdefault(parent_of(key), []).append(key)

    def build(key: str) -> Node:
        subs = children.get(key, [])
        if not subs:
            return Node(name(key), key)
        return Node(name(key), None, [Node("小计", key), *(build(sub) for sub in subs)])

    top = [build(key) for key in children.get(None, [])]
    counts: dict[str, int] = {}
    for node in top:
        counts[node.label] = counts.get(node.label, 0) + 1
    grouped: list[Node] = []
    for node in top:
        prefix = _missing_prefix(node.key)
        if prefix is not None and counts[node.label] > 1:
            group = name(prefix)
            if grouped and grouped[-1].key is None and grouped[-1].label == group:
                grouped[-1].children.append(node)
                continue
            grouped.append(Node(group, None, [node]))
            continue
        grouped.append(node)
    return grouped


def _missing_prefix(key: str | None) -> str | None:
    if key is None:
        return None
    base = key.partition("@")[0]
    if "." not in base:
        return None
    return base.rsplit(".", 1)[0]


@dataclass(frozen=True, slots=True)
class HeaderCell:
    """One printed header cell: text and its 0-based position and span in the header block."""

    text: str
    row: int
    column: int
    rowspan: int = 1
    colspan: int = 1


def header_cells(nodes: Sequence[Node]) -> tuple[int, list[HeaderCell]]:
    """Lay a header forest out as a grid: (header height, cells with spans)."""
    height = max((node.depth() for node in nodes), default=1)
    cells: list[HeaderCell] = []

    def place(node: Node, row: int, column: int) -> int:
        width = len(node.leaves())
        if node.children:
            cells.append(HeaderCell(node.label, row, column, 1, width))
            offset = column
            for child in node.children:
                offset += place(child, row + 1, offset)
        else:
            cells.append(HeaderCell(node.label, row, column, height - row, 1))
        return width

    column = 0
    for node in nodes:
        column += place(node, 0, column)
    return height, cells


def value_keys(table: Table, rows: Sequence[Row] | None = None, printed: bool = True) -> list[str]:
    """Column keys of a table's rows: the printed columns (or only those used), then any others."""
    rows = table.rows if rows is None else rows
    used = {column for row in rows for column in row.cells}
    keys = [key for key in table.columns if printed or key in used]
    seen = set(keys)
    for row in rows:
        for column in row.cells:
            if column not in seen:
                seen.add(column)
                keys.append(column)
    return keys


def function_parts(code: str) -> tuple[str, str, str] | None:
    """类/款/项 parts of a function code (`2101202` → 210, 12, 02), None for other codes."""
    if not FUNCTION_CODE.match(code):
        return None
    return code[:3], code[3:5], code[5:7]


def economic_parts(code: str) -> tuple[str, str] | None:
    """Department and government economic codes of a row code (`30101/50101`)."""
    match = ECONOMIC_CODE.match(code)
    if match is None:
        return None
    return match.group(1), match.group(2) or ""


def unit_code(code: str) -> str | None:
    return code[5:] if code.startswith("unit:") else None


def levels(rows: Sequence[Row]) -> list[int]:
    """Indentation level of each row: 类/款/项 depth, unit nesting, dotted key depth."""
    unit_lengths = sorted({len(code) for row in rows if (code := unit_code(row.code))})
    unit_depth = len(unit_lengths)
    result: list[int] = []
    for row in rows:
        code = row.code
        if (unit := unit_code(code)) is not None:
            result.append(unit_lengths.index(len(unit)))
        elif FUNCTION_CODE.match(code):
            result.append(unit_depth + (len(code) - 3) // 2)
        elif (economic := economic_parts(code)) is not None:
            result.append(unit_depth + (len(economic[0]) - 3) // 2)
        elif code.startswith("project:"):
            result.append(unit_depth)
        elif code.startswith(("income.", "expenditure.")):
            result.append(code.count(".") - 1)
        elif code in ("total", "grand_total"):
            result.append(0)
        else:
            result.append(code.count("."))
    return result


def is_parent(row: Row, following: Row | None) -> bool:
    """True when the next printed row is a child of this one (by code)."""
    if following is None:
        return False
    code, next_code = row.code, following.code
    if code in ("total", "grand_total"):
        return True
    if (unit := unit_code(code)) is not None:
        below = unit_code(next_code)
        return below is None or (below.startswith(unit) and len(below) > len(unit))
    if FUNCTION_CODE.match(code):
        return next_code.startswith(code) and len(next_code) > len(code)
    if (economic := economic_parts(code)) is not None:
        other = economic_parts(next_code)
        return other is not None and other[0].startswith(economic[0]) and other[0] != economic[0]
    return next_code.startswith(code + ".")
