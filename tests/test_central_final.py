"""The central 决算 template (国家信访局 2024 部门决算): 行次 columns, 年初/年末结转和结余,
side-by-side code groups in the 基本支出决算表, a “三公” table in 预算数 | 决算数 groups."""

from __future__ import annotations

from decimal import Decimal

import pytest

from cnbudget.facts import facts
from cnbudget.model import Document
from cnbudget.pipeline import parse_file

from .conftest import REAL_CORPUS


@pytest.fixture(scope="module")
def final() -> Document:
    return parse_file(REAL_CORPUS / "central-state-petition-bureau-2024-final-dept.pdf")


def values(document: Document, table: str) -> dict[tuple[str, str], Decimal]:
    return {
        (f.row_code, f.column): f.value
        for f in facts(document)
        if f.table == table and f.value is not None
    }


def test_row_numbers_are_not_amounts(final: Document) -> None:
    summary = values(final, "summary")
    assert summary[("income.general", "amount")] == Decimal("19572.91")
    assert summary[("income.carryover", "amount")] == Decimal("1615.24")
    assert summary[("expenditure.carry_forward", "amount")] == Decimal("7494.06")
    assert summary[("income.grand_total", "amount")] == Decimal("22066.59")
    assert summary[("expenditure.grand_total", "amount")] == Decimal("22066.59")
    assert summary[("221", "amount")] == Decimal("980.85")
    fiscal = values(final, "fiscal_summary")
    assert fiscal[("expenditure.carry_forward", "fiscal.general")] == Decimal("6993.74")
    assert fiscal[("income.carryover.general", "amount")] == Decimal("1154.62")
    # no 行次 number became an amount
    assert not any(v in (Decimal(27), Decimal(58), Decimal(62)) for v in summary.values())


def test_side_by_side_code_groups(final: Document) -> None:
    basic = values(final, "general_basic")
    assert basic[("301", "total")] == Decimal("6982.75")
    assert basic[("302", "total")] == Decimal("2239.41")
    assert basic[("310", "total")] == Decimal("27.24")
    assert basic[("31099", "total")] == Decimal("2.58")
    assert basic[("total", "basic.personnel")] == Decimal("7967.72")
    assert basic[("total", "basic.public")] == Decimal("2266.65")
    assert len(basic) == 42
    assert not [n for n in final.notices if n.table == "general_basic"]


def test_three_public_budget_and_final_groups(final: Document) -> None:
    three = values(final, "three_public")
    assert three == {
        ("total", "budget_initial"): Decimal("76.43"),
        ("total", "final"): Decimal("46.21"),
        ("overseas", "budget_initial"): Decimal("30.00"),
        ("overseas", "final"): Decimal("4.69"),
        ("vehicles", "budget_initial"): Decimal("40.63"),
        ("vehicles", "final"): Decimal("40.61"),
        ("vehicles.operation", "budget_initial"): Decimal("40.63"),
        ("vehicles.operation", "final"): Decimal("40.61"),
        ("reception", "budget_initial"): Decimal("5.80"),
        ("reception", "final"): Decimal("0.90"),
    }
