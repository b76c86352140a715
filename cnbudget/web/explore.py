"""Exploring like datasette: facets and sorting on the list, a facts explorer with CSV/JSON
of every view, and the same department across years with a year-on-year view."""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, FastAPI, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import BaseModel

from cnbudget.model import format_decimal
from cnbudget.store.api import DocumentSummary
from cnbudget.store.explore import FactFilter, FactItem, department_years, fact_page, fact_stream
from cnbudget.web.guard import whole_number
from cnbudget.web.labels import TABLES, column_name, table_name
from cnbudget.web.library import DocRow, Library
from cnbudget.web.review import store_of
from cnbudget.web.tabular import csv_response

Page = Callable[..., HTMLResponse]
FACT_PAGE = 100
MAX_FACT_PAGE = 1000  # JSON page size limit
MAX_DOWNLOAD = 500_000  # facts in one CSV download
ERRORS = {"yes": "有错误", "no": "无错误"}
TOTALS = {
    "expenditure_total": "支出合计",
    "basic_total": "基本支出",
    "project_total": "项目支出",
    "three_public_total": "“三公”经费",
}


# -- facets on the document list --------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Facet:
    """One facet: its parameter, name and (value, label, count) choices, most first."""

    param: str
    name: str
    choices: list[tuple[str, str, int]]
    chosen: str


def narrow(rows: list[DocRow], kind: str, scope: str, errors: str) -> list[DocRow]:
    """The list rows of a kind (预算/决算), scope (部门/单位) and with or without errors."""
    return [
        r
        for r in rows
        if (not kind or r.kind == kind)
        and (not scope or r.scope == scope)
        and (errors not in ERRORS or (r.errors > 0) == (errors == "yes"))
    ]


def facets(rows: list[DocRow], chosen: dict[str, str], most: int = 30) -> list[Facet]:
    """Counts of the listed documents by region, year, kind, scope and errors."""

    def count(values: Iterable[str | None], by_value: bool = False) -> list[tuple[str, int]]:
        counts = Counter(v for v in values if v)
        if by_value:
            return sorted(counts.items(), reverse=True)
        return counts.most_common(most)

    years = count((str(r.year) if r.year else None for r in rows), by_value=True)
    errors = Counter("yes" if r.errors else "no" for r in rows)
    return [
        Facet("region", "地区", [(v, v, n) for v, n in count(r.region for r in rows)], ""),
        Facet("year", "年度", [(v, v, n) for v, n in years], chosen.get("year", "")),
        Facet("kind", "预算/决算", [(v, v, n) for v, n in count(r.kind for r in rows)], ""),
        Facet("scope", "部门/单位", [(v, v, n) for v, n in count(r.scope for r in rows)], ""),
        Facet("errors", "核查错误", [(k, ERRORS[k], errors[k]) for k in ERRORS if errors[k]], ""),
    ]


def list_context(request: Request, rows: list[DocRow]) -> tuple[list[DocRow], dict[str, Any]]:
    """Narrow the list by the facet parameters of a request; the template's facet data."""
    params = request.query_params
    kind, scope, errors = (params.get(k, "").strip() for k in ("kind", "scope", "errors"))
    narrowed = narrow(rows, kind, scope, errors)
    chosen = {k: params.get(k, "") for k in ("region", "year", "kind", "scope", "errors")}
    shown = facets(narrowed, chosen)
    for index, facet in enumerate(shown):
        shown[index] = Facet(facet.param, facet.name, facet.choices, chosen[facet.param])
    keep = [(k, v) for k, v in params.multi_items() if k not in ("page",)]
    return narrowed, {
        "facets": shown,
        "facet_query": {
            f.param: urlencode([(k, v) for k, v in keep if k != f.param]) for f in shown
        },
        "unsorted": urlencode([(k, v) for k, v in keep if k not in ("sort", "order")]),
    }


# -- facts explorer ---------------------------------------------------------------------


