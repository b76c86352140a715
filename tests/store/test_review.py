"""Reviews of findings and corrections of metadata, on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from cnbudget.pipeline import parse_text
from cnbudget.store import Store, api, open
from cnbudget.store.corrections import CorrectionError, correct, corrections, department_key
from cnbudget.store.review import (
    ReviewError,
    WorkFilter,
    keys_of,
    reviews,
    set_review,
    stored_keys,
    worklist,
    worklist_counts,
)
from cnbudget.synthetic import LAYOUTS, generate

from ..conftest import CORPUS

PATHS = sorted(CORPUS.glob("*.txt"))


def _with_findings(store: Store) -> str:
    """Ingest the samples; the id of one with findings."""
    for path in PATHS:
        store.ingest_path(path)
    return next(s.id for s in store.documents() if sum(s.findings.values()) >= 2)


def test_finding_keys_are_stable_and_distinct(store: Store) -> None:
    doc_id = _with_findings(store)
    keys = stored_keys(store, doc_id)
    assert len(keys) == len(set(keys)) == len(store.findings(doc_id)) >= 2
    assert keys == keys_of(store.findings(doc_id))  # computed the same way from findings
    # re-ingesting the same content gives the same keys
    source = next(s.source for s in store.documents() if s.id == doc_id)
    assert store.ingest_path(source, replace=True).status == "ingested"
    assert stored_keys(store, doc_id) == keys


def test_review_survives_reingest_and_filters_the_worklist(store: Store, tmp_path: Path) -> None:
    doc_id = _with_findings(store)
    source = next(s.source for s in store.documents() if s.id == doc_id)
    first, second = stored_keys(store, doc_id)[:2]
    set_review(store, doc_id, first, "confirmed", "与原表核对一致", "张三")
    set_review(store, doc_id, second, "false_positive", None, None)
    set_review(store, doc_id, second, "false_positive", "表注说明了差额")  # replaces
    with pytest.raises(ReviewError):
        set_review(store, doc_id, first, "maybe")
    with pytest.raises(ReviewError):
        set_review(store, doc_id, "no-such-key", "confirmed")
    assert store.ingest_path(source, replace=True).status == "ingested"
    verdicts = reviews(store, doc_id)
    assert verdicts[first].status == "confirmed" and verdicts[first].reviewer == "张三"
    assert verdicts[second].note == "表注说明了差额" and verdicts[second].reviewer is None
    everything = worklist_counts(store, WorkFilter())
    assert everything["confirmed"] == everything["false_positive"] == 1
    assert everything["total"] == sum(sum(s.findings.values()) for s in store.documents())
    assert everything["pending"] == everything["total"] - 2
    confirmed = worklist(store, WorkFilter(status="confirmed"))
    assert [(i.document_id, i.finding_key, i.note) for i in confirmed] == [
        (doc_id, first, "与原表核对一致")
    ]
    pending = worklist(store, WorkFilter(status="pending"), limit=None)
    assert len(pending) == everything["pending"] and first not in {i.finding_key for i in pending}
    rule = confirmed[0].rule
    by_rule = worklist(store, WorkFilter(rule=rule), limit=None)
    assert by_rule and all(i.rule == rule for i in by_rule)
    errors = worklist(store, WorkFilter(severity="error"), limit=None)
    assert all(i.severity == "error" for i in errors)
    page = worklist(store, WorkFilter(), "year", True, offset=1, limit=3)
    assert len(page) == min(3, everything["total"] - 1)


def test_correction_is_applied_kept_and_reapplied(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "synthetic.txt"
    path.write_text(generate(3, LAYOUTS[0]).text, encoding="utf-8")
    doc_id = store.ingest_path(path).doc_id
    assert doc_id is not None
    before = store.documents()[0]
    made = correct(
        store, doc_id, {"year": "２０３０", "department": "示例 局", "kind": "决算"}, "李四"
    )
    assert {c.field for c in made} == {"year", "department", "kind"}
    with pytest.raises(CorrectionError):
        correct(store, doc_id, {"year": "30"})
    with pytest.raises(CorrectionError):
        correct(store, doc_id, {"scope": "科室"})
    after = store.documents(year=2030)
    assert [(s.id, s.department, s.kind) for s in after] == [(doc_id, "示例 局", "决算")]
    assert store.document(doc_id).metadata.year == 2030
    correct(store, doc_id, {"year": "2031", "region": "河北省"})
    kept = {c.field: c for c in corrections(store, doc_id)}
    assert kept["year"].original == str(before.year) and kept["year"].value == "2031"
    assert kept["department"].reviewer == "李四" and kept["region"].original == before.region
    # re-ingesting the same file keeps the corrections
    assert store.ingest_path(path, replace=True).status == "ingested"
    again = store.documents(region="河北")
    assert [(s.year, s.department, s.kind) for s in again] == [(2031, "示例 局", "决算")]
    with store.engine.connect() as connection:
        key = connection.execute(
            select(api.DOCUMENTS.c.department_key).where(api.DOCUMENTS.c.id == doc_id)
        ).scalar_one()
    assert key == "示例局" == department_key("2031年度 示例局")


def test_migration_fills_the_keys_of_stored_documents(db_url: str) -> None:
    from importlib import import_module

    from sqlalchemy import MetaData, insert

    from cnbudget.store import engine as engines

    before = import_module(
        "cnbudget.store.migrations.versions.0007_webb_reviews_corrections"
    ).down_revision
    engine = engines.create(engines.resolve_url(db_url))
    engines.upgrade(engine, before)
    document = parse_text(PATHS[0].read_text(encoding="utf-8"), str(PATHS[0]))
    records = Store.prepare_document(document)
    assert not isinstance(records, api.IngestResult)
    keys = [row["finding_key"] for row in records.findings]
    existing = MetaData()
    existing.reflect(engine)
    with engine.begin() as connection:  # the rows as stored before revision 0007
        for name, rows in (
            ("documents", [records.document]),
            ("tables", records.tables),
            ("rows", records.rows),
            ("facts", records.facts),
            ("findings", records.findings),
        ):
            table = existing.tables[name]
            kept = [{k: v for k, v in row.items() if k in table.c} for row in rows]
            if kept:
                connection.execute(insert(table), kept)
    engine.dispose()
    with open(db_url) as store:
        assert stored_keys(store, document.id) == keys
        summary = store.documents()[0]
        assert summary.department is not None
        with store.engine.connect() as connection:
            stored = connection.execute(select(api.DOCUMENTS.c.department_key)).scalar_one()
        assert stored == department_key(summary.department)


def test_correct_command(db_url: str) -> None:
    from click.testing import CliRunner

    from cnbudget.cli import main

    def run(*args: str) -> tuple[int, str, str]:
        result = CliRunner(mix_stderr=False).invoke(main, list(args), catch_exceptions=False)
        return result.exit_code, result.stdout, result.stderr

    assert run("ingest", str(PATHS[0]), "--db", db_url)[0] == 0
    with open(db_url) as store:
        summary = store.documents()[0]
    code, out, _ = run(
        "correct",
        summary.id[:8],
        "--year",
        "2026",
        "--kind",
        "决算",
        "--reviewer",
        "赵",
        "--db",
        db_url,
    )
    assert code == 0 and "更正 2 项" in out
    assert f"年度：{summary.year} → 2026" in out and "核查人 赵" in out
    code, _, err = run("correct", summary.id[:8], "--year", "26", "--db", db_url)
    assert code == 2 and "年度应为" in err
    code, _, err = run("correct", summary.id[:8], "--db", db_url)
    assert code == 2 and "至少给出一项更正" in err
    code, out, _ = run("list", "--db", db_url, "--year", "2026", "--format", "json")
    import json

    assert [(d["id"], d["kind"]) for d in json.loads(out)] == [(summary.id, "决算")]
    # re-ingesting the same file keeps the correction
    assert run("ingest", str(PATHS[0]), "--replace", "--db", db_url)[0] == 0
    code, out, _ = run("correct", summary.id, "--show", "--db", db_url)
    assert code == 0 and "2026" in out and "决算" in out
    with open(db_url) as store:
        assert store.documents()[0].year == 2026


def test_worklist_lists_doubts_apart(store: Store, tmp_path: Path) -> None:
    from cnbudget.validate import Finding, Report

    document = parse_text(generate(5, LAYOUTS[2]).text, "doubt.txt")
    findings = [
        Finding("ROW-IDENTITY", "warning", "合计与各项之和不符", "expenditure", "total", "total"),
        Finding(
            "ROW-IDENTITY", "warning", "列归属不确定", "expenditure", "201", "total", doubt="列存疑"
        ),
    ]
    assert store.ingest_document(document, report=Report(findings=findings)).status == "ingested"
    doubts = worklist(store, WorkFilter(severity="doubt"))
    assert [(i.message, i.doubt) for i in doubts] == [("列归属不确定", "列存疑")]
    warnings = worklist(store, WorkFilter(severity="warning"))
    assert [i.message for i in warnings] == ["合计与各项之和不符"]
    assert worklist_counts(store, WorkFilter(severity="doubt"))["total"] == 1
