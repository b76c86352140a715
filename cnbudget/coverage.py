"""How much of a document was understood: printed amounts against captured facts.

Coverage is counted from the source lines, independently of how the table parsers read
them. On every line of a recognised table (from its title to its last line) the
*printed amounts* are:

- numbers printed as money (a line printed again verbatim, such as a 合计 repeated on a
  continuation page, counts once): with decimals (``12.34``), with thousands separators
  (``1,234``), as a percentage (``4.88%``), or glued to the text after them
  (``64618.75科学技术支出``, ``0.00断提高``);
- bare integers (``0``, ``80``, ``237``) that the parser took as amounts, and, in
  tab-separated lines (cell grids of PDF, XLSX, DOCX, HTML), bare integers in a column
  that holds money-formatted amounts on other lines of the same table or printed after
  an amount on the same line — unless the column holds codes or row numbers (headed
  行次/栏次/编码/代码/序号, or an integer printed right before a name). Codes, 行次 and
  栏次 columns never hold money, so their integers are not counted; nor are column-number
  rows (``1 2 3 …``) and page numbers.

An amount is *captured* when a cell of the table carries the same printed text on the
same line. Every printed amount that is not captured is named in a notice
(``uncaptured``), so nothing printed in a table is dropped silently. Amount-bearing
lines outside every table and every performance-target section (two or more amounts on
a tab-separated line, or three on a space-separated one) are counted as *stray*: they
usually mean an unrecognised table.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from itertools import pairwise

from cnbudget.layout.sections import UNKNOWN
from cnbudget.layout.tokens import amount_text
from cnbudget.model import Coverage, Document, Notice, SourceLine, Table

_MONEY = re.compile(
    r"^[-−]?(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d+)%?$|^[-−]?\d+%$"
    r"|^[(（](?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d+)[)）]$"  # (2.50): a negative amount
)
_GLUED = re.compile(r"^([-−]?(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d+))[\u4e00-\u9fff（(]")
_INT = re.compile(r"^[-−]?\d+$")
_MARKS = ("栏次", "行次", "**")
_LABEL_HEADS = ("栏次", "行次", "编码", "代码", "序号")
_CELL_STRIP = " \u3000\u00a0"


def percent(ratio: float) -> str:
    """A coverage ratio as a percentage that never rounds a gap away (99.96 % → 99.9 %)."""
    tenths = int(ratio * 1000 + 1e-9)
    return f"{tenths / 10:.1f}%"


def _key(text: str) -> str:
    return amount_text(text.strip(_CELL_STRIP)).rstrip("%")


def _cells(line: SourceLine, tabbed: bool) -> list[str]:
    if tabbed:
        return [cell.strip(_CELL_STRIP) for cell in line.text.split("\t")]
    return line.text.split()


def _is_numbering(cells: Sequence[str]) -> bool:
    """A column-number row (``1 2 3``, ``栏次 1 2``) or a lone page number."""
    if any(mark in cell.replace(" ", "") for cell in cells for mark in _MARKS):
        return True
    numbers = [cell for cell in cells if cell]
    if not numbers or not all(_INT.match(cell) for cell in numbers):
        return False
    if len(numbers) == 1:
        return True
    values = [int(cell) for cell in numbers]
    return all(b == a + 1 for a, b in pairwise(values))


def _money(cell: str) -> str | None:
    """The money-formatted amount a cell prints (alone or glued to text), if any."""
    if _MONEY.match(cell):
        return cell
    glued = _GLUED.match(cell)
    return glued.group(1) if glued else None


def _label_columns(body: Sequence[SourceLine], split: dict[int, list[str]]) -> set[int]:
    """Grid columns that hold codes or row numbers: headed 行次/栏次/编码/代码, or printing
    an integer right before a name (`302 | 商品和服务支出`, side-by-side code groups)."""
    columns: set[int] = set()
    for line in body:
        if "\t" not in line.text:
            continue
        cells = split[line.number]
        for index, cell in enumerate(cells):
            after = cells[index + 1] if index + 1 < len(cells) else ""
            named = bool(after) and not _INT.match(after) and _money(after) is None
            if any(word in cell for word in _LABEL_HEADS) or (_INT.match(cell) and named):
                columns.add(index)
    return columns


def _number(line: SourceLine) -> int:
    return line.number


def table_coverage(table: Table, lines: Sequence[SourceLine], tabbed: bool) -> Coverage:
    """Printed amounts on the table's lines against the cells the parser captured."""
    captured: dict[int, Counter[str]] = {}
    for row in table.rows:
        for cell in row.cells.values():
            if cell.value is None:
                continue
            number = cell.line if cell.line is not None else row.line
            captured.setdefault(number, Counter())[_key(cell.text)] += 1
    first, last = table.line, table.last_line or table.line
    # lines are in order of their numbers: take the table's lines by bisection (a long
    # document has hundreds of tables; scanning every line for each is quadratic)
    low = bisect_left(lines, first, key=_number)
    body = list(lines[low : bisect_right(lines, last, lo=low, key=_number)])
    split = {line.number: _cells(line, tabbed or "\t" in line.text) for line in body}
    # columns (cell positions) that hold money on some grid line of this table; a line on
    # a grid of its own (a 合计 row alone on a page, fewer cells) says nothing of them
    widths = Counter(len(split[line.number]) for line in body if "\t" in line.text)
    width = widths.most_common(1)[0][0] if widths else 0
    money_columns = {
        index
        for line in body
        if "\t" in line.text and len(split[line.number]) == width
        for index, cell in enumerate(split[line.number])
        if _MONEY.match(cell)
    }
    not_amounts = _label_columns(body, split)
    coverage = Coverage()
    seen: set[str] = set()
    for line in body:
        cells = split[line.number]
        if _is_numbering(cells):
            continue
        took = captured.get(line.number, Counter())
        text = " ".join(cell for cell in cells if cell)
        if text in seen and not took:
            continue  # a row printed again verbatim (a total repeated on a continuation page)
        seen.add(text)
        grid = "\t" in line.text
        printed: list[str] = []
        for index, word in enumerate(cells):
            money = _money(word)
            if money is not None:
                printed.append(money)
            elif _INT.match(word) and (
                took[_key(word)] > 0
                or (grid and index not in not_amounts and (index in money_columns or printed))
            ):
                printed.append(word)
        for text in printed:
            coverage.printed += 1
            if took[_key(text)] > 0:
                took[_key(text)] -= 1
                coverage.captured += 1
            else:
                coverage.uncaptured.append((line.number, text))
    return coverage


