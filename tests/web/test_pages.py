"""Server-rendered pages through the ASGI app: list, document view, source, upload, compare."""

from __future__ import annotations

import csv
import io
import re
from decimal import Decimal
from html import escape, unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from cnbudget.pipeline import parse_text
from cnbudget.readers import read_file
from cnbudget.readers.text import read_path
from cnbudget.store import Store
from cnbudget.store import open as open_store
from cnbudget.synthetic import generate
from cnbudget.synthetic.fixtures import build
from cnbudget.validate import check
from cnbudget.web import create_app
from cnbudget.web.grid import cell_id
from cnbudget.web.store import StoreLibrary

from .conftest import SAMPLES, mutated_synthetic


class Cells(HTMLParser):
    """Collect every <td> with an id: its classes, data attributes and the link inside."""

    def __init__(self) -> None:
        super().__init__()
        self.cells: dict[str, dict[str, str]] = {}
        self.lines: dict[str, str] = {}
        self._current: str | None = None
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {k: v or "" for k, v in attrs}
        if "id" in found:
            self.ids.add(found["id"])
        if tag == "td" and "id" in found:
            self.cells[found["id"]] = found
            self._current = found["id"]
        elif tag == "a" and self._current and "href" in found:
            self.cells[self._current]["href"] = found["href"]
            self._current = None


def parsed(html: str) -> Cells:
    parser = Cells()
    parser.feed(html)
    return parser


def stored_ids(store: Store) -> dict[str, str]:
    return {s.source: s.id for s in store.documents()}


def test_list_shows_every_document_with_its_columns(client: TestClient, web_store: Store) -> None:
    page = client.get("/")
    assert page.status_code == 200
    for summary in web_store.documents():
        assert f'href="/documents/{summary.id}"' in page.text
    assert "基本支出占比" in page.text and "“三公”经费" in page.text


def test_list_filters_and_sorts(client: TestClient, web_store: Store) -> None:
    everyone = web_store.documents()
    target = next(s for s in everyone if s.department)
    page = client.get("/", params={"department": target.department})
    shown = [s for s in everyone if f'href="/documents/{s.id}"' in page.text]
    assert target in shown
    assert all(target.department in (s.department or "") for s in shown)
    page = client.get("/", params={"sort": "three_public_total", "order": "asc"})
    order = [
        s
        for s in sorted(
            (s for s in everyone if s.three_public_total is not None),
            key=lambda s: s.three_public_total or 0,
        )
    ]
    positions = [page.text.index(f'href="/documents/{s.id}"') for s in order]
    assert positions == sorted(positions)


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_document_view_marks_the_cells_of_every_finding(
    client: TestClient, web_store: Store, sample: Path
) -> None:
    doc_id = next(s.id for s in web_store.documents() if Path(s.source).name == sample.name)
    document = web_store.document(doc_id)
    page = client.get(f"/documents/{doc_id}")
    assert page.status_code == 200
    cells = parsed(page.text).cells
    # every printed number is a cell linking to its source line
    for table in document.tables:
        for row in table.rows:
            for column, cell in row.cells.items():
                shown = cells[cell_id(table.kind, row.code, column)]
                line = cell.line or row.line
                assert shown["href"] == f"/documents/{doc_id}/source#L{line}"
                assert cell.text in page.text
    # every finding's cells that exist in the document are highlighted with that finding
    printed = {(t.kind, r.code, c) for t in document.tables for r in t.rows for c in r.cells}
    findings = web_store.findings(doc_id)
    for index, finding in enumerate(findings):
        for key in finding.cells:
            if key not in printed:  # e.g. a row the finding says is missing
                continue
            shown = cells[cell_id(*key)]
            assert "flag" in shown["class"]
            assert str(index) in shown["data-findings"].split()
            assert finding.message in page.text


def test_source_view_numbers_every_line(client: TestClient, web_store: Store) -> None:
    sample = SAMPLES[0]
    doc_id = next(s.id for s in web_store.documents() if Path(s.source).name == sample.name)
    page = client.get(f"/documents/{doc_id}/source")
    assert page.status_code == 200
    ids = parsed(page.text).ids
    lines = read_path(sample).lines
    assert all(f"L{line.number}" in ids for line in lines)


