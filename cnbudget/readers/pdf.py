"""Read a PDF with pdfium: characters with boxes and ruling lines, turned into cell grids.

Ruled tables are found from the page's line segments (stroked paths and thin filled
rectangles): the distinct x of vertical rules and y of horizontal rules give a base
grid, and a missing rule between two base cells merges them (a spanning header cell,
a cell whose text wraps). Every character is placed in the cell that contains its
centre; lines inside a cell are joined. Characters outside tables become text lines
(wrapped paragraph lines are joined back). Pages without rules yield only text lines,
which the space-separated path of the parser reads.
"""

from __future__ import annotations

import ctypes
import math
import re
import time
from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace

import pypdfium2 as pdfium
import pypdfium2.raw as raw

from cnbudget.errors import InputError
from cnbudget.layout.sections import PART_HEADING, is_note, is_page_header, is_prose
from cnbudget.layout.tokens import PAGE_NUMBER
from cnbudget.model import Box
from cnbudget.readers.grid import INFERRED_CONFIDENCE, Grid, GridRow, Item, Paragraph, to_source
from cnbudget.readers.limits import Limits
from cnbudget.readers.pdf_streams import check_streams
from cnbudget.readers.stream import Word as Char  # one character with its box
from cnbudget.readers.stream import read_table, words_of
from cnbudget.readers.text import SourceText
from cnbudget.tables import SECTION_KINDS
from cnbudget.vocabulary.titles import title_kind

_SNAP = 2.0  # points: rules closer than this are one rule
_THIN = 2.0  # points: a filled rectangle thinner than this is a rule
_MIN_RULE = 4.0  # points: shorter segments are not rules (glyph strokes, dots)
_WORDISH = re.compile(r"[0-9A-Za-z.,%)）]")
_FOLIO = re.compile(r"\s*\d{1,4}\s*")


@dataclass(slots=True)
class Rules:
    """Horizontal rules (y, x0, x1) and vertical rules (x, y0, y1) of a page."""

    horizontal: list[tuple[float, float, float]] = field(default_factory=list)
    vertical: list[tuple[float, float, float]] = field(default_factory=list)


@dataclass(slots=True)
class Table:
    """A ruled table on a page: base grid lines and merged cells (r0, c0, r1, c1)."""

    xs: list[float]
    ys: list[float]
    cells: list[tuple[int, int, int, int]]

    @property
    def box(self) -> Box:
        return (self.xs[0], self.ys[0], self.xs[-1], self.ys[-1])


def read_pdf(data: bytes, source: str, limits: Limits) -> SourceText:
    """Read a PDF's text layer into the shared intermediate form."""
    started = time.monotonic()
    damage = check_streams(data, source, limits)
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        message = str(exc).lower()
        if "password" in message:
            raise InputError(source, "PDF 已加密（需要密码），无法读取") from exc
        raise InputError(source, "PDF 文件已损坏或不完整，无法打开") from exc
    try:
        count = len(document)
        if count == 0:
            raise InputError(source, "PDF 没有任何页面")
        if count > limits.max_pages:
            raise InputError(
                source, f"PDF 页数过多（{count} 页，上限 {limits.max_pages} 页），未读取"
            )
        items: list[Item] = []
        chars_seen = 0
        images = 0
        state = _State(budget=_Budget(source, limits, started))
        pictured: set[int] = set()
        for index in range(count):
            if time.monotonic() - started > limits.max_seconds:
                raise InputError(source, f"读取 PDF 超时（超过 {limits.max_seconds:.0f} 秒）")
            try:
                page = document[index]
            except pdfium.PdfiumError:
                state.notices.append(f"PDF 第 {index + 1} 页已损坏，无法读取，该页内容缺失")
                continue
            try:
                page_items, chars, page_images = _read_page(page, index + 1, state)
            finally:
                page.close()
            items += page_items
            chars_seen += chars
            images += page_images
            if page_images and not chars:
                pictured.add(index + 1)
    finally:
        document.close()
    if chars_seen == 0:
        if images:
            raise InputError(
                source, "PDF 没有文字层（可能是扫描件或图片），目前不支持文字识别（OCR）"
            )
        raise InputError(source, "PDF 中没有可提取的文字")
    if state.budget.unplaced:
        pages = "、".join(str(page) for page in sorted(state.budget.unplaced))
        state.notices.append(
            f"第 {pages} 页有 {sum(state.budget.unplaced.values())} 个字符的位置无法确定"
            "（坐标无效或超出范围），未能读出，请与原文核对"
        )
    source_text = to_source(items, source, data, "pdf")
    return replace(
        source_text,
        notices=damage + state.notices,
        pages=count,
        pictured=frozenset(pictured),
    )


