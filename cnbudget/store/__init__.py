"""Storage: a SQLAlchemy database of parsed disclosures (SQLite by default, or PostgreSQL).

`open(url)` returns a `Store` (created and migrated to the newest schema on open);
see docs/storage.md.
"""

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
