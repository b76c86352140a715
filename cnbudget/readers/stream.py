"""Tables printed without ruling lines: columns and rows inferred from word geometry.

As the "stream" mode of pdfplumber and camelot does: words of a table region are
grouped into rows by their vertical extent and into columns by the whitespace between
them. Column ranges come from the union of the x-extents of the body's words across
all rows (numbers are right-aligned in their column, names and codes left-aligned, so
a column's words overlap and columns are separated by a gap no word crosses) and of
the header's leaf labels (which also give columns empty in every row). Each word is
then placed in the column holding it, producing the same cell grid as a ruled table.
A body word that crosses a column boundary (two columns read as one) is not placed by
guess: its row keeps it out of the columns, and a notice says so.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field

from cnbudget.layout.header import tokenize
from cnbudget.layout.tokens import is_amount
from cnbudget.vocabulary.columns import GROUPS

_SHRINK = 0.2  # of a word's height, trimmed at top and bottom before rows are merged
_GAP = 0.3  # of the text height: a wider horizontal gap separates two words


@dataclass(slots=True)
class Word:
    """A run of characters on one baseline (or one character), with its box in display
    coordinates (top-left origin, points)."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def height(self) -> float:
        return max(self.bottom - self.top, 1.0)

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass(slots=True)
class Band:
    """One table row: its words and vertical extent."""

    top: float
    bottom: float
    words: list[Word] = field(default_factory=list)


@dataclass(slots=True)
class StreamTable:
    """A table read by geometry: its rows of cells (with their boxes) and what was unsure."""

    rows: list[tuple[list[str], tuple[float, float, float, float]]]
    boundaries: list[float]
    unplaced: list[str] = field(default_factory=list)


def words_of(chars: list[tuple[str, float, float, float, float]]) -> list[Word]:
    """Characters (text, x0, top, x1, bottom) joined into words: same baseline, small gaps."""
    words: list[Word] = []
    lines: list[list[tuple[str, float, float, float, float]]] = []
    for char in sorted(chars, key=lambda c: ((c[2] + c[4]) / 2, c[1])):
        cy = (char[2] + char[4]) / 2
        if lines:
            last = lines[-1]
            height = max(last[0][4] - last[0][2], 1.0)
            if abs(cy - (last[0][2] + last[0][4]) / 2) <= 0.25 * height:
                last.append(char)
                continue
        lines.append([char])
    for line in lines:
        line.sort(key=lambda c: c[1])
        current: Word | None = None
        for text, x0, top, x1, bottom in line:
            height = max(bottom - top, 1.0)
            if current is not None and x0 - current.x1 <= _GAP * height:
                current.text += text
                current.x1 = max(current.x1, x1)
                current.top = min(current.top, top)
                current.bottom = max(current.bottom, bottom)
                continue
            current = Word(text, x0, top, x1, bottom)
            words.append(current)
    return words


def bands(words: list[Word]) -> list[Band]:
    """Rows: words whose vertical extents (trimmed) overlap, directly or through others.

    A cell whose text wraps onto several lines is centred or top-aligned in its row;
    the row's other cells overlap its lines, so the row stays one band.
    """
    result: list[Band] = []
    for word in sorted(words, key=lambda w: w.top + _SHRINK * w.height):
        top = word.top + _SHRINK * word.height
        bottom = word.bottom - _SHRINK * word.height
        if result and top <= result[-1].bottom:
            band = result[-1]
            band.bottom = max(band.bottom, bottom)
            band.words.append(word)
            continue
        result.append(Band(top, bottom, [word]))
    return result


def merge_intervals(intervals: list[tuple[float, float]], gap: float) -> list[tuple[float, float]]:
    """Intervals closer than `gap` joined; sorted, disjoint."""
    merged: list[list[float]] = []
    for lo, hi in sorted(intervals):
        if merged and lo <= merged[-1][1] + gap:
            merged[-1][1] = max(merged[-1][1], hi)
        else:
            merged.append([lo, hi])
    return [(lo, hi) for lo, hi in merged]


@dataclass(slots=True)
class _Run:
    """A column's extent while the boundaries are inferred, and how its words align."""

    lo: float
    hi: float
    left: bool = True  # words share their left edge (text, codes)
    right: bool = True  # words share their right edge (amounts)
    labelled: bool = False  # a header leaf label belongs to it


def _runs(body: list[tuple[float, float]], gap: float) -> list[_Run]:
    runs: list[_Run] = []
    for lo, hi in merge_intervals(body, gap):
        members = [(a, b) for a, b in body if lo <= a and b <= hi]
        spread_left = max(a for a, _ in members) - min(a for a, _ in members)
        spread_right = max(b for _, b in members) - min(b for _, b in members)
        runs.append(
            _Run(lo, hi, spread_left <= spread_right + gap, spread_right <= spread_left + gap)
        )
    return runs


