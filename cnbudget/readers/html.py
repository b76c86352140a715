"""Read an HTML page: tables (with colspan/rowspan) and the running text around them."""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

from cnbudget.errors import InputError
from cnbudget.readers.grid import (
    Grid,
    GridRow,
    Item,
    Paragraph,
    TooManyCells,
    expand,
    to_source,
)
from cnbudget.readers.limits import Limits
from cnbudget.readers.text import SourceText

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.IGNORECASE)
_SKIP = frozenset({"script", "style", "head", "title", "noscript", "template", "svg"})
_BLOCKS = frozenset(
    {
        "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "section",
        "article", "header", "footer", "main", "center", "blockquote", "pre", "body",
        "dl", "dt", "dd", "form", "nav", "aside", "figure", "figcaption", "caption", "tr",
    }
)  # fmt: skip
_MAX_SPAN = 200


def decode(data: bytes) -> str:
    """Page text: the declared charset when there is one, else UTF-8, else GB18030."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    declared = _CHARSET.search(data[:4096])
    if declared:
        name = declared.group(1).decode("ascii").lower()
        if name in ("gb2312", "gbk", "gb_2312-80"):
            name = "gb18030"
        try:
            return data.decode(name, errors="replace")
        except LookupError:
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("gb18030", errors="replace")


def read_html(data: bytes, source: str, limits: Limits) -> SourceText:
    """Read tables and paragraphs of an HTML page in document order."""
    text = decode(data)
    text = re.sub(r"^\s*<\?xml[^>]*>", "", text)
    try:
        root = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError) as exc:
        raise InputError(source, "HTML 页面无法解析") from exc
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    items: list[Item] = []
    try:
        _walk(root, items, limits.max_cells)
    except TooManyCells as exc:
        raise InputError(source, f"表格单元格过多（超过 {limits.max_cells} 个），未读取") from exc
    if not items:
        raise InputError(source, "HTML 页面中没有文字")
    return to_source(items, source, data, "html")


def _text(element: etree._Element) -> str:
    return "".join(element.itertext())


def _paragraphs(text: str, items: list[Item]) -> None:
    for line in text.split("\n"):
        if line.strip():
            items.append(Paragraph(line))


def _walk(element: etree._Element, items: list[Item], max_cells: int) -> None:
    """Tables and text lines under `element`; `max_cells` bounds all tables' grids together."""
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag in _SKIP:
        return
    if tag == "table":
        used = sum(len(row.cells) for item in items if isinstance(item, Grid) for row in item.rows)
        items.append(_table(element, max_cells - used))
        return
    has_blocks = any(
        isinstance(d.tag, str) and (d.tag in _BLOCKS or d.tag == "table")
        for d in element.iterdescendants()
    )
    if not has_blocks:
        _paragraphs(_text(element), items)
        return
    _paragraphs(element.text or "", items)
    for child in element:
        _walk(child, items, max_cells)
        if child.tail and child.tail.strip():
            _paragraphs(child.tail, items)


def _span(cell: etree._Element, name: str) -> int:
    try:
        return min(max(int(str(cell.get(name, "1")).strip() or 1), 1), _MAX_SPAN)
    except ValueError:
        return 1


def _table(table: etree._Element, max_cells: int) -> Grid:
    rows: list[list[tuple[str, int, int]]] = []
    for tr in table.iter("tr"):
        owner = next(tr.iterancestors("table"), None)
        if owner is not table:
            continue  # a row of a nested table: its text is part of the outer cell
        cells = [
            (_text(cell), _span(cell, "colspan"), _span(cell, "rowspan"))
            for cell in tr
            if isinstance(cell.tag, str) and cell.tag in ("td", "th")
        ]
        rows.append(cells)
    return Grid([GridRow(cells) for cells in expand(rows, max_cells)])
