"""The web application: server-rendered Chinese pages and a read-only JSON API under /api/."""

from __future__ import annotations

import asyncio
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

import jinja2
from fastapi import Depends, FastAPI, File, HTTPException, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.gzip import GZipMiddleware

from cnbudget import __version__
from cnbudget.coverage import percent
from cnbudget.store import StoreError
from cnbudget.web import api, downloads, evidence, explore, reports, review
from cnbudget.web.assets import CachedStatic
from cnbudget.web.grid import paired_rows
from cnbudget.web.guard import BodyLimit, QueryGuard, SecurityHeaders, same_origin, whole_number
from cnbudget.web.labels import SEVERITIES, column_name, table_name
from cnbudget.web.library import (
    MEASURES,
    CompareRow,
    DocRow,
    Filter,
    Library,
    Measure,
    compare_groups,
    measure,
)
from cnbudget.web.numbers import amount
from cnbudget.web.pages import PageCache
from cnbudget.web.uploads import (
    ALLOWED_SUFFIXES,
    MAX_UPLOAD_BYTES,
    UploadCache,
    UploadError,
    check_type,
    parse_upload,
)
from cnbudget.web.views import document_view
from cnbudget.web.worker import ClientGone, WorkerLimits, parse_isolated

_HERE = Path(__file__).parent
PAGE_SIZE = 100
COMPARE_ROWS = 500  # rows shown on the compare page; the downloads hold all of them
COMPARE_CHARTS = 4  # groups (unit × year) drawn as charts; every group has its table
SORTS = {
    "expenditure_total": "支出合计",
    "basic_share": "基本支出占比",
    "project_share": "项目支出占比",
    "three_public_total": "“三公”经费",
    "findings": "问题数",
    "year": "年度",
    "department": "单位名称",
}


