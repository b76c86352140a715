"""Documents written in one batch (`Store.write_many`): each whole or not at all, and a batch
that cannot be written as one is written document by document, so only the faulty fails."""

from __future__ import annotations

from decimal import Decimal

from cnbudget.pipeline import parse_text
from cnbudget.store import Store
from cnbudget.store.records import Records
from cnbudget.synthetic import LAYOUTS, generate

from .test_store import counts


def prepared(seed: int, too_long: bool = False) -> Records:
    document = parse_text(generate(seed, LAYOUTS[seed % len(LAYOUTS)]).text, f"s{seed}.txt")
    if too_long:  # an amount no backend stores (StoreValueError)
        cell = next(c for t in document.tables for r in t.rows for c in r.cells.values())
        cell.value = Decimal("9" * 60)
    records = Store.prepare_document(document)
    assert isinstance(records, Records)
    return records


def test_batch_is_stored_whole(store: Store) -> None:
    batch = [prepared(seed) for seed in range(4)]
    results = store.write_many(batch)
    assert [r.status for r in results] == ["ingested"] * 4
    for records in batch:
        stored = counts(store, records.document["id"])
        assert stored["facts"] == len(records.facts) and stored["rows"] == len(records.rows)
    # a second batch with one new document: the stored ones are skipped
    again = store.write_many([*batch[:2], prepared(4)])
    assert [r.status for r in again] == ["skipped", "skipped", "ingested"]


def test_faulty_document_fails_alone(store: Store) -> None:
    batch = [prepared(10), prepared(11, too_long=True), prepared(12), prepared(10)]
    results = store.write_many(batch)
    assert [r.status for r in results] == ["ingested", "failed", "ingested", "skipped"]
    assert "位数过多" in (results[1].reason or "")
    faulty = batch[1].document["id"]
    assert all(count == 0 for count in counts(store, faulty).values())
    assert {s.id for s in store.documents()} == {batch[0].document["id"], batch[2].document["id"]}
