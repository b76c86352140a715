"""Turn a printed table header into an ordered list of column keys.

Space-separated text prints multi-level headers row by row, so the labels of
one header row come before those of the next. We tokenize the concatenated
header into known labels and rebuild the tree breadth-first: a prefix of the
labels is the top level, the rest are handed in order to the open groups.
Among the possible splits we keep the flattest one that gives a consistent
tree (every pure group has children, no key twice, every label placed).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from cnbudget.vocabulary.columns import (
    DESCRIPTORS,
    GROUPS,
    LABELS,
    ONE_COLUMN,
    PURE_GROUPS,
    SCOPE_CHILDREN,
    SCOPE_GROUPS,
    Label,
    column_key,
)
from cnbudget.vocabulary.normalize import normalize

_LEXICON: list[tuple[str, str]] = sorted(
    [(variant, label_id) for label_id, variants in LABELS.items() for variant in variants]
    + [(text, "DESC") for text in DESCRIPTORS],
    key=lambda item: -len(item[0]),
)
_BY_FIRST: dict[str, list[tuple[str, str]]] = {}
for _variant, _label_id in _LEXICON:
    _BY_FIRST.setdefault(_variant[0], []).append((_variant, _label_id))
_TOTALS = frozenset({"SUBTOTAL", "TP_TOTAL"})
_COLUMN_NUMBER = re.compile(r"[\d*＊]*|栏次|行次")
_PHASES = frozenset({"PHASE_INITIAL", "PHASE_ADJUSTED", "PHASE_FINAL", "YEAR"})
_YEAR = re.compile(r"(\d{4})年度?(预算数|预算|决算数|决算|执行数)?")
# "2026年预算数比2025年执行数（扣除中央基建投资）": a group of change columns
_COMPARE = re.compile(
    r"(?:\d{4}年度?)?(?:预算数?)?比(?:\d{4}年度?|上年)(?:执行数|预算数|预算)?(（扣除中央基建投资）)?"
)


@dataclass(slots=True)
class Header:
    """Parsed header: column keys in printed order and what could not be read."""

    keys: list[str]
    paths: list[tuple[Label, ...]] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)


def tokenize(text: str) -> tuple[list[Label], list[str]]:
    """Split normalised header text into labels (longest match); return unknown runs too."""
    text = normalize(text)
    labels: list[Label] = []
    unknown: list[str] = []
    run = ""
    i = 0
    while i < len(text):
        compare = _COMPARE.match(text, i)
        if compare:
            kind = "COMPARE_NET" if compare.group(1) else "COMPARE"
            labels.append(Label(kind, compare.group(0)))
            i = compare.end()
            continue
        year = _YEAR.match(text, i)
        if year:
            labels.append(Label("YEAR", year.group(0), int(year.group(1))))
            i = year.end()
            continue
        for variant, label_id in _BY_FIRST.get(text[i], ()):
            if text.startswith(variant, i):
                if run:
                    unknown.append(run)
                    run = ""
                if label_id != "DESC":
                    labels.append(Label(label_id, variant))
                i += len(variant)
                break
        else:
            if not (text[i].isdigit() or text[i] in "*＊"):  # column numbers `** 1 2`
                run += text[i]
            elif run:
                unknown.append(run)
                run = ""
            i += 1
    if run:
        unknown.append(run)
    return labels, [u for u in unknown if len(u) > 1]


def _distribute(top: list[Label], rest: list[Label]) -> list[tuple[Label, ...]] | None:
    """Hand `rest` breadth-first to the groups of `top`; None when impossible."""
    nodes: list[tuple[Label, ...]] = [(label,) for label in top]
    children: dict[tuple[Label, ...], list[tuple[Label, ...]]] = {}
    queue: list[tuple[Label, ...]] = [(label,) for label in top if label.id in GROUPS]
    position = 0
    queue_index = 0
    while position < len(rest):
        if queue_index >= len(queue):
            return None
        group = queue[queue_index]
        accepts = GROUPS[group[-1].id]
        taken: set[str] = set()
        while position < len(rest):
            label = rest[position]
            role = label.id
            if role not in accepts or role in taken:
                break
            taken.add(role)
            child = (*group, label)
            children.setdefault(group, []).append(child)
            if label.id in GROUPS:
                queue.append(child)
            position += 1
        queue_index += 1
    leaves: list[tuple[Label, ...]] = []

    def walk(node: tuple[Label, ...]) -> bool:
        kids = children.get(node)
        if not kids:
            if node[-1].id in PURE_GROUPS:
                return False
            leaves.append(node)
            return True
        return all(walk(kid) for kid in kids)

    for node in nodes:
        if not walk(node):
            return None
    return leaves


def build(labels: list[Label]) -> list[tuple[Label, ...]] | None:
    """The flattest consistent header tree for a label sequence."""
    for split in range(len(labels), 0, -1):
        top = labels[:split]
        if any(label.id in _TOTALS for label in top[1:]):
            continue  # a top-level total column is printed first
        leaves = _distribute(top, labels[split:])
        if leaves is None:
            continue
        keys = [column_key(path) for path in leaves]
        if len(set(keys)) == len(keys):
            return leaves
    return None


def parse_header(text: str) -> Header:
    """Column keys of a space-separated header (all header lines joined)."""
    labels, unknown = tokenize(text)
    leaves = build(labels) if labels else []
    if leaves is None:
        keys = [column_key((label,)) for label in labels]
        return Header(keys, [(label,) for label in labels], unknown)
    return Header([column_key(path) for path in leaves], leaves, unknown)


def parse_tab_header(rows: list[list[str]]) -> dict[int, tuple[Label, ...]]:
    """Column paths by cell position for tab-separated headers (empty cells kept).

    An empty cell inherits the label to its left (a spanning group cell) when a
    deeper header row has a label in that position. A spanning label that only names
    the table's scope is left out of the paths (`_scope_cells`).
    """
    width = max((len(row) for row in rows), default=0)
    grid = [[normalize(row[j]) if j < len(row) else "" for j in range(width)] for row in rows]
    # a column-number row (`** 1 2 3`, `栏次 1 2`) holds no label: it spans nothing
    grid = [row for row in grid if not all(_COLUMN_NUMBER.fullmatch(text) for text in row)]
    cells: dict[int, list[tuple[tuple[int, int], Label]]] = {}
    for j in range(width):
        path: list[tuple[tuple[int, int], Label]] = []
        for r, row in enumerate(grid):
            k = j
            if not row[j]:
                deeper = any(grid[d][j] for d in range(r + 1, len(grid)))
                if not deeper:
                    continue
                k = j - 1
                while k >= 0 and not row[k]:
                    k -= 1
                if k < 0:
                    continue
            text = row[k]
            labels, _ = tokenize(text)
            if not labels and text == "预算数" and "决算数" in row:
                labels = [Label("PHASE_INITIAL", text)]  # 预算数 | 决算数 groups side by side
            if len(labels) == 1:
                path.append(((r, k), labels[0]))
        if path:
            cells[j] = path
    scope = _scope_cells(grid, cells)
    paths: dict[int, tuple[Label, ...]] = {}
    for j, path in cells.items():
        kept = tuple(label for origin, label in path if origin not in scope)
        if kept:
            paths[j] = kept
    return paths


def _scope_cells(
    grid: list[list[str]], cells: dict[int, list[tuple[tuple[int, int], Label]]]
) -> set[tuple[int, int]]:
    """Spanning header cells that name the table's scope rather than a column group.

    A label printed over other labels that it cannot hold as a group (`“三公”经费预算数`
    over 合计 | 因公出国（境）费 | …), a cell spanning a side of the table with its name
    column (`财政拨款支出` over 项目 | 合计 | 一般公共预算 …), or a funding source over
    expenditure purposes (`一般公共预算支出` over 合计 | 基本支出 | 项目支出) says what the
    whole span is about: its columns keep their own keys (`total`, `basic`, …).
    """
    scope: set[tuple[int, int]] = set()
    spans: dict[tuple[int, int], list[int]] = {}
    children: dict[tuple[int, int], set[str]] = {}
    for j, path in cells.items():
        for i, (origin, _label) in enumerate(path):
            spans.setdefault(origin, []).append(j)
            if i + 1 < len(path):
                children.setdefault(origin, set()).add(path[i + 1][1].id)
    for (r, k), columns in spans.items():
        label = next(lb for o, lb in cells[columns[0]] if o == (r, k))
        kids = children.get((r, k), set())
        if kids - _PHASES and label.id not in GROUPS:
            scope.add((r, k))
            continue
        if label.id not in SCOPE_GROUPS:
            continue
        below = [grid[d][k] for d in range(r + 1, len(grid)) if grid[d][k]]
        # a names column (项目) under the span, not an amount word (金额 under 本级财政拨款)
        names_column = len(columns) > 1 and any(
            not tokenize(text)[0] and text not in ONE_COLUMN for text in below
        )
        if names_column or kids & SCOPE_CHILDREN:
            scope.add((r, k))
    return scope
