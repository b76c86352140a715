"""Exploring stored facts across documents (filters on table, row code, column, region, year)
and the same department across years (by normalised name and region). One SQL query each."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sqlalchemy import Select, and_, select

from cnbudget.store.api import DOCUMENTS, FACTS, ROWS, DocumentSummary, document_filters

if TYPE_CHECKING:
    from cnbudget.store.api import Store


@dataclass(slots=True)
class FactFilter:
    """Filters of the facts explorer (all optional; code and column match exactly)."""

    table: str | None = None
    code: str | None = None
    column: str | None = None
    region: str | None = None
    year: int | None = None
    department: str | None = None


@dataclass(frozen=True, slots=True)
class FactItem:
    """One stored fact with its row's printed name and its document."""

    document_id: str
    department: str | None
    year: int | None
    region: str | None
    kind: str
    table: str
    code: str
    name: str
    column: str
    value: Decimal | None
    text: str
    line: int
    page: int | None


def _query(where: FactFilter) -> Select[Any]:
    f, r, d = FACTS.c, ROWS.c, DOCUMENTS.c
    query = (
        select(
            f.document_id,
            d.department,
            d.year,
            d.region,
            d.kind,
            f.table_kind,
            f.row_code,
            r.name,
            f.column_key,
            f.value,
            f.text,
            f.line,
            f.page,
        )
        .select_from(
            FACTS.join(
                ROWS,
                and_(
                    r.document_id == f.document_id,
                    r.table_no == f.table_no,
                    r.row_no == f.row_no,
                ),
            ).join(DOCUMENTS, d.id == f.document_id)
        )
        .where(*document_filters(where.year, where.region, where.department))
        .order_by(*_order(where), f.document_id, f.table_no, f.row_no, f.cell_no)
    )
    if where.table:
        query = query.where(f.table_kind == where.table)
    if where.code:
        query = query.where(f.row_code == where.code)
    if where.column:
        query = query.where(f.column_key == where.column)
    return query


def _order(where: FactFilter) -> list[Any]:
    """Leading sort columns that follow a covering index of the filter, so that a page is
    read in index order and stops early instead of sorting every matching fact: with a row
    code, `ix_facts_code` (row code, table, column, document); with a table,
    `ix_facts_table_column` (table, column, row code, document)."""
    f = FACTS.c
    if where.code:
        return [f.table_kind, f.column_key]
    if where.table:
        return [f.column_key, f.row_code]
    return []


def _item(row: Any) -> FactItem:
    return FactItem(
        row.document_id,
        row.department,
        row.year,
        row.region,
        row.kind,
        row.table_kind,
        row.row_code,
        row.name,
        row.column_key,
        None if row.value is None else Decimal(row.value),
        row.text,
        row.line,
        row.page,
    )


def fact_page(store: Store, where: FactFilter, offset: int, limit: int) -> list[FactItem]:
    """One page of facts in document/table/row/column order."""
    with store.engine.connect() as connection:
        found = connection.execute(_query(where).offset(offset).limit(limit))
        return [_item(row) for row in found]


def fact_stream(store: Store, where: FactFilter, limit: int) -> Iterator[FactItem]:
    """At most `limit` facts, streamed from the database (for downloads)."""
    with store.engine.connect() as connection:
        found = connection.execution_options(yield_per=2000).execute(_query(where).limit(limit))
        for row in found:
            yield _item(row)


def department_years(store: Store, doc_id: str) -> list[DocumentSummary]:
    """Every stored document of the same department (normalised name) and region as this
    one, oldest year first: the department across years."""
    d = DOCUMENTS.c
    with store.engine.connect() as connection:
        head = connection.execute(select(d.department_key, d.region).where(d.id == doc_id)).first()
    if head is None or head.department_key is None:
        return []
    ids = _same_department(store, head.department_key, head.region)
    found = store.documents(ids=sorted(ids))
    return sorted(found, key=lambda s: (s.year or 0, s.kind, s.scope or "", s.id))


def _same_department(store: Store, key: str, region: str | None) -> set[str]:
    d = DOCUMENTS.c
    query = select(d.id).where(d.department_key == key, d.region.is_not_distinct_from(region))
    with store.engine.connect() as connection:
        return {str(x) for x in connection.execute(query).scalars()}
