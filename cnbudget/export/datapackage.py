"""A Frictionless / Fiscal Data Package: documents, facts and budget lines with a fiscal model."""

from __future__ import annotations

import csv
import hashlib
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from cnbudget.export.lines import FIELDS, BudgetLine, budget_lines
from cnbudget.facts import facts, write_csv
from cnbudget.formulas import csv_row
from cnbudget.model import Document, format_decimal

DOCUMENTS = "documents.csv"
FACTS = "facts.csv"
LINES = "budget-lines.csv"
DOCUMENT_FIELDS = ("document", "source", "department", "year", "kind", "scope", "unit", "encoding")

_STRING = "string"
_LINE_TYPES: dict[str, str] = {"year": "integer", "amount": "number", "line": "integer"}
_LINE_TITLES: dict[str, str] = {
    "document": "文档编号",
    "department": "部门（单位）",
    "year": "年度",
    "phase": "阶段（预算/决算）",
    "direction": "方向（expenditure 支出 / revenue 收入）",
    "table": "来源表（规范表键）",
    "function_class": "功能分类：类（3位）",
    "function_class_name": "类名称",
    "function_item": "功能分类：款（5位）",
    "function_item_name": "款名称",
    "function_subitem": "功能分类：项（7位）",
    "function_subitem_name": "项名称",
    "economic_code": "部门预算支出经济分类编码",
    "economic_gov_code": "政府预算支出经济分类编码",
    "unit_code": "单位代码",
    "project": "项目名称",
    "category": "项目类别",
    "item": "其他行键（收支总表行、“三公”项目等）",
    "name": "原文行名称",
    "column": "金额所在列",
    "amount": "金额（万元，精确十进制）",
    "line": "原文行号",
}


def _field(
    name: str, kind: str = _STRING, title: str | None = None, **extra: Any
) -> dict[str, Any]:
    field: dict[str, Any] = {"name": name, "type": kind}
    if title:
        field["title"] = title
    field.update(extra)
    return field


def _document_row(document: Document) -> list[object]:
    meta = document.metadata
    return [
        document.id,
        document.source,
        meta.department or "",
        "" if meta.year is None else meta.year,
        meta.kind,
        meta.scope or "",
        meta.unit,
        document.encoding,
    ]


def _line_row(line: BudgetLine) -> list[object]:
    row: list[object] = []
    for name in FIELDS:
        value = getattr(line, name)
        if name == "amount":
            row.append(format_decimal(value))
        elif value is None:
            row.append("")
        else:
            row.append(value)
    return row


def _digest(path: Path) -> tuple[int, str]:
    data = path.read_bytes()
    return len(data), "sha256:" + hashlib.sha256(data).hexdigest()


def _resource(
    directory: Path, name: str, path: str, title: str, schema: dict[str, Any]
) -> dict[str, Any]:
    size, digest = _digest(directory / path)
    return {
        "name": name,
        "title": title,
        "path": path,
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "bytes": size,
        "hash": digest,
        "schema": schema,
    }


def _foreign_key() -> dict[str, Any]:
    return {"fields": "document", "reference": {"resource": "documents", "fields": "document"}}


def fiscal_model() -> dict[str, Any]:
    """The Fiscal Data Package `model`: the amount measure and its dimensions."""

    def source(field: str, **extra: Any) -> dict[str, Any]:
        return {"source": field, "resource": "budget-lines", **extra}

    return {
        "measures": {
            "amount": {
                "source": "amount",
                "resource": "budget-lines",
                "currency": "CNY",
                "factor": 10000,
                "title": "金额（万元）",
            }
        },
        "dimensions": {
            "functional-classification": {
                "dimensionType": "classification",
                "classificationType": "functional",
                "attributes": {
                    "class": source("function_class"),
                    "class_name": source("function_class_name", labelfor="class"),
                    "item": source("function_item", parent="class"),
                    "item_name": source("function_item_name", labelfor="item"),
                    "code": source("function_subitem", parent="item"),
                    "code_name": source("function_subitem_name", labelfor="code"),
                },
                "primaryKey": ["class", "item", "code"],
            },
            "economic-classification": {
                "dimensionType": "classification",
                "classificationType": "economic",
                "attributes": {
                    "code": source("economic_code"),
                    "gov_code": source("economic_gov_code"),
                },
                "primaryKey": ["code", "gov_code"],
            },
            "administrator": {
                "dimensionType": "entity",
                "attributes": {
                    "title": source("department"),
                    "id": source("unit_code"),
                },
                "primaryKey": ["title", "id"],
            },
            "project": {
                "dimensionType": "activity",
                "attributes": {"title": source("project"), "category": source("category")},
                "primaryKey": ["title"],
            },
            "date": {
                "dimensionType": "datetime",
                "attributes": {"year": source("year")},
                "primaryKey": "year",
            },
            "direction": {
                "dimensionType": "other",
                "attributes": {"direction": source("direction")},
                "primaryKey": "direction",
            },
            "phase": {
                "dimensionType": "other",
                "attributes": {"phase": source("phase")},
                "primaryKey": "phase",
            },
            "source-table": {
                "dimensionType": "other",
                "attributes": {"table": source("table"), "item": source("item")},
                "primaryKey": ["table", "item"],
            },
            "provenance": {
                "dimensionType": "fact",
                "attributes": {
                    "document": source("document"),
                    "line": source("line"),
                    "name": source("name"),
                    "column": source("column"),
                },
                "primaryKey": ["document", "line", "column"],
            },
        },
    }


