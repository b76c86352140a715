"""Mutation tests: change one printed amount of a consistent synthetic document and an
error-level finding must appear; unmutated documents raise none."""

from __future__ import annotations

import os
import random
import re
from decimal import Decimal

import pytest

from cnbudget.pipeline import parse_text
from cnbudget.synthetic import LAYOUTS, generate
from cnbudget.validate import check

DOCS = int(os.environ.get("CNBUDGET_MUTATION_DOCS", "20"))
AMOUNT = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})*\.\d{2}(?!\d)")


def mutate(text: str, seed: int) -> str:
    """Add 10.00 to one printed amount chosen at random (same printed style)."""
    spots = list(AMOUNT.finditer(text))
    spot = random.Random(seed).choice(spots)
    new = Decimal(spot.group(0).replace(",", "")) + Decimal("10.00")
    printed = f"{new:,.2f}" if "," in text[spot.start() - 12 : spot.end() + 12] else f"{new:.2f}"
    return text[: spot.start()] + printed + text[spot.end() :]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_no_error_on_consistent_documents(layout: str) -> None:
    for seed in range(DOCS):
        report = check(parse_text(generate(seed, layout).text))
        errors = [f.message for f in report.findings if f.severity == "error"]
        assert not errors, (seed, errors[:3])


@pytest.mark.parametrize("layout", LAYOUTS)
def test_changed_amount_is_detected(layout: str) -> None:
    detected = 0
    for seed in range(DOCS):
        report = check(parse_text(mutate(generate(seed, layout).text, seed)))
        detected += any(f.severity == "error" for f in report.findings)
    assert detected / DOCS >= 0.95, f"{layout}: {detected}/{DOCS}"
