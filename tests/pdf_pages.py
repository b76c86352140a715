"""Cut real PDFs into parts at test time (first pages, prose pages, table pages)."""

from __future__ import annotations

import io
from collections.abc import Iterable

import pypdfium2 as pdfium


def pdf_pages(data: bytes, pages: Iterable[int]) -> bytes:
    """A new PDF made of the given 0-based pages of `data` (pages past the end are skipped)."""
    source = pdfium.PdfDocument(data)
    target = pdfium.PdfDocument.new()
    target.import_pages(source, [page for page in pages if page < len(source)])
    buffer = io.BytesIO()
    target.save(buffer)
    return buffer.getvalue()
