"""Compare measures across stored documents: a function code, column shares, 三公, projects."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any

from sqlalchemy import Select, and_, case, func, select

from cnbudget.model import format_decimal
from cnbudget.store.records import from_micros

if TYPE_CHECKING:
    import pandas

    from cnbudget.store.api import Store

Value = Decimal | int | str | None

# where a function code is looked up when no table is named, in this order
CODE_TABLES = (
    "expenditure",
    "general_expenditure",
    "income",
    "fiscal_summary",
    "gov_fund_expenditure",
    "soe_expenditure",
    "summary",
)
THREE_PUBLIC_ROWS = (
    ("total", "“三公”经费合计"),
    ("overseas", "因公出国（境）费"),
    ("vehicles", "公务用车购置及运行费"),
    ("vehicles.purchase", "公务用车购置费"),
    ("vehicles.operation", "公务用车运行维护费"),
    ("reception", "公务接待费"),
)
_PERCENT = Decimal("0.01")


@dataclass(slots=True)
class Comparison:
    """A comparison result: labelled columns and one dict per output row."""

    measure: str
    title: str
    columns: list[tuple[str, str]]  # (key, Chinese label)
    rows: list[dict[str, Value]] = field(default_factory=list)

    def records(self) -> list[dict[str, str | int | None]]:
        """JSON-ready rows: amounts as exact decimal strings."""
        return [{key: _plain(row.get(key)) for key, _label in self.columns} for row in self.rows]

    def to_json(self) -> str:
        payload = {
            "measure": self.measure,
            "title": self.title,
            "columns": [{"key": key, "label": label} for key, label in self.columns],
            "rows": self.records(),
        }
        return json.dumps(payload, ensure_ascii=False, indent=2)

    def to_csv(self) -> str:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow([key for key, _label in self.columns])
        for record in self.records():
            writer.writerow(["" if value is None else value for value in record.values()])
        return buffer.getvalue()

    def to_pandas(self) -> pandas.DataFrame:
        import pandas as pd

        keys = [key for key, _label in self.columns]
        return pd.DataFrame.from_records(
            [[row.get(key) for key in keys] for row in self.rows], columns=keys
        )


def _plain(value: Value) -> str | int | None:
    if isinstance(value, Decimal):
        return format_decimal(value)
    return value


def _share(part: Decimal | None, whole: Decimal | None) -> Decimal | None:
    """Percentage of `whole`, two decimals, half up; None when undefined."""
    if part is None or whole is None or whole == 0:
        return None
    return (part * 100 / whole).quantize(_PERCENT, rounding=ROUND_HALF_UP)


def _amount(number: int | None) -> Decimal | None:
    return None if number is None else from_micros(int(number))


_DOC_COLUMNS = [("document", "文档编号"), ("department", "单位"), ("year", "年度")]


def _filtered(
    query: Select[Any],
    doc_ids: Sequence[str] | None,
    year: int | None,
    region: str | None,
    department: str | None,
) -> Select[Any]:
    from cnbudget.store.api import DOCUMENTS, document_filters

    query = query.where(*document_filters(year, region, department))
    if doc_ids is not None:
        query = query.where(DOCUMENTS.c.id.in_(list(doc_ids)))
    return query.order_by(DOCUMENTS.c.year.desc(), DOCUMENTS.c.department, DOCUMENTS.c.id)


def _doc_fields() -> list[Any]:
    from cnbudget.store.api import DOCUMENTS

    return [DOCUMENTS.c.department, DOCUMENTS.c.year]


def _doc(row: Any) -> dict[str, Value]:
    return {"document": row.document_id, "department": row.department, "year": row.year}


def compare_code(
    store: Store,
    code: str,
    table: str | None = None,
    doc_ids: Sequence[str] | None = None,
    year: int | None = None,
    region: str | None = None,
    department: str | None = None,
) -> Comparison:
    """Every amount printed for one row code, one output row per document, columns side by side.

    Without `table`, each document's amounts come from the first of `CODE_TABLES` that
    prints the code. Amounts are summed nowhere: a table printing the code twice (which
    function-classified tables never do) shows the larger amount per column.
    """
    from cnbudget.store.api import DOCUMENTS, FACTS
    from cnbudget.validate.labels import column

    f = FACTS.c
    tables = (table,) if table else CODE_TABLES
    rank = case({kind: index for index, kind in enumerate(tables)}, value=f.table_kind)
    printed = and_(f.row_code == code, f.table_kind.in_(tables), f.micros.is_not(None))
    # each document's first table (in `tables` order) printing the code
    best = (
        select(f.document_id, func.min(rank).label("best"))
        .where(printed)
        .group_by(f.document_id)
        .subquery()
    )
    with store.engine.connect() as connection:
        keys = list(
            connection.execute(
                select(f.column_key)
                .where(printed)
                .group_by(f.column_key)
                .order_by(func.min(f.cell_no), f.column_key)
            ).scalars()
        )
        pivots = [
            func.max(case((f.column_key == key, f.micros), else_=None)).label(f"c{index}")
            for index, key in enumerate(keys)
        ]
        query = (
            select(DOCUMENTS.c.id.label("document_id"), *_doc_fields(), best.c.best, *pivots)
            .join(best, best.c.document_id == f.document_id)
            .join(DOCUMENTS, DOCUMENTS.c.id == f.document_id)
            .where(printed, rank == best.c.best)
            .group_by(DOCUMENTS.c.id, *_doc_fields(), best.c.best)
        )
        query = _filtered(query, doc_ids, year, region, department)
        rows: list[dict[str, Value]] = []
        for item in connection.execute(query):
            record = _doc(item)
            record["table"] = tables[item.best]
            for index, key in enumerate(keys):
                record[key] = _amount(getattr(item, f"c{index}"))
            rows.append(record)
    keys = [key for key in keys if any(row[key] is not None for row in rows)]
    columns = [*_DOC_COLUMNS, ("table", "表"), *((key, column(key)) for key in keys)]
    return Comparison("code", f"功能科目 {code} 各文档金额（万元）", columns, rows)


def compare_share(
    store: Store,
    table: str = "expenditure",
    parts: Sequence[str] = ("basic", "project"),
    whole: str = "total",
    row: str = "total",
    doc_ids: Sequence[str] | None = None,
    year: int | None = None,
    region: str | None = None,
    department: str | None = None,
) -> Comparison:
    """Each document's columns `parts` of one row as amounts and as shares of `whole`."""
    from cnbudget.store.api import DOCUMENTS, FACTS
    from cnbudget.validate.labels import column

    f = FACTS.c
    wanted = [whole, *(p for p in parts if p != whole)]
    pivots = [
        func.max(case((f.column_key == key, f.micros), else_=None)).label(f"c{index}")
        for index, key in enumerate(wanted)
    ]
    query = (
        select(DOCUMENTS.c.id.label("document_id"), *_doc_fields(), *pivots)
        .join(DOCUMENTS, DOCUMENTS.c.id == f.document_id)
        .where(f.row_code == row, f.table_kind == table, f.column_key.in_(wanted))
        .group_by(DOCUMENTS.c.id, *_doc_fields())
    )
    query = _filtered(query, doc_ids, year, region, department)
    rows: list[dict[str, Value]] = []
    with store.engine.connect() as connection:
        for item in connection.execute(query):
            record = _doc(item)
            amounts = [_amount(getattr(item, f"c{index}")) for index in range(len(wanted))]
            record[whole] = amounts[0]
            for key, amount in zip(wanted[1:], amounts[1:], strict=True):
                record[key] = amount
                record[f"{key}_share"] = _share(amount, amounts[0])
            rows.append(record)
    columns = [*_DOC_COLUMNS, (whole, column(whole))]
    for key in wanted[1:]:
        columns += [(key, column(key)), (f"{key}_share", f"{column(key)}占比（%）")]
    title = f"{table} 表 {row} 行各列占比"
    return Comparison("share", title, columns, rows)


