"""Read a Word (DOCX) document: body paragraphs and tables (merged cells kept as spans)."""

from __future__ import annotations

import io
from typing import Any

import docx
from docx.oxml.ns import qn

from cnbudget.errors import InputError
from cnbudget.readers.grid import Grid, GridRow, Item, Paragraph, to_source
from cnbudget.readers.limits import Limits
from cnbudget.readers.office import check_package
from cnbudget.readers.text import SourceText

_P, _TBL, _TR, _TC = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc")
_T, _BR, _TAB, _VAL = qn("w:t"), qn("w:br"), qn("w:tab"), qn("w:val")
_SDT, _CONTENT = qn("w:sdt"), qn("w:sdtContent")


def read_docx(data: bytes, source: str, limits: Limits) -> SourceText:
    """Paragraphs and tables of the document body, in order."""
    check_package(data, source, limits)
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds for a broken package
        raise InputError(source, "Word 文件已损坏或不是有效的 DOCX 文件") from exc
    items: list[Item] = []
    page = [1]
    _body(document.element.body, items, page)
    return to_source(items, source, data, "docx")


def _body(parent: Any, items: list[Item], page: list[int]) -> None:
    for child in parent.iterchildren():
        if child.tag == _P:
            for line in _paragraph_text(child, page).split("\n"):
                items.append(Paragraph(line, page[0]))
        elif child.tag == _TBL:
            items.append(_table(child, page[0]))
        elif child.tag == _SDT:
            content = child.find(_CONTENT)
            if content is not None:
                _body(content, items, page)


def _paragraph_text(paragraph: Any, page: list[int] | None = None) -> str:
    parts: list[str] = []
    for node in paragraph.iter(_T, _BR, _TAB):
        if node.tag == _T:
            parts.append(node.text or "")
        elif node.tag == _TAB:
            parts.append(" ")
        else:
            if node.get(qn("w:type")) == "page" and page is not None:
                page[0] += 1
            parts.append("\n")
    return "".join(parts)


def _cell_text(cell: Any) -> str:
    return "\n".join(_paragraph_text(p) for p in cell.iter(_P))


def _table(table: Any, page: int) -> Grid:
    rows: list[list[str]] = []
    for tr in table.iter(_TR):
        if tr.getparent() is not table:
            continue  # rows of a nested table belong to their outer cell's text
        cells: list[str] = []
        before = tr.find(f"{qn('w:trPr')}/{qn('w:gridBefore')}")
        if before is not None:
            cells.extend([""] * max(0, min(int(before.get(_VAL, "0")), 200)))
        for tc in tr.iterchildren(_TC):
            props = tc.tcPr
            span = 1
            merged_below = False
            if props is not None:
                grid_span = props.find(qn("w:gridSpan"))
                if grid_span is not None:
                    span = max(1, min(int(grid_span.get(_VAL, "1")), 200))
                v_merge = props.find(qn("w:vMerge"))
                merged_below = v_merge is not None and v_merge.get(_VAL) in (None, "continue")
            cells.append("" if merged_below else _cell_text(tc))
            cells.extend([""] * (span - 1))
        rows.append(cells)
    return Grid([GridRow(cells, page) for cells in rows])