def test_upload_shows_located_error_and_saves(tmp_path: Path) -> None:
    store = open_store(str(tmp_path / "save.db"))
    client = TestClient(create_app(StoreLibrary(store)))
    text, printed = mutated_synthetic(3)
    response = client.post(
        "/upload",
        files={"file": ("变更.txt", text.encode("utf-8"), "text/plain")},
        follow_redirects=False,
    )
    assert response.status_code == 303
    view = client.get(response.headers["location"])
    assert view.status_code == 200
    assert store.documents() == []  # nothing written before the save action
    report = check(parse_text(text))
    cells = parsed(view.text).cells
    errors = [f for f in report.findings if f.severity == "error" and f.cells]
    flagged = [cells[cell_id(*k)] for f in errors for k in f.cells if cell_id(*k) in cells]
    assert any("sev-error" in c["class"] for c in flagged)
    assert printed in view.text
    saved = client.post(
        response.headers["location"] + "/save", data={"confirm": "yes"}, follow_redirects=False
    )
    assert saved.status_code == 303
    location, _, query = saved.headers["location"].partition("?")
    assert [s.id for s in store.documents()] == [location.rsplit("/", 1)[1]]
    shown = client.get(saved.headers["location"])
    assert shown.status_code == 200 and query == "saved=1" and "已保存到数据库" in shown.text
    # the upload's temporary file is gone, yet the stored document's lines are shown
    fresh = TestClient(create_app(StoreLibrary(store)))
    source = fresh.get(location + "/source")
    assert source.status_code == 200
    ids = parsed(source.text).ids
    assert all(f"L{n}" in ids for n in range(1, len(text.splitlines()) + 1))
    assert printed in source.text
    store.close()


def test_upload_limits(library: StoreLibrary) -> None:
    client = TestClient(create_app(library, max_upload=4096))
    text = SAMPLES[0].read_bytes()
    big = client.post("/upload", files={"file": ("a.txt", text, "text/plain")})
    assert big.status_code == 413
    kind = client.post("/upload", files={"file": ("a.exe", b"MZ", "application/octet-stream")})
    assert kind.status_code == 415 and "不支持的文件类型" in kind.text
    empty = client.post("/upload", files={"file": ("a.txt", b"", "text/plain")})
    assert empty.status_code == 400
    garbage = client.post("/upload", files={"file": ("a.txt", bytes(range(256)), "text/plain")})
    assert garbage.status_code == 400 and "a.txt" in garbage.text
    other = client.post(
        "/upload",
        files={"file": ("a.txt", b"x", "text/plain")},
        headers={"Origin": "http://evil.example"},
    )
    assert other.status_code == 403


def test_only_the_save_action_writes(client: TestClient) -> None:
    for path in ("/", "/compare", "/api/documents", "/documents/x"):
        assert client.post(path).status_code in (404, 405)
    assert client.post("/upload/unknown/save", data={"confirm": "yes"}).status_code == 404


def test_document_text_is_escaped(tmp_path: Path) -> None:
    client = TestClient(create_app(None))
    text = generate(1, "licheng").text
    lines = text.splitlines()
    injected = "<script>alert(1)</script><img src=x onerror=alert(2)>"
    name_line = next(i for i, line in enumerate(lines) if "医疗保障" in line or "局" in line)
    lines[name_line] = lines[name_line] + injected
    response = client.post(
        "/upload",
        files={"file": ("<b>x</b>.txt", "\n".join(lines).encode(), "text/plain")},
    )
    assert response.status_code == 200
    assert "<script>alert" not in response.text and "<img src=x" not in response.text
    assert "<b>x</b>" not in response.text
    assert "script-src 'self'" in response.headers["content-security-policy"]
    source = client.get(str(response.url) + "/source")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in source.text


def test_compare_three_public_sorted_with_downloads(client: TestClient, web_store: Store) -> None:
    page = client.get("/compare", params={"measure": "three_public"})
    assert page.status_code == 200
    expected = sorted(
        (s for s in web_store.documents() if s.three_public_total is not None),
        key=lambda s: s.three_public_total or 0,
        reverse=True,
    )
    csv_response = client.get("/compare.csv", params={"measure": "three_public"})
    rows = list(csv.reader(io.StringIO(csv_response.content.decode("utf-8-sig"))))
    assert rows[0][:2] == ["排名", "文件编号"]
    values = [r[7] for r in rows[1:]]
    assert len(values) == len(expected)
    # ranked within groups of one unit and one year (values of other years are not ranked)
    groups: dict[tuple[str, str], list[tuple[int, Decimal]]] = {}
    for r in rows[1:]:
        groups.setdefault((r[8], r[3]), []).append((int(r[0]), Decimal(r[7])))
    assert len(groups) == len({(s.year or "") for s in expected})
    for ranked in groups.values():
        assert [rank for rank, _ in ranked] == list(range(1, len(ranked) + 1))
        assert [v for _, v in ranked] == sorted((v for _, v in ranked), reverse=True)
    assert {r[1] for r in rows[1:]} == {s.id for s in expected}
    book = load_workbook(
        io.BytesIO(client.get("/compare.xlsx", params={"measure": "three_public"}).content)
    )
    sheet = book.active
    assert [c.value for c in sheet[1]][:2] == ["排名", "文件编号"]
    shown = [sheet.cell(row=i + 2, column=8).value for i in range(len(values))]
    assert [Decimal(str(v)) for v in shown] == [Decimal(v) for v in values]


