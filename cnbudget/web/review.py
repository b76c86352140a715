"""Reviewer workflow pages: verdicts on findings (已核实 / 误报 / 待处理), metadata
corrections (document page and upload result), and the findings worklist across documents."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, FastAPI, Form, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel

from cnbudget.model import Document
from cnbudget.store import Store
from cnbudget.store.corrections import (
    FIELDS,
    KINDS,
    SCOPES,
    CorrectionError,
    checked,
    correct,
    corrections,
    stored_region,
)
from cnbudget.store.records import region_fields
from cnbudget.store.review import (
    PENDING,
    STATUSES,
    WORK_SORTS,
    ReviewError,
    WorkFilter,
    WorkItem,
    keys_of,
    reviews,
    rules_in_store,
    set_review,
    status_counts,
    worklist,
    worklist_counts,
)
from cnbudget.validate import Finding
from cnbudget.web.guard import same_origin, whole_number
from cnbudget.web.labels import SEVERITIES, table_name
from cnbudget.web.library import Library
from cnbudget.web.store import StoreLibrary
from cnbudget.web.tabular import csv_response

Page = Callable[..., HTMLResponse]
WORK_PAGE = 100
MAX_DOWNLOAD = 200_000  # findings in one CSV download
# severities of the worklist filter: the three levels and 解析存疑 (a doubt about our reading)
WORK_SEVERITIES: dict[str, str] = {**SEVERITIES, "doubt": "解析存疑"}


def store_of(library: Library | None) -> tuple[StoreLibrary, Store]:
    """The store behind the library, or 404 when the server runs without a database."""
    if not isinstance(library, StoreLibrary):
        raise HTTPException(404, "未连接数据库")
    return library, library.store


def current_values(document: Document, region: str | None) -> dict[str, str]:
    """The correctable fields of a document as the forms show them."""
    meta = document.metadata
    values = {
        "year": meta.year,
        "department": meta.department,
        "region": region,
        "kind": meta.kind,
        "scope": meta.scope,
    }
    return {k: "" if v is None else str(v) for k, v in values.items()}


def _form_context(values: dict[str, str]) -> dict[str, Any]:
    return {"fix": values, "fix_fields": FIELDS, "kinds": KINDS, "scopes": SCOPES}


def upload_context(document: Document) -> dict[str, Any]:
    """What the upload result needs to offer corrections before saving."""
    return _form_context(current_values(document, region_fields(document)["region"]))


def document_context(
    library: Library | None, doc_id: str, document: Document, findings: Sequence[Finding]
) -> dict[str, Any]:
    """Verdicts, their counts and the corrections of a stored document's page."""
    if not isinstance(library, StoreLibrary):
        return {}
    store = library.store
    keys = keys_of(findings)
    verdicts = reviews(store, doc_id)
    region = stored_region(store, doc_id)
    return {
        **_form_context(current_values(document, region)),
        "finding_keys": keys,
        "verdicts": verdicts,
        "statuses": STATUSES,
        "status_counts": status_counts(keys, verdicts),
        "corrections": corrections(store, doc_id),
    }


def verdicts(
    library: Library | None, doc_id: str, findings: Sequence[Finding]
) -> list[dict[str, Any]]:
    """Each finding's key and verdict as plain fields (for the JSON findings and exports)."""
    keys = keys_of(findings)
    known = reviews(library.store, doc_id) if isinstance(library, StoreLibrary) else {}
    out = []
    for key in keys:
        v = known.get(key)
        out.append(
            {
                "key": key,
                "status": v.status if v else PENDING,
                "note": v.note if v else None,
                "reviewer": v.reviewer if v else None,
                "reviewed_at": v.reviewed_at.isoformat() if v else None,
            }
        )
    return out


def changes_from(form: dict[str, str], before: dict[str, str]) -> dict[str, str]:
    """The fields a form changes (blank or unchanged fields are no change)."""
    return {
        field: value
        for field in FIELDS
        if (value := (form.get(field) or "").strip()) and value != before.get(field, "")
    }


def check_changes(changes: dict[str, str]) -> None:
    """Refuse (400 with the reason) corrections that could not be stored."""
    for field, value in changes.items():
        try:
            checked(field, value)
        except CorrectionError as exc:
            raise HTTPException(400, str(exc)) from exc


