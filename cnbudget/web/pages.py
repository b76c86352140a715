"""Page evidence: PDF pages rendered server-side (pypdfium2, cached) with a cell's box marked.

A number's source line carries its page and box (`Document.positions`, recorded by the PDF
reader). The box of the cell itself is found by looking for the printed text among the
characters inside the line's box; when the text occurs more than once on the line every
occurrence is marked (the line box is always shown too), so nothing is guessed silently.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass

import pypdfium2 as pdfium

from cnbudget.model import Box
from cnbudget.readers.pdf import page_chars
from cnbudget.readers.stream import Word

RENDER_SCALE = 1.5  # 108 dpi: numbers stay legible, a landscape page is ~1260 px wide
_IGNORED = set(" \t,，\u3000")
CACHE_BYTES = 64 * 1024 * 1024  # rendered pages kept in memory (least recently used first out)


@dataclass(frozen=True, slots=True)
class Mark:
    """A box to highlight, as percentages of the page's width and height (for CSS)."""

    left: float
    top: float
    width: float
    height: float
    kind: str  # "cell" (the printed text) or "line" (the whole source line)


@dataclass(frozen=True, slots=True)
class Evidence:
    """A page to show and what to mark on it."""

    page: int
    pages: int
    width: float
    height: float
    marks: list[Mark]
    found: int  # occurrences of the printed text on the line (0: only the line is marked)


class PageError(Exception):
    """A page that cannot be shown; the message is for users (Chinese)."""


class PageCache:
    """Rendered pages (PNG bytes) by (document, page), bounded by total size."""

    def __init__(self, max_bytes: int = CACHE_BYTES) -> None:
        self.max_bytes = max_bytes
        self._items: OrderedDict[tuple[str, int], bytes] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()

    def get(self, key: tuple[str, int]) -> bytes | None:
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
            return found

    def put(self, key: tuple[str, int], png: bytes) -> None:
        with self._lock:
            if key in self._items:
                return
            self._items[key] = png
            self._size += len(png)
            while self._size > self.max_bytes and len(self._items) > 1:
                _, dropped = self._items.popitem(last=False)
                self._size -= len(dropped)

    def page_png(self, doc_id: str, data: bytes, page: int) -> bytes:
        """The page rendered as PNG, from the cache when it was rendered before."""
        key = (doc_id, page)
        cached = self.get(key)
        if cached is None:
            cached = render_page(data, page)
            self.put(key, cached)
        return cached


def _open(data: bytes, page: int) -> tuple[pdfium.PdfDocument, pdfium.PdfPage]:
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise PageError("原文件无法打开") from exc
    if not 1 <= page <= len(document):
        document.close()
        raise PageError(f"原文件没有第 {page} 页（共 {len(document)} 页）")
    return document, document[page - 1]


def render_page(data: bytes, page: int, scale: float = RENDER_SCALE) -> bytes:
    """One page of a PDF as PNG bytes."""
    import io

    document, handle = _open(data, page)
    try:
        image = handle.render(scale=scale).to_pil()
        buffer = io.BytesIO()
        image.save(buffer, format="PNG", optimize=False)
        return buffer.getvalue()
    finally:
        handle.close()
        document.close()


def _inside(char: Word, box: Box) -> bool:
    x0, top, x1, bottom = box
    cy = (char.top + char.bottom) / 2
    cx = (char.x0 + char.x1) / 2
    return top - 1 <= cy <= bottom + 1 and x0 - 1 <= cx <= x1 + 1


def cell_boxes(chars: list[Word], line: Box, text: str) -> list[Box]:
    """Boxes of each occurrence of `text` among the characters in `line` (spaces and
    thousands separators ignored: the cell text may have been normalised)."""
    wanted = "".join(ch for ch in text if ch not in _IGNORED)
    if not wanted:
        return []
    inside = sorted(
        (c for c in chars if c.text not in _IGNORED and _inside(c, line)), key=lambda c: c.x0
    )
    joined = "".join(c.text for c in inside)
    boxes: list[Box] = []
    start = joined.find(wanted)
    while start >= 0:
        # text is one character per item (pdfium chars), so indexes line up
        part = inside[start : start + len(wanted)]
        boxes.append(
            (
                min(c.x0 for c in part),
                min(c.top for c in part),
                max(c.x1 for c in part),
                max(c.bottom for c in part),
            )
        )
        start = joined.find(wanted, start + len(wanted))
    return boxes


def _mark(box: Box, width: float, height: float, kind: str) -> Mark:
    x0, top, x1, bottom = box
    pad = 1.5
    return Mark(
        round(100 * (x0 - pad) / width, 3),
        round(100 * (top - pad) / height, 3),
        round(100 * (x1 - x0 + 2 * pad) / width, 3),
        round(100 * (bottom - top + 2 * pad) / height, 3),
        kind,
    )


def evidence(data: bytes, page: int, line: Box | None, text: str | None) -> Evidence:
    """What to mark on a page: the line's box and the printed text's box(es) within it."""
    document, handle = _open(data, page)
    try:
        chars, (width, height) = page_chars(handle, page)
        pages = len(document)
    finally:
        handle.close()
        document.close()
    marks: list[Mark] = []
    found = 0
    if line is not None:
        marks.append(_mark(line, width, height, "line"))
        if text:
            boxes = cell_boxes(chars, line, text)
            found = len(boxes)
            marks.extend(_mark(box, width, height, "cell") for box in boxes)
    return Evidence(page, pages, width, height, marks, found)
