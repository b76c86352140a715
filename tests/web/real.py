"""Real PDFs for the web tests: a document printed in 元 and a partly read one."""

from __future__ import annotations

from pathlib import Path

from cnbudget.coverage import measure
from cnbudget.model import Document, Row
from cnbudget.pipeline import parse_source
from cnbudget.readers import read_data
from cnbudget.store import Store

REAL = Path(__file__).parent.parent / "corpus" / "real"
YUAN_PDF = REAL / "shanghai-putuo-wanli-2025-budget-dept.pdf"  # tables printed in 元
PARTLY_PDF = REAL / "changsha-petition-2026-budget-dept.pdf"


def store_pdf(store: Store, path: Path, lose_row: bool = False) -> tuple[Document, Row | None]:
    """Parse and store a real PDF with its original bytes. `lose_row`: the parser "loses" one
    row of amounts of the 支出总表 (as an unrecognised row would be), coverage then names it."""
    data = path.read_bytes()
    source = read_data(data, str(path))
    document = parse_source(source)
    lost = None
    if lose_row:
        table = next(t for t in document.tables if t.kind == "expenditure")
        lost = next(
            r for r in table.rows[1:] if sum(c.value is not None for c in r.cells.values()) > 1
        )
        table.rows.remove(lost)
        document.notices = [n for n in document.notices if n.code != "uncaptured"]
        measure(document, source.lines, source.tab_separated)
    lines = [line.text for line in source.lines]
    result = store.ingest_document(document, False, None, lines, data)
    assert result.status == "ingested", result.reason
    return document, lost