def fact_filter(
    table: str = "",
    code: str = "",
    column: str = "",
    region: str = "",
    year: str = "",
    department: str = "",
) -> FactFilter:
    """The explorer filter of a request (full-width digits as printed are read)."""
    number = whole_number(year)

    def text(value: str, limit: int) -> str | None:
        return unicodedata.normalize("NFKC", value).strip()[:limit] or None

    return FactFilter(
        text(table, 40),
        text(code, 400),
        text(column, 80),
        text(region, 200),
        number if number is not None and 1000 <= number <= 9999 else None,
        text(department, 200),
    )


class FactOut(BaseModel):
    """一个事实（一个单元格）。金额为万元，精确文本。"""

    document: str
    department: str | None
    year: int | None
    region: str | None
    kind: str
    table: str
    table_name: str
    code: str
    name: str
    column: str
    column_name: str
    value: str | None
    text: str
    line: int
    page: int | None


class FactPageOut(BaseModel):
    """事实浏览的一页。"""

    offset: int
    limit: int
    next_offset: int | None
    items: list[FactOut]


def _fact_out(item: FactItem) -> FactOut:
    return FactOut(
        document=item.document_id,
        department=item.department,
        year=item.year,
        region=item.region,
        kind=item.kind,
        table=item.table,
        table_name=table_name(item.table),
        code=item.code,
        name=item.name,
        column=item.column,
        column_name=column_name(item.column),
        value=None if item.value is None else format_decimal(item.value),
        text=item.text,
        line=item.line,
        page=item.page,
    )


FACT_HEADER = (
    "文件编号",
    "单位",
    "年度",
    "地区",
    "预算/决算",
    "表",
    "表名",
    "行编码",
    "行名称",
    "列",
    "列名",
    "数值（万元）",
    "原文",
    "原文行",
    "页",
)


def _fact_rows(items: Iterator[FactItem]) -> Iterator[tuple[object, ...]]:
    for i in items:
        yield (
            i.document_id,
            i.department,
            i.year,
            i.region,
            i.kind,
            i.table,
            table_name(i.table),
            i.code,
            i.name,
            i.column,
            column_name(i.column),
            i.value,
            i.text,
            i.line,
            i.page,
        )


# -- the same department across years ---------------------------------------------------


@dataclass(frozen=True, slots=True)
class YearRow:
    """One document of a department's years, with each total's change on the year before."""

    summary: DocumentSummary
    totals: list[tuple[Decimal | None, Decimal | None, Decimal | None]]  # value, change, %


def year_rows(found: list[DocumentSummary]) -> list[YearRow]:
    """Year-on-year changes of the main totals, within the same kind and scope."""
    last: dict[tuple[str, str | None], DocumentSummary] = {}
    rows = []
    for summary in found:
        before = last.get((summary.kind, summary.scope))
        totals = []
        for key in TOTALS:
            value: Decimal | None = getattr(summary, key)
            prior: Decimal | None = getattr(before, key) if before else None
            change = None if value is None or prior is None else value - prior
            percent = (
                (change * 100 / prior).quantize(Decimal("0.01"))
                if change is not None and prior
                else None
            )
            totals.append((value, change, percent))
        rows.append(YearRow(summary, totals))
        last[(summary.kind, summary.scope)] = summary
    return rows


class YearOut(BaseModel):
    """同一单位某一年度的文件及主要合计（万元）与上年比较。"""

    document: str
    department: str | None
    year: int | None
    region: str | None
    kind: str
    scope: str | None
    totals: dict[str, str | None]
    changes: dict[str, str | None]


def _text(value: Decimal | None) -> str | None:
    return None if value is None else format_decimal(value)


