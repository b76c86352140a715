"""The whole document as JSON-ready data (metadata, tables with cells, sections, notices)."""

from __future__ import annotations

from typing import Any

from cnbudget.model import Document, format_decimal


def _position(document: Document, line: int) -> dict[str, Any]:
    """Page and box (points, top-left origin) of a source line read from a PDF."""
    if line not in document.positions:
        return {}
    page, box = document.positions[line]
    return {"page": page, "box": [round(v, 1) for v in box] if box else None}


def document_dict(document: Document) -> dict[str, Any]:
    """Plain dict of a parsed document; amounts as strings to keep them exact."""
    meta = document.metadata
    return {
        "id": document.id,
        "source": document.source,
        "encoding": document.encoding,
        "format": document.format,
        "metadata": {
            "department": meta.department,
            "year": meta.year,
            "unit": meta.unit,
            "kind": meta.kind,
            "scope": meta.scope,
        },
        "tables": [
            {
                "kind": table.kind,
                "title": table.title,
                "line": table.line,
                "unit": table.unit,
                "columns": table.columns,
                "empty_note": table.empty_note,
                "rows": [
                    {
                        "code": row.code,
                        "name": row.name,
                        "line": row.line,
                        **_position(document, row.line),
                        "cells": {
                            column: {
                                "text": cell.text,
                                "value": None if cell.value is None else format_decimal(cell.value),
                                "confidence": cell.confidence,
                            }
                            for column, cell in row.cells.items()
                        },
                    }
                    for row in table.rows
                ],
            }
            for table in document.tables
        ],
        "sections": [
            {"kind": s.kind, "title": s.title, "first_line": s.first_line, "last_line": s.last_line}
            for s in document.sections
        ],
        "notices": [
            {
                "code": n.code,
                "severity": n.severity,
                "message": n.message,
                "line": n.line,
                "table": n.table,
            }
            for n in document.notices
        ],
    }
