"""Metadata of the 28 real PDFs, as read from their cover pages by hand.

Year, department, 预算/决算 and 部门/单位 come from the cover, titles and headers; the
file name is not used. The first pages carry all of it (cover, 目录, first tables), so
each PDF is cut to its first 12 pages with pypdfium2 to keep the test fast.
"""

from __future__ import annotations

import io

import pypdfium2 as pdfium
import pytest

from cnbudget.layout.sections import split
from cnbudget.metadata import extract
from cnbudget.model import Metadata
from cnbudget.readers import read_data

from .conftest import REAL_CORPUS

# file stem: (year, department as printed on the cover, 预算/决算, 部门/单位)
EXPECTED: dict[str, tuple[int, str, str, str]] = {
    "central-state-petition-bureau-2024-final-dept": (2024, "国家信访局", "决算", "部门"),
    "central-state-petition-bureau-2026-budget-dept": (2026, "国家信访局", "预算", "部门"),
    "changsha-petition-2026-budget-dept": (2026, "长沙市信访局", "预算", "部门"),
    "foshan-rail-transit-2019-final-dept": (2019, "佛山市轨道交通局", "决算", "部门"),
    "fuzhou-commerce-2026-budget-dept": (2026, "福州市商务局", "预算", "部门"),
    "guangzhou-commerce-2026-budget-dept": (2026, "广州市商务局", "预算", "部门"),
    "guangzhou-health-commission-2026-budget-dept": (2026, "广州市卫生健康委员会", "预算", "部门"),
    "guangzhou-meteorology-2026-budget-dept": (2026, "广州市气象局", "预算", "部门"),
    "guangzhou-petition-2026-budget-dept": (2026, "广州市信访局", "预算", "部门"),
    "hangzhou-meteorology-2026-budget-dept": (2026, "杭州市气象局", "预算", "部门"),
    "huzhou-health-commission-2026-budget-dept": (2026, "湖州市卫生健康委员会", "预算", "部门"),
    "huzhou-veterans-affairs-2026-budget-dept": (2026, "湖州市退役军人事务局", "预算", "部门"),
    "quanzhou-government-office-2026-budget-dept": (2026, "泉州市人民政府办公室", "预算", "部门"),
    "quanzhou-government-office-2026-budget-unit": (
        2026, "泉州市人民政府办公室（本级）", "预算", "单位"
    ),
    "shanghai-putuo-finance-2025-budget-dept": (2025, "上海市普陀区财政局", "预算", "部门"),
    "shanghai-putuo-justice-2026-budget-dept": (2026, "上海市普陀区司法局", "预算", "部门"),
    "shanghai-putuo-justice-2026-budget-unit": (2026, "上海市普陀区司法局", "预算", "单位"),
    "shanghai-putuo-planning-resources-2024-final-dept": (
        2024, "上海市普陀区规划和自然资源局", "决算", "部门"
    ),
    "shanghai-putuo-social-work-2024-final-dept": (
        2024, "中共上海市普陀区委社会工作部", "决算", "部门"
    ),
    "shanghai-putuo-wanli-2023-budget-dept": (
        2023, "上海市普陀区人民政府万里街道办事处", "预算", "部门"
    ),
    "shanghai-putuo-wanli-2024-budget-dept": (
        2024, "上海市普陀区人民政府万里街道办事处", "预算", "部门"
    ),
    "shanghai-putuo-wanli-2025-budget-dept": (
        2025, "上海市普陀区人民政府万里街道办事处", "预算", "部门"
    ),
    "shanghai-putuo-welfare-home-2024-budget-unit": (2024, "上海市普陀区社会福利院", "预算", "单位"),
    "shenzhen-health-commission-2026-budget-dept": (
        2026, "深圳市卫生健康委员会（本级）", "预算", "部门"
    ),
    "shenzhen-medical-insurance-2026-budget-dept": (2026, "深圳市医疗保障局（本级）", "预算", "部门"),
    "shenzhen-petition-2026-budget-dept": (2026, "深圳市信访局", "预算", "部门"),
    "shenzhen-water-2026-budget-dept": (2026, "深圳市水务局", "预算", "部门"),
    "zhuhai-commerce-2026-budget-dept": (2026, "珠海市商务局", "预算", "部门"),
}  # fmt: skip


def first_pages(data: bytes, count: int) -> bytes:
    """A new PDF made of the first `count` pages of `data`."""
    source = pdfium.PdfDocument(data)
    target = pdfium.PdfDocument.new()
    target.import_pages(source, list(range(min(count, len(source)))))
    buffer = io.BytesIO()
    target.save(buffer)
    return buffer.getvalue()


def metadata_of(name: str) -> Metadata:
    data = first_pages((REAL_CORPUS / f"{name}.pdf").read_bytes(), 12)
    source = read_data(data, f"{name}.pdf")
    return extract(source.lines, split(source.lines))


def test_every_real_pdf_is_listed() -> None:
    assert sorted(p.stem for p in REAL_CORPUS.glob("*.pdf")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_real_metadata(name: str) -> None:
    meta = metadata_of(name)
    assert (meta.year, meta.department, meta.kind, meta.scope) == EXPECTED[name]