def save_corrections(
    library: Library | None, doc_id: str, changes: dict[str, str], reviewer: str | None
) -> None:
    """Record corrections of a stored document (400 with the reason when refused)."""
    lib, store = store_of(library)
    try:
        correct(store, doc_id, changes, reviewer)
    except CorrectionError as exc:
        raise HTTPException(400, str(exc)) from exc
    lib.changed(doc_id)


def _back(target: str, fallback: str) -> str:
    """A local address to return to after a POST (never another site)."""
    if target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return fallback


class WorkItemOut(BaseModel):
    """核查工作清单中的一条问题。"""

    document: str
    department: str | None
    year: int | None
    region: str | None
    kind: str
    scope: str | None
    finding_no: int
    finding_key: str | None
    rule: str
    severity: str
    doubt: str | None
    message: str
    table: str | None
    row: str | None
    column: str | None
    line: int | None
    status: str
    note: str | None
    reviewer: str | None
    reviewed_at: str | None


class WorkPageOut(BaseModel):
    """核查工作清单的一页。"""

    total: int
    counts: dict[str, int]
    offset: int
    items: list[WorkItemOut]


def _item_out(item: WorkItem) -> WorkItemOut:
    return WorkItemOut(
        document=item.document_id,
        department=item.department,
        year=item.year,
        region=item.region,
        kind=item.kind,
        scope=item.scope,
        finding_no=item.finding_no,
        finding_key=item.finding_key,
        rule=item.rule,
        severity=item.severity,
        doubt=item.doubt,
        message=item.message,
        table=item.table_kind,
        row=item.row_code,
        column=item.column_key,
        line=item.line,
        status=item.status,
        note=item.note,
        reviewer=item.reviewer,
        reviewed_at=None if item.reviewed_at is None else item.reviewed_at.isoformat(),
    )


def work_filter(
    rule: str = "",
    severity: str = "",
    status: str = "",
    region: str = "",
    year: str = "",
    department: str = "",
    doc: str = "",
) -> WorkFilter:
    """The worklist filter of a request (unknown values are ignored, never an error)."""
    number = whole_number(year)
    return WorkFilter(
        rule.strip()[:80] or None,
        severity if severity in WORK_SEVERITIES else None,
        status if status in STATUSES else None,
        region.strip()[:200] or None,
        number if number is not None and 1000 <= number <= 9999 else None,
        department.strip()[:200] or None,
        doc.strip()[:64] or None,
    )


CSV_HEADER = (
    "文件编号",
    "单位",
    "年度",
    "地区",
    "类型",
    "问题序号",
    "规则",
    "级别",
    "解析存疑",
    "说明",
    "表",
    "行",
    "列",
    "原文行",
    "核查状态",
    "备注",
    "核查人",
    "核查时间",
)


def _csv_rows(items: Iterator[WorkItem] | list[WorkItem]) -> Iterator[tuple[object, ...]]:
    for i in items:
        yield (
            i.document_id,
            i.department,
            i.year,
            i.region,
            f"{i.scope or ''}{i.kind}",
            i.finding_no + 1,
            i.rule,
            SEVERITIES.get(i.severity, i.severity),
            i.doubt,
            i.message,
            table_name(i.table_kind) if i.table_kind else None,
            i.row_code,
            i.column_key,
            i.line,
            i.status_name,
            i.note,
            i.reviewer,
            None if i.reviewed_at is None else i.reviewed_at.isoformat(timespec="seconds"),
        )