def test_compare_function_code_matches_the_tables(client: TestClient, web_store: Store) -> None:
    summary = web_store.documents()[0]
    document = web_store.document(summary.id)
    table = document.table("expenditure") or document.table("general_expenditure")
    assert table is not None
    row = next(
        r for r in table.rows if r.code.isdigit() and len(r.code) == 7 and "total" in r.cells
    )
    response = client.get("/api/compare", params={"measure": "function", "code": row.code})
    assert response.status_code == 200
    found = {item["document"]: item["value"] for item in response.json()}
    assert found[summary.id] == str(row.cells["total"].value)
    page = client.get("/compare", params={"measure": "function", "code": row.code})
    assert page.status_code == 200 and "chart-compare" in page.text
    bad = client.get("/compare", params={"measure": "function", "code": "abc"})
    assert "编码" in bad.text


def test_compare_selected_documents_only(client: TestClient, web_store: Store) -> None:
    everyone = web_store.documents()
    ids = [s.id for s in everyone if s.basic_total and s.project_total][:2]
    assert len(ids) == 2 and len(everyone) > 2
    for path in ("/api/compare", "/compare.csv"):
        response = client.get(path, params={"measure": "basic_share", "doc": ids})
        if path.endswith(".csv"):
            rows = csv.reader(io.StringIO(response.content.decode("utf-8-sig")))
            shown = {row[1] for row in list(rows)[1:]}
        else:
            shown = {item["document"] for item in response.json()}
        assert shown == set(ids)


def test_api_documents_and_findings(client: TestClient, web_store: Store) -> None:
    listed = client.get("/api/documents").json()
    assert {d["id"] for d in listed} == {s.id for s in web_store.documents()}
    one = listed[0]["id"]
    document = client.get(f"/api/documents/{one}").json()
    assert document["id"] == one and document["tables"]
    findings = client.get(f"/api/documents/{one}/findings").json()
    assert len(findings) == len(web_store.findings(one))
    assert client.get("/api/documents/doesnotexist").status_code == 404
    spec = client.get("/api/openapi.json").json()
    assert "/api/compare" in spec["paths"]
    assert client.get("/api").status_code == 200


def test_list_pages(client: TestClient, web_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("cnbudget.web.app.PAGE_SIZE", 4)
    everyone = {s.id for s in web_store.documents()}
    seen: list[str] = []
    pages = -(-len(everyone) // 4)
    for number in range(1, pages + 1):
        page = client.get("/", params={"sort": "year", "page": str(number)})
        ids = [i for i in everyone if f'href="/documents/{i}"' in page.text]
        assert len(ids) == (4 if number < pages else len(everyone) - 4 * (pages - 1))
        seen += ids
    assert sorted(seen) == sorted(everyone)
    assert client.get("/", params={"page": "999"}).status_code == 200


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_upload_shows_performance_targets_and_prose(sample: Path) -> None:
    client = TestClient(create_app(None))
    page = client.post("/upload", files={"file": (sample.name, sample.read_bytes(), "text/plain")})
    assert page.status_code == 200
    document = parse_text(sample.read_text(encoding="utf-8"))
    for project in document.performance:
        assert escape(project.name) in page.text
        for indicator in project.indicators:
            assert escape(indicator.raw) in page.text
    if document.profile and document.profile.duties:
        assert "主要职责" in page.text and escape(document.profile.duties[0]) in page.text
    if document.narrative and document.narrative.changes:
        assert "增减变化" in page.text


def test_per_capita_compare_reads_the_store_once(library: StoreLibrary, web_store: Store) -> None:
    from cnbudget.web.library import Filter

    rows = library.compare("per_capita", Filter())
    expected = []
    for summary in web_store.documents():
        document = web_store.document(summary.id)
        for project in document.performance:
            for item in project.indicators:
                if item.unit and "元/人" in item.unit.replace(" ", "") and item.number is not None:
                    expected.append((summary.id, item.number, f"{project.name}·{item.name}"))
    assert expected  # the samples print per-person standards
    assert sorted((r.document, r.value, r.label) for r in rows) == sorted(expected)
    one = expected[0][0]
    only = library.compare("per_capita", Filter(ids=[one]))
    assert only and {r.document for r in only} == {one}


@pytest.mark.parametrize("fmt", ["html", "xlsx"])
def test_upload_source_view_shows_the_lines_the_parser_numbered(fmt: str) -> None:
    # the source view of a non-text upload shows the reader's lines, not the raw file
    (_, _, paths), *_ = build([read_path(SAMPLES[0])], (fmt,))
    expected = [line.text for line in read_file(paths[fmt]).lines]
    client = TestClient(create_app(None))
    page = client.post("/upload", files={"file": (paths[fmt].name, paths[fmt].read_bytes())})
    assert page.status_code == 200
    source = client.get(str(page.url) + "/source")
    shown = re.findall(r'<li id="L\d+">.*?<span class="tx">(.*?)</span></li>', source.text)
    assert [unescape(text) for text in shown] == expected
