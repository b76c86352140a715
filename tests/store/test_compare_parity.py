"""The SQL compare measures give what a plain reading of each stored document gives.

Every measure (code with and without a table, share, 三公, project categories) is run on a
store of the samples plus synthetic documents of every layout, with and without filters, on
SQLite and PostgreSQL, and compared, value by value and as printed, with a reference
computed in Python from `store.document(id)`: the same rules written the obvious way.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pytest

from cnbudget.model import Document, Table
from cnbudget.pipeline import parse_text
from cnbudget.store import Store
from cnbudget.store.compare import CODE_TABLES, THREE_PUBLIC_ROWS, Comparison
from cnbudget.store.records import from_micros, micros
from cnbudget.synthetic import LAYOUTS, generate

from .test_store import ingest_samples

Reference = dict[str, Any]


def fill(store: Store) -> list[str]:
    ingest_samples(store)
    for seed in range(10):
        document = parse_text(generate(seed, LAYOUTS[seed % len(LAYOUTS)]).text, f"s{seed}.txt")
        assert store.ingest_document(document).status == "ingested"
    return [summary.id for summary in store.documents()]


def cells(tables: Iterable[Table], code: str, keys: Sequence[str] | None = None) -> dict[str, Any]:
    """The largest exact amount (micros) per column of the rows printing `code`; None when a
    wanted column is printed without an exact amount."""
    found: dict[str, Any] = {}
    for table in tables:
        for row in table.rows:
            if row.code != code:
                continue
            for key, cell in row.cells.items():
                if keys is not None and key not in keys:
                    continue
                number = micros(cell.value)
                old = found.get(key)
                found[key] = number if old is None else max(old, number or old)
    return found


def amount(number: int | None) -> Decimal | None:
    return None if number is None else from_micros(number)


def percent(part: Decimal | None, whole: Decimal | None) -> Decimal | None:
    if part is None or not whole:
        return None
    return (part * 100 / whole).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def of_kind(document: Document, kind: str) -> list[Table]:
    return [table for table in document.tables if table.kind == kind]


def code_rows(document: Document, code: str, table: str | None) -> list[Reference]:
    for kind in (table,) if table else CODE_TABLES:
        printed = {k: v for k, v in cells(of_kind(document, kind), code).items() if v is not None}
        if printed:
            return [{"table": kind, **{key: amount(v) for key, v in printed.items()}}]
    return []


def share_rows(document: Document) -> list[Reference]:
    wanted = ("total", "basic", "project")
    found = cells(of_kind(document, "expenditure"), "total", wanted)
    if not found:
        return []
    row: Reference = {key: amount(found.get(key)) for key in wanted}
    for key in wanted[1:]:
        row[f"{key}_share"] = percent(row[key], row["total"])
    return [row]


def three_public_rows(document: Document) -> list[Reference]:
    tables = of_kind(document, "three_public")
    printed = [cells(tables, code, ("amount", "prior_year")) for code, _label in THREE_PUBLIC_ROWS]
    # a document whose 三公 table prints either column in any row has an output row
    if not any(key in ("amount", "prior_year") for t in tables for r in t.rows for key in r.cells):
        return []
    row: Reference = {
        code: amount(found.get("amount"))
        for (code, _), found in zip(THREE_PUBLIC_ROWS, printed, strict=True)
    }
    row["prior_year"] = amount(printed[0].get("prior_year"))
    total, last = row["total"], row["prior_year"]
    row["change"] = None if total is None or last is None else total - last
    return [row]


def category_rows(document: Document) -> list[Reference]:
    groups: dict[str | None, list[int | None]] = {}
    for table in of_kind(document, "projects")[:1]:
        for row in table.rows:
            if row.code.startswith("project:"):
                category = row.cells.get("category")
                total = row.cells.get("total")
                key = category.text if category else None
                groups.setdefault(key, []).append(micros(total.value) if total else None)
    whole = sum((from_micros(n) for ns in groups.values() for n in ns if n is not None), Decimal(0))
    rows = []
    for category, numbers in groups.items():
        exact = [n for n in numbers if n is not None]
        total = from_micros(sum(exact)) if exact else None
        rows.append(
            {
                "category": category or "（未注明类别）",
                "projects": len(numbers),
                "total": total,
                "share": percent(total, whole),
            }
        )
    return rows


def reference(store: Store, chosen: Sequence[str], measure: str, **options: Any) -> list[Any]:
    """(document, department, year, value…) per expected output row, as printed, sorted."""
    rows = []
    for doc_id in chosen:
        document = store.document(doc_id)
        if measure == "code":
            found = code_rows(document, options["code"], options.get("table"))
        elif measure == "share":
            found = share_rows(document)
        elif measure == "three_public":
            found = three_public_rows(document)
        else:
            found = category_rows(document)
        meta = document.metadata
        for row in found:
            rows.append(
                printed(
                    {"document": doc_id, "department": meta.department, "year": meta.year, **row}
                )
            )
    return sorted(rows, key=repr)


def printed(row: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    return tuple(sorted((key, str(value)) for key, value in row.items() if value is not None))


def got(result: Comparison) -> list[Any]:
    return sorted((printed(row) for row in result.rows), key=repr)


FILTERS: list[dict[str, Any]] = [
    {},
    {"year": 2025},
    {"region": "山东"},
    {"department": "局"},
    {"year": 2025, "region": "省"},
]
MEASURES: list[dict[str, Any]] = [
    {"measure": "code", "code": "2080505"},
    {"measure": "code", "code": "2101101"},
    {"measure": "code", "code": "2080505", "table": "general_expenditure"},
    {"measure": "share"},
    {"measure": "three_public"},
    {"measure": "project_categories"},
]


@pytest.mark.parametrize("asked", MEASURES, ids=lambda m: "-".join(map(str, m.values())))
def test_compare_matches_reading_each_document(store: Store, asked: dict[str, Any]) -> None:
    ids = fill(store)
    options = {key: value for key, value in asked.items() if key != "measure"}
    for where in [*FILTERS, {"doc_ids": ids[::3]}]:
        chosen = ids
        if "doc_ids" in where:
            chosen = where["doc_ids"]
        elif where:
            chosen = [summary.id for summary in store.documents(**where)]
        result = store.compare(asked["measure"], **options, **where)
        expected = reference(store, chosen, asked["measure"], **options)
        assert got(result) == expected, (asked, where)
        if not where:
            assert expected, asked  # the store prints every measure somewhere
        # in document-list order: latest year first, then department
        order = [(-int(r["year"]), str(r["department"]), str(r["document"])) for r in result.rows]
        assert order == sorted(order)