def register(app: FastAPI, library: Library | None, page: Page) -> None:
    """Add the review, correction and worklist routes."""

    @app.post("/documents/{doc_id}/findings/{key}/review", include_in_schema=False)
    def review_finding(
        request: Request,
        doc_id: str,
        key: str,
        status: Annotated[str, Form()],
        note: Annotated[str, Form()] = "",
        reviewer: Annotated[str, Form()] = "",
        back: Annotated[str, Form()] = "",
    ) -> Response:
        same_origin(request)
        _, store = store_of(library)
        if library is None or library.document(doc_id) is None:
            raise HTTPException(404, "没有这份文件")
        try:
            set_review(store, doc_id, key, status, note, reviewer)
        except ReviewError as exc:
            raise HTTPException(400, str(exc)) from exc
        target = _back(back, f"/documents/{doc_id}")
        return RedirectResponse(target, status_code=303)

    @app.post("/documents/{doc_id}/correct", include_in_schema=False)
    async def correct_document(request: Request, doc_id: str) -> Response:
        same_origin(request)
        lib, _ = store_of(library)
        document = lib.document(doc_id)
        if document is None:
            raise HTTPException(404, "没有这份文件")
        form = {k: v for k, v in (await request.form()).items() if isinstance(v, str)}
        region = stored_region(lib.store, doc_id)
        changes = changes_from(form, current_values(document, region))
        if changes:
            save_corrections(library, doc_id, changes, form.get("reviewer"))
        return RedirectResponse(f"/documents/{doc_id}?corrected=1#corrections", status_code=303)

    @app.get("/findings", response_class=HTMLResponse, include_in_schema=False)
    def findings_page(
        request: Request,
        rule: str = "",
        severity: str = "",
        status: str = "",
        region: str = "",
        year: str = "",
        department: str = "",
        doc: str = "",
        sort: str = "department",
        order: str = "asc",
        page_no: Annotated[str, Query(alias="page")] = "1",
    ) -> HTMLResponse:
        _, store = store_of(library)
        where = work_filter(rule, severity, status, region, year, department, doc)
        counts = worklist_counts(store, where)
        pages = max(1, -(-counts["total"] // WORK_PAGE))
        current = min(max(1, whole_number(page_no) or 1), pages)
        sort = sort if sort in WORK_SORTS else "department"
        items = worklist(store, where, sort, order == "desc", (current - 1) * WORK_PAGE, WORK_PAGE)
        query = [(k, v) for k, v in request.query_params.multi_items() if k != "page"]
        unsorted = [(k, v) for k, v in query if k not in ("sort", "order")]
        return page(
            request,
            "findings.html",
            items=items,
            where=where,
            counts=counts,
            rules=rules_in_store(store),
            work_severities=WORK_SEVERITIES,
            statuses=STATUSES,
            work_sorts=WORK_SORTS,
            sort=sort,
            order="desc" if order == "desc" else "asc",
            current=current,
            pages=pages,
            first=(current - 1) * WORK_PAGE + 1,
            query=urlencode(query),
            unsorted=urlencode(unsorted),
            here=str(request.url.path) + ("?" + request.url.query if request.url.query else ""),
        )

    @app.get("/findings.csv", include_in_schema=False)
    def findings_csv(
        rule: str = "",
        severity: str = "",
        status: str = "",
        region: str = "",
        year: str = "",
        department: str = "",
        doc: str = "",
        sort: str = "department",
        order: str = "asc",
    ) -> Response:
        _, store = store_of(library)
        where = work_filter(rule, severity, status, region, year, department, doc)
        items = worklist(store, where, sort, order == "desc", 0, MAX_DOWNLOAD)
        return csv_response("findings.csv", CSV_HEADER, _csv_rows(items))

    api = APIRouter(prefix="/api", tags=["数据接口"])

    @api.get("/findings", response_model=WorkPageOut, summary="核查工作清单（跨文件的核查问题）")
    def findings_json(
        rule: Annotated[str, Query(max_length=80, description="规则编号")] = "",
        severity: Annotated[
            str, Query(description="级别：error、warning、info 或 doubt（解析存疑）")
        ] = "",
        status: Annotated[
            str, Query(description="核查状态：confirmed、false_positive、pending")
        ] = "",
        region: Annotated[str, Query(max_length=200, description="地区包含")] = "",
        year: Annotated[int | None, Query(ge=1900, le=2200)] = None,
        department: Annotated[str, Query(max_length=200, description="单位名称包含")] = "",
        doc: Annotated[str, Query(max_length=64, description="只列这份文件（编号）")] = "",
        sort: Annotated[str, Query(description="排序：" + "、".join(WORK_SORTS))] = "department",
        order: Annotated[str, Query(pattern="^(asc|desc)$")] = "asc",
        offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
        limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    ) -> WorkPageOut:
        _, store = store_of(library)
        where = work_filter(rule, severity, status, region, str(year or ""), department, doc)
        counts = worklist_counts(store, where)
        items = worklist(store, where, sort, order == "desc", offset, limit)
        return WorkPageOut(
            total=counts.pop("total"),
            counts=counts,
            offset=offset,
            items=[_item_out(i) for i in items],
        )

    app.include_router(api)
