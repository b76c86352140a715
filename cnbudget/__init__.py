"""cnbudget: Chinese government budget disclosures as clean, validated, comparable data.

The names below are imported on first use (`cnbudget.lazy`), so `import cnbudget`, and with it
every start of the command line, stays fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cnbudget.lazy import exports

if TYPE_CHECKING:
    from cnbudget.model import Document, Fact, Table
    from cnbudget.pipeline import parse_file, parse_text
    from cnbudget.store import Store

__all__ = ["Document", "Fact", "Table", "open", "parse_file", "parse_text"]
__version__ = "0.1.0"

__getattr__ = exports(
    __name__,
    {
        "Document": "cnbudget.model",
        "Fact": "cnbudget.model",
        "Table": "cnbudget.model",
        "parse_file": "cnbudget.pipeline",
        "parse_text": "cnbudget.pipeline",
    },
)


def open(url: str | None = None, upgrade: bool = True) -> Store:
    """Open the document store (SQLite path or URL, `CNBUDGET_DB`, or the default file)."""
    from cnbudget.store import open as open_store

    return open_store(url, upgrade)
