"""Reviewer workflow, corrections and exploring, in Chromium and through the app, over a
store of its own (the tests write to it): samples and two years of a real 元 PDF."""

from __future__ import annotations

import csv
import io
import shutil
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from cnbudget.model import format_decimal
from cnbudget.store import Store
from cnbudget.store import open as open_store
from cnbudget.store.review import stored_keys
from cnbudget.synthetic import LAYOUTS, generate
from cnbudget.web import create_app
from cnbudget.web.labels import table_name
from cnbudget.web.store import StoreLibrary

from .conftest import CORPUS, SAMPLES, serving

REAL = CORPUS / "real"
WANLI = [REAL / f"shanghai-putuo-wanli-{year}-budget-dept.pdf" for year in (2024, 2025)]


@pytest.fixture(scope="module")
def own_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    folder = tmp_path_factory.mktemp("review")
    store = open_store(str(folder / "review.db"))
    for path in [*SAMPLES, *WANLI]:
        copy = folder / path.name
        shutil.copy(path, copy)
        assert store.ingest_path(copy).status == "ingested"
    try:
        yield store
    finally:
        store.close()


@pytest.fixture(scope="module")
def own_library(own_store: Store) -> StoreLibrary:
    return StoreLibrary(own_store)


@pytest.fixture(scope="module")
def own_server(own_library: StoreLibrary) -> Iterator[str]:
    with serving(own_library) as url:
        yield url


@pytest.fixture
def tab(browser: Any, own_server: str) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="zh-CN")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert not errors, errors


def _doc(store: Store, name: str) -> str:
    return next(s.id for s in store.documents() if Path(s.source).name == name)


def test_review_a_finding_then_find_it_in_the_worklist(
    tab: Any, own_server: str, own_store: Store, own_library: StoreLibrary
) -> None:
    doc_id = _doc(own_store, WANLI[1].name)
    findings = own_store.findings(doc_id)
    assert len(findings) >= 2
    tab.goto(f"{own_server}/documents/{doc_id}")
    assert "待处理 " + str(len(findings)) in tab.locator("#review-counts").inner_text()
    item = tab.locator("#finding-1")
    item.locator("select[name=status]").select_option("false_positive")
    item.locator("input[name=note]").fill("原表另有说明")
    item.locator("input[name=reviewer]").fill("钱")
    item.locator("button", has_text="保存").click()
    tab.wait_for_load_state()
    item = tab.locator("#finding-1")
    assert "误报" in item.locator(".review .status").inner_text()
    assert "原表另有说明" in item.inner_text() and "钱" in item.inner_text()
    assert "误报 1" in tab.locator("#review-counts").inner_text()
    tab.click("#doc-worklist")  # this document's findings in the worklist
    tab.wait_for_selector("#one-document")
    assert tab.locator("#worklist tbody tr").count() == len(findings)

    # the worklist across documents, filtered by status, shows it and downloads it
    tab.goto(f"{own_server}/findings?status=false_positive")
    rows = tab.locator("#worklist tbody tr")
    assert rows.count() == 1
    assert "万里街道" in rows.first.inner_text() and "原表另有说明" in rows.first.inner_text()
    assert findings[1].message in rows.first.inner_text()
    # re-review from the worklist: back to the same filtered view
    rows.first.locator("select[name=status]").select_option("confirmed")
    rows.first.locator("button", has_text="保存").click()
    tab.wait_for_load_state()
    assert "/findings?status=false_positive" in tab.url
    assert tab.locator("#worklist tbody tr.status-confirmed").count() == 0
    client = TestClient(create_app(own_library))
    text = client.get("/findings.csv?status=confirmed").content.decode("utf-8-sig")
    listed = list(csv.DictReader(io.StringIO(text)))
    assert [(r["文件编号"], r["核查状态"], r["备注"], r["核查人"]) for r in listed] == [
        (doc_id, "已核实", "原表另有说明", "钱")
    ]
    answer = client.get("/api/findings", params={"status": "confirmed"}).json()
    assert answer["total"] == 1 and answer["counts"]["confirmed"] == 1
    assert answer["items"][0]["finding_key"] == stored_keys(own_store, doc_id)[1]
    per_document = client.get(f"/api/documents/{doc_id}/findings").json()
    assert [f["status"] for f in per_document[:3]] == ["pending", "confirmed", "pending"]
    assert per_document[1]["note"] == "原表另有说明" and per_document[1]["reviewer"] == "钱"
    assert per_document[1]["key"] == stored_keys(own_store, doc_id)[1]
    # the document's findings reports carry the review too
    report = client.get(f"/documents/{doc_id}/downloads/findings.json").json()["findings"]
    assert [f["status"] for f in report[:2]] == ["pending", "confirmed"]
    sheet = load_workbook(
        io.BytesIO(client.get(f"/documents/{doc_id}/downloads/findings.xlsx").content)
    ).active
    assert sheet is not None
    table = [[c.value for c in r] for r in sheet.iter_rows()]
    header = table[1]
    second = dict(zip(header, table[3], strict=True))
    assert (second["核查状态"], second["核查备注"], second["核查人"]) == (
        "已核实",
        "原表另有说明",
        "钱",
    )
    html = client.get(f"/documents/{doc_id}/downloads/findings.html").text
    assert "<th>核查状态</th>" in html and "原表另有说明" in html

    # the verdict survives re-ingesting the same file
    source = next(s.source for s in own_store.documents() if s.id == doc_id)
    assert own_store.ingest_path(source, replace=True).status == "ingested"
    tab.goto(f"{own_server}/findings?status=confirmed&year=2025&region=普陀")
    assert tab.locator("#worklist tbody tr").count() == 1
    severity = findings[0].severity
    tab.goto(f"{own_server}/findings?severity={severity}&sort=year&order=desc")
    assert tab.locator("#worklist tbody tr").count() >= 1
    assert tab.locator("#worklist th a.sorted-desc").inner_text().startswith("年度")