@dataclass(slots=True)
class _Budget:
    """The document's reading limits, checked while pages are read (not only between them)."""

    source: str
    limits: Limits
    started: float
    chars: int = 0
    objects: int = 0
    unplaced: dict[int, int] = field(default_factory=dict)  # page → characters not placed

    def refuse(self, reason: str) -> InputError:
        return InputError(self.source, f"{reason}，超出读取上限，未读取")

    def clock(self) -> None:
        limit = self.limits.max_seconds
        if time.monotonic() - self.started > limit:
            raise InputError(self.source, f"读取 PDF 超时（超过 {limit:.0f} 秒）")

    def count_chars(self, page: int, count: int) -> None:
        self.chars += count
        if count > self.limits.max_page_chars:
            reason = f"PDF 第 {page} 页字符过多（{count} 个，上限 {self.limits.max_page_chars}）"
            raise self.refuse(reason)
        if self.chars > self.limits.max_pdf_chars:
            raise self.refuse(f"PDF 字符过多（超过 {self.limits.max_pdf_chars} 个）")

    def count_object(self, page: int, on_page: int) -> None:
        self.objects += 1
        if on_page > self.limits.max_page_objects:
            limit = self.limits.max_page_objects
            raise self.refuse(f"PDF 第 {page} 页图形对象过多（超过 {limit} 个）")
        if self.objects > self.limits.max_pdf_objects:
            raise self.refuse(f"PDF 图形对象过多（超过 {self.limits.max_pdf_objects} 个）")
        if on_page % 4096 == 0:
            self.clock()

    def check_grid(self, page: int, rows: int, columns: int) -> None:
        if rows * columns > self.limits.max_grid_cells:
            reason = f"PDF 第 {page} 页表格线过密（{rows} 条横线 × {columns} 条竖线）"
            raise self.refuse(reason)


@dataclass(slots=True)
class _State:
    """What a page passes to the next: whether an unruled table runs on, and notices."""

    budget: _Budget
    open_table: bool = False
    boundaries: list[float] | None = None  # columns of the last unruled table read
    notices: list[str] = field(default_factory=list)
    inferred_pages: set[int] = field(default_factory=set)  # pages with unruled tables


def _read_page(page: pdfium.PdfPage, number: int, state: _State) -> tuple[list[Item], int, int]:
    transform = _display_transform(page)
    chars = _chars(page, transform, number, state.budget)
    rules, images = _rules(page, transform, number, state.budget)
    tables = _tables(rules, lambda rows, columns: state.budget.check_grid(number, rows, columns))
    placed: list[list[Char]] = [[] for _ in tables]
    free: list[Char] = []
    for char in chars:
        for t, table in enumerate(tables):
            x0, top, x1, bottom = table.box
            if x0 <= char.cx <= x1 and top <= char.cy <= bottom:
                placed[t].append(char)
                break
        else:
            free.append(char)
    blocks: list[tuple[float, Item]] = []
    for table, table_chars in zip(tables, placed, strict=True):
        grid = _grid(table, table_chars, number)
        if grid.rows:
            blocks.append((table.ys[0], grid))
    height = _page_height(transform)
    free, state.open_table = _unruled_tables(free, number, height, state, blocks)
    for paragraph in _paragraphs(_lines(free)):
        if _is_folio(paragraph, height):
            continue
        members = [c for line in paragraph for c in line]
        box = (
            min(c.x0 for c in members),
            min(c.top for c in members),
            max(c.x1 for c in members),
            max(c.bottom for c in members),
        )
        blocks.append((box[1], Paragraph(_joined(paragraph), number, box)))
    blocks.sort(key=lambda block: block[0])
    return [item for _, item in blocks], len(chars), images


