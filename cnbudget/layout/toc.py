"""The table of contents (目录): its entries and the table kinds they name.

The 目录 starts at a line reading 目录 and runs over the lines that read like
entries (dot leaders, short headings without a full stop) until the first
sentence, table row or page header, or until the first entry's outline marker
comes round again (the body's first heading). Lines that glue several entries
together (`（七）…表（八）…表`, `…………1一、…`) are split at the outline markers.
"""

from __future__ import annotations

import re
from itertools import pairwise

from cnbudget.layout.sections import is_page_header
from cnbudget.model import SourceLine, TocEntry
from cnbudget.vocabulary.normalize import compact, normalize
from cnbudget.vocabulary.titles import title_kind

_TOC_TITLE = re.compile(r"^目录[：:]?$")
_LEADERS = re.compile(r"[.…·．・_-]{3,}\s*\d*")
_NUMERALS = "一二三四五六七八九十"
# an outline marker opening an entry: 第一部分, 一、, （一）, 1. / 1、 / 1．, 表1
_MARKER = re.compile(
    rf"第[{_NUMERALS}]+部分|[{_NUMERALS}]+、|[（(][{_NUMERALS}]+[）)]|(?<![\d.])\d{{1,2}}[、.．](?!\d)"
)
_MAX_PAGES = 3
_MAX_LINES = 120
_MAX_ENTRY = 60  # a compact line longer than this without leaders is not an entry


def _entry_like(text: str) -> bool:
    flat = compact(text)
    if _LEADERS.search(flat):
        return True
    if "\t" in text or len(flat) > _MAX_ENTRY or is_page_header(text):
        return False
    return not re.search(r"[。；;]", flat)


def _split(text: str) -> list[str]:
    """The entries printed on one line, without leaders and page numbers."""
    flat = _LEADERS.sub("\n", normalize(text))
    parts: list[str] = []
    for chunk in flat.split("\n"):
        starts = [m.start() for m in _MARKER.finditer(chunk)]
        bounds = [0, *(s for s in starts if s > 0), len(chunk)]
        parts.extend(chunk[a:b] for a, b in pairwise(bounds))
    cleaned = (re.sub(r"\d+$", "", part).strip("-—•· ") for part in parts)
    return [part for part in cleaned if part]


def _marker(text: str) -> str | None:
    found = _MARKER.match(text)
    return found.group(0) if found else None


def read_toc(lines: list[SourceLine]) -> list[TocEntry]:
    """The entries of the document's 目录 (empty when it prints none)."""
    start = next(
        (i for i, line in enumerate(lines[:400]) if _TOC_TITLE.match(compact(line.text))), None
    )
    if start is None:
        return []
    first_page = lines[start].page
    entries: list[TocEntry] = []
    first_marker: str | None = None
    for line in lines[start + 1 : start + 1 + _MAX_LINES]:
        if not compact(line.text):
            continue
        if line.page is not None and first_page is not None:
            if line.page >= first_page + _MAX_PAGES:
                break
        if not _entry_like(line.text):
            break
        parts = _split(line.text)
        if not parts:
            continue
        marker = _marker(parts[0])
        if first_marker is None:
            first_marker = marker or ""
        elif marker and marker == first_marker and len(entries) > 2:
            break  # the body's first heading
        entries.extend(TocEntry(part, line.number, title_kind(part)) for part in parts)
    return entries
