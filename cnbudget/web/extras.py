"""Generic views of document parts beyond the money tables (performance targets, prose facts).

Other stages add such parts to `Document` as dataclasses and lists of them; this module
turns whatever is there into a small tree the template renders, without knowing the
classes in advance.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum
from typing import Any

from cnbudget.model import Document, format_decimal
from cnbudget.web.labels import key_label

_BASE_FIELDS = {
    "id",
    "source",
    "encoding",
    "metadata",
    "tables",
    "sections",
    "notices",
    "line_count",
    "prose",  # every line outside the tables: the source view shows them
    "format",
    "positions",  # page and box of each line (PDF): bookkeeping for provenance
}

LABELS: dict[str, str] = {
    "performance": "项目绩效目标",
    "performances": "项目绩效目标",
    "projects": "项目",
    "dept_performance": "部门整体绩效目标",
    "narrative": "情况说明",
    "profile": "部门概况",
    "coverage": "读取程度",
    "printed": "印出的金额（个）",
    "captured": "已转为事实（个）",
    "uncaptured": "未转为事实的金额（行号、原文）",
    "duties": "主要职责",
    "functions": "主要职责",
    "units": "所属单位",
    "subordinates": "所属单位",
    "institutions": "内设机构",
    "internal": "内设机构",
    "region": "地区",
    "province": "省",
    "city": "市",
    "county": "县（区）",
    "name": "名称",
    "project": "项目",
    "code": "编码",
    "department": "主管部门",
    "unit": "单位",
    "unit_code": "单位编码",
    "total": "年度预算资金总额",
    "budget": "预算资金",
    "budget_total": "年度预算资金总额",
    "fiscal": "其中：财政拨款",
    "other": "其他资金",
    "goal": "总体目标",
    "goals": "总体目标",
    "objective": "总体目标",
    "plan": "资金支出计划",
    "spending_plan": "资金支出计划",
    "indicators": "绩效指标",
    "level1": "一级指标",
    "level2": "二级指标",
    "level3": "三级指标",
    "comparator": "比较",
    "number": "数值",
    "value": "指标值",
    "raw": "原文",
    "text": "原文",
    "basis": "指标值确定依据",
    "description": "说明",
    "line": "行号",
    "facts": "数字",
    "key": "项目",
    "column": "项目",
    "reason": "原因",
    "reasons": "原因",
    "direction": "增减",
    "kind": "类型",
    "type": "类型",
    "level": "级别",
    "quarter": "季度",
    "amount": "金额",
    "internal_bodies": "内设机构",
    "tasks": "任务",
    "content": "内容",
    "subject": "事项",
    "percent": "幅度（%）",
    "percent_text": "幅度（原文）",
    "changes": "增减变化",
    "key_evaluation": "重点绩效评价",
    "purpose": "资金用途",
    "special_account": "财政专户管理资金",
    "unit_funds": "单位资金",
    "department_code": "主管部门编码",
    "period": "期间",
    "funding": "经费形式",
    "parsed": "数值已识别",
}

# bookkeeping fields not worth a reader's attention (the line becomes a source link)
_HIDDEN = {"line", "last_line", "style", "parsed"}


@dataclass(slots=True)
class Node:
    """A value for display: text, a labelled record, a list of records (a table) or a list."""

    kind: str  # text | record | table | list
    text: str = ""
    line: int | None = None
    fields: list[tuple[str, Node]] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)
    rows: list[list[Node]] = field(default_factory=list)
    items: list[Node] = field(default_factory=list)


def label(name: str) -> str:
    """The Chinese label of a field name (the name itself when unknown)."""
    return LABELS.get(name) or key_label(name) or name


def _scalar(value: Any) -> bool:
    return value is None or isinstance(value, str | int | float | Decimal | bool | Enum)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, Decimal):
        return format_decimal(value)
    if isinstance(value, Enum):
        return str(value.value)
    return str(value)


def _items(value: Any) -> list[tuple[str, Any]]:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [(f.name, getattr(value, f.name)) for f in dataclasses.fields(value)]
    if isinstance(value, dict):
        return [(str(k), v) for k, v in value.items()]
    return []


def node(value: Any, depth: int = 0) -> Node:
    """Turn a value into a display tree (bounded depth: deeper parts are shown as text)."""
    if _scalar(value) or depth > 6:
        return Node("text", _text(value))
    if isinstance(value, list | tuple | set | frozenset):
        values = list(value)
        records = [_items(v) for v in values]
        if values and all(records) and all(_scalar(v) for r in records for _, v in r):
            columns: list[str] = []
            for record in records:
                for name, _ in record:
                    if name not in columns and name not in _HIDDEN:
                        columns.append(name)
            columns = [c for c in columns if any(not _empty(dict(r).get(c)) for r in records)]
            rows = []
            for record in records:
                as_dict = dict(record)
                cells = [Node("text", _text(as_dict.get(c))) for c in columns]
                line = as_dict.get("line")
                if cells and isinstance(line, int) and line > 0:
                    cells[0].line = line  # the first cell links to the source line
                rows.append(cells)
            return Node("table", columns=[label(c) for c in columns], rows=rows)
        return Node("list", items=[node(v, depth + 1) for v in values])
    fields = _items(value)
    if fields:
        line = next((v for k, v in fields if k == "line" and isinstance(v, int)), None)
        shown = [
            (label(k), node(v, depth + 1)) for k, v in fields if k not in _HIDDEN and not _empty(v)
        ]
        return Node("record", fields=shown, line=line)
    return Node("text", _text(value))


def _empty(value: Any) -> bool:
    return value is None or value == "" or (isinstance(value, list | tuple | dict) and not value)


def document_extras(document: Document) -> list[tuple[str, Node]]:
    """Parts of a document other than its money tables, as (Chinese title, tree) pairs."""
    parts = []
    for name, value in _items(document):
        if name in _BASE_FIELDS or _empty(value):
            continue
        parts.append((label(name), node(value)))
    return parts