def _fits(run: _Run, runs: list[_Run], centre: float, gap: float) -> bool:
    """Whether a label centred at `centre` can head `run`: the column it implies (the
    run's aligned edge mirrored around the label's centre) holds the run and no other."""
    if run.lo <= centre <= run.hi:
        return True
    if centre > run.hi and run.left:
        lo, hi = run.lo, 2 * centre - run.lo
    elif centre < run.lo and run.right:
        lo, hi = 2 * centre - run.hi, run.hi
    else:
        return False
    return all(other is run or other.hi <= lo + gap or other.lo >= hi - gap for other in runs)


def column_boundaries(
    body: list[tuple[float, float]], leaves: list[tuple[float, float]], gap: float
) -> list[float]:
    """Boundaries between columns (ascending, excluding the outer edges).

    `body` holds the x-extents of the body's words, `leaves` those of the header's leaf
    labels. A column is a maximal run of overlapping extents; a body run holding two or
    more leaf labels separated by whitespace is split between them (the header says
    there are two columns there). A leaf label between runs belongs to the run it is
    centred over (`_owner`); otherwise it is a column of its own, empty in the body.
    The boundary between two columns is the middle of the whitespace separating them.
    """
    runs: list[_Run] = []
    for run in _runs(body, gap):
        inside = merge_intervals(
            [leaf for leaf in leaves if run.lo <= (leaf[0] + leaf[1]) / 2 <= run.hi], 0
        )
        run.labelled = bool(inside)
        if inside:  # a label is part of its column
            run.lo, run.hi = min(run.lo, inside[0][0]), max(run.hi, inside[-1][1])
        if len(inside) < 2:
            runs.append(run)
            continue
        cuts = [(a[1] + b[0]) / 2 for a, b in itertools.pairwise(inside)]
        edges = [run.lo, *cuts, run.hi]
        runs += [_Run(lo, hi, run.left, run.right, True) for lo, hi in itertools.pairwise(edges)]
    # each label heads the nearest run it fits (closest pairs first); the others are
    # columns of their own, empty in every row
    pairs = sorted(
        (max(run.lo - centre, centre - run.hi, 0.0), i, k)
        for i, leaf in enumerate(leaves)
        for k, run in enumerate(runs)
        if not run.labelled and _fits(run, runs, centre := (leaf[0] + leaf[1]) / 2, gap)
    )
    placed: set[int] = {
        i
        for i, leaf in enumerate(leaves)
        if any(run.labelled and run.lo <= (leaf[0] + leaf[1]) / 2 <= run.hi for run in runs)
    }
    for _distance, i, k in pairs:
        if i in placed or runs[k].labelled:
            continue
        runs[k].labelled = True
        placed.add(i)
        runs[k].lo, runs[k].hi = min(runs[k].lo, leaves[i][0]), max(runs[k].hi, leaves[i][1])
    runs += [
        _Run(leaf[0], leaf[1], False, False, True)
        for i, leaf in enumerate(leaves)
        if i not in placed
    ]
    runs.sort(key=lambda run: run.lo)
    columns = merge_intervals([(run.lo, run.hi) for run in runs], 0)
    return [(a[1] + b[0]) / 2 for a, b in itertools.pairwise(columns)]


def column_of(boundaries: list[float], x0: float, x1: float, tolerance: float) -> int | None:
    """The column holding [x0, x1]; None when it crosses a boundary by more than `tolerance`."""
    first = sum(1 for b in boundaries if b <= x0 + tolerance)
    last = sum(1 for b in boundaries if b < x1 - tolerance)
    return first if first == last else None


@dataclass(slots=True)
class _Block:
    """A header label: its lines' words joined, its extent and its depth in the header."""

    words: list[Word]
    x0: float
    top: float
    x1: float
    bottom: float
    depth: int = 0

    @property
    def text(self) -> str:
        lines: list[list[Word]] = []
        for word in sorted(self.words, key=lambda w: (w.cy, w.x0)):
            if lines and abs(word.cy - lines[-1][0].cy) <= 0.25 * word.height:
                lines[-1].append(word)
            else:
                lines.append([word])
        return "\n".join(
            " ".join(w.text for w in sorted(line, key=lambda w: w.x0)) for line in lines
        )


def _header_blocks(words: list[Word]) -> list[_Block]:
    """Header words joined into labels: a wrapped label's lines are stacked and centred."""
    blocks: list[_Block] = []
    for word in sorted(words, key=lambda w: (w.top, w.x0)):
        h = word.height
        for block in blocks:
            below = 0 <= word.top - block.bottom + 0.5 * h <= 0.8 * h
            centre = (word.x0 + word.x1) / 2
            inside = block.x0 - 0.5 * h <= centre <= block.x1 + 0.5 * h
            holds = word.x0 - 0.5 * h <= (block.x0 + block.x1) / 2 <= word.x1 + 0.5 * h
            if below and (inside or holds) and not _two_labels(block.text, word.text):
                block.words.append(word)
                block.x0, block.x1 = min(block.x0, word.x0), max(block.x1, word.x1)
                block.top, block.bottom = min(block.top, word.top), max(block.bottom, word.bottom)
                break
        else:
            blocks.append(_Block([word], word.x0, word.top, word.x1, word.bottom))
    return blocks


