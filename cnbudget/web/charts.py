"""ECharts options for a document: function-class composition, basic vs project, economic classes.

Chart data is for drawing only: values become JSON numbers here, while tables, the API
and downloads keep the exact decimals as printed.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from cnbudget.model import Document, Row, Table
from cnbudget.web.labels import table_name

Option = dict[str, Any]

_FUNCTION_SOURCES = ("expenditure", "general_expenditure", "fiscal_summary", "summary")
_SPLIT_SOURCES = ("expenditure", "general_expenditure")
_ECONOMIC_SOURCES = ("basic", "general_basic")
_TOTAL_KEYS = ("total", "amount")


def _amount(row: Row, keys: tuple[str, ...] = _TOTAL_KEYS) -> Decimal | None:
    for key in keys:
        cell = row.cells.get(key)
        if cell is not None and cell.value is not None:
            return cell.value
    return None


def _first(document: Document, kinds: tuple[str, ...]) -> Table | None:
    for kind in kinds:
        table = document.table(kind)
        if table is not None and not table.is_empty:
            return table
    return None


def _tree(rows: list[tuple[str, str, Decimal]], width: int) -> list[dict[str, Any]]:
    """Nest (code, name, amount) rows by code prefix; `width` is the class code length."""
    nodes: dict[str, dict[str, Any]] = {}
    roots: list[dict[str, Any]] = []
    for code, name, amount in sorted(rows, key=lambda item: (len(item[0]), item[0])):
        node: dict[str, Any] = {"name": f"{code} {name}", "value": float(amount), "code": code}
        parent = None
        for cut in range(len(code) - 2, width - 1, -2):
            parent = nodes.get(code[:cut])
            if parent is not None:
                break
        if parent is None:
            roots.append(node)
        else:
            parent.setdefault("children", []).append(node)
        nodes[code] = node
    return roots


def function_composition(document: Document) -> Option | None:
    """Treemap of spending by function class (类 → 款 → 项)."""
    table = _first(document, _FUNCTION_SOURCES)
    if table is None:
        return None
    rows = []
    for row in table.rows:
        amount = _amount(row)
        if row.code.isdigit() and len(row.code) in (3, 5, 7) and amount:
            rows.append((row.code, row.name, amount))
    if not rows:
        return None
    return {
        "title": {"text": "支出功能分类构成", "subtext": f"来源：{table_name(table.kind)}，万元"},
        "tooltip": {"formatter": "{b}：{c} 万元"},
        "series": [
            {
                "type": "treemap",
                "name": "支出",
                "top": 60,
                "leafDepth": 2,
                "data": _tree(rows, 3),
                "label": {"show": True, "formatter": "{b}"},
                "upperLabel": {"show": True, "height": 22},
            }
        ],
    }


def basic_vs_project(document: Document) -> Option | None:
    """Pie of basic against project spending from a table's total row."""
    pairs: list[tuple[str, Decimal]] = []
    source = ""
    table = _first(document, _SPLIT_SOURCES)
    if table is not None:
        for row in table.rows:
            if row.code == "total":
                pairs = [
                    (name, cell.value)
                    for key, name in (("basic", "基本支出"), ("project", "项目支出"))
                    if (cell := row.cells.get(key)) is not None and cell.value is not None
                ]
                source = table_name(table.kind)
                break
    if not pairs:
        summary = document.table("summary")
        if summary is not None:
            for key, name in (
                ("expenditure.basic", "基本支出"),
                ("expenditure.project", "项目支出"),
            ):
                found: list[Row] = [r for r in summary.rows if r.code == key]
                amount = _amount(found[0]) if found else None
                if amount is not None:
                    pairs.append((name, amount))
            source = table_name("summary")
    if not any(value for _, value in pairs):
        return None
    return {
        "title": {"text": "基本支出与项目支出", "subtext": f"来源：{source}，万元"},
        "tooltip": {"trigger": "item", "formatter": "{b}：{c} 万元（{d}%）"},
        "legend": {"bottom": 0},
        "series": [
            {
                "type": "pie",
                "name": "支出",
                "radius": ["35%", "65%"],
                "data": [{"name": name, "value": float(value)} for name, value in pairs],
                "label": {"formatter": "{b}\n{d}%"},
            }
        ],
    }


def economic_basic(document: Document) -> Option | None:
    """Sunburst of basic spending by economic class (301 → 30101 …)."""
    table = _first(document, _ECONOMIC_SOURCES)
    if table is None:
        return None
    totals: dict[str, tuple[str, Decimal]] = {}
    for row in table.rows:
        code = row.code.split("/", 1)[0]
        amount = _amount(row)
        if not code.isdigit() or len(code) not in (3, 5) or not amount:
            continue
        name = row.name.split("/", 1)[0]
        if code in totals:  # one department code under several government codes
            name, previous = totals[code]
            amount += previous
        totals[code] = (name, amount)
    if not totals:
        return None
    rows = [(code, name, amount) for code, (name, amount) in totals.items()]
    classes = {code for code, _, _ in rows if len(code) == 3}
    for code, _, _unused in list(rows):
        if len(code) == 5 and code[:3] not in classes:
            classes.add(code[:3])
            rows.append(
                (
                    code[:3],
                    "",
                    sum((a for c, _, a in rows if len(c) == 5 and c[:3] == code[:3]), Decimal(0)),
                )
            )
    return {
        "title": {"text": "基本支出经济分类", "subtext": f"来源：{table_name(table.kind)}，万元"},
        "tooltip": {"formatter": "{b}：{c} 万元"},
        "series": [
            {
                "type": "sunburst",
                "name": "基本支出",
                "center": ["50%", "55%"],
                "radius": ["12%", "85%"],
                "data": _tree(rows, 3),
                "label": {"minAngle": 8, "overflow": "truncate", "width": 90},
            }
        ],
    }


def document_charts(document: Document) -> dict[str, Option]:
    """The charts a document supports, by id (absent when the tables behind it are)."""
    charts = {
        "functions": function_composition(document),
        "split": basic_vs_project(document),
        "economic": economic_basic(document),
    }
    return {key: option for key, option in charts.items() if option is not None}
