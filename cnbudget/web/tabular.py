"""Streamed CSV (UTF-8 with BOM for Excel, formula-safe) of a page's rows."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal

from fastapi.responses import StreamingResponse

from cnbudget.formulas import csv_row
from cnbudget.model import format_decimal

_BATCH = 500


def _plain(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format_decimal(value)
    return value


def csv_chunks(header: Sequence[str], rows: Iterable[Sequence[object]]) -> Iterator[bytes]:
    """The CSV text in chunks of a few hundred rows."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    buffer.write("\ufeff")
    writer.writerow(header)
    for number, row in enumerate(rows, 1):
        writer.writerow(csv_row(_plain(v) for v in row))
        if number % _BATCH == 0:
            yield buffer.getvalue().encode("utf-8")
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode("utf-8")


def csv_response(
    name: str, header: Sequence[str], rows: Iterable[Sequence[object]]
) -> StreamingResponse:
    """A streamed CSV download."""
    return StreamingResponse(
        csv_chunks(header, rows),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