def test_review_writes_are_protected(own_store: Store, own_library: StoreLibrary) -> None:
    client = TestClient(create_app(own_library))
    doc_id = _doc(own_store, WANLI[0].name)
    key = stored_keys(own_store, doc_id)[0]
    url = f"/documents/{doc_id}/findings/{key}/review"
    refused = client.post(url, data={"status": "confirmed"}, headers={"Origin": "http://evil.test"})
    assert refused.status_code == 403
    assert client.post(url, data={"status": "maybe"}).status_code == 400
    bad_key = f"/documents/{doc_id}/findings/{'0' * 32}/review"
    assert client.post(bad_key, data={"status": "confirmed"}).status_code == 400
    away = client.post(
        url, data={"status": "pending", "back": "//evil.test/x"}, follow_redirects=False
    )
    assert away.status_code == 303 and away.headers["location"] == f"/documents/{doc_id}"
    correct = f"/documents/{doc_id}/correct"
    assert client.post(correct, data={"year": "1"}).status_code == 400
    assert (
        client.post(
            correct, data={"year": "2026"}, headers={"Origin": "http://evil.test"}
        ).status_code
        == 403
    )


def test_correct_a_stored_document(tab: Any, own_server: str, own_store: Store) -> None:
    doc_id = _doc(own_store, SAMPLES[0].name)
    before = next(s for s in own_store.documents() if s.id == doc_id)
    tab.goto(f"{own_server}/documents/{doc_id}")
    tab.locator("#corrections summary").click()
    form = tab.locator("#correct-form")
    form.locator("input[name=year]").fill("２０２７")
    form.locator("select[name=kind]").select_option("决算")
    form.locator("input[name=reviewer]").fill("孙")
    form.locator("button").click()
    tab.wait_for_selector("#corrected")
    assert "2027" in tab.locator("#doc-title").inner_text()
    assert "决算" in tab.locator("#doc-title").inner_text()
    listed = tab.locator("#correction-list").inner_text()
    assert str(before.year) in listed and "2027" in listed and "孙" in listed
    tab.goto(f"{own_server}/?year=2027")
    assert tab.locator("#documents tbody tr").count() == 1
    assert before.department in tab.locator("#documents tbody").inner_text()


def test_correct_an_upload_before_saving(tab: Any, own_server: str, tmp_path: Path) -> None:
    path = tmp_path / "待更正.txt"
    path.write_text(generate(21, LAYOUTS[1]).text, encoding="utf-8")
    tab.goto(own_server + "/upload")
    tab.set_input_files("#file", str(path))
    tab.click("#upload-submit")
    tab.wait_for_selector("#upload-banner", timeout=30000)
    fields = tab.locator("#fix-fields")
    original = fields.locator("input[name=department]").input_value()
    assert original
    fields.locator("input[name=department]").fill("更正后的测试局")
    fields.locator("input[name=region]").fill("测试省测试市")
    tab.click("#save")
    tab.wait_for_selector("#doc-title")
    assert "更正后的测试局" in tab.locator("#doc-title").inner_text()
    listed = tab.locator("#correction-list").inner_text()
    assert original in listed and "测试省测试市" in listed
    tab.goto(own_server + "/?region=测试省")
    assert "更正后的测试局" in tab.locator("#documents tbody").inner_text()


