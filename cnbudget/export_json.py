"""The whole document as JSON-ready data (metadata, tables with cells, sections, notices)."""

from __future__ import annotations

from typing import Any

from cnbudget.model import (
    DeptPerformance,
    Document,
    Indicator,
    Narrative,
    PerformanceProject,
    Profile,
    format_decimal,
)


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
        "coverage": None if document.coverage is None else document.coverage.as_dict(),
        "tables": [
            {
                "kind": table.kind,
                "title": table.title,
                "line": table.line,
                "unit": table.unit,
                "columns": table.columns,
                "empty_note": table.empty_note,
                "coverage": None if table.coverage is None else table.coverage.as_dict(),
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
        "performance": [project_dict(p) for p in document.performance],
        "dept_performance": dept_dict(document.dept_performance),
        "narrative": narrative_dict(document.narrative),
        "profile": profile_dict(document.profile),
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


def _num(value: object) -> str | None:
    from decimal import Decimal

    return format_decimal(value) if isinstance(value, Decimal) else None


def indicator_dict(indicator: Indicator) -> dict[str, Any]:
    """One indicator; the number as a string to keep it exact."""
    return {
        "level1": indicator.level1,
        "level2": indicator.level2,
        "name": indicator.name,
        "comparator": indicator.comparator,
        "number": _num(indicator.number),
        "unit": indicator.unit,
        "raw": indicator.raw,
        "description": indicator.description,
        "basis": indicator.basis,
        "parsed": indicator.parsed,
        "line": indicator.line,
    }


def project_dict(project: PerformanceProject) -> dict[str, Any]:
    """One project performance target with its indicators."""
    return {
        "name": project.name,
        "code": project.code,
        "style": project.style,
        "department": project.department,
        "department_code": project.department_code,
        "unit": project.unit,
        "unit_code": project.unit_code,
        "total": _num(project.total),
        "fiscal": _num(project.fiscal),
        "other": _num(project.other),
        "special_account": _num(project.special_account),
        "unit_funds": _num(project.unit_funds),
        "goal": project.goal,
        "purpose": project.purpose,
        "plan": [
            {"period": item.period, "text": item.text, "value": _num(item.value)}
            for item in project.plan
        ],
        "line": project.line,
        "last_line": project.last_line,
        "indicators": [indicator_dict(i) for i in project.indicators],
    }


def dept_dict(target: DeptPerformance | None) -> dict[str, Any] | None:
    """The department-wide target."""
    if target is None:
        return None
    return {
        "department": target.department,
        "goal": target.goal,
        "line": target.line,
        "budget": {key: format_decimal(value) for key, value in target.budget.items()},
        "tasks": [{"name": t.name, "content": t.content, "line": t.line} for t in target.tasks],
        "indicators": [indicator_dict(i) for i in target.indicators],
    }


def narrative_dict(narrative: Narrative | None) -> dict[str, Any] | None:
    """Structured prose items: changes with direction and reasons."""
    if narrative is None:
        return None
    return {
        "changes": [
            {
                "subject": c.subject,
                "direction": c.direction,
                "amount": _num(c.amount),
                "percent": _num(c.percent),
                "reasons": c.reasons,
                "line": c.line,
            }
            for c in narrative.changes
        ],
        "key_evaluation": narrative.key_evaluation,
    }


def profile_dict(profile: Profile | None) -> dict[str, Any] | None:
    """Duties, internal bodies, units and region."""
    if profile is None:
        return None
    region = profile.region
    return {
        "duties": profile.duties,
        "internal_bodies": profile.internal_bodies,
        "units": [
            {"name": u.name, "type": u.type, "level": u.level, "funding": u.funding}
            for u in profile.units
        ],
        "region": None
        if region is None
        else {
            "code": region.code,
            "province": region.province,
            "city": region.city,
            "county": region.county,
        },
    }


def targets_dict(document: Document) -> dict[str, Any]:
    """What `cnbudget targets --format json` prints: targets, narrative and profile."""
    narrative_table = document.table("narrative")
    facts = {}
    if narrative_table is not None and narrative_table.rows:
        facts = {
            key: {"value": _num(cell.value), "text": cell.text, "line": cell.line}
            for key, cell in narrative_table.rows[0].cells.items()
        }
    return {
        "document": document.id,
        "department": document.metadata.department,
        "performance": [project_dict(p) for p in document.performance],
        "dept_performance": dept_dict(document.dept_performance),
        "narrative": {"facts": facts, **(narrative_dict(document.narrative) or {})},
        "profile": profile_dict(document.profile),
    }