# Starlette's default English reasons, as users read them
_CHINESE_ERRORS = {
    "Not Found": "页面不存在（404）：地址有误，或文件已删除",
    "Method Not Allowed": "不支持这种请求方式（405）",
    "Unprocessable Entity": "请求参数有误（422）",
}


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(_HERE / "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["money"] = money
    env.globals.update(
        table_name=table_name,
        column_name=column_name,
        severities=SEVERITIES,
        version=__version__,
        pairs=paired_rows,
        percent=percent,
        download_kinds=reports.KINDS,
    )
    return env


def money(value: Decimal | None) -> str:
    """An amount for display (`cnbudget.web.numbers.amount`: 万元, exact, separators)."""
    return amount(value)


def sort_rows(rows: list[DocRow], key: str, descending: bool) -> list[DocRow]:
    """Sort list rows by a column; rows without a value always come last."""
    if key not in SORTS:
        key = "expenditure_total"

    def value(row: DocRow) -> Any:
        return getattr(row, key)

    present = [r for r in rows if value(r) is not None]
    missing = [r for r in rows if value(r) is None]
    present.sort(key=value, reverse=descending)
    return present + missing


def create_app(
    library: Library | None,
    *,
    title: str = "cnbudget 预算公开",
    max_upload: int = MAX_UPLOAD_BYTES,
    worker_limits: WorkerLimits | None = None,
) -> FastAPI:
    """The application over a library (None: no database, only upload and view)."""
    app = FastAPI(
        title=title,
        version=__version__,
        description="部门预算公开文件的只读数据接口：文件列表、完整文件、核查问题、跨文件比较。",
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    env = _environment()
    uploads = UploadCache(max_bytes=max_upload)
    worker_limits = worker_limits or WorkerLimits.from_env()
    turns = asyncio.Semaphore(worker_limits.workers)
    app.state.library = library
    app.state.uploads = uploads
    app.add_middleware(BodyLimit, limit=max_upload + 64 * 1024)
    app.add_middleware(QueryGuard)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(GZipMiddleware, minimum_size=1024)
    app.mount("/static", CachedStatic(directory=_HERE / "static"), name="static")

    def page(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
        html = env.get_template(template).render(
            request=request, has_db=library is not None, **context
        )
        return HTMLResponse(html, status_code=status)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        detail = _CHINESE_ERRORS.get(str(exc.detail), str(exc.detail))  # Starlette's English
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": detail}, status_code=exc.status_code)
        return page(request, "error.html", exc.status_code, message=detail)

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": str(exc)}, status_code=400)
        return page(request, "error.html", 400, message=str(exc))

    @app.exception_handler(Exception)
    async def internal_error(request: Request, exc: Exception) -> Response:
        message = f"服务器内部错误（{type(exc).__name__}），请稍后重试或报告问题"
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": message}, status_code=500)
        return page(request, "error.html", 500, message=message)

    @app.exception_handler(UploadError)
    async def upload_error(request: Request, exc: UploadError) -> Response:
        return page(
            request,
            "upload.html",
            exc.status,
            error=exc.reason,
            allowed=ALLOWED_SUFFIXES,
            limit=max_upload // 1048576,
        )

    # ---- pages -------------------------------------------------------------------------

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def index(
        request: Request,
        department: str = "",
        region: str = "",
        year: str = "",
        sort: str = "expenditure_total",
        order: str = "desc",
        page_no: Annotated[str, Query(alias="page")] = "1",
    ) -> HTMLResponse:
        where = Filter(department.strip() or None, region.strip() or None, _year(year))
        found, faceting = explore.list_context(request, library.documents(where) if library else [])
        rows = sort_rows(found, sort, order != "asc")
        pages = max(1, -(-len(rows) // PAGE_SIZE))
        current = min(max(1, whole_number(page_no) or 1), pages)
        start = (current - 1) * PAGE_SIZE
        return page(
            request,
            "index.html",
            rows=rows[start : start + PAGE_SIZE],
            total=len(rows),
            first=start + 1,
            current=current,
            pages=pages,
            query=_without_page(request),
            where=where,
            sort=sort if sort in SORTS else "expenditure_total",
            order="asc" if order == "asc" else "desc",
            sorts=SORTS,
            **faceting,
        )

    @app.get("/documents/{doc_id}", response_class=HTMLResponse, include_in_schema=False)
    def document_page(request: Request, doc_id: str) -> HTMLResponse:
        document = api.stored_document(library, doc_id)
        lib = api.connected(library)
        findings = lib.findings(doc_id)
        view = document_view(document, findings, lines=lib.source_lines(doc_id))
        base = f"/documents/{doc_id}"
        saved = request.query_params.get("saved") == "1"
        reviewed = review.document_context(library, doc_id, document, findings)
        return page(
            request, "document.html", view=view, base=base, upload=None, saved=saved, **reviewed
        )

    @app.get("/documents/{doc_id}/source", response_class=HTMLResponse, include_in_schema=False)
    def source_page(request: Request, doc_id: str) -> HTMLResponse:
        document = api.stored_document(library, doc_id)
        lines = api.connected(library).source_lines(doc_id)
        return page(
            request,
            "source.html",
            document=document,
            lines=lines,
            base=f"/documents/{doc_id}",
        )

    @app.get("/upload", response_class=HTMLResponse, include_in_schema=False)
    def upload_form(request: Request) -> HTMLResponse:
        return page(
            request,
            "upload.html",
            error=None,
            allowed=ALLOWED_SUFFIXES,
            limit=max_upload // 1048576,
        )

    @app.post("/upload", include_in_schema=False)
    async def upload(request: Request, file: Annotated[UploadFile, File()]) -> Response:
        same_origin(request)
        name = file.filename or ""
        check_type(name)  # before the body is read
        data = await file.read(max_upload + 1)
        if len(data) > max_upload or not data:
            parsed = parse_upload(name, data, max_upload)  # refuses with the usual message
        else:
            try:  # a child process: time and memory bounded, killed if the client leaves
                parsed = await parse_isolated(
                    name, data, max_upload, worker_limits, request.is_disconnected, turns
                )
            except ClientGone:
                return Response(status_code=499)
        item = uploads.keep(name, data, parsed)
        return RedirectResponse(f"/upload/{item.token}", status_code=303)

    @app.get("/upload/{token}", response_class=HTMLResponse, include_in_schema=False)
    def upload_view(request: Request, token: str) -> HTMLResponse:
        item = uploads.get(token)
        if item is None:
            raise HTTPException(404, "上传结果已过期，请重新上传")
        report = item.report
        view = document_view(item.document, report.findings, report.ran, report.not_run, item.lines)
        fix = review.upload_context(item.document)
        return page(
            request,
            "document.html",
            view=view,
            base=f"/upload/{token}",
            upload=item,
            saved=False,
            **fix,
        )

    @app.get("/upload/{token}/source", response_class=HTMLResponse, include_in_schema=False)
    def upload_source(request: Request, token: str) -> HTMLResponse:
        item = uploads.get(token)
        if item is None:
            raise HTTPException(404, "上传结果已过期，请重新上传")
        return page(
            request,
            "source.html",
            document=item.document,
            lines=item.lines,
            base=f"/upload/{token}",
        )

    @app.post("/upload/{token}/save", include_in_schema=False)
    async def upload_save(request: Request, token: str) -> Response:
        same_origin(request)
        form = {k: v for k, v in (await request.form()).items() if isinstance(v, str)}
        confirm = form.get("confirm", "")
        lib = api.connected(library)
        item = uploads.get(token)
        if item is None:
            raise HTTPException(404, "上传结果已过期，请重新上传")
        if confirm != "yes":
            raise HTTPException(400, "缺少保存确认")
        fixes = review.changes_from(form, review.upload_context(item.document)["fix"])
        if fixes:  # checked before anything is written
            review.check_changes(fixes)
        lib.save(item.document, item.data, item.name, item.lines)
        if fixes:
            review.save_corrections(lib, item.document.id, fixes, form.get("reviewer"))
        item.saved = True
        return RedirectResponse(f"/documents/{item.document.id}?saved=1", status_code=303)

    @app.get("/compare", response_class=HTMLResponse, include_in_schema=False)
    def compare_page(
        request: Request, asked: Annotated[CompareQuery, Depends(compare_query)]
    ) -> HTMLResponse:
        rows, error = _compare(library, asked)
        groups = compare_groups(rows, asked.measure.unit)
        return page(
            request,
            "compare.html",
            measures=MEASURES,
            chosen=asked.measure,
            code=asked.code,
            where=asked.where,
            rows=rows,
            groups=groups,
            shown=COMPARE_ROWS,
            total=len(rows),
            error=error,
            charts=[
                _compare_chart(f"{asked.measure.name}（{g.title}）", g.unit, g.rows)
                for g in groups[:COMPARE_CHARTS]
            ],
            query=str(request.url.query),
        )

    @app.get("/compare.csv", include_in_schema=False)
    def compare_csv(asked: Annotated[CompareQuery, Depends(compare_query)]) -> Response:
        rows, _ = _compare(library, asked)
        return Response(
            downloads.csv_bytes(asked.measure, compare_groups(rows, asked.measure.unit)),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": 'attachment; filename="compare.csv"'},
        )

    @app.get("/compare.xlsx", include_in_schema=False)
    def compare_xlsx(asked: Annotated[CompareQuery, Depends(compare_query)]) -> Response:
        rows, _ = _compare(library, asked)
        return Response(
            downloads.xlsx_bytes(asked.measure, compare_groups(rows, asked.measure.unit)),
            media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            headers={"Content-Disposition": 'attachment; filename="compare.xlsx"'},
        )

    @app.get("/api", response_class=HTMLResponse, include_in_schema=False)
    def api_docs(request: Request) -> HTMLResponse:
        return page(request, "api.html", spec=app.openapi())

    review.register(app, library, page)
    explore.register(app, library, page)
    evidence.add_routes(app, library, uploads, page, PageCache())
    reports.add_routes(app, library, uploads, env)
    app.include_router(api.router(library))
    return app


def _without_page(request: Request) -> str:
    """The request's query string without its page number (for the page links)."""
    return urlencode([(k, v) for k, v in request.query_params.multi_items() if k != "page"])


def _year(text: str) -> int | None:
    number = whole_number(text)
    return number if number is not None and 1000 <= number <= 9999 else None


@dataclass(frozen=True, slots=True)
class CompareQuery:
    """What the compare page and its downloads were asked for."""

    measure: Measure
    where: Filter
    code: str


def compare_query(
    measure_key: Annotated[str, Query(alias="measure")] = "three_public",
    code: str = "",
    department: str = "",
    region: str = "",
    year: str = "",
    doc: Annotated[list[str] | None, Query()] = None,
) -> CompareQuery:
    """The compare parameters of a request (an unknown measure falls back to 三公)."""
    where = Filter(department.strip() or None, region.strip() or None, _year(year), doc or [])
    code = unicodedata.normalize("NFKC", code).strip()  # full-width digits as printed
    return CompareQuery(measure(measure_key) or MEASURES[1], where, code)


def _compare(library: Library | None, asked: CompareQuery) -> tuple[list[CompareRow], str | None]:
    if library is None:
        return [], "未连接数据库"
    code = asked.code
    if asked.measure.needs_code and not code:
        return [], "请填写功能科目编码（如 2101202）"
    if code and not (code.isascii() and code.isdigit() and len(code) in (3, 5, 7)):
        return [], "功能科目编码应为 3、5 或 7 位数字"
    rows = library.compare(asked.measure.key, asked.where, code or None)
    return sorted(rows, key=lambda r: r.value, reverse=True), None


def _compare_chart(name: str, unit: str, rows: list[CompareRow]) -> dict[str, Any] | None:
    """A sorted horizontal bar chart (largest on top); values as numbers for drawing only."""
    if not rows:
        return None
    shown = rows[:60]
    labels = [
        f"{r.department or r.document}{'·' + r.label if r.label else ''}" for r in reversed(shown)
    ]
    return {
        "title": {
            "text": name,
            "subtext": f"单位：{unit}；共 {len(rows)} 项，图中显示前 {len(shown)} 项",
        },
        "tooltip": {"trigger": "axis", "axisPointer": {"type": "shadow"}},
        "grid": {"left": 12, "right": 40, "top": 70, "bottom": 20, "containLabel": True},
        "xAxis": {"type": "value", "name": unit},
        "yAxis": {
            "type": "category",
            "data": labels,
            "axisLabel": {"width": 220, "overflow": "truncate"},
        },
        "series": [
            {
                "type": "bar",
                "name": name,
                "data": [float(r.value) for r in reversed(shown)],
                "label": {"show": True, "position": "right"},
            }
        ],
    }
