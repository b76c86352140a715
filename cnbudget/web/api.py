"""The read-only JSON API under /api/ (OpenAPI at /api/openapi.json); amounts are exact strings."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Query
from pydantic import BaseModel, Field

from cnbudget.export_json import document_dict
from cnbudget.model import Document, format_decimal
from cnbudget.validate import Finding
from cnbudget.web import review
from cnbudget.web.charts import document_charts
from cnbudget.web.library import MEASURES, Filter, Library, measure

_ID = Path(description="文件编号（内容哈希前 16 位）", min_length=1, max_length=64)


class DocumentSummary(BaseModel):
    """文件列表中的一项。"""

    id: str
    source: str
    department: str | None
    year: int | None
    region: str | None
    kind: str
    scope: str | None
    expenditure_total: str | None = Field(description="支出合计（万元）")
    basic_total: str | None = Field(description="基本支出（万元）")
    project_total: str | None = Field(description="项目支出（万元）")
    basic_share: str | None = Field(description="基本支出占比（%）")
    three_public_total: str | None = Field(description="“三公”经费（万元）")
    errors: int
    warnings: int
    infos: int


class FindingOut(BaseModel):
    """一条核查发现。"""

    rule: str
    severity: str
    message: str
    table: str | None
    row: str | None
    column: str | None
    line: int | None
    numbers: dict[str, str]
    cells: list[list[str]]
    suspect: list[str] | None
    key: str | None = Field(None, description="问题键（规则与位置，重新入库后不变）")
    status: str = Field("pending", description="核查状态：confirmed、false_positive、pending")
    note: str | None = Field(None, description="核查备注")
    reviewer: str | None = Field(None, description="核查人")
    reviewed_at: str | None = Field(None, description="核查时间（ISO 8601）")


class MeasureOut(BaseModel):
    """可比较的指标。"""

    key: str
    name: str
    unit: str
    needs_code: bool


class CompareRowOut(BaseModel):
    """比较结果的一项。"""

    document: str
    department: str | None
    year: int | None
    region: str | None
    value: str
    label: str
    detail: str
    line: int | None


def _text(value: Decimal | None) -> str | None:
    return None if value is None else format_decimal(value)


def finding_out(f: Finding, verdict: Mapping[str, Any] | None = None) -> FindingOut:
    """A finding as the API (and the findings report download) gives it, with its review."""
    return FindingOut(
        rule=f.rule,
        severity=f.severity,
        message=f.message,
        table=f.table,
        row=f.row,
        column=f.column,
        line=f.line,
        numbers={k: format_decimal(v) for k, v in f.numbers.items()},
        cells=[list(c) for c in f.cells],
        suspect=list(f.suspect) if f.suspect else None,
        **(verdict or {}),
    )


def connected(library: Library | None) -> Library:
    """The library, or 404 when the server runs without a database."""
    if library is None:
        raise HTTPException(404, "未连接数据库")
    return library


def stored_document(library: Library | None, doc_id: str) -> Document:
    """The stored document with this id, or 404."""
    found = connected(library).document(doc_id)
    if found is None:
        raise HTTPException(404, "没有这份文件")
    return found


def router(library: Library | None) -> APIRouter:
    """Routes over a library; without one every data route answers 404."""
    api = APIRouter(prefix="/api", tags=["数据接口"])

    @api.get("/documents", response_model=list[DocumentSummary], summary="文件列表")
    def documents(
        department: Annotated[str | None, Query(max_length=200, description="单位名称包含")] = None,
        region: Annotated[str | None, Query(max_length=200, description="地区包含")] = None,
        year: Annotated[int | None, Query(ge=1900, le=2200, description="年度")] = None,
    ) -> list[DocumentSummary]:
        rows = connected(library).documents(Filter(department or None, region or None, year))
        return [
            DocumentSummary(
                id=r.id,
                source=r.source,
                department=r.department,
                year=r.year,
                region=r.region,
                kind=r.kind,
                scope=r.scope,
                expenditure_total=_text(r.expenditure_total),
                basic_total=_text(r.basic_total),
                project_total=_text(r.project_total),
                basic_share=_text(r.basic_share),
                three_public_total=_text(r.three_public_total),
                errors=r.errors,
                warnings=r.warnings,
                infos=r.infos,
            )
            for r in rows
        ]

    @api.get("/documents/{doc_id}", summary="完整文件（表、行、单元格、提示）")
    def document(doc_id: Annotated[str, _ID]) -> dict[str, Any]:
        return document_dict(stored_document(library, doc_id))

    @api.get("/documents/{doc_id}/findings", response_model=list[FindingOut], summary="核查发现")
    def findings(doc_id: Annotated[str, _ID]) -> list[FindingOut]:
        stored_document(library, doc_id)
        found = connected(library).findings(doc_id)
        return [
            finding_out(f, verdict)
            for f, verdict in zip(found, review.verdicts(library, doc_id, found), strict=True)
        ]

    @api.get("/documents/{doc_id}/charts", summary="图表数据（ECharts 配置）")
    def charts(doc_id: Annotated[str, _ID]) -> dict[str, Any]:
        return document_charts(stored_document(library, doc_id))

    @api.get("/measures", response_model=list[MeasureOut], summary="可比较的指标")
    def measures() -> list[MeasureOut]:
        return [
            MeasureOut(key=m.key, name=m.name, unit=m.unit, needs_code=m.needs_code)
            for m in MEASURES
        ]

    @api.get("/compare", response_model=list[CompareRowOut], summary="跨文件比较（按值降序）")
    def compare(
        measure_key: Annotated[
            str, Query(alias="measure", description="指标：" + "、".join(m.key for m in MEASURES))
        ] = "three_public",
        code: Annotated[
            str | None, Query(pattern=r"^(\d{3}|\d{5}|\d{7})$", description="功能科目编码")
        ] = None,
        department: Annotated[str | None, Query(max_length=200)] = None,
        region: Annotated[str | None, Query(max_length=200)] = None,
        year: Annotated[int | None, Query(ge=1900, le=2200)] = None,
        doc: Annotated[list[str] | None, Query(description="只比较这些文件")] = None,
    ) -> list[CompareRowOut]:
        chosen = measure(measure_key)
        if chosen is None:
            raise HTTPException(422, "未知指标")
        if chosen.needs_code and not code:
            raise HTTPException(422, "该指标需要功能科目编码 code")
        where = Filter(department or None, region or None, year, doc or [])
        rows = sorted(
            connected(library).compare(chosen.key, where, code), key=lambda r: r.value, reverse=True
        )
        return [
            CompareRowOut(
                document=r.document,
                department=r.department,
                year=r.year,
                region=r.region,
                value=format_decimal(r.value),
                label=r.label,
                detail=r.detail,
                line=r.line,
            )
            for r in rows
        ]

    return api
