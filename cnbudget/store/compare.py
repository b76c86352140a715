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

from cnbudget.formulas import csv_row
from cnbudget.model import format_decimal
from cnbudget.store.records import from_micros
from cnbudget.vocabulary.tables import table_name

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
            writer.writerow(csv_row("" if value is None else value for value in record.values()))
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
    return None if number is None else from_micros(number)


_DOC_COLUMNS = [("document", "文档编号"), ("department", "单位"), ("year", "年度")]


def _only(
    document_id: Any,
    doc_ids: Sequence[str] | None,
    year: int | None,
    region: str | None,
    department: str | None,
) -> list[Any]:
    """The condition keeping the facts of the documents a filter chooses (none unfiltered).

    Applied inside the aggregates, so that with a filter the database probes the covering
    index for each chosen document instead of aggregating every document first.
    """
    from cnbudget.store.api import DOCUMENTS, document_filters

    conditions = document_filters(year, region, department)
    if doc_ids is not None:
        conditions.append(DOCUMENTS.c.id.in_(list(doc_ids)))
    if not conditions:
        return []
    return [document_id.in_(select(DOCUMENTS.c.id).where(*conditions))]


def _per_document(aggregate: Select[Any]) -> Select[Any]:
    """Per-document aggregates (`aggregate`, grouped by a `document_id` column) with each
    document's labels, in the order of the document list.

    Aggregating facts before joining documents lets the database answer from the covering
    indexes alone (each document's facts are adjacent in them), then look up each document
    once.
    """
    from cnbudget.store.api import DOCUMENTS

    grouped = aggregate.subquery()
    columns = [c for c in grouped.c if c.name != "document_id"]
    d = DOCUMENTS.c
    return (
        select(d.id, d.department, d.year, *columns)
        .join(grouped, grouped.c.document_id == d.id)
        .order_by(d.year.desc(), d.department, d.id)
    )


def _column_order(key: str) -> tuple[int, str]:
    """Column keys in the order tables print them (合计, sources, basic…, project…), then A–Z."""
    from cnbudget.validate.labels import COLUMNS

    order = list(COLUMNS)
    return (order.index(key), "") if key in order else (len(order), key)


def _pivot(column: Any, keys: Sequence[str], value: Any) -> list[Any]:
    """One aggregate column per key: the value where `column` is that key."""
    return [
        func.max(case((column == key, value), else_=None)).label(f"c{index}")
        for index, key in enumerate(keys)
    ]


def _records(
    connection: Any, query: Select[Any], keys: Sequence[str], plain: Sequence[str] = ()
) -> list[dict[str, Value]]:
    """One dict per `_per_document` row: its document labels, the `plain` columns as they
    are, then `keys` as exact amounts (from micros), in the order of the query's columns."""
    names = ("document", "department", "year", *plain, *keys)
    lead = 3 + len(plain)
    convert = from_micros
    return [
        dict(
            zip(
                names,
                (*row[:lead], *(None if n is None else convert(n) for n in row[lead:])),
                strict=True,
            )
        )
        for row in connection.execute(query).all()
    ]


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
    from cnbudget.store.api import FACTS
    from cnbudget.validate.labels import column

    f = FACTS.c
    tables = (table,) if table else CODE_TABLES
    rank = case({kind: index for index, kind in enumerate(tables)}, value=f.table_kind)
    printed = and_(
        f.row_code == code,
        f.table_kind.in_(tables),
        f.micros.is_not(None),
        *_only(f.document_id, doc_ids, year, region, department),
    )
    with store.engine.connect() as connection:
        found = set(connection.execute(select(f.column_key).where(printed).distinct()).scalars())
        keys = sorted(found, key=_column_order)
        # one row per document and table printing the code, straight from the covering index…
        per_table = (
            select(
                f.document_id, func.min(rank).label("best"), *_pivot(f.column_key, keys, f.micros)
            )
            .where(printed)
            .group_by(f.document_id, f.table_kind)
            .subquery()
        )
        # …of which each document keeps its first table in `tables` order
        ordered = select(
            per_table,
            func.row_number()
            .over(partition_by=per_table.c.document_id, order_by=per_table.c.best)
            .label("n"),
        ).subquery()
        aggregate = select(*(c for c in ordered.c if c.name != "n")).where(ordered.c.n == 1)
        query = _per_document(aggregate)
        rows = _records(connection, query, keys, plain=("table",))
    for row in rows:
        row["table"] = tables[int(row["table"] or 0)]
    keys = [key for key in keys if any(row[key] is not None for row in rows)]
    columns = [*_DOC_COLUMNS, ("table", "表"), *((key, column(key)) for key in keys)]
    return Comparison("code", f"功能科目 {code} 各文档金额（万元）", columns, rows)


