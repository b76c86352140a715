"""The parser against the synthetic generator: consistent budgets in the five layouts.

`CNBUDGET_SYNTH_DOCS` raises the number of documents per layout (the benchmark
`bench/synthetic_accuracy.py` runs 1,000 per layout).
"""

from __future__ import annotations

import os
import re
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cnbudget.facts import facts
from cnbudget.pipeline import parse_text
from cnbudget.synthetic import LAYOUTS, generate

DOCS = int(os.environ.get("CNBUDGET_SYNTH_DOCS", "25"))

Key = tuple[str, str, str]


def compare(seed: int, layout: str) -> tuple[int, int, list[Key], list[str]]:
    """(expected, recovered, wrong or extra keys, emitted amounts not printed)."""
    document = generate(seed, layout)
    expected: dict[Key, Decimal | str] = {
        (f.table, f.row_code, f.column): f.value for f in document.facts
    }
    parsed = parse_text(document.text, f"{layout}-{seed}")
    printed = set(re.findall(r"-?[\d,]*\d\.\d+", document.text))
    printed = {p.replace(",", "") for p in printed}
    got: dict[Key, Decimal | str] = {}
    invented: list[str] = []
    for fact in facts(parsed):
        value: Decimal | str = fact.value
        got[(fact.table, fact.row_code, fact.column)] = value
        if isinstance(value, Decimal) and fact.text not in printed:
            invented.append(fact.text)
    recovered = sum(1 for k, v in expected.items() if got.get(k) == v)
    wrong = [k for k, v in got.items() if expected.get(k) != v]
    return len(expected), recovered, wrong, invented


@pytest.mark.parametrize("layout", LAYOUTS)
def test_recovers_facts_exactly(layout: str) -> None:
    total = recovered = extra = 0
    for seed in range(DOCS):
        n, ok, wrong, invented = compare(seed, layout)
        assert not invented, (seed, invented[:5])
        total, recovered, extra = total + n, recovered + ok, extra + len(wrong)
    assert recovered / total >= 0.999, f"{layout}: {recovered}/{total}"
    assert extra / total <= 0.001, f"{layout}: {extra} wrong or extra facts"


@settings(max_examples=30, deadline=None, derandomize=True)
@given(seed=st.integers(min_value=0, max_value=2**31 - 1), layout=st.sampled_from(LAYOUTS))
def test_never_invents_numbers(seed: int, layout: str) -> None:
    n, ok, _wrong, invented = compare(seed, layout)
    assert not invented
    assert ok / n >= 0.97
