"""Reader limits (settings): file size, pages, unpacked size, time; overridable by environment."""

from __future__ import annotations

import os
from dataclasses import dataclass


def _env(name: str, default: float) -> float:
    value = os.environ.get(name)
    if value is None:
        return default
    try:
        return float(value)
    except ValueError:
        return default


@dataclass(frozen=True, slots=True)
class Limits:
    """Bounds that keep a malformed or hostile file from taking unbounded time or memory."""

    max_file_bytes: int = 200 * 1024 * 1024  # any input file
    max_pages: int = 500  # PDF pages (a budget disclosure has tens)
    max_unpacked_bytes: int = 300 * 1024 * 1024  # total uncompressed size of an XLSX/DOCX
    max_compression_ratio: float = 200.0  # uncompressed / compressed of one zip member
    max_cells: int = 2_000_000  # spreadsheet cells read over all sheets
    max_seconds: float = 120.0  # wall time of one reader
    max_lines: int = 50_000  # source lines of one document (the real corpus: at most ~2,700)
    max_line_chars: int = 20_000  # characters of one source line (the real corpus: ~2,000)
    # PDF content (the real corpus: at most 2,854 characters and 2,717 objects on a page,
    # 137,000 characters and 38,000 objects in a document, 5.4 MB of inflated streams)
    max_page_chars: int = 50_000  # characters on one PDF page
    max_page_objects: int = 50_000  # page objects on one PDF page (form XObjects walked)
    max_pdf_chars: int = 400_000  # characters over all pages
    max_pdf_objects: int = 400_000  # page objects over all pages
    max_grid_cells: int = 200_000  # crossings of a page's ruling lines (rows × columns)
    max_inflated_bytes: int = 100 * 1024 * 1024  # decompressed PDF streams (images aside)
    max_content_bytes: int = 16 * 1024 * 1024  # decompressed streams other than fonts

    @classmethod
    def from_env(cls) -> Limits:
        """Defaults, overridden by CNBUDGET_MAX_FILE_MB, CNBUDGET_MAX_PAGES,
        CNBUDGET_MAX_UNPACKED_MB, CNBUDGET_MAX_RATIO, CNBUDGET_MAX_CELLS, CNBUDGET_MAX_SECONDS,
        CNBUDGET_MAX_LINES, CNBUDGET_MAX_LINE_CHARS, CNBUDGET_MAX_PAGE_CHARS,
        CNBUDGET_MAX_PAGE_OBJECTS, CNBUDGET_MAX_PDF_CHARS, CNBUDGET_MAX_PDF_OBJECTS,
        CNBUDGET_MAX_GRID_CELLS, CNBUDGET_MAX_INFLATED_MB, CNBUDGET_MAX_CONTENT_MB."""
        base = cls()
        mb = 1024 * 1024
        return cls(
            max_file_bytes=int(_env("CNBUDGET_MAX_FILE_MB", base.max_file_bytes / mb) * mb),
            max_pages=int(_env("CNBUDGET_MAX_PAGES", base.max_pages)),
            max_unpacked_bytes=int(
                _env("CNBUDGET_MAX_UNPACKED_MB", base.max_unpacked_bytes / mb) * mb
            ),
            max_compression_ratio=_env("CNBUDGET_MAX_RATIO", base.max_compression_ratio),
            max_cells=int(_env("CNBUDGET_MAX_CELLS", base.max_cells)),
            max_seconds=_env("CNBUDGET_MAX_SECONDS", base.max_seconds),
            max_lines=int(_env("CNBUDGET_MAX_LINES", base.max_lines)),
            max_line_chars=int(_env("CNBUDGET_MAX_LINE_CHARS", base.max_line_chars)),
            max_page_chars=int(_env("CNBUDGET_MAX_PAGE_CHARS", base.max_page_chars)),
            max_page_objects=int(_env("CNBUDGET_MAX_PAGE_OBJECTS", base.max_page_objects)),
            max_pdf_chars=int(_env("CNBUDGET_MAX_PDF_CHARS", base.max_pdf_chars)),
            max_pdf_objects=int(_env("CNBUDGET_MAX_PDF_OBJECTS", base.max_pdf_objects)),
            max_grid_cells=int(_env("CNBUDGET_MAX_GRID_CELLS", base.max_grid_cells)),
            max_inflated_bytes=int(
                _env("CNBUDGET_MAX_INFLATED_MB", base.max_inflated_bytes / mb) * mb
            ),
            max_content_bytes=int(
                _env("CNBUDGET_MAX_CONTENT_MB", base.max_content_bytes / mb) * mb
            ),
        )
