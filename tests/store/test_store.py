"""The store on SQLite and PostgreSQL: ingest, idempotence, atomicity, round trips, queries."""

from __future__ import annotations

import csv
from collections import defaultdict
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Table, func, select

from cnbudget import open as open_top
from cnbudget.export_json import document_dict
from cnbudget.facts import facts, value_text
from cnbudget.pipeline import parse_file, parse_text
from cnbudget.store import Store, StoreError, api, open
from cnbudget.store.engine import current_revision, head_revision
from cnbudget.synthetic import LAYOUTS, generate
from cnbudget.validate import check

from ..conftest import CORPUS, EXPECTED

PATHS = sorted(CORPUS.glob("*.txt"))
STORED = (
    api.DOCUMENTS,
    api.TABLES,
    api.ROWS,
    api.FACTS,
    api.NOTICES,
    api.SECTIONS,
    api.FINDINGS,
    api.PROJECTS,
)


def counts(store: Store, doc_id: str | None = None) -> dict[str, int]:
    """Rows per stored table (for one document, or all)."""
    result = {}
    with store.engine.connect() as connection:
        for table in STORED:
            column = table.c.id if table is api.DOCUMENTS else table.c.document_id
            query = select(func.count()).select_from(table)
            if doc_id is not None:
                query = query.where(column == doc_id)
            result[table.name] = connection.execute(query).scalar_one()
    return result


def expected_facts() -> dict[str, list[dict[str, str]]]:
    """The hand-checked facts of the samples, by document id."""
    by_doc: dict[str, list[dict[str, str]]] = defaultdict(list)
    for path in EXPECTED.glob("*.facts.csv"):
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                by_doc[row["document"]].append(row)
    return by_doc


def ingest_samples(store: Store) -> list[api.IngestResult]:
    return [store.ingest_path(path) for path in PATHS]


def test_open_migrates_to_head(db_url: str) -> None:
    with open(db_url) as store:
        assert current_revision(store.engine) == head_revision()
        assert store.documents() == []
    with open(db_url) as again:  # already at head: nothing to do
        assert current_revision(again.engine) == head_revision()


def test_upgrade_from_the_first_revision(db_url: str) -> None:
    from cnbudget.store import engine as engines

    engine = engines.create(engines.resolve_url(db_url))
    engines.upgrade(engine, "0001")
    assert current_revision(engine) == "0001"
    engine.dispose()
    with open(db_url) as store:  # opening migrates the rest of the way
        assert current_revision(store.engine) == head_revision() != "0001"
        assert store.ingest_path(PATHS[0]).status == "ingested"
        assert len(store.compare("share").rows) == 1


def test_top_level_open_and_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("CNBUDGET_DB", str(tmp_path / "env.db"))
    with open_top() as store:
        assert store.engine.url.database == str(tmp_path / "env.db")
    monkeypatch.delenv("CNBUDGET_DB")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    with open_top() as store:
        assert store.engine.url.database == str(tmp_path / "xdg" / "cnbudget" / "cnbudget.db")
    assert (tmp_path / "xdg" / "cnbudget" / "cnbudget.db").exists()


def test_ingest_twice_changes_nothing(store: Store) -> None:
    first = ingest_samples(store)
    assert [r.status for r in first] == ["ingested"] * len(PATHS)
    before = counts(store)
    assert before["documents"] == len(PATHS)
    assert before["facts"] == sum(r.facts for r in first)
    second = ingest_samples(store)
    assert [r.status for r in second] == ["skipped"] * len(PATHS)
    assert all(r.reason for r in second)
    assert counts(store) == before
    replaced = [store.ingest_path(path, replace=True) for path in PATHS]
    assert [r.status for r in replaced] == ["ingested"] * len(PATHS)
    assert counts(store) == before


