"""pandas DataFrames of stored facts and canonical tables (pandas is an optional extra)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import fields
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sqlalchemy import and_, select

from cnbudget.model import Fact

if TYPE_CHECKING:
    import pandas

    from cnbudget.store.api import Store

FACT_COLUMNS = tuple(item.name for item in fields(Fact))


def _pandas() -> Any:
    try:
        import pandas
    except ImportError as exc:  # pragma: no cover - depends on the installation
        raise RuntimeError("需要 pandas：pip install 'cnbudget[pandas]'") from exc
    return pandas


def facts_frame(items: Iterable[Fact]) -> pandas.DataFrame:
    """One row per fact; `value` holds exact Decimals (or the text of text facts)."""
    pd = _pandas()
    records = [[getattr(fact, name) for name in FACT_COLUMNS] for fact in items]
    frame: pandas.DataFrame = pd.DataFrame.from_records(records, columns=list(FACT_COLUMNS))
    return frame.astype({"line": "int64", "confidence": "float64"})


def table_frame(store: Store, kind: str, doc_ids: Sequence[str] | None = None) -> pandas.DataFrame:
    """A canonical table across documents: one row per table row, one column per column key."""
    from cnbudget.store.api import FACTS, ROWS, TABLES

    pd = _pandas()
    query = (
        select(
            ROWS.c.document_id,
            ROWS.c.table_no,
            ROWS.c.row_no,
            ROWS.c.code,
            ROWS.c.name,
            ROWS.c.line,
            FACTS.c.column_key,
            FACTS.c.value,
            FACTS.c.text,
        )
        .join(
            TABLES,
            and_(TABLES.c.document_id == ROWS.c.document_id, TABLES.c.table_no == ROWS.c.table_no),
        )
        .outerjoin(
            FACTS,
            and_(
                FACTS.c.document_id == ROWS.c.document_id,
                FACTS.c.table_no == ROWS.c.table_no,
                FACTS.c.row_no == ROWS.c.row_no,
            ),
        )
        .where(TABLES.c.kind == kind)
        .order_by(ROWS.c.document_id, ROWS.c.table_no, ROWS.c.row_no, FACTS.c.cell_no)
    )
    if doc_ids is not None:
        query = query.where(ROWS.c.document_id.in_(list(doc_ids)))
    rows: dict[tuple[str, int, int], dict[str, Any]] = {}
    keys: list[str] = []
    with store.engine.connect() as connection:
        for item in connection.execute(query):
            key = (item.document_id, item.table_no, item.row_no)
            record = rows.get(key)
            if record is None:
                record = rows[key] = {
                    "document": item.document_id,
                    "row_code": item.code,
                    "row_name": item.name,
                    "line": item.line,
                }
            if item.column_key is None:
                continue
            if item.column_key not in keys:
                keys.append(item.column_key)
            record[item.column_key] = item.text if item.value is None else Decimal(item.value)
    columns = ["document", "row_code", "row_name", "line", *keys]
    frame: pandas.DataFrame = pd.DataFrame.from_records(list(rows.values()), columns=columns)
    return frame
