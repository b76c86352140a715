"""Spreadsheet bounds checked before openpyxl loads a workbook (it keeps every cell in
memory): cells counted in the sheet XML, zip bombs refused from the package directory."""

from __future__ import annotations

import dataclasses

import pytest

from cnbudget.errors import MAX_REASON, InputError
from cnbudget.readers import Limits, read_data

from . import hostile


def test_huge_sheet_is_refused_before_loading() -> None:
    data = hostile.huge_sheet(12_000)  # 120,000 cells in 300 kB
    with pytest.raises(InputError) as info:
        read_data(data, "大表.xlsx", Limits())
    assert "表格单元格过多（超过 100000 个）" in info.value.reason
    assert len(info.value.reason) <= MAX_REASON


def test_cell_count_survives_chunk_boundaries() -> None:
    data = hostile.huge_sheet(30_000, columns=2)  # the sheet XML spans several chunks
    small = dataclasses.replace(Limits(), max_cells=59_999)
    with pytest.raises(InputError, match="单元格过多"):
        read_data(data, "大表.xlsx", small)
    exact = dataclasses.replace(Limits(), max_cells=60_000, max_seconds=600)
    from cnbudget.readers.xlsx import _count_cells

    _count_cells(data, "大表.xlsx", exact)  # exactly at the limit: not refused


@pytest.mark.parametrize("kind", ["xlsx", "docx"])
def test_zip_bomb_members(kind: str) -> None:
    data = hostile.zip_bomb(kind, megabytes=64)
    with pytest.raises(InputError) as info:
        read_data(data, f"炸弹.{kind}", Limits())
    assert "压缩炸弹" in info.value.reason or "解压后过大" in info.value.reason
