"""Cell provenance: the source line of each printed number when it is not its row's first line.

A logical row often spans several printed lines (a 序号 line, a code split over two lines, a
wrapped name, then the numbers). A row records the line it starts on; this stage finds, for
every amount cell, the line its number is actually printed on, by reading the row's lines
(up to the next row's start) in order and matching the cells in their printed (column)
order. A cell whose number cannot be found keeps its row's line: nothing is guessed.

Numbers read from tables whose columns the reader had to infer from word positions (PDF
tables without ruling lines) get a lower confidence (`lower_inferred`).
"""

from __future__ import annotations

from collections.abc import Sequence

from cnbudget.layout.tokens import amount_text, tokenize
from cnbudget.model import SourceLine, Table
from cnbudget.readers.grid import INFERRED_CONFIDENCE

MAX_ROW_LINES = 20  # a logical row never spans more printed lines than this


def locate_cells(table: Table, lines: Sequence[SourceLine]) -> None:
    """Set `Cell.line` on amount cells printed below their row's first line.

    `lines` are a reader's lines, numbered 1, 2, … in order (line n is `lines[n - 1]`).
    """
    if not table.rows:
        return
    starts = sorted({row.line for row in table.rows})
    end = (table.last_line or starts[-1] + MAX_ROW_LINES) + 1
    following = {
        start: (starts[i + 1] if i + 1 < len(starts) else end) for i, start in enumerate(starts)
    }
    for row in table.rows:
        cells = [c for c in row.cells.values() if c.value is not None and c.line is None]
        if not cells:
            continue
        stop = min(following[row.line], row.line + MAX_ROW_LINES)
        printed = [
            (number, amount_text(token.text))
            for number in range(row.line, min(stop, len(lines) + 1))
            for token in tokenize(lines[number - 1].text)
            if token.kind == "amount"
        ]
        position = 0
        for cell in cells:
            wanted = amount_text(cell.text)
            found = next(
                (i for i in range(position, len(printed)) if printed[i][1] == wanted), None
            )
            if found is None:
                continue
            position = found + 1
            number = printed[found][0]
            if number != row.line:
                cell.line = number


def lower_inferred(table: Table, inferred: frozenset[int]) -> None:
    """Cap the confidence of cells printed on lines whose columns were inferred."""
    if not inferred:
        return
    for row in table.rows:
        for cell in row.cells.values():
            if (cell.line if cell.line is not None else row.line) in inferred:
                cell.confidence = min(cell.confidence, INFERRED_CONFIDENCE)
