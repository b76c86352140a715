"""Mutations of real documents at the source level, for testing what validation reports.

A document is read once (`readers.read_file`) and parsed once; each mutation then edits
the reader's lines (`SourceText`) and the caller runs `pipeline.parse_source` on the result.
Every mutation is deterministic from its seed and records what it changed (line, kind,
before/after). Where it is placed comes from the parsed clean document (captured cells,
table ranges, prose lines, metadata), never from per-file knowledge.

Kinds (`KINDS`):

- ``amount``: one captured table amount retyped (one digit, never the last two);
- ``row``: one table line that prints a non-zero captured amount deleted;
- ``prose_figure``: one ``…万元``/``…元`` figure of the prose retyped;
- ``direction``: 增加↔减少 / 增长↔下降 flipped before a figure in the prose;
- ``delete_table``: a recognised table deleted, title to last line;
- ``empty_table``: every captured amount of a table blanked;
- ``placeholder``: the department name in a heading, page header or cover line replaced by
  a template placeholder (XX, ××, 某某);
- ``year``: the document year in a heading (table title, cover, part heading) moved by one;
- ``unit_typo``: 元 → 员 right after a printed amount (prose) or in a ``单位：万元`` line.

A mutation is *equivalent* when it changes nothing a reader could check: a prose figure that
no table prints and that our prose reading does not take up, a 增加/减少 before a zero, a
deleted line printed identically elsewhere. Callers skip those and count them.

    source = read_file(path)
    clean = parse_source(source)
    mutation = mutate_source(source, clean, "amount", seed=3)
    if mutation is not None and not mutation.equivalent:
        report = check(parse_source(mutation.source))
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation

from cnbudget.model import Document, Row, SourceLine, Table
from cnbudget.readers.text import SourceText

KINDS = (
    "amount",
    "row",
    "prose_figure",
    "direction",
    "delete_table",
    "empty_table",
    "placeholder",
    "year",
    "unit_typo",
)
PLACEHOLDERS = ("XX", "××", "某某", "XXX")
# a printed amount inside running text (not part of a longer number or code)
_FIGURE = re.compile(r"(?<![\d.,])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![\d.,]*\d)")
_PROSE_AMOUNT = re.compile(
    r"(?<![\d.,])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(万元|元)(?!\w*[\d])"
)
_DIRECTION = re.compile(r"(增加|减少|增长|下降)[^，。；,;\d]{0,8}?(\d[\d,]*(?:\.\d+)?)")
_FLIP = {"增加": "减少", "减少": "增加", "增长": "下降", "下降": "增长"}
# the place part of a department name: up to its last 省/市/区/县… followed by the office
_PLACE = re.compile(r"^.*[省市区县旗州盟](?=[^省市区县旗州盟]{2,}$)")
_UNIT_LINE = re.compile(r"单位[:：]\s*(万元|元)")


@dataclass(frozen=True, slots=True)
class LineChange:
    """One source line as it was and as it is after the mutation ("" after: deleted)."""

    line: int
    before: str
    after: str


@dataclass(frozen=True, slots=True)
class SourceMutation:
    """A mutated source, what was done, where, and whether it is checkable at all."""

    source: SourceText
    kind: str
    line: int  # the first line touched
    before: str  # the printed text replaced (the whole line for deletions)
    after: str
    changes: tuple[LineChange, ...]
    equivalent: bool = False
    reason: str = ""  # why equivalent (Chinese), or what the mutation targets
    table: str | None = None  # the table kind touched, when a table

    def describe(self) -> str:
        """One line for reports: kind, line, before → after."""
        return f"{self.kind} 第{self.line}行 {self.before[:40]!r}→{self.after[:40]!r}"


@dataclass(frozen=True, slots=True)
class _Spot:
    """A candidate place: the line, the span to replace, its replacement and context."""

    line: int
    start: int
    end: int
    after: str
    equivalent: bool = False
    reason: str = ""
    table: str | None = None


def retype(printed: str, rng: random.Random) -> str:
    """The printed number with one digit replaced, never one of the last two digits.

    The change is at least 100 units of the last printed place, so it cannot pass for
    rounding; the style (thousands separators, decimals) is kept. A one-digit number gets a
    leading 1 (``0`` → ``10``).
    """
    digits = [i for i, ch in enumerate(printed) if ch.isdigit()]
    if len(digits) == 1:
        return "1" + printed
    positions = digits[: max(1, len(digits) - 2)]
    index = rng.choice(positions)
    old = printed[index]
    lowest = 1 if index == digits[0] and len(digits) > 1 and _integer_digits(printed) > 1 else 0
    choices = [str(d) for d in range(lowest, 10) if str(d) != old]
    return printed[:index] + rng.choice(choices) + printed[index + 1 :]


def _integer_digits(printed: str) -> int:
    return sum(ch.isdigit() for ch in printed.split(".")[0])


def _value(printed: str) -> Decimal | None:
    try:
        return Decimal(printed.replace(",", ""))
    except InvalidOperation:
        return None


def _data_tables(document: Document) -> list[Table]:
    return [table for table in document.tables if table.kind != "narrative"]


def _table_range(table: Table) -> tuple[int, int]:
    lines = [table.line]
    for row in table.rows:
        lines.append(row.line)
        lines.extend(cell.line for cell in row.cells.values() if cell.line is not None)
    return table.line, max(table.last_line or 0, *lines)


def _cell_spots(table: Table, texts: dict[int, str]) -> Iterable[tuple[int, int, int, str]]:
    """(line, start, end, printed) of each captured amount of a table, in source order."""
    used: set[tuple[int, int]] = set()
    for row in table.rows:
        for cell in row.cells.values():
            if cell.value is None or not cell.text.strip():
                continue
            number = cell.line if cell.line is not None else row.line
            text = texts.get(number)
            if text is None:
                continue
            printed = cell.text.strip()
            for match in re.finditer(rf"(?<![\d.,]){re.escape(printed)}(?![\d]|[.,]\d)", text):
                if (number, match.start()) not in used:
                    used.add((number, match.start()))
                    yield number, match.start(), match.end(), printed
                    break


def _prose_lines(document: Document) -> list[SourceLine]:
    return [line for line in document.prose if line.text.strip()]


def _table_values(document: Document) -> set[Decimal]:
    return {
        cell.value
        for table in _data_tables(document)
        for row in table.rows
        for cell in row.cells.values()
        if cell.value is not None
    }


def _read_figures(document: Document) -> set[tuple[int, str]]:
    """(line, printed) of the prose figures our reading takes up (narrative cells, changes)."""
    read: set[tuple[int, str]] = set()
    for table in document.tables:
        if table.kind != "narrative":
            continue
        for row in table.rows:
            for cell in row.cells.values():
                read.add((cell.line or row.line, cell.text.strip()))
    if document.narrative is not None:
        for change in document.narrative.changes:
            read.add((change.line, change.text.strip()))
    return read


def _amount_spots(source: SourceText, document: Document) -> list[_Spot]:
    texts = {line.number: line.text for line in source.lines}
    rng = random.Random(0)
    spots = []
    for table in _data_tables(document):
        for number, start, end, printed in _cell_spots(table, texts):
            spots.append(_Spot(number, start, end, retype(printed, rng), table=table.kind))
    return spots


def _row_spots(source: SourceText, document: Document) -> list[_Spot]:
    texts = {line.number: line.text for line in source.lines}
    counts: dict[str, int] = {}
    for line in source.lines:
        counts[line.text] = counts.get(line.text, 0) + 1
    spots: dict[int, _Spot] = {}
    for table in _data_tables(document):
        for row in table.rows:
            number = _amount_line(row, texts)
            if number is None or number in spots or number not in texts:
                continue
            text = texts[number]
            repeated = counts[text] > 1
            spots[number] = _Spot(
                number,
                0,
                len(text),
                "",
                repeated,
                "同一行在文件中另有一份，删去不丢失内容" if repeated else "",
                table.kind,
            )
    return list(spots.values())


def _amount_line(row: Row, texts: dict[int, str]) -> int | None:
    """The line that prints the row's first non-zero amount (its name may wrap elsewhere)."""
    for cell in row.cells.values():
        number = cell.line or row.line
        if cell.value and cell.text.strip() in texts.get(number, ""):
            return number
    return None


