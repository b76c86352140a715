"""No silent damage: a cut file, a file whose tables yield no amount, and other losses are
named (a notice, or a one-line error) instead of parsing quietly into fewer facts."""

from __future__ import annotations

import re

import pytest

from cnbudget.errors import InputError
from cnbudget.facts import facts
from cnbudget.model import Document
from cnbudget.pipeline import parse_source
from cnbudget.readers import read_data

from .conftest import CORPUS, SAMPLES

TEXT = (CORPUS / f"{SAMPLES[1]}.txt").read_text(encoding="utf-8")


def test_text_cut_inside_a_character_is_read_with_a_notice() -> None:
    data = TEXT.encode()
    cut = data[: len(data) // 2]
    while cut[-1] < 0x80:  # end inside a multi-byte character
        cut = cut[:-1]
    cut = cut[:-1]
    document = parse_source(read_data(cut, "截断.txt"))
    assert any("截断" in notice.message for notice in document.notices)


def test_tables_without_any_amount_are_an_error() -> None:
    lines = TEXT.splitlines()
    first = next(i for i, line in enumerate(lines) if re.search(r"收支总(体情况)?表$", line))
    header_only = "\n".join(lines[:2] + lines[first : first + 8] + [""])
    assert not re.search(r"\d+\.\d\d", "\n".join(lines[first : first + 8]))
    with pytest.raises(InputError, match="未能从文件中读出任何预算表数据"):
        parse_source(read_data(header_only.encode(), "只有表头.txt"))


AMOUNT = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})*\.\d\d(?!\d)|(?<![\d.,])\d+\.\d\d(?!\d)")


def _swap_first_two(line: str) -> str:
    found = list(AMOUNT.finditer(line))
    a, b = found[0], found[1]
    assert a.group() != b.group()
    return line[: a.start()] + b.group() + line[a.end() : b.start()] + a.group() + line[b.end() :]


@pytest.mark.parametrize("name", [SAMPLES[i] for i in (1, 2, 4)])
def test_swapped_total_row_does_not_move_its_children(name: str) -> None:
    """Two amounts traded in the 合计 row of the 一般公共预算基本支出表 once re-assigned
    every 商品和服务支出 row to 人员经费 with no notice."""
    text = (CORPUS / f"{name}.txt").read_text(encoding="utf-8")
    lines = text.split("\n")
    title = next(
        i for i, line in enumerate(lines) if re.fullmatch(r"一般公共预算基本支出(情况)?表", line)
    )
    total = next(
        i
        for i in range(title, len(lines))
        if re.match(r"\s*合\s*计", lines[i]) and len(AMOUNT.findall(lines[i])) >= 3
    )
    mutated = "\n".join([*lines[:total], _swap_first_two(lines[total]), *lines[total + 1 :]])

    def cells(document: Document) -> dict[tuple[str, str, str], str]:
        return {
            (f.table, f.row_code, f.column): str(f.value)
            for f in facts(document)
            if f.line != total + 1
        }

    original = parse_source(read_data(text.encode(), name))
    document = parse_source(read_data(mutated.encode(), name))
    assert cells(document) == cells(original)
    swapped = [n for n in document.notices if n.code == "column-swapped"]
    assert [n.line for n in swapped] == [total + 1]
    row = next(f for f in facts(document) if f.line == total + 1)
    assert row.confidence <= 0.5


def test_formulas_without_cached_values_are_named() -> None:
    import io

    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "收支总表"
    sheet.append(["收支总表"])
    sheet.append(["项目", "金额"])
    sheet.append(["一般公共预算拨款收入", 100.5])
    sheet.append(["政府性基金预算拨款收入", 20.25])
    sheet.append(["合计", "=B3+B4"])
    buffer = io.BytesIO()
    book.save(buffer)
    source = read_data(buffer.getvalue(), "公式.xlsx")
    assert any("1 个公式单元格没有保存计算结果（B5）" in n for n in source.notices)
