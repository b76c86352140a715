"""Facts: the long canonical export (one row per printed number), per the facts contract."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator

from cnbudget.formulas import csv_row
from cnbudget.model import Document, Fact, format_decimal

HEADER = ("document", "table", "row_code", "row_name", "column", "value")


def facts(document: Document) -> Iterator[Fact]:
    """Every fact of a document, in table/row/column order."""
    for table in document.tables:
        converted = table.unit != "万元"
        for row in table.rows:
            for column, cell in row.cells.items():
                if cell.value is None:
                    value: object = cell.text
                    text = cell.text
                else:
                    value = cell.value
                    text = cell.text
                    if not converted:
                        # keep the printed digits (264.00 stays 264.00)
                        value = cell.value
                yield Fact(
                    document.id,
                    table.kind,
                    row.code,
                    row.name,
                    column,
                    value,  # type: ignore[arg-type]
                    text,
                    cell.line if cell.line is not None else row.line,
                    cell.confidence,
                )


def value_text(fact: Fact) -> str:
    if isinstance(fact.value, str):
        return fact.value
    return format_decimal(fact.value)


def write_csv(items: Iterable[Fact], stream: io.TextIOBase | None = None) -> str:
    """Write facts as CSV (header per the contract); return the text when no stream given."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(HEADER)
    for fact in items:
        writer.writerow(
            csv_row(
                (
                    fact.document,
                    fact.table,
                    fact.row_code,
                    fact.row_name,
                    fact.column,
                    value_text(fact),
                )
            )
        )
    text = buffer.getvalue()
    if stream is not None:
        stream.write(text)
    return text