def _prose_figure_spots(source: SourceText, document: Document) -> list[_Spot]:
    values = _table_values(document)
    read = _read_figures(document)
    rng = random.Random(1)
    spots = []
    for line in _prose_lines(document):
        for match in _PROSE_AMOUNT.finditer(line.text):
            printed = match.group(1)
            value = _value(printed)
            if value is None:
                continue
            in_wan = value if match.group(2) == "万元" else value / 10000
            checkable = in_wan in values or (line.number, printed) in read
            spots.append(
                _Spot(
                    line.number,
                    match.start(1),
                    match.end(1),
                    retype(printed, rng),
                    not checkable,
                    "" if checkable else "表格中没有这一数字，文字解析也未读取",
                )
            )
    return spots


def _direction_spots(source: SourceText, document: Document) -> list[_Spot]:
    spots = []
    for line in _prose_lines(document):
        for match in _DIRECTION.finditer(line.text):
            word = match.group(1)
            value = _value(match.group(2))
            zero = value is not None and value == 0
            spots.append(
                _Spot(
                    line.number,
                    match.start(1),
                    match.end(1),
                    _FLIP[word],
                    zero,
                    "变动额为 0，增减方向无从判断" if zero else "",
                )
            )
    return spots


def _table_spots(source: SourceText, document: Document) -> list[_Spot]:
    """One spot per recognised table, spanning its title to its last line."""
    spots = []
    seen: set[int] = set()
    for table in _data_tables(document):
        first, last = _table_range(table)
        if first in seen:
            continue
        seen.add(first)
        spots.append(_Spot(first, first, last, "", table=table.kind))
    return spots


