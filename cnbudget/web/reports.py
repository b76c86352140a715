"""Downloads on a document page: the findings report (HTML, XLSX, JSON), the tables as XLSX in
the printed layout, and the facts CSV. Amounts are exact; the report shows them in 万元."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from typing import Any

import jinja2
from fastapi import FastAPI, HTTPException
from fastapi.responses import Response
from openpyxl import Workbook

from cnbudget.export.xlsx import workbook
from cnbudget.facts import facts, write_csv
from cnbudget.formulas import text_cell
from cnbudget.model import Document
from cnbudget.store.review import STATUSES
from cnbudget.validate import Finding
from cnbudget.web import api, review
from cnbudget.web.library import Library
from cnbudget.web.uploads import UploadCache
from cnbudget.web.views import FindingView, document_view

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
KINDS = {
    "findings.html": "核查报告（HTML）",
    "findings.xlsx": "核查报告（XLSX）",
    "findings.json": "核查报告（JSON）",
    "tables.xlsx": "各表（XLSX，按原表样式）",
    "facts.csv": "事实（CSV）",
}
_COLUMNS = (
    "序号",
    "级别",
    "解析存疑",
    "规则",
    "表",
    "行编码",
    "列",
    "原件页",
    "原文行",
    "说明",
    "存疑原因",
    "相关数字（万元）",
    "核查状态",
    "核查备注",
    "核查人",
    "核查时间",
)
# each finding's review (cnbudget.web.review.verdicts); None for an upload not saved
Verdicts = list[dict[str, Any]] | None


def _review_cells(verdict: dict[str, Any] | None) -> list[object]:
    if verdict is None:
        return ["", "", "", ""]
    return [
        STATUSES.get(verdict["status"], verdict["status"]),
        verdict["note"] or "",
        verdict["reviewer"] or "",
        verdict["reviewed_at"] or "",
    ]


def _cells(view: FindingView, verdict: dict[str, Any] | None = None) -> list[object]:
    return [
        view.index + 1,
        view.severity_name,
        "是" if view.doubt else "",
        view.rule,
        view.table,
        view.row,
        view.column,
        view.page or "",
        view.line or "",
        view.message,
        view.doubt or "",
        "；".join(f"{k} = {v}" for k, v in view.numbers),
        *_review_cells(verdict),
    ]


def _verdict(verdicts: Verdicts, index: int) -> dict[str, Any] | None:
    return verdicts[index] if verdicts else None


def findings_json(document: Document, findings: list[Finding], verdicts: Verdicts = None) -> bytes:
    views = document_view(document, findings).findings
    items: list[dict[str, Any]] = [
        {
            **api.finding_out(raw, _verdict(verdicts, view.index)).model_dump(),
            "doubt": raw.doubt,
            "page": view.page,
        }
        for view, raw in zip(views, findings, strict=True)
    ]
    body = {"document": document.id, "source": document.source, "findings": items}
    return json.dumps(body, ensure_ascii=False, indent=2).encode("utf-8")


def findings_xlsx(document: Document, findings: list[Finding], verdicts: Verdicts = None) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("核查问题")
    sheet.append([f"{document.metadata.department or document.source}（{document.id}）"])
    sheet.append(list(_COLUMNS))
    for view in document_view(document, findings).findings:
        cells = _cells(view, _verdict(verdicts, view.index))
        sheet.append([text_cell(sheet, v) for v in cells])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def findings_html(
    env: jinja2.Environment, document: Document, findings: list[Finding], verdicts: Verdicts = None
) -> bytes:
    view = document_view(document, findings)

    def row(finding: FindingView) -> list[object]:
        return _cells(finding, _verdict(verdicts, finding.index))

    html = env.get_template("report.html").render(view=view, columns=_COLUMNS, row=row)
    return html.encode("utf-8")


def tables_xlsx(document: Document) -> bytes:
    buffer = io.BytesIO()
    workbook(document).save(buffer)
    return buffer.getvalue()


def facts_csv(document: Document) -> bytes:
    return ("\ufeff" + write_csv(facts(document))).encode("utf-8")


def download(
    env: jinja2.Environment,
    kind: str,
    document: Document,
    findings: list[Finding],
    verdicts: Verdicts = None,
) -> Response:
    """One download of a document as an attachment named after the document."""
    makers: dict[str, tuple[Callable[[], bytes], str]] = {
        "findings.html": (
            lambda: findings_html(env, document, findings, verdicts),
            "text/html; charset=utf-8",
        ),
        "findings.xlsx": (lambda: findings_xlsx(document, findings, verdicts), XLSX),
        "findings.json": (
            lambda: findings_json(document, findings, verdicts),
            "application/json; charset=utf-8",
        ),
        "tables.xlsx": (lambda: tables_xlsx(document), XLSX),
        "facts.csv": (lambda: facts_csv(document), "text/csv; charset=utf-8"),
    }
    if kind not in makers:
        raise HTTPException(404, "没有这种下载")
    make, media = makers[kind]
    name = f"{document.id}-{kind}"
    return Response(
        make(), media_type=media, headers={"Content-Disposition": f'attachment; filename="{name}"'}
    )


def add_routes(
    app: FastAPI, library: Library | None, uploads: UploadCache, env: jinja2.Environment
) -> None:
    """Register `/documents/{id}/downloads/{kind}` and `/upload/{token}/downloads/{kind}`."""

    @app.get("/documents/{doc_id}/downloads/{kind}", include_in_schema=False)
    def document_download(doc_id: str, kind: str) -> Response:
        document = api.stored_document(library, doc_id)
        found = api.connected(library).findings(doc_id)
        return download(env, kind, document, found, review.verdicts(library, doc_id, found))

    @app.get("/upload/{token}/downloads/{kind}", include_in_schema=False)
    def upload_download(token: str, kind: str) -> Response:
        item = uploads.get(token)
        if item is None:
            raise HTTPException(404, "上传结果已过期，请重新上传")
        return download(env, kind, item.document, item.report.findings)