def _unruled_tables(
    free: list[Char], number: int, height: float, state: _State, blocks: list[tuple[float, Item]]
) -> tuple[list[Char], bool]:
    """Tables printed without rules among the free characters: from a title (or the top of
    a page when a table runs on) to the next title, prose, note or part heading. Each
    region holding amounts becomes a grid (`stream.read_table`); its characters are
    taken out of the free text."""
    open_table = state.open_table
    regions: list[list[Char]] = []
    current: list[Char] | None = [] if open_table else None
    rest: list[Char] = []
    for line in _lines(free):
        text = _line_text(line)
        if _is_folio([line], height):
            rest += line
            continue
        kind = title_kind(text)
        if kind is not None and not is_page_header(text):
            if current:
                regions.append(current)
            current = None if kind in SECTION_KINDS else []
            rest += line
            continue
        if is_page_header(text):
            rest += line
            continue
        if current is not None and (is_prose(text) or is_note(text) or PART_HEADING.match(text)):
            if current:
                regions.append(current)
            current = None
        if current is None:
            rest += line
            continue
        current += line
    if current:
        regions.append(current)
    for k, region in enumerate(regions):
        words = words_of([(c.text, c.x0, c.top, c.x1, c.bottom) for c in region])
        table = read_table(words, state.boundaries if k == 0 and open_table else None)
        if table is None:
            rest += region
            continue
        grid = Grid([GridRow(cells, number, box) for cells, box in table.rows], inferred=True)
        if number not in state.inferred_pages:
            state.inferred_pages.add(number)
            state.notices.append(
                f"第 {number} 页的表格没有表格线：各数字所在的列按文字位置推断，"
                f"这些数字的置信度已降为 {INFERRED_CONFIDENCE}，请与原文核对"
            )
        blocks.append((min(c.top for c in region), grid))
        state.boundaries = table.boundaries
        if table.unplaced:
            state.notices.append(
                f"第 {number} 页无框线表格中有文字跨越两列，未能确定所在列："
                + "、".join(table.unplaced)
            )
    return rest, current is not None


def _page_height(transform: tuple[float, float, float, float, int]) -> float:
    left, bottom, right, top, rotation = transform
    return right - left if rotation in (90, 270) else top - bottom


def _is_folio(paragraph: list[list[Char]], height: float) -> bool:
    """A page number printed in the top or bottom margin (the page is known from the reader)."""
    if len(paragraph) != 1:
        return False
    line = paragraph[0]
    top = min(c.top for c in line)
    bottom = max(c.bottom for c in line)
    if top < 0.9 * height and bottom > 0.1 * height:
        return False
    return bool(PAGE_NUMBER.match(_line_text(line)) or _FOLIO.fullmatch(_line_text(line)))


def _display_transform(page: pdfium.PdfPage) -> tuple[float, float, float, float, int]:
    left, bottom, right, top = page.get_cropbox()
    return (left, bottom, right, top, page.get_rotation() % 360)


def _to_display(
    x: float, y: float, transform: tuple[float, float, float, float, int]
) -> tuple[float, float]:
    left, bottom, right, top, rotation = transform
    if rotation == 90:
        return (y - bottom, x - left)
    if rotation == 180:
        return (right - x, y - bottom)
    if rotation == 270:
        return (top - y, right - x)
    return (x - left, top - y)