def test_facets_and_sorting_on_the_list(tab: Any, own_server: str, own_store: Store) -> None:
    tab.goto(own_server + "/")
    facet = tab.locator("#facet-year a", has_text="2024")
    expected = sum(1 for s in own_store.documents() if s.year == 2024)
    assert f"（{expected}）" in facet.inner_text()
    facet.click()
    tab.wait_for_load_state()
    years = tab.locator("#documents tbody td:nth-child(3)").all_inner_texts()
    assert years == ["2024"] * expected
    assert tab.locator("#facet-year .chosen").count() == 1
    tab.goto(own_server + "/")
    tab.locator("#documents th a", has_text="单位").click()
    tab.wait_for_load_state()
    names = tab.locator("#documents tbody td:nth-child(2)").all_inner_texts()
    assert names == sorted(names) and len(names) == len(own_store.documents())
    tab.locator("#documents th a", has_text="单位").click()  # again: the other way
    tab.wait_for_load_state()
    assert tab.locator("#documents tbody td:nth-child(2)").all_inner_texts() == names[::-1]
    with_errors = sum(1 for s in own_store.documents() if s.findings.get("error"))
    tab.goto(own_server + "/?errors=yes")
    assert tab.locator("#documents tbody tr").count() == max(with_errors, 1)


def test_facts_explorer_views_and_downloads(
    tab: Any, own_server: str, own_store: Store, own_library: StoreLibrary
) -> None:
    tab.goto(own_server + "/facts")
    tab.locator("#fact-filters select[name=table]").select_option("three_public")
    tab.locator("#fact-filters input[name=code]").fill("total")
    tab.locator("#fact-filters input[name=region]").fill("普陀")
    tab.locator("#fact-filters button").click()
    tab.wait_for_load_state()
    shown = tab.locator("#facts tbody tr")
    expected = [
        f
        for f in own_store.facts(table="three_public", row_code="total")
        if f.document in {_doc(own_store, p.name) for p in WANLI}
    ]
    assert shown.count() == len(expected) > 0
    first = expected[0]
    assert isinstance(first.value, Decimal)
    assert format_decimal(first.value) in shown.first.inner_text().replace(",", "")
    client = TestClient(create_app(own_library))
    # a table printed in 元 is explored in 万元, exactly
    document = own_store.document(_doc(own_store, WANLI[0].name))
    in_yuan = next(t for t in document.tables if t.unit == "元" and t.rows)
    listed = client.get(
        "/api/facts", params={"table": in_yuan.kind, "year": 2024, "region": "普陀"}
    ).json()["items"]
    amounts = [i for i in listed if i["value"] and any(c.isdigit() for c in i["text"])]
    assert amounts
    for item in amounts:
        assert Decimal(item["text"].replace(",", "")) / 10000 == Decimal(item["value"])
    query = "table=three_public&code=total&region=普陀"
    text = client.get(f"/facts.csv?{query}").content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert sorted((r["文件编号"], r["列"], r["数值（万元）"], r["原文"]) for r in rows) == sorted(
        (f.document, f.column, format_decimal(f.value), f.text)
        for f in expected
        if isinstance(f.value, Decimal)
    )
    assert {r["表名"] for r in rows} == {table_name("three_public")}
    # JSON pages of two follow each other and hold the same facts as the CSV
    wider = "table=three_public&region=普陀"
    everything = list(
        csv.DictReader(io.StringIO(client.get(f"/facts.csv?{wider}").content.decode("utf-8-sig")))
    )
    assert len(everything) > 4
    pages = [client.get(f"/api/facts?{wider}&limit=2&offset={o}").json() for o in (0, 2)]
    assert pages[0]["next_offset"] == 2 and pages[1]["offset"] == 2
    assert [(i["code"], i["column"], i["text"]) for p in pages for i in p["items"]] == [
        (r["行编码"], r["列"], r["原文"]) for r in everything[:4]
    ]


def test_department_across_years(tab: Any, own_server: str, own_store: Store) -> None:
    first, second = (_doc(own_store, p.name) for p in WANLI)
    tab.goto(f"{own_server}/documents/{second}")
    tab.click("#years-link")
    tab.wait_for_selector("#years")
    rows = tab.locator("#years tbody tr")
    assert rows.count() == 2
    assert rows.nth(0).locator("td").first.inner_text() == "2024"
    summaries = {s.id: s for s in own_store.documents()}
    old, new = summaries[first].expenditure_total, summaries[second].expenditure_total
    assert old is not None and new is not None
    change = rows.nth(1).locator("td.change").first.inner_text()
    assert f"{new - old:,f}".lstrip("-") in change