def compare_three_public(
    store: Store,
    doc_ids: Sequence[str] | None = None,
    year: int | None = None,
    region: str | None = None,
    department: str | None = None,
) -> Comparison:
    """The 三公 table of each document: total and parts this year, total last year, change."""
    from cnbudget.store.api import DOCUMENTS, FACTS

    f = FACTS.c
    pivots = [
        func.max(
            case(
                (and_(f.row_code == code, f.column_key == "amount"), f.micros),
                else_=None,
            )
        ).label(f"c{index}")
        for index, (code, _label) in enumerate(THREE_PUBLIC_ROWS)
    ]
    prior = func.max(
        case((and_(f.row_code == "total", f.column_key == "prior_year"), f.micros), else_=None)
    ).label("prior")
    query = (
        select(DOCUMENTS.c.id.label("document_id"), *_doc_fields(), *pivots, prior)
        .join(DOCUMENTS, DOCUMENTS.c.id == f.document_id)
        .where(f.table_kind == "three_public", f.column_key.in_(("amount", "prior_year")))
        .group_by(DOCUMENTS.c.id, *_doc_fields())
    )
    query = _filtered(query, doc_ids, year, region, department)
    rows: list[dict[str, Value]] = []
    with store.engine.connect() as connection:
        for item in connection.execute(query):
            record = _doc(item)
            for index, (code, _label) in enumerate(THREE_PUBLIC_ROWS):
                record[code] = _amount(getattr(item, f"c{index}"))
            total = record["total"]
            last = _amount(item.prior)
            record["prior_year"] = last
            change = None
            if isinstance(total, Decimal) and last is not None:
                change = total - last
            record["change"] = change
            rows.append(record)
    columns = [
        *_DOC_COLUMNS,
        *THREE_PUBLIC_ROWS,
        ("prior_year", "上年“三公”经费"),
        ("change", "增减"),
    ]
    return Comparison("three_public", "各单位“三公”经费（万元）", columns, rows)