def register(app: FastAPI, library: Library | None, page: Page) -> None:
    """Add the facts explorer and the department-years routes."""

    @app.get("/facts", response_class=HTMLResponse, include_in_schema=False)
    def facts_page(
        request: Request,
        table: str = "",
        code: str = "",
        column: str = "",
        region: str = "",
        year: str = "",
        department: str = "",
        page_no: Annotated[str, Query(alias="page")] = "1",
    ) -> HTMLResponse:
        _, store = store_of(library)
        where = fact_filter(table, code, column, region, year, department)
        current = max(1, min(whole_number(page_no) or 1, 100_000))
        found = fact_page(store, where, (current - 1) * FACT_PAGE, FACT_PAGE + 1)
        query = urlencode([(k, v) for k, v in request.query_params.multi_items() if k != "page"])
        return page(
            request,
            "facts.html",
            items=found[:FACT_PAGE],
            more=len(found) > FACT_PAGE,
            where=where,
            tables=TABLES,
            current=current,
            first=(current - 1) * FACT_PAGE + 1,
            query=query,
        )

    @app.get("/facts.csv", include_in_schema=False)
    def facts_csv(
        table: str = "",
        code: str = "",
        column: str = "",
        region: str = "",
        year: str = "",
        department: str = "",
    ) -> Response:
        _, store = store_of(library)
        where = fact_filter(table, code, column, region, year, department)
        return csv_response(
            "facts.csv", FACT_HEADER, _fact_rows(fact_stream(store, where, MAX_DOWNLOAD))
        )

    @app.get("/documents/{doc_id}/years", response_class=HTMLResponse, include_in_schema=False)
    def years_page(request: Request, doc_id: str) -> HTMLResponse:
        _, store = store_of(library)
        if library is None or library.document(doc_id) is None:
            raise HTTPException(404, "没有这份文件")
        found = department_years(store, doc_id)
        return page(
            request,
            "years.html",
            doc_id=doc_id,
            rows=year_rows(found),
            totals=TOTALS,
            department=next((s.department for s in found if s.id == doc_id), None),
            region=next((s.region for s in found if s.id == doc_id), None),
        )

    api = APIRouter(prefix="/api", tags=["数据接口"])

    @api.get(
        "/facts", response_model=FactPageOut, summary="事实浏览（按表、行编码、列、地区、年度筛选）"
    )
    def facts_json(
        table: Annotated[
            str, Query(max_length=40, description="表（规范表名，如 expenditure）")
        ] = "",
        code: Annotated[str, Query(max_length=400, description="行编码（完全相同）")] = "",
        column: Annotated[str, Query(max_length=80, description="列（规范列名）")] = "",
        region: Annotated[str, Query(max_length=200, description="地区包含")] = "",
        year: Annotated[int | None, Query(ge=1900, le=2200)] = None,
        department: Annotated[str, Query(max_length=200, description="单位名称包含")] = "",
        offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
        limit: Annotated[int, Query(ge=1, le=MAX_FACT_PAGE)] = FACT_PAGE,
    ) -> FactPageOut:
        _, store = store_of(library)
        where = fact_filter(table, code, column, region, str(year or ""), department)
        found = fact_page(store, where, offset, limit + 1)
        return FactPageOut(
            offset=offset,
            limit=limit,
            next_offset=offset + limit if len(found) > limit else None,
            items=[_fact_out(i) for i in found[:limit]],
        )

    @api.get(
        "/documents/{doc_id}/years",
        response_model=list[YearOut],
        summary="同一单位历年文件及主要合计的同比变化",
    )
    def years_json(
        doc_id: Annotated[str, Path(min_length=1, max_length=64)],
    ) -> list[YearOut]:
        _, store = store_of(library)
        if library is None or library.document(doc_id) is None:
            raise HTTPException(404, "没有这份文件")
        return [
            YearOut(
                document=row.summary.id,
                department=row.summary.department,
                year=row.summary.year,
                region=row.summary.region,
                kind=row.summary.kind,
                scope=row.summary.scope,
                totals={k: _text(v) for k, (v, _, _) in zip(TOTALS, row.totals, strict=True)},
                changes={k: _text(c) for k, (_, c, _) in zip(TOTALS, row.totals, strict=True)},
            )
            for row in year_rows(department_years(store, doc_id))
        ]

    app.include_router(api)