def test_documents_round_trip_exactly(store: Store) -> None:
    for path in PATHS:
        parsed = parse_file(path)
        assert store.ingest_path(path).doc_id == parsed.id
        loaded = store.document(parsed.id[:8])
        assert loaded == parsed
        assert list(facts(loaded)) == list(facts(parsed))
        assert [value_text(f) for f in facts(loaded)] == [value_text(f) for f in facts(parsed)]
        assert document_dict(loaded) == document_dict(parsed)
        assert list(store.facts([parsed.id])) == list(facts(parsed))
        assert store.findings(parsed.id) == check(parsed).findings
        indicators = [i for project in parsed.performance for i in project.indicators]
        with store.engine.connect() as connection:
            stored = connection.execute(
                select(api.INDICATORS.c.name, api.INDICATORS.c.raw_text)
                .where(api.INDICATORS.c.document_id == parsed.id)
                .order_by(api.INDICATORS.c.indicator_no)
            ).all()
        assert [tuple(row) for row in stored] == [(i.name, i.raw) for i in indicators]
        region = parsed.profile.region if parsed.profile else None
        (summary,) = [s for s in store.documents() if s.id == parsed.id]
        if region is not None:
            assert summary.region and region.province in summary.region


@settings(
    max_examples=10,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(seed=st.integers(0, 10**6), layout=st.sampled_from(LAYOUTS))
def test_synthetic_documents_round_trip(store: Store, seed: int, layout: str) -> None:
    parsed = parse_text(generate(seed, layout).text, f"synthetic-{layout}-{seed}")
    result = store.ingest_document(parsed)
    assert result.status in ("ingested", "skipped")
    assert store.document(parsed.id) == parsed
    assert list(store.facts([parsed.id])) == list(facts(parsed))


def test_failure_inside_a_document_leaves_nothing(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    victim = parse_file(PATHS[1])
    real = api._insert

    def failing(connection: Any, table: Table, rows: Any) -> None:
        if table is api.FACTS and rows and rows[0]["document_id"] == victim.id:
            real(connection, table, rows[: len(rows) // 2])  # half the facts are written…
            raise RuntimeError("disk full")  # …then the insert fails
        real(connection, table, rows)

    monkeypatch.setattr(api, "_insert", failing)
    results = ingest_samples(store)
    failed = [r for r in results if r.status == "failed"]
    assert [r.doc_id for r in failed] == [victim.id]
    assert "disk full" in (failed[0].reason or "")
    assert all(r.status == "ingested" for r in results if r.doc_id != victim.id)
    assert set(counts(store, victim.id).values()) == {0}
    assert counts(store)["documents"] == len(PATHS) - 1
    monkeypatch.setattr(api, "_insert", real)
    assert store.ingest_path(PATHS[1]).status == "ingested"


def test_bad_inputs_fail_with_reasons(store: Store, tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    prose = tmp_path / "prose.txt"
    prose.write_text("这是一段与预算无关的中文文字。\n" * 20, encoding="utf-8")
    results = [store.ingest_path(p) for p in (empty, prose, tmp_path / "missing.txt")]
    assert [r.status for r in results] == ["failed"] * 3
    assert all(r.reason for r in results)
    assert counts(store)["documents"] == 0


def test_document_summaries_and_filters(store: Store) -> None:
    ingest_samples(store)
    summaries = store.documents()
    assert len(summaries) == len(PATHS)
    expected = expected_facts()
    for summary in summaries:
        rows = expected[summary.id]

        def fact(table: str, row: str, column: str, rows: list[dict[str, str]] = rows) -> Any:
            for item in rows:
                if (item["table"], item["row_code"], item["column"]) == (table, row, column):
                    return Decimal(item["value"])
            return None

        assert summary.expenditure_total == fact("expenditure", "total", "total")
        assert summary.basic_total == fact("expenditure", "total", "basic")
        assert summary.project_total == fact("expenditure", "total", "project")
        assert summary.three_public_total == fact("three_public", "total", "amount")
        assert summary.facts == len(list(facts(parse_file(summary.source))))
        assert set(summary.findings) == {"error", "warning", "info", "doubt"}
    assert {s.id for s in store.documents(department="烟台")} == {
        s.id for s in summaries if "烟台" in (s.department or "")
    }
    assert len(store.documents(department="医疗保障局")) == len(PATHS)
    assert store.documents(year=1999) == []
    assert len(store.documents(year=2025)) == len(PATHS)
    assert len(store.documents(region="济南")) == 1  # falls back to the department name
    assert store.documents(department="100%_") == []  # LIKE wildcards are literal


def test_resolve_prefixes(store: Store) -> None:
    ingest_samples(store)
    with pytest.raises(StoreError, match="没有"):
        store.document("zzzz")
    with pytest.raises(StoreError):
        store.document("")
    ids = [s.id for s in store.documents()]
    assert store.resolve(ids[0][:10]) == ids[0]
    assert store.delete(ids[0][:10]) == ids[0]
    assert counts(store, ids[0])["facts"] == 0
    assert len(store.documents()) == len(PATHS) - 1


def test_compare_code_matches_expected_facts(store: Store) -> None:
    ingest_samples(store)
    expected = expected_facts()
    result = store.compare("code", code="2080505", table="general_expenditure")
    want = {
        doc: {
            r["column"]: Decimal(r["value"])
            for r in rows
            if r["table"] == "general_expenditure" and r["row_code"] == "2080505"
        }
        for doc, rows in expected.items()
    }
    want = {doc: columns for doc, columns in want.items() if columns}
    got = {
        str(row["document"]): {
            key: row[key] for key, _label in result.columns[4:] if row.get(key) is not None
        }
        for row in result.rows
    }
    assert got == want
    assert len(got) == len(PATHS)
    # without a table each document answers from the first table printing the code
    default = store.compare("code", code="2101202")
    assert {row["table"] for row in default.rows} <= set(api_code_tables())
    assert store.compare("code", code="9999999").rows == []


def api_code_tables() -> tuple[str, ...]:
    from cnbudget.store.compare import CODE_TABLES

    return CODE_TABLES


def test_compare_shares_three_public_and_categories(store: Store) -> None:
    ingest_samples(store)
    expected = expected_facts()

    def fact(doc: str, table: str, row: str, column: str) -> Decimal | None:
        for item in expected[doc]:
            if (item["table"], item["row_code"], item["column"]) == (table, row, column):
                return Decimal(item["value"])
        return None

    shares = store.compare("share")
    assert len(shares.rows) == len(PATHS)
    for row in shares.rows:
        doc = str(row["document"])
        total = fact(doc, "expenditure", "total", "total")
        basic = fact(doc, "expenditure", "total", "basic")
        assert row["total"] == total and row["basic"] == basic
        assert total is not None and basic is not None
        assert row["basic_share"] == (basic * 100 / total).quantize(Decimal("0.01"))
        assert isinstance(row["basic_share"], Decimal) and isinstance(row["project_share"], Decimal)
        assert abs(row["basic_share"] + row["project_share"] - 100) <= Decimal("0.01")

    three = store.compare("three_public")
    for row in three.rows:
        doc = str(row["document"])
        for key in ("total", "reception", "vehicles", "overseas"):
            assert row[key] == fact(doc, "three_public", key, "amount")
        assert row["prior_year"] == fact(doc, "three_public", "total", "prior_year")

    categories = store.compare("project_categories")
    want: dict[tuple[str, str], list[Decimal]] = defaultdict(list)
    for doc, rows in expected.items():
        by_row: dict[str, dict[str, str]] = defaultdict(dict)
        for item in rows:
            if item["table"] == "projects" and item["row_code"].startswith("project:"):
                by_row[item["row_code"]][item["column"]] = item["value"]
        for cells in by_row.values():
            want[(doc, cells.get("category", "（未注明类别）"))].append(
                Decimal(cells.get("total", "0"))
            )
    got = {(str(r["document"]), str(r["category"])): r for r in categories.rows}
    assert set(got) == set(want)
    for key, amounts in want.items():
        assert got[key]["projects"] == len(amounts)
        assert got[key]["total"] == sum(amounts)
    with pytest.raises(StoreError, match="未知的比较方式"):
        store.compare("nonsense")


def test_comparison_outputs(store: Store) -> None:
    ingest_samples(store)
    result = store.compare("share", year=2025, department="医疗保障局")
    lines = result.to_csv().splitlines()
    assert lines[0].split(",") == [key for key, _label in result.columns]
    assert len(lines) == len(PATHS) + 1
    import json

    payload = json.loads(result.to_json())
    assert payload["measure"] == "share"
    assert len(payload["rows"]) == len(PATHS)
    assert all(isinstance(r["total"], str) for r in payload["rows"])
    frame = result.to_pandas()
    assert list(frame.columns) == [key for key, _label in result.columns]
    assert len(frame) == len(PATHS)
    only = store.compare("share", doc_ids=[str(result.rows[0]["document"])])
    assert len(only.rows) == 1


def test_to_pandas(store: Store) -> None:
    ingest_samples(store)
    frame = store.to_pandas()
    assert len(frame) == sum(s.facts for s in store.documents())
    assert list(frame.columns)[:6] == [
        "document",
        "table",
        "row_code",
        "row_name",
        "column",
        "value",
    ]
    parsed = parse_file(PATHS[0])
    mine = frame[frame["document"] == parsed.id]
    assert list(mine["value"]) == [f.value for f in facts(parsed)]
    table = store.to_pandas("expenditure", doc_ids=[parsed.id])
    source = parsed.table("expenditure")
    assert source is not None
    assert len(table) == len(source.rows)
    assert list(table["row_code"]) == [row.code for row in source.rows]
    for record, row in zip(table.to_dict("records"), source.rows, strict=True):
        for column, cell in row.cells.items():
            assert record[column] == (cell.value if cell.value is not None else cell.text)
    assert store.to_pandas("no_such_table").empty


@settings(max_examples=200, derandomize=True)
@given(
    st.decimals(
        min_value=-(10**12), max_value=10**12, places=6, allow_nan=False, allow_infinity=False
    )
)
def test_micros_are_exact(value: Decimal) -> None:
    from cnbudget.store.records import from_micros, micros

    number = micros(value)
    assert number is not None
    assert from_micros(number) == value
    assert micros(value + Decimal("0.0000001")) is None  # a seventh decimal is not dropped


def test_codec_restores_tuples_int_keys_and_decimals() -> None:
    from cnbudget.model import Document, Metadata, SourceLine
    from cnbudget.store.codec import decode, encode

    document = Document("x", "s", "utf-8", Metadata())
    document.prose = [SourceLine(3, "文字", 2, (1.5, 2.0, 30.25, 12.0))]
    document.positions = {3: (2, (1.5, 2.0, 30.25, 12.0)), 4: (None, None)}
    import json
    import typing

    hints = typing.get_type_hints(Document)
    for name in ("prose", "positions"):
        data = json.loads(json.dumps(encode(getattr(document, name))))
        assert decode(data, hints[name]) == getattr(document, name)
    assert decode(encode(Decimal("264.00")), Decimal) == Decimal("264.00")
    assert str(decode(encode(Decimal("264.00")), Decimal)) == "264.00"


def test_source_lines_are_kept_and_match_fact_lines(store: Store, tmp_path: Path) -> None:
    from cnbudget.readers import read_file

    moved = tmp_path / "moved.txt"
    moved.write_bytes(PATHS[0].read_bytes())
    result = store.ingest_path(moved)
    assert result.status == "ingested"
    moved.unlink()  # the file is gone: the lines stay in the database
    lines = store.source_lines(result.doc_id or "")
    assert lines == [line.text for line in read_file(PATHS[0]).lines]
    document = store.document(result.doc_id or "")
    for fact in facts(document):
        if isinstance(fact.value, str) or fact.table in ("narrative", "performance"):
            continue
        assert fact.text.replace(",", "") in lines[fact.line - 1].replace(",", ""), fact
    # a document stored without its lines says so; deleting removes the lines too
    other = store.ingest_document(parse_file(PATHS[1]))
    assert other.status == "ingested" and store.source_lines(other.doc_id or "") is None
    store.delete(result.doc_id or "")
    with store.engine.connect() as connection:
        assert connection.execute(select(api.SOURCES)).all() == []


def test_schema_matches_migrations(db_url: str) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from cnbudget.store.schema import Base

    with open(db_url) as store, store.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []


def test_indicators_across_documents(store: Store) -> None:
    ingest_samples(store)
    every = store.indicators()
    expected = sum(len(p.indicators) for path in PATHS for p in parse_file(path).performance)
    assert len(every) == expected
    per_person = store.indicators("元/人")
    assert per_person and all("元/人" in (i.unit or "") for i in per_person)
    assert all(isinstance(i.number, Decimal) for i in per_person if i.number is not None)
    one = per_person[0].doc_id
    assert {i.doc_id for i in store.indicators("元/人", doc_ids=[one[:8]])} == {one}
    assert store.indicators(department="不存在的单位") == []
