"""No silent damage: a cut file, a file whose tables yield no amount, and other losses are
named (a notice, or a one-line error) instead of parsing quietly into fewer facts."""

from __future__ import annotations

import re

import pytest

from cnbudget.errors import InputError
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