def compare_project_categories(
    store: Store,
    doc_ids: Sequence[str] | None = None,
    year: int | None = None,
    region: str | None = None,
    department: str | None = None,
) -> Comparison:
    """Projects per category in each document: count, amount and share of the project total."""
    from cnbudget.store.api import DOCUMENTS, PROJECTS

    p = PROJECTS.c
    query = (
        select(
            DOCUMENTS.c.id.label("document_id"),
            *_doc_fields(),
            p.category,
            func.count().label("projects"),
            func.sum(p.total_micros).label("total"),
        )
        .join(DOCUMENTS, DOCUMENTS.c.id == p.document_id)
        .group_by(DOCUMENTS.c.id, *_doc_fields(), p.category)
    )
    query = _filtered(query, doc_ids, year, region, department).order_by(p.category)
    rows: list[dict[str, Value]] = []
    totals: dict[str, Decimal] = {}
    with store.engine.connect() as connection:
        for item in connection.execute(query):
            record = _doc(item)
            amount = _amount(item.total)
            record.update(
                category=item.category or "（未注明类别）", projects=item.projects, total=amount
            )
            totals[item.document_id] = totals.get(item.document_id, Decimal(0)) + (amount or 0)
            rows.append(record)
    for record in rows:
        part = record["total"]
        record["share"] = _share(
            part if isinstance(part, Decimal) else None, totals[str(record["document"])]
        )
    columns = [
        *_DOC_COLUMNS,
        ("category", "项目类别"),
        ("projects", "项目数"),
        ("total", "金额（万元）"),
        ("share", "占项目支出（%）"),
    ]
    return Comparison("project_categories", "各单位项目支出按类别", columns, rows)


MEASURES: dict[str, tuple[str, Callable[..., Comparison]]] = {
    "code": ("按功能科目编码比较（如 2101202）", compare_code),
    "share": ("按表列占比比较（默认支出总表：基本支出与项目支出占比）", compare_share),
    "three_public": ("各单位“三公”经费", compare_three_public),
    "project_categories": ("各单位项目支出按类别", compare_project_categories),
}


def compare(store: Store, measure: str, **options: Any) -> Comparison:
    """Run a named measure with its options (code=, table=, parts=, doc_ids=, year=, …)."""
    if measure not in MEASURES:
        from cnbudget.store.api import StoreError

        known = "、".join(MEASURES)
        raise StoreError(f"未知的比较方式“{measure}”（可用：{known}）")
    return MEASURES[measure][1](store, **options)