def _chars(
    page: pdfium.PdfPage,
    transform: tuple[float, float, float, float, int],
    number: int,
    budget: _Budget,
) -> list[Char]:
    textpage = page.get_textpage()
    chars: list[Char] = []
    try:
        handle = textpage.raw
        count = raw.FPDFText_CountChars(handle)
        budget.count_chars(number, count)
        rect = raw.FS_RECTF()
        for index in range(count):
            code = raw.FPDFText_GetUnicode(handle, index)
            if code <= 32 or code in (0xA0, 0x3000, 0xFFFE, 0xFFFF):
                continue
            # loose boxes span the font's ascent to descent: one line, one height
            found = raw.FPDFText_GetLooseCharBox(handle, index, ctypes.byref(rect))
            corners = (rect.left, rect.top, rect.right, rect.bottom)
            if not found or not all(map(math.isfinite, corners)):
                budget.unplaced[number] = budget.unplaced.get(number, 0) + 1
                continue
            xa, ya = _to_display(corners[0], corners[1], transform)
            xb, yb = _to_display(corners[2], corners[3], transform)
            text = chr(code) if code < 0xD800 or code > 0xDFFF else "\ufffd"
            chars.append(Char(text, min(xa, xb), min(ya, yb), max(xa, xb), max(ya, yb)))
    finally:
        textpage.close()
    return chars


def _rules(
    page: pdfium.PdfPage,
    transform: tuple[float, float, float, float, int],
    number: int,
    budget: _Budget,
) -> tuple[Rules, int]:
    rules = Rules()
    images = 0
    forms: dict[int, tuple[float, ...]] = {}
    for on_page, (handle, kind, level) in enumerate(_objects(page, max_depth=4), start=1):
        budget.count_object(number, on_page)
        if kind == raw.FPDF_PAGEOBJ_IMAGE:
            images += 1
            continue
        if kind not in (raw.FPDF_PAGEOBJ_FORM, raw.FPDF_PAGEOBJ_PATH):
            continue  # text: its characters come from the text page
        matrix = _matrix(handle)
        parent = forms.get(level - 1) if level else None
        if parent is not None:
            matrix = _compose(matrix, parent)
        if kind == raw.FPDF_PAGEOBJ_FORM:
            forms[level] = matrix
            continue
        fill = ctypes.c_int()
        stroke = ctypes.c_int()
        raw.FPDFPath_GetDrawMode(handle, ctypes.byref(fill), ctypes.byref(stroke))
        if not stroke.value:
            # a filled shape counts only by its bounding box: no need to walk its segments
            corners = _bounds(handle, parent, transform)
            if corners is not None:
                _add_filled(rules, corners)
            continue
        points = _segments(handle, matrix, transform)
        for (xa, ya), (xb, yb) in points:
            _add_rule(rules, xa, ya, xb, yb)
    return rules, images


def _objects(page: pdfium.PdfPage, max_depth: int) -> Iterator[tuple[object, int, int]]:
    """(handle, type, nesting level) of every page object, depth first through form
    XObjects, straight from pdfium (no wrapper object per page object)."""

    def walk(
        count: Callable[[object], int],
        get: Callable[[object, int], object],
        parent: object,
        level: int,
    ) -> Iterator[tuple[object, int, int]]:
        for index in range(max(count(parent), 0)):
            handle = get(parent, index)
            if not handle:
                continue
            kind = raw.FPDFPageObj_GetType(handle)
            yield handle, kind, level
            if kind == raw.FPDF_PAGEOBJ_FORM and level < max_depth - 1:
                yield from walk(
                    raw.FPDFFormObj_CountObjects, raw.FPDFFormObj_GetObject, handle, level + 1
                )

    yield from walk(raw.FPDFPage_CountObjects, raw.FPDFPage_GetObject, page.raw, 0)


