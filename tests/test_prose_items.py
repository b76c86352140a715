"""Item-level prose (each class's / 项's amount and share, 财政拨款收支总计) against tables."""

from __future__ import annotations

import pytest

from cnbudget.model import Cell
from cnbudget.prose.items import scope_at
from cnbudget.validate import check
from tests.prose_mutation import findings, mutated

HANGZHOU = "hangzhou-meteorology-2026-budget-dept.pdf"


@pytest.mark.parametrize(
    ("lead", "scope"),
    [
        ("2.一般公共预算当年拨款结构情况。", "general"),
        (
            "（二）一般公共预算财政拨款支出决算结构情况一般公共预算财政拨款支出9746.50万元，主要用于：",
            "general",
        ),
        ("（二）财政拨款支出决算结构情况本局财政拨款支出13733.8万元，主要用于以下方面：", "fiscal"),
        ("（二）支出决算具体情况1.", "all"),
        ("（六）政府性基金预算当年拨款情况说明2.政府性基金预算当年拨款结构情况。", "gov_fund"),
        ("（二）主要用途如下：", None),  # no scope named: no fact, never a guess
    ],
)
def test_scope_is_the_last_scope_phrase_of_the_lead(lead: str, scope: str | None) -> None:
    text = lead + "科学技术（类）支出28.00万元，占0.5%。"
    assert scope_at(text, len(lead)) == scope


def test_real_document_items_are_read_with_scope_and_code() -> None:
    cells = mutated(HANGZHOU).table("narrative").rows[0].cells  # type: ignore[union-attr]
    assert cells["items.general.206"].text == "28.00"
    assert str(cells["items.general.208.share"].value) == "6.9"
    assert cells["items.general.2200509"].text == "1,980.00"
    assert cells["fiscal_total"].text == "5,753.07"
    assert not findings(mutated(HANGZHOU), "NARRATIVE-")


def test_a_changed_class_amount_is_an_error_on_that_item() -> None:
    document = mutated(HANGZHOU, "支出 28.00 万元，占", "支出 82.00 万元，占")
    assert ("NARRATIVE-ITEM-AMOUNT", "error", "items.general.206") in findings(
        document, "NARRATIVE-"
    )


def test_a_changed_item_amount_is_an_error() -> None:
    document = mutated(HANGZHOU, "气象服务（项）1,980.00", "气象服务（项）1,908.00")
    assert findings(document, "NARRATIVE-ITEM") == [
        ("NARRATIVE-ITEM-AMOUNT", "error", "items.general.2200509")
    ]


def test_a_changed_share_is_an_error_and_an_adjusted_last_digit_a_hint() -> None:
    document = mutated(HANGZHOU, "占 6.9%", "占 9.6%")
    assert findings(document, "NARRATIVE-ITEM") == [
        ("NARRATIVE-ITEM-SHARE", "error", "items.general.208.share")
    ]
    document = mutated(HANGZHOU, "占 6.9%", "占 6.8%")
    assert findings(document, "NARRATIVE-ITEM") == [
        ("NARRATIVE-ITEM-SHARE", "info", "items.general.208.share")
    ]


def test_a_changed_fiscal_total_is_an_error() -> None:
    document = mutated(HANGZHOU, "收支总预算 5,753.07", "收支总预算 5,735.07")
    assert findings(document, "NARRATIVE-") == [("NARRATIVE-FISCAL-TOTAL", "error", "fiscal_total")]


def test_real_defects_in_item_prose() -> None:
    # 上海普陀区财政局: “职业年金缴费支出（项）”887.36万元, the table prints 873,617 元; the
    # other items are truncated (87.70 for 877,080 元): hints
    found = findings(mutated("shanghai-putuo-finance-2025-budget-dept.pdf"), "NARRATIVE-")
    assert ("NARRATIVE-ITEM-AMOUNT", "error", "items.fiscal.2080506") in found
    assert sorted(s for r, s, c in found if c != "items.fiscal.2080506") == ["info"] * 4
    # 国家信访局 2026: 财政拨款收支总预算18,728.91万元 = 16,474.82 + 2,254.12 = 18,728.94
    found = findings(mutated("central-state-petition-bureau-2026-budget-dept.pdf"), "NARRATIVE-")
    assert ("NARRATIVE-FISCAL-TOTAL", "error", "fiscal_total") in found
    assert not [f for f in found if f[0].startswith("NARRATIVE-ITEM")]


def test_an_item_without_a_table_row_is_not_judged() -> None:
    document = mutated(HANGZHOU)
    row = document.table("narrative").rows[0]  # type: ignore[union-attr]
    row.cells["items.general.2299999"] = Cell("items.general.2299999", "5.00", None)
    assert not [f for f in check(document).findings if f.rule.startswith("NARRATIVE-")]
