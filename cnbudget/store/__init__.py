"""Storage: a SQLAlchemy database of parsed disclosures (SQLite by default, or PostgreSQL).

`open(url)` returns a `Store` (created and migrated to the newest schema on open);
see docs/storage.md. The names are imported on first use (`cnbudget.lazy`), so the command
line can load `cnbudget.store.cli` without SQLAlchemy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cnbudget.lazy import exports

if TYPE_CHECKING:
    from cnbudget.store.api import DocumentSummary, IngestResult, Store, StoreError, open
    from cnbudget.store.compare import MEASURES, Comparison

__all__ = [
    "MEASURES",
    "Comparison",
    "DocumentSummary",
    "IngestResult",
    "Store",
    "StoreError",
    "open",
]

__getattr__ = exports(
    __name__,
    {
        **dict.fromkeys(
            ("DocumentSummary", "IngestResult", "Store", "StoreError", "open"),
            "cnbudget.store.api",
        ),
        "MEASURES": "cnbudget.store.compare",
        "Comparison": "cnbudget.store.compare",
    },
)