def _shares(rows: list[dict[str, Value]], whole: str, parts: Sequence[str]) -> None:
    """Add `{part}_share` to each row: the part as a percentage of `whole`."""
    for record in rows:
        total = record[whole]
        for key in parts:
            part = record[key]
            record[f"{key}_share"] = (
                _share(part, total)
                if isinstance(part, Decimal) and isinstance(total, Decimal)
                else None
            )


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
    from cnbudget.store.api import FACTS
    from cnbudget.validate.labels import column

    f = FACTS.c
    wanted = [whole, *(p for p in parts if p != whole)]
    aggregate = (
        select(f.document_id, *_pivot(f.column_key, wanted, f.micros))
        .where(
            f.table_kind == table,
            f.row_code == row,
            f.column_key.in_(wanted),
            *_only(f.document_id, doc_ids, year, region, department),
        )
        .group_by(f.document_id)
    )
    with store.engine.connect() as connection:
        rows = _records(connection, _per_document(aggregate), wanted)
    _shares(rows, whole, wanted[1:])
    columns = [*_DOC_COLUMNS, (whole, column(whole))]
    for key in wanted[1:]:
        columns += [(key, column(key)), (f"{key}_share", f"{column(key)}占比（%）")]
    row_name = "合计" if row == "total" else row
    title = f"{table_name(table)}“{row_name}”行各列占比"
    return Comparison("share", title, columns, rows)


def compare_three_public(
    store: Store,
    doc_ids: Sequence[str] | None = None,
    year: int | None = None,
    region: str | None = None,
    department: str | None = None,
) -> Comparison:
    """The 三公 table of each document: total and parts this year, total last year, change."""
    from cnbudget.store.api import FACTS

    f = FACTS.c
    codes = [code for code, _label in THREE_PUBLIC_ROWS]
    this_year = _pivot(f.row_code, codes, case((f.column_key == "amount", f.micros)))
    prior = func.max(
        case((and_(f.row_code == "total", f.column_key == "prior_year"), f.micros), else_=None)
    ).label("prior")
    aggregate = (
        select(f.document_id, *this_year, prior)
        .where(
            f.table_kind == "three_public",
            f.column_key.in_(("amount", "prior_year")),
            *_only(f.document_id, doc_ids, year, region, department),
        )
        .group_by(f.document_id)
    )
    with store.engine.connect() as connection:
        rows = _records(connection, _per_document(aggregate), [*codes, "prior_year"])
    for record in rows:
        total, last = record["total"], record["prior_year"]
        change = None
        if isinstance(total, Decimal) and isinstance(last, Decimal):
            change = total - last
        record["change"] = change
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
    from cnbudget.store.api import PROJECTS

    p = PROJECTS.c
    aggregate = (
        select(
            p.document_id,
            p.category,
            func.count().label("projects"),
            func.sum(p.total_micros).label("total"),
        )
        .where(*_only(p.document_id, doc_ids, year, region, department))
        .group_by(p.document_id, p.category)
    )
    query = _per_document(aggregate)
    query = query.order_by(query.selected_columns.category)
    with store.engine.connect() as connection:
        rows = _records(connection, query, ["total"], plain=("category", "projects"))
    totals: dict[Value, Decimal] = {}
    for record in rows:
        amount = record["total"]
        if isinstance(amount, Decimal):
            totals[record["document"]] = totals.get(record["document"], Decimal(0)) + amount
        if record["category"] is None:
            record["category"] = "（未注明类别）"
    for record in rows:
        part = record["total"]
        record["share"] = _share(
            part if isinstance(part, Decimal) else None, totals.get(record["document"], Decimal(0))
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
