"""Real PDFs in headless Chromium: a document printed in 元, a partly read one, page evidence,
downloads, the phone layout, caching and the chart script (issue 13, points 1, 2, 4, 5, 8)."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pytest
from openpyxl import load_workbook

from cnbudget.facts import facts
from cnbudget.model import Document, Row
from cnbudget.store import Store
from cnbudget.store import open as open_store
from cnbudget.web.grid import cell_id
from cnbudget.web.store import StoreLibrary

from .conftest import serve
from .real import PARTLY_PDF, REAL, YUAN_PDF, store_pdf

UPLOADED_PDF = REAL / "guangzhou-petition-2026-budget-dept.pdf"


@pytest.fixture(scope="module")
def real_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Store, dict[str, Any]]]:
    store = open_store(str(tmp_path_factory.mktemp("real") / "real.db"))
    yuan, _ = store_pdf(store, YUAN_PDF)
    partly, lost = store_pdf(store, PARTLY_PDF, lose_row=True)
    try:
        yield store, {"yuan": yuan, "partly": partly, "lost": lost}
    finally:
        store.close()


@pytest.fixture(scope="module")
def real_server(real_store: tuple[Store, dict[str, Any]]) -> Iterator[str]:
    yield from serve(StoreLibrary(real_store[0]))


@pytest.fixture
def tab(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="zh-CN")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert not errors, errors


def _plain(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


def test_yuan_pdf_shows_wanyuan_with_printed_precision(
    tab: Any, real_server: str, real_store: tuple[Store, dict[str, Any]]
) -> None:
    document: Document = real_store[1]["yuan"]
    tab.goto(f"{real_server}/documents/{document.id}")
    summary = next(t for t in document.tables if t.kind == "summary")
    assert summary.unit == "元"
    caption = tab.locator("section.table").first.locator("p.caption").inner_text()
    assert "单位：万元（原文为元，已换算）" in caption
    checked = 0
    for row in summary.rows:
        for column, cell in row.cells.items():
            if cell.value is None:
                continue
            shown = tab.locator(f"#{cell_id(summary.kind, row.code, column)} a.src").inner_text()
            # 万元 with four decimals for integer 元: shown × 10000 is exactly the printed amount
            assert re.fullmatch(r"-?\d{1,3}(,\d{3})*\.\d{4}", shown), shown
            assert _plain(shown) * 10000 == _plain(cell.text)
            checked += 1
    assert checked > 10
    # the list shows the same total in the same format
    total = next(r for r in summary.rows if r.code == "expenditure.grand_total")
    grand = next(c for c in total.cells.values() if c.value is not None)
    tab.goto(real_server + "/")
    assert f"{grand.value:,.4f}" in tab.locator("#documents").inner_text()


def test_every_number_links_to_its_page_with_the_cell_marked(
    tab: Any, real_server: str, real_store: tuple[Store, dict[str, Any]]
) -> None:
    document: Document = real_store[1]["yuan"]
    table = next(t for t in document.tables if t.kind == "expenditure")
    row = next(r for r in table.rows if r.code.isdigit() and len(r.cells) > 1)
    column, cell = next((k, c) for k, c in row.cells.items() if c.value)
    tab.goto(f"{real_server}/documents/{document.id}")
    link = tab.locator(f"#{cell_id(table.kind, row.code, column)} a.src")
    page_no, _ = document.positions[cell.line or row.line]
    assert link.get_attribute("data-page") == str(page_no)
    link.click()
    tab.wait_for_url(re.compile(rf"/pages/{page_no}\?"))
    image = tab.locator("#page-image img")
    tab.wait_for_function("document.querySelector('#page-image img').naturalWidth > 0")
    assert image.evaluate("img => img.naturalWidth") > 800
    marks = tab.locator("#page-image .mark-cell")
    assert marks.count() >= 1
    line_box = tab.locator("#page-image .mark-line").bounding_box()
    cell_box = marks.first.bounding_box()
    assert line_box is not None and cell_box is not None
    # the cell's box lies on its line
    assert line_box["y"] - 4 <= cell_box["y"] <= line_box["y"] + line_box["height"]
    assert "红框" in tab.locator("#evidence-note").inner_text()


def test_marked_box_holds_the_printed_text(real_store: tuple[Store, dict[str, Any]]) -> None:
    """Server side: the box found for every amount of a table encloses exactly its text."""
    from cnbudget.web.pages import cell_boxes, page_chars

    document: Document = real_store[1]["yuan"]
    pdf = pdfium.PdfDocument(YUAN_PDF.read_bytes())
    table = next(t for t in document.tables if t.kind == "summary")
    found = 0
    for row in table.rows:
        for cell in row.cells.values():
            if cell.value is None:
                continue
            page_no, box = document.positions[cell.line or row.line]
            assert page_no is not None and box is not None
            page = pdf[page_no - 1]
            chars, _ = page_chars(page)
            boxes = cell_boxes(chars, box, cell.text)
            assert boxes, cell.text
            inside = [
                c.text
                for c in chars
                if boxes[0][0] <= (c.x0 + c.x1) / 2 <= boxes[0][2]
                and boxes[0][1] <= (c.top + c.bottom) / 2 <= boxes[0][3]
            ]
            assert "".join(inside).replace(",", "") == cell.text.replace(",", "")
            found += 1
    assert found > 10


def test_partly_read_pdf_shows_unread_row_in_place(
    tab: Any, real_server: str, real_store: tuple[Store, dict[str, Any]]
) -> None:
    document: Document = real_store[1]["partly"]
    lost: Row = real_store[1]["lost"]
    tab.goto(f"{real_server}/documents/{document.id}")
    coverage = tab.locator("#coverage")
    assert "cov-part" in (coverage.get_attribute("class") or "")
    assert f"未读出 {len(lost.cells)} 个" in coverage.inner_text()
    unread = tab.locator(f"tr.unread[data-line='{lost.line}']")
    assert unread.count() == 1
    text = unread.inner_text()
    assert lost.name in text and "未读出" in text
    for cell in lost.cells.values():
        assert cell.text.replace(",", "") in text.replace(",", "")
    # in place: right after the row printed above it, before the one printed below
    above = unread.evaluate("tr => tr.previousElementSibling.querySelector('a.src').dataset.line")
    below = unread.evaluate("tr => tr.nextElementSibling.querySelector('a.src').dataset.line")
    assert int(above) < lost.line < int(below)
    grey = unread.locator("td").first.evaluate("td => getComputedStyle(td).backgroundColor")
    assert grey != "rgba(0, 0, 0, 0)"
    assert tab.locator("#legend").count() == 1
    # the table says how much of it was read
    section = tab.locator("section.table", has=unread)
    assert "cov-part" in section.locator("p.caption").inner_html()


def test_findings_name_their_page(
    tab: Any, real_server: str, real_store: tuple[Store, dict[str, Any]]
) -> None:
    store, docs = real_store
    for document in (docs["yuan"], docs["partly"]):
        findings = store.findings(document.id)
        tab.goto(f"{real_server}/documents/{document.id}")
        for index, finding in enumerate(findings):
            if finding.line is None or finding.line not in document.positions:
                continue
            page_no = document.positions[finding.line][0]
            link = tab.locator(f"#finding-{index} a.page")
            assert link.inner_text() == f"原件第 {page_no} 页"


def test_downloads_from_the_document_page(
    tab: Any, real_server: str, real_store: tuple[Store, dict[str, Any]], tmp_path: Path
) -> None:
    store, docs = real_store
    document: Document = docs["yuan"]
    tab.goto(f"{real_server}/documents/{document.id}")
    got: dict[str, bytes] = {}
    for kind in ("findings.html", "findings.xlsx", "findings.json", "tables.xlsx", "facts.csv"):
        with tab.expect_download() as info:
            tab.locator(f"#downloads a[href$='/downloads/{kind}']").click()
        target = tmp_path / kind
        info.value.save_as(target)
        assert info.value.suggested_filename == f"{document.id}-{kind}"
        got[kind] = target.read_bytes()
    findings = store.findings(document.id)
    report = json.loads(got["findings.json"])
    assert [f["rule"] for f in report["findings"]] == [f.rule for f in findings]
    sheet = load_workbook(io.BytesIO(got["findings.xlsx"])).active
    assert sheet is not None and sheet.max_row == len(findings) + 2
    assert "核查报告" in got["findings.html"].decode("utf-8")
    book = load_workbook(io.BytesIO(got["tables.xlsx"]))
    assert "事实" in book.sheetnames and len(book.sheetnames) >= len(document.tables)
    rows = list(csv.reader(io.StringIO(got["facts.csv"].decode("utf-8-sig"))))
    assert len(rows) - 1 == len(list(facts(document)))


@pytest.mark.parametrize("width", [390, 1366])
def test_layout_fits_the_screen(
    browser: Any, real_server: str, real_store: tuple[Store, dict[str, Any]], width: int
) -> None:
    document: Document = real_store[1]["yuan"]
    context = browser.new_context(viewport={"width": width, "height": 800}, locale="zh-CN")
    page = context.new_page()
    try:
        for path in (
            "/",
            f"/documents/{document.id}",
            f"/documents/{document.id}/source",
            f"/documents/{document.id}/pages/9?line=86&text=189767551",
            "/upload",
            "/compare?measure=expenditure_total",
            "/nothing-here",
        ):
            page.goto(real_server + path)
            overflow = page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 1, (path, width, overflow)
    finally:
        context.close()


def test_chart_script_only_where_charted_cached_and_compressed(
    tab: Any, real_server: str, real_store: tuple[Store, dict[str, Any]]
) -> None:
    document: Document = real_store[1]["yuan"]
    scripts: list[str] = []
    tab.on("request", lambda r: scripts.append(r.url) if "echarts" in r.url else None)
    for path in ("/", "/upload", f"/documents/{document.id}/source", "/nothing-here"):
        tab.goto(real_server + path)
    assert scripts == []
    response = tab.goto(f"{real_server}/documents/{document.id}")
    assert response is not None and response.headers.get("content-encoding") == "gzip"
    assert scripts and tab.locator(".chart[data-rendered='1']").count() >= 1
    library = tab.request.get(real_server + "/static/vendor/echarts/echarts.min.js")
    assert "max-age" in library.headers["cache-control"]
    page_image = tab.request.get(f"{real_server}/documents/{document.id}/pages/1.png")
    assert page_image.headers["content-type"] == "image/png"
    assert "immutable" in page_image.headers["cache-control"]


def test_chinese_404(tab: Any, real_server: str) -> None:
    response = tab.goto(real_server + "/nothing-here")
    assert response is not None and response.status == 404
    assert "页面不存在" in tab.locator("#error-message").inner_text()
    assert "Not Found" not in tab.content()


def test_upload_with_progress_then_saved(tab: Any, real_server: str) -> None:
    tab.goto(real_server + "/upload")
    # the size check runs before anything is sent
    tab.locator("#upload-form").evaluate("form => form.setAttribute('data-limit', '1000')")
    tab.set_input_files("#file", str(UPLOADED_PDF))
    assert "文件过大" in tab.locator("#upload-check").inner_text()
    tab.locator("#upload-form").evaluate("form => form.setAttribute('data-limit', '52428800')")
    tab.set_input_files("#file", [])
    tab.set_input_files("#file", str(UPLOADED_PDF))
    assert tab.locator("#upload-check").is_hidden()
    tab.click("#upload-submit")
    assert tab.locator("#upload-progress").is_visible()
    tab.wait_for_url(re.compile(r"/upload/[\w-]+$"), timeout=120_000)
    # the upload's numbers link to its own pages before anything is saved
    first = tab.locator("td.num a.src[data-page]").first
    href = first.get_attribute("href") or ""
    assert re.match(r"/upload/[\w-]+/pages/\d+\?", href)
    tab.click("#save")
    tab.wait_for_url(re.compile(r"/documents/\w+\?saved=1$"))
    assert "已保存" in tab.locator("#saved-banner").inner_text()
    tab.goto(tab.url.split("?")[0] + "/pages/1")
    assert tab.locator("#page-image img").count() == 1
