"""cnbudget: Chinese government budget disclosures as clean, validated, comparable data."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cnbudget.model import Document, Fact, Table
from cnbudget.pipeline import parse_file, parse_text

if TYPE_CHECKING:
    from cnbudget.store import Store

__all__ = ["Document", "Fact", "Table", "open", "parse_file", "parse_text"]
__version__ = "0.1.0"


def open(url: str | None = None, upgrade: bool = True) -> Store:
    """Open the document store (SQLite path or URL, `CNBUDGET_DB`, or the default file)."""
    from cnbudget.store import open as open_store

    return open_store(url, upgrade)
