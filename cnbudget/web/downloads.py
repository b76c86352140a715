"""Comparison downloads: CSV (UTF-8 with BOM for Excel) and XLSX, exact amounts."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from openpyxl import Workbook

from cnbudget.formulas import csv_row, text_cell
from cnbudget.model import format_decimal
from cnbudget.web.library import CompareGroup, Measure

HEADER = (
    "排名",
    "文件编号",
    "单位",
    "年度",
    "地区",
    "项目",
    "指标",
    "数值",
    "单位（计量）",
    "说明",
)


def _rows(chosen: Measure, groups: list[CompareGroup]) -> list[tuple[object, ...]]:
    """Rows ranked within their group (same unit and year: values that can be compared)."""
    return [
        (
            rank,
            r.document,
            r.department or "",
            r.year or "",
            r.region or "",
            r.label,
            chosen.name,
            r.value,
            group.unit,
            r.detail,
        )
        for group in groups
        for rank, r in enumerate(group.rows, 1)
    ]


def csv_bytes(chosen: Measure, groups: list[CompareGroup]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADER)
    for row in _rows(chosen, groups):
        writer.writerow(csv_row(format_decimal(v) if isinstance(v, Decimal) else v for v in row))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def xlsx_bytes(chosen: Measure, groups: list[CompareGroup]) -> bytes:
    workbook = Workbook(write_only=True)  # streamed: fast for 10,000 rows
    sheet = workbook.create_sheet("比较")
    sheet.append(list(HEADER))
    for row in _rows(chosen, groups):
        sheet.append([text_cell(sheet, v) for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
