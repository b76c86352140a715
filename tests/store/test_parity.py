"""The same documents give the same stored data on SQLite and PostgreSQL: documents with
many findings, values longer than their columns, NUL, lone surrogates and odd Unicode."""

from __future__ import annotations

import dataclasses
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from cnbudget.export_json import document_dict
from cnbudget.model import Document
from cnbudget.pipeline import parse_file
from cnbudget.store import Store
from cnbudget.store import open as open_store
from cnbudget.store.api import FACTS
from cnbudget.store.storable import fit_rows, storable
from cnbudget.validate import Finding, Report, check

from ..conftest import CORPUS, SAMPLES
from .pgserver import PostgresServer

ODD = "\x00零\ud800\u202e宽\u3000🙂\ufeff"


def hostile(name: str) -> tuple[Document, Report]:
    document = parse_file(CORPUS / f"{name}.txt")
    document.metadata.department = "部门" * 300 + ODD  # longer than its column (200)
    document.metadata.scope = ODD * 10  # longer than its column (20)
    for number, table in enumerate(document.tables):
        table.title = (table.title or "") + ODD * 50
        for row in table.rows[:3]:
            row.name = ODD + row.name + "长" * 5000
            row.code = row.code + "\x00" if number % 2 else row.code
    report = check(document)
    report.findings += [
        Finding(
            "PARITY",
            "warning",
            f"第{i}条{ODD}" + "说明" * (i % 700),
            table="summary",
            row=f"r{i}\x00",
            column="total",
            line=i,
            numbers={f"n{i}": Decimal(i) / 100, "总计\x00": Decimal("1E+3")},
            cells=(("summary", f"r{i}", "total"),),
        )
        for i in range(1500)
    ]
    return document, report


def read_back(store: Store) -> str:
    listed = [dataclasses.asdict(s) for s in store.documents()]
    stored: dict[str, Any] = {"documents": listed}
    for summary in store.documents():
        stored[summary.id] = {
            "document": document_dict(store.document(summary.id)),
            "findings": [dataclasses.asdict(f) for f in store.findings(summary.id)],
            "facts": [dataclasses.asdict(f) for f in store.facts([summary.id])],
            "lines": store.source_lines(summary.id),
        }
    for summary in listed:  # ingest time differs
        summary.pop("ingested_at", None)
    return json.dumps(stored, ensure_ascii=False, sort_keys=True, default=str)


@pytest.fixture(scope="module")
def pg() -> Any:
    server = PostgresServer().start()
    try:
        yield server
    finally:
        server.stop()


def test_same_data_on_sqlite_and_postgresql(tmp_path: Path, pg: PostgresServer) -> None:
    results = []
    for url in (str(tmp_path / "a.db"), pg.new_database()):
        with open_store(url) as store:
            for name in SAMPLES[:2]:
                document, report = hostile(name)
                lines = [f"{ODD}第{i}行" for i in range(document.line_count)]
                result = store.ingest_document(document, report=report, source_lines=lines)
                assert result.status == "ingested", result.reason
            plain = parse_file(CORPUS / f"{SAMPLES[2]}.txt")
            assert store.ingest_document(plain).status == "ingested"
            results.append(read_back(store))
    sqlite, postgresql = results
    assert sqlite == postgresql
    assert "\ufffd" in sqlite and "\x00" not in sqlite


def test_too_long_amount_is_refused_alike(tmp_path: Path, pg: PostgresServer) -> None:
    reasons = []
    for url in (str(tmp_path / "b.db"), pg.new_database()):
        with open_store(url) as store:
            document = parse_file(CORPUS / f"{SAMPLES[0]}.txt")
            cell = next(c for t in document.tables for r in t.rows for c in r.cells.values())
            cell.value = Decimal("9" * 60)
            result = store.ingest_document(document)
            assert result.status == "failed"
            reasons.append(result.reason)
            assert store.documents() == []
    assert reasons[0] == reasons[1] and "位数过多" in (reasons[0] or "")


def test_storable_values() -> None:
    assert storable("a\x00b\ud800") == "a\ufffdb\ufffd"
    assert storable({"k\x00": ["\x00", 1]}) == {"k\ufffd": ["\ufffd", 1]}
    row = {"document_id": "d", "row_code": "x" * 500, "text": "长" * 10_000}
    fitted = fit_rows(FACTS, [row])[0]
    assert len(fitted["row_code"]) == 400 and fitted["row_code"].endswith("…")
    assert fitted["text"] == row["text"]  # Text columns have no length