def stray_amounts(
    lines: Iterable[SourceLine], spans: Sequence[tuple[int, int]], tabbed: bool
) -> list[tuple[int, str]]:
    """Amounts on table-like lines outside every table and target section."""
    stray: list[tuple[int, str]] = []
    inside = {number for first, last in spans for number in range(first, last + 1)}
    for line in lines:
        if line.number in inside:
            continue
        grid = tabbed or "\t" in line.text
        cells = _cells(line, grid)
        amounts = [cell for cell in cells if _MONEY.match(cell)]
        if len(amounts) >= (2 if grid else 3) and not _is_numbering(cells):
            stray.extend((line.number, text) for text in amounts)
    return stray


def measure(document: Document, lines: Sequence[SourceLine], tabbed: bool) -> None:
    """Set each table's and the document's coverage; name every uncaptured amount."""
    total = Coverage()
    spans: list[tuple[int, int]] = [
        (section.first_line, section.last_line)
        for section in document.sections
        if section.kind in _PROSE_TABLES
    ]
    # a table whose kind is unknown prints amounts too: every one of them is uncaptured
    unknown = [
        Table(section.kind, section.title, section.first_line, last_line=section.last_line)
        for section in document.sections
        if section.kind == UNKNOWN
    ]
    for table in [*document.tables, *unknown]:
        if table.kind in _PROSE_TABLES:
            continue
        coverage = table_coverage(table, lines, tabbed)
        if table.kind != UNKNOWN:
            table.coverage = coverage
        total.add(coverage)
        spans.append((table.line, table.last_line or table.line))
        for number, texts in _by_line(coverage.uncaptured):
            message = f"有 {len(texts)} 个印出的金额未转为事实：" + "、".join(texts)
            document.notices.append(Notice("uncaptured", message, number, table.kind))
    stray = stray_amounts(lines, spans, tabbed)
    total.printed += len(stray)
    total.uncaptured.extend(stray)
    for number, texts in _by_line(stray):
        message = f"表格之外有 {len(texts)} 个金额（可能是未识别的表格）：" + "、".join(texts)
        document.notices.append(Notice("stray-amounts", message, number))
    document.coverage = total


def _by_line(amounts: Iterable[tuple[int, str]]) -> list[tuple[int, list[str]]]:
    """Printed amounts grouped by their line (one notice per line)."""
    grouped: dict[int, list[str]] = {}
    for number, text in amounts:
        grouped.setdefault(number, []).append(text)
    return list(grouped.items())


# tables built from prose or target blocks, not from printed table lines
_PROSE_TABLES = frozenset({"narrative", "performance", "dept_performance"})