def _label_ids(text: str) -> list[str]:
    labels, _ = tokenize(text.replace("\n", ""))
    return [label.id for label in labels]


def _two_labels(upper: str, lower: str) -> bool:
    """Whether two stacked texts are two labels (a group over its child, centred alike)
    rather than the lines of one wrapped label: each alone is one known label, together not."""
    return (
        len(_label_ids(upper)) == 1
        and len(_label_ids(lower)) == 1
        and len(_label_ids(upper + lower)) != 1
    )


def _group_id(block: _Block) -> str | None:
    labels, _ = tokenize(block.text.replace("\n", ""))
    return labels[0].id if len(labels) == 1 and labels[0].id in GROUPS else None


def _span(block: _Block, blocks: list[_Block]) -> tuple[float, float]:
    """How far a label may span: to the nearest labels beside it at the same height."""
    lo, hi = float("-inf"), float("inf")
    for other in blocks:
        if other is block or other.bottom <= block.top or other.top >= block.bottom:
            continue
        if other.x1 <= block.x0:
            lo = max(lo, other.x1)
        elif other.x0 >= block.x1:
            hi = min(hi, other.x0)
    return lo, hi


def _covers(group: _Block, span: tuple[float, float], block: _Block) -> bool:
    """`block` is printed under `group`: below it, within its span, and (when the group is
    a known label) one of its children."""
    h = min(w.height for w in block.words)
    if group.bottom > block.top + 0.1 * h:
        return False
    if not span[0] <= (block.x0 + block.x1) / 2 <= span[1]:
        return False
    parent = _group_id(group)
    if parent is None:
        return True
    labels, _ = tokenize(block.text.replace("\n", ""))
    return bool(labels) and labels[0].id in GROUPS[parent]


Extent = Callable[["_Block"], tuple[float, float]]


def _own(block: _Block) -> tuple[float, float]:
    return block.x0, block.x1


def _off(group: _Block, kept: list[_Block], extent: Extent) -> float:
    """How far the group's centre is from the centre of the columns of `kept`."""
    lo = min(extent(b)[0] for b in kept)
    hi = max(extent(b)[1] for b in kept)
    return abs((lo + hi) / 2 - (group.x0 + group.x1) / 2)


def _centred(group: _Block, covered: list[_Block], extent: Extent) -> list[_Block]:
    """The covered labels trimmed at either end while that centres their columns better
    under the group: a group is printed centred over all its columns, however far from
    each child (Henan-style headers), and a label beside it spanning more rows is not one
    of them. None when the group is not printed over them (it is a label of its own)."""
    centre = (group.x0 + group.x1) / 2
    tolerance = 0.5 * min(w.height for w in group.words)
    kept = list(covered)
    while len(kept) > 1:
        lo = min(extent(b)[0] for b in kept)
        hi = max(extent(b)[1] for b in kept)
        if (lo + hi) / 2 < centre:
            rest = [b for b in kept if extent(b)[0] > lo]
        else:
            rest = [b for b in kept if extent(b)[1] < hi]
        if not rest or _off(group, rest, extent) >= _off(group, kept, extent) - tolerance:
            break
        kept = rest
    if not kept:
        return []
    lo = min(extent(b)[0] for b in kept)
    hi = max(extent(b)[1] for b in kept)
    return kept if lo - tolerance <= centre <= hi + tolerance else []


def _cost(group: _Block, covered: list[_Block], extent: Extent) -> float:
    if not covered:
        return 0.0
    kept = _centred(group, covered, extent)
    return _off(group, kept, extent) if kept else float("inf")


def _share(blocks: list[_Block], covered: list[list[_Block]], extent: Extent) -> None:
    """Labels covered by two groups side by side go to one of them: the split (children
    are contiguous) that centres both groups best over their columns."""
    for i, left in enumerate(blocks):
        beside = [
            j
            for j, b in enumerate(blocks)
            if b.x0 >= left.x1 and b.top < left.bottom and left.top < b.bottom and covered[j]
        ]
        if not covered[i] or not beside:
            continue
        j = min(beside, key=lambda j: blocks[j].x0)
        right = blocks[j]
        contested = sorted(
            (b for b in covered[i] if any(b is c for c in covered[j])), key=lambda b: b.x0
        )
        if not contested:
            continue
        mine = [b for b in covered[i] if not any(b is c for c in contested)]
        theirs = [b for b in covered[j] if not any(b is c for c in contested)]
        cut = min(
            range(len(contested) + 1),
            key=lambda k: _cost(left, mine + contested[:k], extent)
            + _cost(right, contested[k:] + theirs, extent),
        )
        covered[i] = mine + contested[:cut]
        covered[j] = contested[cut:] + theirs