def _matrix(handle: object) -> tuple[float, ...]:
    m = raw.FS_MATRIX()
    if not raw.FPDFPageObj_GetMatrix(handle, ctypes.byref(m)):
        return (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _compose(inner: tuple[float, ...], outer: tuple[float, ...]) -> tuple[float, ...]:
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (
        a * A + b * C,
        a * B + b * D,
        c * A + d * C,
        c * B + d * D,
        e * A + f * C + E,
        e * B + f * D + F,
    )


def _segments(
    handle: object,
    matrix: tuple[float, ...],
    transform: tuple[float, float, float, float, int],
) -> list[tuple[tuple[float, float], tuple[float, float]]]:
    a, b, c, d, e, f = matrix
    count = raw.FPDFPath_CountSegments(handle)
    if count <= 0 or count > 5000:
        return []
    x = ctypes.c_float()
    y = ctypes.c_float()
    result: list[tuple[tuple[float, float], tuple[float, float]]] = []
    start: tuple[float, float] | None = None
    previous: tuple[float, float] | None = None
    for index in range(count):
        segment = raw.FPDFPath_GetPathSegment(handle, index)
        if not raw.FPDFPathSegment_GetPoint(segment, ctypes.byref(x), ctypes.byref(y)):
            continue
        px, py = x.value, y.value
        point = _to_display(a * px + c * py + e, b * px + d * py + f, transform)
        kind = raw.FPDFPathSegment_GetType(segment)
        if kind == raw.FPDF_SEGMENT_MOVETO:
            start = point
        elif kind == raw.FPDF_SEGMENT_LINETO and previous is not None:
            result.append((previous, point))
        previous = point
        if raw.FPDFPathSegment_GetClose(segment) and start is not None and previous != start:
            result.append((previous, start))
    return result


def _bounds(
    handle: object,
    parent: tuple[float, ...] | None,
    transform: tuple[float, float, float, float, int],
) -> list[tuple[float, float]] | None:
    """The corners of a page object's bounding box in display coordinates."""
    if raw.FPDFPath_CountSegments(handle) <= 0:
        return None
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    if not raw.FPDFPageObj_GetBounds(
        handle, ctypes.byref(left), ctypes.byref(bottom), ctypes.byref(right), ctypes.byref(top)
    ):
        return None
    a, b, c, d, e, f = parent or (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    return [
        _to_display(a * x + c * y + e, b * x + d * y + f, transform)
        for x in (left.value, right.value)
        for y in (bottom.value, top.value)
    ]


def _add_filled(rules: Rules, corners: list[tuple[float, float]]) -> None:
    """A filled shape is a rule only when it is thin (a rule drawn as a rectangle)."""
    xs = [p[0] for p in corners]
    ys = [p[1] for p in corners]
    if not all(map(math.isfinite, xs + ys)):
        return
    width, height = max(xs) - min(xs), max(ys) - min(ys)
    if width > _THIN and height > _THIN:
        return
    if height <= _THIN and width >= _MIN_RULE:
        rules.horizontal.append(((max(ys) + min(ys)) / 2, min(xs), max(xs)))
    elif width <= _THIN and height >= _MIN_RULE:
        rules.vertical.append(((max(xs) + min(xs)) / 2, min(ys), max(ys)))


def _add_rule(rules: Rules, xa: float, ya: float, xb: float, yb: float) -> None:
    """A stroked segment is a rule when it is horizontal or vertical and long enough."""
    if not all(map(math.isfinite, (xa, ya, xb, yb))):
        return
    if abs(ya - yb) <= 0.5 and abs(xa - xb) >= _MIN_RULE:
        rules.horizontal.append(((ya + yb) / 2, min(xa, xb), max(xa, xb)))
    elif abs(xa - xb) <= 0.5 and abs(ya - yb) >= _MIN_RULE:
        rules.vertical.append(((xa + xb) / 2, min(ya, yb), max(ya, yb)))


def _clusters(values: list[float]) -> list[float]:
    """Distinct positions: values closer than _SNAP collapse to their mean."""
    result: list[list[float]] = []
    for value in sorted(values):
        if result and value - result[-1][-1] <= _SNAP:
            result[-1].append(value)
        else:
            result.append([value])
    return [sum(group) / len(group) for group in result]


def _merge(rules: list[tuple[float, float, float]]) -> list[tuple[float, float, float]]:
    """Collinear rules (same position within _SNAP) that touch or overlap become one."""
    merged: list[tuple[float, float, float]] = []
    group: list[tuple[float, float, float]] = []

    def flush() -> None:
        position = sum(rule[0] for rule in group) / len(group)
        spans: list[list[float]] = []
        for _p, lo, hi in sorted(group, key=lambda rule: rule[1]):
            if spans and lo <= spans[-1][1] + _SNAP:
                spans[-1][1] = max(spans[-1][1], hi)
            else:
                spans.append([lo, hi])
        merged.extend((position, lo, hi) for lo, hi in spans)

    for rule in sorted(rules):
        if group and rule[0] - group[-1][0] > _SNAP:
            flush()
            group = []
        group.append(rule)
    if group:
        flush()
    return merged


def _tables(rules: Rules, check: Callable[[int, int], None]) -> list[Table]:
    """Connected groups of crossing rules, each with its base grid and merged cells;
    `check(rows, columns)` refuses a page ruled too densely before any grid is built."""
    horizontal = _merge(rules.horizontal)
    vertical = _merge(rules.vertical)
    if not horizontal or not vertical:
        return []
    check(len(horizontal), len(vertical))
    parent = list(range(len(horizontal) + len(vertical)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    offset = len(horizontal)
    for i, (y, x0, x1) in enumerate(horizontal):
        for j, (x, y0, y1) in enumerate(vertical):
            if x0 - _SNAP <= x <= x1 + _SNAP and y0 - _SNAP <= y <= y1 + _SNAP:
                parent[find(i)] = find(offset + j)
    groups: dict[int, tuple[list[tuple[float, float, float]], list[tuple[float, float, float]]]]
    groups = {}
    for i, h in enumerate(horizontal):
        groups.setdefault(find(i), ([], []))[0].append(h)
    for j, v in enumerate(vertical):
        groups.setdefault(find(offset + j), ([], []))[1].append(v)
    tables = []
    for hs, vs in groups.values():
        table = _table(hs, vs)
        if table is not None:
            tables.append(table)
    return tables


def _by_line(
    rules: list[tuple[float, float, float]], lines: list[float]
) -> list[list[tuple[float, float]]]:
    """The spans of the rules lying on each grid line."""
    spans: list[list[tuple[float, float]]] = [[] for _ in lines]
    for position, lo, hi in rules:
        k = min(range(len(lines)), key=lambda i: abs(lines[i] - position))
        spans[k].append((lo, hi))
    return spans


def _covers(spans: list[tuple[float, float]], at: float) -> bool:
    return any(lo - _SNAP / 2 <= at <= hi + _SNAP / 2 for lo, hi in spans)


def _table(
    hs: list[tuple[float, float, float]], vs: list[tuple[float, float, float]]
) -> Table | None:
    ys = _clusters([h[0] for h in hs])
    xs = _clusters([v[0] for v in vs])
    if len(ys) < 2 or len(xs) < 3:
        return None  # a frame around text, not a table of columns
    rows, cols = len(ys) - 1, len(xs) - 1
    on_x = _by_line(vs, xs)
    on_y = _by_line(hs, ys)
    parent = list(range(rows * cols))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for r in range(rows):
        middle_y = (ys[r] + ys[r + 1]) / 2
        for c in range(cols):
            middle_x = (xs[c] + xs[c + 1]) / 2
            if c + 1 < cols and not _covers(on_x[c + 1], middle_y):
                parent[find(r * cols + c + 1)] = find(r * cols + c)
            if r + 1 < rows and not _covers(on_y[r + 1], middle_x):
                parent[find((r + 1) * cols + c)] = find(r * cols + c)
    spans: dict[int, list[int]] = {}
    for r in range(rows):
        for c in range(cols):
            root = find(r * cols + c)
            box = spans.setdefault(root, [r, c, r, c])
            box[0], box[1] = min(box[0], r), min(box[1], c)
            box[2], box[3] = max(box[2], r), max(box[3], c)
    cells = [(b[0], b[1], b[2], b[3]) for b in spans.values()]
    return Table(xs, ys, cells)


def _grid(table: Table, chars: list[Char], page: int) -> Grid:
    rows, cols = len(table.ys) - 1, len(table.xs) - 1
    owner: dict[tuple[int, int], int] = {}
    for index, (r0, c0, r1, c1) in enumerate(table.cells):
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                owner[(r, c)] = index
    contents: list[list[Char]] = [[] for _ in table.cells]
    for char in chars:
        r = min(max(bisect_right(table.ys, char.cy) - 1, 0), rows - 1)
        c = min(max(bisect_right(table.xs, char.cx) - 1, 0), cols - 1)
        contents[owner[(r, c)]].append(char)
    texts = ["\n".join(_line_text(line) for line in _lines(cell)) for cell in contents]
    starting: list[list[int]] = [[] for _ in range(rows)]  # cells whose top row is r
    for index, cell in enumerate(table.cells):
        starting[cell[0]].append(index)
    grid = Grid()
    for r in range(rows):
        cells = [""] * cols
        for index in starting[r]:
            cells[table.cells[index][1]] = texts[index]
        box = (table.xs[0], table.ys[r], table.xs[-1], table.ys[r + 1])
        grid.rows.append(GridRow(cells, page, box))
    return grid


def _lines(chars: list[Char]) -> list[list[Char]]:
    """Characters grouped into text lines (vertical overlap), each sorted left to right."""
    lines: list[tuple[float, float, list[Char]]] = []
    for char in sorted(chars, key=lambda c: (c.cy, c.x0)):
        if lines:
            top, bottom, members = lines[-1]
            height = max(bottom - top, 1.0)
            if char.cy <= bottom and char.cy >= top - 0.2 * height:
                members.append(char)
                lines[-1] = (min(top, char.top), max(bottom, char.bottom), members)
                continue
        lines.append((char.top, char.bottom, [char]))
    return [sorted(members, key=lambda c: c.x0) for _, _, members in lines]


def _line_text(line: list[Char]) -> str:
    text = ""
    previous: Char | None = None
    for char in line:
        if previous is not None:
            height = max(previous.bottom - previous.top, char.bottom - char.top, 1.0)
            if char.x0 - previous.x1 > 0.12 * height:
                text += " "
        text += char.text
        previous = char
    return text


def _joined(lines: list[list[Char]]) -> str:
    """A wrapped paragraph's text: lines joined, with a space where a line broke between
    two Latin words or numbers (a wrap at a space)."""
    text = ""
    for line in lines:
        part = _line_text(line)
        if text and _WORDISH.match(text[-1]) and _WORDISH.match(part[0]):
            text += " "
        text += part
    return text


def _paragraphs(lines: list[list[Char]]) -> list[list[list[Char]]]:
    """Join a line that fills the text width with the next line starting at the left margin."""
    if not lines:
        return []
    left = min(line[0].x0 for line in lines)
    right = max(line[-1].x1 for line in lines)
    result: list[list[list[Char]]] = []
    for line in lines:
        if result:
            previous = result[-1][-1]
            height = max(c.bottom - c.top for c in previous)
            full = previous[-1].x1 >= right - 1.5 * height
            at_margin = line[0].x0 <= left + 0.5 * height
            close = line[0].top - max(c.bottom for c in previous) <= 1.2 * height
            if full and at_margin and close and len(previous) > 10:
                result[-1].append(line)
                continue
        result.append([line])
    return result


def page_chars(
    page: pdfium.PdfPage, number: int = 1, limits: Limits | None = None
) -> tuple[list[Char], tuple[float, float]]:
    """The characters of page `number` with their boxes in display coordinates (the
    coordinates of every line box the reader records), and the displayed page's width and
    height; within the same reading limits as `read_pdf`."""
    transform = _display_transform(page)
    left, bottom, right, top, rotation = transform
    width = top - bottom if rotation in (90, 270) else right - left
    budget = _Budget("<page>", limits or Limits.from_env(), time.monotonic())
    return _chars(page, transform, number, budget), (width, _page_height(transform))
