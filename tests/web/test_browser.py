"""End to end in headless Chromium: every page loads, upload, explanations on cells, charts."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from cnbudget.pipeline import parse_text
from cnbudget.store import Store
from cnbudget.validate import check

from .conftest import SAMPLES, mutated_synthetic


@pytest.fixture
def page(browser: Any, server: str) -> Any:
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="zh-CN")
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.errors = errors
    yield tab
    context.close()
    assert not errors, errors


def colours(png: bytes) -> int:
    """How many distinct colours a screenshot holds (a blank region has one or two)."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    found = image.getcolors(maxcolors=1 << 16)
    return len(found) if found is not None else 1 << 16


def test_every_page_loads(page: Any, server: str, web_store: Store) -> None:
    doc_id = web_store.documents()[0].id
    for path, marker in (
        ("/", "#documents"),
        (f"/documents/{doc_id}", "#doc-title"),
        (f"/documents/{doc_id}/source", "#source"),
        ("/upload", "#upload-form"),
        ("/compare?measure=three_public", "#compare-table"),
        ("/api", "#endpoints"),
    ):
        response = page.goto(server + path)
        assert response is not None and response.status == 200, path
        assert page.locator(marker).count() == 1, path
        assert page.locator("html").get_attribute("lang") == "zh-CN"


def test_upload_click_highlighted_cell_reads_explanation(
    page: Any, server: str, tmp_path: Path
) -> None:
    text, printed = mutated_synthetic(11)
    path = tmp_path / "上传样本.txt"
    path.write_text(text, encoding="utf-8")
    page.goto(server + "/upload")
    page.set_input_files("#file", str(path))
    page.click("#upload-submit")
    page.wait_for_selector("#doc-title", timeout=20000)
    assert "上传样本.txt" in page.locator("#upload-banner").inner_text()
    report = check(parse_text(text))
    cell = page.locator("td.flag.sev-error").first
    cell.scroll_into_view_if_needed()
    number = cell.locator("a.src").inner_text().strip()
    cell.click()
    explain = page.locator("#explain")
    explain.wait_for(state="visible")
    shown = explain.inner_text()
    indices = [int(i) for i in (cell.get_attribute("data-findings") or "").split()]
    assert indices
    for index in indices:
        assert report.findings[index].message in shown
    assert "查看原文第" in shown
    # the related cells of the explained findings are marked too
    assert page.locator("td.related").count() >= 2
    # the mutated number is on the page, and the cell's source link lands on its line
    assert page.locator("td.flag", has_text=printed).count() >= 1
    explain.locator("a", has_text="查看原文第").click()
    page.wait_for_selector("#source li.target")
    assert number in page.locator("#source li.target").inner_text()


@pytest.mark.parametrize("sample", SAMPLES[:2], ids=lambda p: p.stem)
def test_charts_render(page: Any, server: str, web_store: Store, sample: Path) -> None:
    doc_id = next(s.id for s in web_store.documents() if Path(s.source).name == sample.name)
    page.goto(f"{server}/documents/{doc_id}")
    charts = page.locator(".chart[data-option]")
    assert charts.count() >= 2
    for index in range(charts.count()):
        chart = charts.nth(index)
        chart.scroll_into_view_if_needed()
        page.wait_for_function(
            "el => el.getAttribute('data-rendered') === '1'", arg=chart.element_handle()
        )
        assert colours(chart.screenshot()) > 20, chart.get_attribute("id")


def test_compare_chart_renders(page: Any, server: str) -> None:
    page.goto(server + "/compare?measure=basic_share")
    chart = page.locator("#chart-compare")
    page.wait_for_function(
        "el => el.getAttribute('data-rendered') === '1'", arg=chart.element_handle()
    )
    assert colours(chart.screenshot()) > 20
    rows = page.locator("#compare-table tbody tr")
    assert rows.count() >= 5
    with page.expect_download() as download:
        page.click("#download-csv")
    assert download.value.suggested_filename == "compare.csv"