def _kids(blocks: list[_Block], extent: Extent = _own) -> list[set[int]]:
    """For each label, the labels printed under it (its children and their children)."""
    covered = [
        [b for b in blocks if b is not group and _covers(group, _span(group, blocks), b)]
        for group in blocks
    ]
    _share(blocks, covered, extent)
    result: list[set[int]] = []
    for group, mine in zip(blocks, covered, strict=True):
        kept = _centred(group, mine, extent) if mine else []
        result.append({k for k, b in enumerate(blocks) if any(b is c for c in kept)})
    return result


def header_rows(
    words: list[Word], boundaries: list[float], edges: tuple[float, float] | None = None
) -> list[list[str]]:
    """Header cells by column: each label in the leftmost column of its span, one row per
    depth (a label printed under a group is one row deeper), as a ruled header reads."""
    blocks = sorted(_header_blocks(words), key=lambda b: b.top)
    if not blocks:
        return []
    left, right = (
        edges if edges is not None else (min(w.x0 for w in words), max(w.x1 for w in words))
    )
    cuts = [left, *boundaries, right]

    def columns(block: _Block) -> tuple[float, float]:
        lo = sum(1 for b in boundaries if b <= block.x0 + 0.1 * block.words[0].height)
        hi = sum(1 for b in boundaries if b < block.x1 - 0.1 * block.words[0].height)
        return cuts[lo], cuts[hi + 1]

    kids = _kids(blocks, columns)
    children: list[list[int]] = [[] for _ in blocks]
    for i, block in enumerate(blocks):
        parents = [j for j in range(i) if i in kids[j]]
        block.depth = max((blocks[j].depth + 1 for j in parents), default=0)
        for j in parents:
            if blocks[j].depth + 1 == block.depth:
                children[j].append(i)

    def column(x: float) -> int:
        return sum(1 for b in boundaries if b <= x)

    width = len(boundaries) + 1
    height = max(b.depth for b in blocks) + 1
    grid = [[""] * width for _ in range(height)]
    for i, block in enumerate(blocks):
        first = min(
            (column((blocks[k].x0 + blocks[k].x1) / 2) for k in kids[i]),
            default=column((block.x0 + block.x1) / 2),
        )
        cell = grid[block.depth][first]
        grid[block.depth][first] = f"{cell} {block.text}".strip() if cell else block.text
    return grid


def leaf_extents(words: list[Word]) -> list[tuple[float, float]]:
    """The x-extents of the header's leaf labels (no label printed under them)."""
    blocks = sorted(_header_blocks(words), key=lambda b: b.top)
    return [
        (block.x0, block.x1) for block, kids in zip(blocks, _kids(blocks), strict=True) if not kids
    ]


def read_table(words: list[Word], inherited: list[float] | None = None) -> StreamTable | None:
    """A table region's words as rows of cells; None when the region holds no amounts.

    `inherited`: the column boundaries of the table this region continues (a table run
    on to a page without its header), used when the region has no header of its own.
    """
    rows = bands(words)
    start = next(
        (i for i, band in enumerate(rows) if any(is_amount(w.text) for w in band.words)), None
    )
    if start is None:
        return None
    header_words = [w for band in rows[:start] for w in band.words]
    body = rows[start:]
    height = min(w.height for w in words)
    gap = 0.3 * height
    leaves = leaf_extents(header_words)
    extents = [(w.x0, w.x1) for band in body for w in band.words]
    if inherited is not None and not header_words:
        boundaries = inherited
    else:
        boundaries = column_boundaries(extents, leaves, gap)
    width = len(boundaries) + 1
    left = min(w.x0 for w in words)
    right = max(w.x1 for w in words)
    result = StreamTable([], boundaries)
    if header_words:
        top = min(w.top for w in header_words)
        bottom = max(w.bottom for w in header_words)
        for cells in header_rows(header_words, boundaries, (left, right)):
            result.rows.append((cells, (left, top, right, bottom)))
    for band in body:
        cells_words: list[list[Word]] = [[] for _ in range(width)]
        for word in band.words:
            column = column_of(boundaries, word.x0, word.x1, 0.1 * word.height)
            if column is None:
                result.unplaced.append(word.text)
                continue
            cells_words[column].append(word)
        cells = [_Block(ws, 0, 0, 0, 0).text if ws else "" for ws in cells_words]
        top = min(w.top for w in band.words)
        bottom = max(w.bottom for w in band.words)
        result.rows.append((cells, (left, top, right, bottom)))
    return result