def _heading_lines(source: SourceText, document: Document) -> list[SourceLine]:
    """Cover lines (page 1), table titles and short prose lines (headings, page headers)."""
    titles = {table.line for table in document.tables}
    prose = {line.number for line in document.prose}
    headings = []
    for line in source.lines:
        text = line.text.strip()
        if not text:
            continue
        short = len(text) <= 40 and "\t" not in text and line.number in prose
        if line.page == 1 or line.number in titles or short:
            headings.append(line)
    return headings


def _placeholder_spots(source: SourceText, document: Document) -> list[_Spot]:
    name = document.metadata.department
    if not name or len(name) < 3:
        return []
    spots = []
    rng = random.Random(2)
    for line in _heading_lines(source, document) + _unit_lines(source):
        start = line.text.find(name)
        if start >= 0:
            after = rng.choice(PLACEHOLDERS) + _office(name)
            spots.append(_Spot(line.number, start, start + len(name), after))
    return _unique(spots)


def _office(name: str) -> str:
    """The kind of office in a department name, without its place (a template's blank)."""
    match = _PLACE.match(name)
    return name[match.end() :] if match else name[2:]


def _unit_lines(source: SourceText) -> list[SourceLine]:
    return [line for line in source.lines if _UNIT_LINE.search(line.text)]


def _unique(spots: list[_Spot]) -> list[_Spot]:
    seen: set[tuple[int, int]] = set()
    unique = []
    for spot in spots:
        if (spot.line, spot.start) not in seen:
            seen.add((spot.line, spot.start))
            unique.append(spot)
    return unique


def _year_spots(source: SourceText, document: Document) -> list[_Spot]:
    year = document.metadata.year
    if year is None:
        return []
    pattern = re.compile(rf"(?<!\d){year}(?=\s*年)")
    rng = random.Random(3)
    spots = []
    for line in _heading_lines(source, document):
        for match in pattern.finditer(line.text):
            spots.append(
                _Spot(line.number, match.start(), match.end(), str(year + rng.choice((-1, 1))))
            )
    return _unique(spots)


