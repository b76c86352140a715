"""Source text for the line view: the decoded lines a document's numbers point to."""

from __future__ import annotations

from pathlib import Path

from cnbudget.errors import InputError
from cnbudget.readers import read_file
from cnbudget.readers.text import document_id


def read_lines(path: str | Path) -> list[str] | None:
    """The lines of a file (any supported format) as the parser numbered them, or None."""
    try:
        source = read_file(path)
    except (InputError, OSError):
        return None
    return [line.text for line in source.lines]


def stored_lines(source: str, doc_id: str) -> list[str] | None:
    """The lines of a stored document's source file, when it is still there unchanged."""
    path = Path(source)
    try:
        if not path.is_file() or document_id(path.read_bytes()) != doc_id:
            return None
    except OSError:
        return None
    return read_lines(path)
