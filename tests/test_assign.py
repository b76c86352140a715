"""Column assignment of one row and the vertical resolution, tested alone."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from cnbudget.tables.assign import best, candidates, identities_for
from cnbudget.tables.resolve import RowChoice, resolve

D = Decimal
GENERAL_EXPENDITURE = ["total", "basic", "basic.personnel", "basic.public", "project"]


def test_identities_follow_the_keys() -> None:
    ids = identities_for(GENERAL_EXPENDITURE)
    pairs = {(i.parent, i.children) for i in ids}
    assert (0, (1, 4)) in pairs  # 合计 = 基本 + 项目
    assert (1, (2, 3)) in pairs  # 基本 = 人员 + 公用


def test_income_identities_flatten_missing_subtotals() -> None:
    keys = ["total", "fiscal.general", "fiscal.gov_fund", "carryover"]
    ids = identities_for(keys)
    assert {(i.parent, i.children) for i in ids} == {(0, (1, 2, 3))}


def test_row_arithmetic_decides() -> None:
    values = [D("19401.26"), D("653.89"), D("614.38"), D("39.51"), D("18747.37")]
    found = best(candidates(values, 5, identities_for(GENERAL_EXPENDITURE)))
    assert [c.columns for c in found] == [(0, 1, 2, 3, 4)]
    values = [D("545.98"), D("30.98"), D("30.98"), D("515.00")]
    found = best(candidates(values, 5, identities_for(GENERAL_EXPENDITURE)))
    assert sorted(c.columns for c in found) == [(0, 1, 2, 4), (0, 1, 3, 4)]  # 人员 or 公用


def test_rounding_interval() -> None:
    # 855.69 + 43.48 = 899.17 is printed 899.16: inside the rounding intervals
    keys = ["total", "basic.personnel", "basic.public"]
    tree_keys = ["basic", "basic.personnel", "basic.public"]
    values = [D("899.16"), D("855.69"), D("43.48")]
    found = candidates(values, 3, identities_for(tree_keys))
    assert found[0].violated == 0
    del keys


def test_evidence_breaks_ties() -> None:
    keys = ["total", "basic", "project", "carry_forward"]
    ids = identities_for(keys)
    values = [D("19401.26"), D("653.89"), D("18747.37")]
    ambiguous = best(candidates(values, 4, ids))
    assert len(ambiguous) == 3
    decided = best(candidates(values, 4, ids, penalised=frozenset({3})))
    assert [c.columns for c in decided] == [(0, 1, 2)]


def test_vertical_resolution() -> None:
    keys = ["total", "basic", "project"]
    ids = identities_for(keys)

    def choice(*numbers: str) -> RowChoice:
        values = [D(n) for n in numbers]
        return RowChoice(values, best(candidates(values, 3, ids)))

    parent = choice("545.98", "30.98", "515.00")
    first = choice("281.98", "30.98", "251.00")
    second = choice("264.00", "264.00")
    assert second.ambiguous
    choices = [parent, first, second]
    resolve(choices, {0: [1, 2]})
    assert second.options[second.pick].columns == (0, 2)
    assert second.reason == "vertical"


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.integers(min_value=0, max_value=10**7), min_size=4, max_size=4),
    st.lists(st.booleans(), min_size=4, max_size=4),
)
def test_true_assignment_is_a_candidate(cents: list[int], keep: list[bool]) -> None:
    """A consistent row with empty cells dropped always has its truth among the candidates."""
    personnel, public, operating, specific = (
        D(c).scaleb(-2) if k else D(0) for c, k in zip(cents, keep, strict=True)
    )
    keys = [
        "total",
        "basic",
        "basic.personnel",
        "basic.public",
        "project",
        "project.operating",
        "project.specific",
    ]
    row = {
        0: personnel + public + operating + specific,
        1: personnel + public,
        2: personnel,
        3: public,
        4: operating + specific,
        5: operating,
        6: specific,
    }
    printed = {i: v for i, v in row.items() if v != 0}
    columns = tuple(sorted(printed))
    values = [printed[i] for i in columns]
    found = candidates(values, len(keys), identities_for(keys))
    assert all(c.violated == 0 for c in found)
    assert columns in {c.columns for c in found}
