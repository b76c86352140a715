"""Original files kept with a document: PDF bytes and line positions (page images)."""

from __future__ import annotations

import json
import zlib
from dataclasses import dataclass
from typing import Any

from cnbudget.model import Box, Document

# formats whose pages can be rendered with the line boxes the reader recorded
RENDERED_FORMATS = ("pdf",)


@dataclass(frozen=True, slots=True)
class Original:
    """A stored original: its format, bytes and the page and box of each source line."""

    format: str
    data: bytes
    positions: dict[int, tuple[int | None, Box | None]]


def original_record(document: Document, data: bytes | None) -> dict[str, Any] | None:
    """The row to store for a document's original bytes, or None when there is nothing
    to render (not a PDF, or the bytes are unknown)."""
    if data is None or document.format not in RENDERED_FORMATS:
        return None
    return {
        "document_id": document.id,
        "format": document.format,
        "data": data,
        "positions": encode_positions(document.positions),
    }


def encode_positions(positions: dict[int, tuple[int | None, Box | None]]) -> bytes:
    """Line positions as compressed JSON (`{"12": [3, [x0, top, x1, bottom]]}`)."""
    plain = {
        str(line): [page, list(box) if box else None] for line, (page, box) in positions.items()
    }
    return zlib.compress(json.dumps(plain, separators=(",", ":")).encode("utf-8"), 6)


def decode_positions(data: bytes) -> dict[int, tuple[int | None, Box | None]]:
    """The inverse of `encode_positions`."""
    plain = json.loads(zlib.decompress(data).decode("utf-8"))
    result: dict[int, tuple[int | None, Box | None]] = {}
    for line, (page, box) in plain.items():
        result[int(line)] = (page, (box[0], box[1], box[2], box[3]) if box else None)
    return result
