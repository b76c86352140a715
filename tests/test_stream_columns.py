"""Column boundaries of tables without ruling lines, inferred from word geometry."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cnbudget.readers.stream import Word, column_boundaries, column_of, read_table

PAD = 4.5  # points of padding inside a cell, as templates print
GAP = 2.7


@st.composite
def layouts(
    draw: st.DrawFn,
) -> tuple[list[tuple[float, float]], list[list[tuple[float, float]]], list[tuple[float, float]]]:
    """Cells (left, right), the body words of each column and each column's header label.

    Text columns hold left-aligned words, amount columns right-aligned ones; a column may
    be empty in every row (only its label says it is there); labels are centred. Words
    of one column differ in width, so that their alignment shows."""
    count = draw(st.integers(2, 9))
    cells: list[tuple[float, float]] = []
    words: list[list[tuple[float, float]]] = []
    labels: list[tuple[float, float]] = []
    x = 40.0
    for _ in range(count):
        width = draw(st.floats(30, 120))
        left, right = x, x + width
        inner = width - 2 * PAD
        label = draw(st.floats(min(8.0, inner), inner))
        centre = (left + right) / 2
        labels.append((centre - label / 2, centre + label / 2))
        aligned = draw(st.sampled_from(["left", "right", "empty"]))
        column: list[tuple[float, float]] = []
        if aligned != "empty":
            # widths differing by more than the gap: the alignment shows
            steps = draw(
                st.lists(st.integers(1, int(inner // 6)), min_size=2, max_size=8, unique=True)
            )
            for size in (6.0 * step for step in steps):
                if aligned == "left":
                    column.append((left + PAD, left + PAD + size))
                else:
                    column.append((right - PAD - size, right - PAD))
        cells.append((left, right))
        words.append(column)
        x = right
    return cells, words, labels


@settings(max_examples=200, derandomize=True, deadline=None)
@given(layouts())
def test_boundaries_separate_every_column(
    layout: tuple[
        list[tuple[float, float]], list[list[tuple[float, float]]], list[tuple[float, float]]
    ],
) -> None:
    cells, words, labels = layout
    body = [extent for column in words for extent in column]
    boundaries = column_boundaries(body, labels, GAP)
    assert len(boundaries) == len(cells) - 1
    for k, column in enumerate(words):
        for x0, x1 in column:
            assert column_of(boundaries, x0, x1, 0.5) == k
        assert column_of(boundaries, *labels[k], 0.5) == k


def _word(text: str, x0: float, top: float, size: float = 9.0) -> Word:
    return Word(
        text, x0, top, x0 + size * len(text) * (0.55 if text[0].isdigit() else 1), top + size
    )


def test_a_wrapped_name_stays_in_its_row_and_empty_columns_keep_their_place() -> None:
    words = [
        _word("科目名称", 60, 100),
        _word("合计", 200, 100),
        _word("基本支出", 260, 100),
        _word("项目支出", 330, 100),
        _word("一般公共服务", 50, 114),
        _word("1,234.50", 200, 119),
        _word("1,234.50", 330, 119),
        _word("支出", 50, 124),
        _word("合计", 50, 140),
        _word("1,234.50", 200, 140),
        _word("1,234.50", 330, 140),
    ]
    table = read_table(words)
    assert table is not None
    assert [cells for cells, _box in table.rows] == [
        ["科目名称", "合计", "基本支出", "项目支出"],
        ["一般公共服务\n支出", "1,234.50", "", "1,234.50"],
        ["合计", "1,234.50", "", "1,234.50"],
    ]
