"""The intermediate form of positioned formats: paragraphs and cell grids, as tab-separated text.

Every reader of a structured format (PDF, XLSX/XLS, DOCX, HTML) produces a list of
`Paragraph` and `Grid` items in reading order. `to_source` turns them into the same
`SourceText` the text reader produces for the tab-separated variant: one line per
paragraph, one line per table row with one tab per cell boundary and empty cells
kept. A cell spanning several columns holds its text in its leftmost column and
leaves the others empty; a cell spanning several rows holds it in its top row.
Downstream stages (layout, header, tables) are shared by every format.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from cnbudget.model import Box, SourceLine
from cnbudget.readers.text import SourceText, document_id

_SPACE = re.compile(r"[ \t\r\n\f\v\u00a0\u3000]+")
_ASCII_WORD = re.compile(r"[A-Za-z]")


# the confidence of a number whose column was inferred from positions (no ruling lines)
INFERRED_CONFIDENCE = 0.5


@dataclass(slots=True)
class Paragraph:
    """A line of running text (a title, a page header, a sentence) outside any table."""

    text: str
    page: int | None = None
    box: Box | None = None


@dataclass(slots=True)
class GridRow:
    """One row of a table: cell texts by column (spans already expanded to empty cells)."""

    cells: list[str]
    page: int | None = None
    box: Box | None = None


@dataclass(slots=True)
class Grid:
    """A table read with its cell structure."""

    rows: list[GridRow] = field(default_factory=list)
    inferred: bool = False  # columns inferred from word positions (no ruling lines)


Item = Paragraph | Grid


def clean_cell(text: str) -> str:
    """One cell's text on one line: wrapped lines joined, tabs and line breaks removed.

    Lines wrapped inside a cell are joined without a space (Chinese names, codes and
    numbers are never broken at a space), except between two Latin words.
    """
    parts = [part.strip() for part in re.split(r"[\r\n\v\f]+", text)]
    joined = ""
    for part in parts:
        if not part:
            continue
        if joined and _ASCII_WORD.match(joined[-1]) and _ASCII_WORD.match(part[0]):
            joined += " "
        joined += part
    return _SPACE.sub(" ", joined).strip()


class TooManyCells(ValueError):
    """A table whose spans expand to more grid cells than the reader's limit."""


def expand(rows: list[list[tuple[str, int, int]]], max_cells: int | None = None) -> list[list[str]]:
    """Lay out cells given as (text, colspan, rowspan) per row onto a rectangular grid.

    This is the HTML/DOCX table model: a cell covered by a row span from above shifts
    the following cells of its row to the right. `max_cells` bounds the grid's area
    (spans can make a small file expand to a huge grid): `TooManyCells` beyond it.
    """
    grid: list[list[str | None]] = []
    allocated = 0

    def grow(line: list[str | None], size: int) -> None:
        nonlocal allocated
        if size > len(line):
            allocated += size - len(line)
            if max_cells is not None and allocated > max_cells:
                raise TooManyCells(max_cells)
            line.extend([None] * (size - len(line)))

    for r, row in enumerate(rows):
        while len(grid) <= r:
            grid.append([])
        line = grid[r]
        c = 0
        for text, colspan, rowspan in row:
            while c < len(line) and line[c] is not None:
                c += 1
            for dr in range(max(rowspan, 1)):
                while len(grid) <= r + dr:
                    grid.append([])
                target = grid[r + dr]
                grow(target, c + max(colspan, 1))
                for dc in range(max(colspan, 1)):
                    target[c + dc] = text if dr == 0 and dc == 0 else ""
            c += max(colspan, 1)
    width = max((len(line) for line in grid), default=0)
    if max_cells is not None and width * len(grid) > max_cells:
        raise TooManyCells(max_cells)
    return [[cell or "" for cell in line] + [""] * (width - len(line)) for line in grid]


def to_source(items: list[Item], source: str, data: bytes, fmt: str) -> SourceText:
    """Tab-separated source lines (page numbers and boxes kept) from paragraphs and grids."""
    lines: list[SourceLine] = []
    inferred: set[int] = set()

    def add(text: str, page: int | None, box: Box | None) -> None:
        lines.append(SourceLine(len(lines) + 1, text, page, box))

    for item in items:
        if isinstance(item, Paragraph):
            text = clean_cell(item.text)
            if text:
                add(text, item.page, item.box)
            continue
        width = max((len(row.cells) for row in item.rows), default=0)
        for row in item.rows:
            cells = [clean_cell(cell) for cell in row.cells]
            while len(cells) > 1 and not cells[-1] and len(cells) > width:
                cells.pop()
            if not any(cells):
                continue
            cells += [""] * (width - len(cells))
            add("\t".join(cells), row.page, row.box)
            if item.inferred:
                inferred.add(len(lines))
        add("", None, None)  # a blank line after each table, as text extraction prints
    tabbed = any(isinstance(item, Grid) and item.rows for item in items)
    return SourceText(
        source, document_id(data), fmt, lines, fmt, tabbed, inferred=frozenset(inferred)
    )


def drop_empty_columns(rows: list[list[str]]) -> list[list[str]]:
    """Remove columns empty in every row (spreadsheet margins, spacer columns)."""
    width = max((len(row) for row in rows), default=0)
    keep = [j for j in range(width) if any(j < len(row) and row[j].strip() for row in rows)]
    return [[row[j] if j < len(row) else "" for j in keep] for row in rows]