def write_datapackage(documents: Iterable[Document], directory: str | Path) -> Path:
    """Write datapackage.json and its CSV resources into a directory; returns the descriptor."""
    target = Path(directory)
    target.mkdir(parents=True, exist_ok=True)
    count = 0
    departments: list[str] = []
    with (
        (target / DOCUMENTS).open("w", encoding="utf-8", newline="") as docs_file,
        (target / FACTS).open("w", encoding="utf-8", newline="") as facts_file,
        (target / LINES).open("w", encoding="utf-8", newline="") as lines_file,
    ):
        docs_writer = csv.writer(docs_file, lineterminator="\n")
        lines_writer = csv.writer(lines_file, lineterminator="\n")
        docs_writer.writerow(DOCUMENT_FIELDS)
        lines_writer.writerow(FIELDS)
        for document in documents:
            text = write_csv(facts(document))
            facts_file.write(text if count == 0 else text.split("\n", 1)[1])
            docs_writer.writerow(csv_row(_document_row(document)))
            lines_writer.writerows(csv_row(_line_row(line)) for line in budget_lines(document))
            if document.metadata.department and len(departments) < 3:
                departments.append(document.metadata.department)
            count += 1
        if count == 0:
            facts_file.write(write_csv(()))
    descriptor = _descriptor(target, count, departments)
    path = target / "datapackage.json"
    path.write_text(json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path


def _descriptor(target: Path, count: int, departments: list[str]) -> dict[str, Any]:
    names = "、".join(departments) + ("等" if count > len(departments) else "")
    documents_schema = {
        "fields": [
            _field("document", title="文档编号（内容哈希）", constraints={"required": True}),
            _field("source", title="源文件"),
            _field("department", title="部门（单位）"),
            _field("year", "integer", title="年度"),
            _field("kind", title="类型", constraints={"enum": ["预算", "决算"]}),
            _field("scope", title="范围（部门/单位）"),
            _field("unit", title="原文金额单位"),
            _field("encoding", title="文本编码"),
        ],
        "primaryKey": ["document"],
    }
    facts_schema = {
        "fields": [
            _field("document", title="文档编号", constraints={"required": True}),
            _field("table", title="规范表键", constraints={"required": True}),
            _field("row_code", title="行编码（科目编码、规范行键或实体键）"),
            _field("row_name", title="原文行名称"),
            _field("column", title="规范列键", constraints={"required": True}),
            _field("value", title="数值（万元，精确十进制）或文本列的文字"),
        ],
        "foreignKeys": [_foreign_key()],
    }
    line_fields = []
    for name in FIELDS:
        extra: dict[str, Any] = {}
        if name == "direction":
            extra["constraints"] = {"required": True, "enum": ["expenditure", "revenue"]}
        elif name == "phase":
            extra["constraints"] = {"required": True, "enum": ["预算", "决算"]}
        elif name in ("document", "table", "amount"):
            extra["constraints"] = {"required": True}
        line_fields.append(
            _field(name, _LINE_TYPES.get(name, _STRING), _LINE_TITLES[name], **extra)
        )
    lines_schema = {"fields": line_fields, "foreignKeys": [_foreign_key()]}
    return {
        "name": "cnbudget-disclosures",
        "title": f"部门预算公开数据（{count} 份文件{'：' + names if names else ''}）",
        "description": (
            "由 cnbudget 从部门预算/决算公开文件解析得到。facts：每个公开数字一行（规范事实，"
            "docs/canonical-facts.md）；budget-lines：各表末级明细行（不含合计、小计和上级科目行），"
            "不同表是同一预算的不同视角，汇总时请按 table 筛选。金额单位：万元。"
        ),
        "profile": "tabular-data-package",
        "resources": [
            _resource(target, "documents", DOCUMENTS, "文件", documents_schema),
            _resource(target, "facts", FACTS, "规范事实", facts_schema),
            _resource(target, "budget-lines", LINES, "预算明细行", lines_schema),
        ],
        "model": fiscal_model(),
    }