def _unit_typo_spots(source: SourceText, document: Document) -> list[_Spot]:
    spots = []
    for line in _prose_lines(document):
        for match in _PROSE_AMOUNT.finditer(line.text):
            end = match.end(2)
            spots.append(_Spot(line.number, end - 1, end, "员"))
    for line in _unit_lines(source):
        for unit in _UNIT_LINE.finditer(line.text):
            spots.append(_Spot(line.number, unit.end(1) - 1, unit.end(1), "员"))
    return _unique(spots)


_SPOTS: dict[str, Callable[[SourceText, Document], list[_Spot]]] = {
    "amount": _amount_spots,
    "row": _row_spots,
    "prose_figure": _prose_figure_spots,
    "direction": _direction_spots,
    "delete_table": _table_spots,
    "empty_table": _table_spots,
    "placeholder": _placeholder_spots,
    "year": _year_spots,
    "unit_typo": _unit_typo_spots,
}


def candidates(source: SourceText, document: Document, kind: str) -> int:
    """How many places a mutation of this kind can take (0: the kind does not apply)."""
    return len(_SPOTS[kind](source, document))


def mutate_source(
    source: SourceText, document: Document, kind: str, seed: int
) -> SourceMutation | None:
    """One mutation of `kind` chosen by `seed` (None when the document has no place for it).

    `document` is `parse_source(source)` of the unmutated source. The places of a kind are
    shuffled once (fixed order per document); seed n takes the n-th, so seeds 0 … k-1 give
    k different places when there are at least k.
    """
    spots = _SPOTS[kind](source, document)
    if not spots:
        return None
    random.Random(KINDS.index(kind)).shuffle(spots)
    spot = spots[seed % len(spots)]
    if kind in ("delete_table", "empty_table"):
        return _whole_table(source, document, kind, spot)
    lines = list(source.lines)
    index = next(i for i, line in enumerate(lines) if line.number == spot.line)
    old = lines[index]
    if kind == "row":
        del lines[index]
        changes = (LineChange(old.number, old.text, ""),)
        before, after = old.text, ""
    else:
        text = old.text[: spot.start] + spot.after + old.text[spot.end :]
        lines[index] = replace(old, text=text)
        changes = (LineChange(old.number, old.text, text),)
        before, after = old.text[spot.start : spot.end], spot.after
    return SourceMutation(
        replace(source, lines=lines),
        kind,
        spot.line,
        before,
        after,
        changes,
        spot.equivalent,
        spot.reason,
        spot.table,
    )


def _whole_table(source: SourceText, document: Document, kind: str, spot: _Spot) -> SourceMutation:
    first, last = spot.start, spot.end  # a table spot spans lines, not characters
    changes: list[LineChange] = []
    table = next(t for t in _data_tables(document) if t.line == first)
    nonzero = any(cell.value for row in table.rows for cell in row.cells.values())
    if kind == "delete_table":
        nonzero = True  # a missing table is checkable even when it printed only zeros
        lines = []
        for line in source.lines:
            if first <= line.number <= last:
                changes.append(LineChange(line.number, line.text, ""))
            else:
                lines.append(line)
    else:
        texts = {line.number: line.text for line in source.lines}
        blanked: dict[int, str] = {}
        # blank from the end of each line so earlier offsets stay valid
        for number, start, end, _ in sorted(_cell_spots(table, texts), key=lambda s: -s[1]):
            text = blanked.get(number, texts[number])
            blanked[number] = text[:start] + text[end:]
        lines = []
        for line in source.lines:
            if line.number in blanked and blanked[line.number] != line.text:
                changes.append(LineChange(line.number, line.text, blanked[line.number]))
                lines.append(replace(line, text=blanked[line.number]))
            else:
                lines.append(line)
    equivalent = not changes or not nonzero
    title = texts_of(source, first)
    return SourceMutation(
        replace(source, lines=lines),
        kind,
        first,
        title,
        "",
        tuple(changes),
        equivalent,
        "表中没有非零金额，清空后仍是空表" if equivalent else "",
        spot.table,
    )


def texts_of(source: SourceText, number: int) -> str:
    """The text of one source line by number ("" when there is none)."""
    return next((line.text for line in source.lines if line.number == number), "")
