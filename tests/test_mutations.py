"""Mutation tests: change one printed amount or delete one printed row of a consistent
synthetic document and an error-level finding must appear; unmutated documents raise none.

`bench/mutation_rate.py` runs the same over 1,000+ documents (issue 3: ≥ 99% found)."""

from __future__ import annotations

import os

import pytest

from cnbudget.pipeline import parse_text
from cnbudget.synthetic import LAYOUTS, generate
from cnbudget.synthetic.mutate import change_amount, delete_row, mutate
from cnbudget.validate import check

DOCS = int(os.environ.get("CNBUDGET_MUTATION_DOCS", "20"))


@pytest.mark.parametrize("layout", LAYOUTS)
def test_no_error_on_consistent_documents(layout: str) -> None:
    for seed in range(DOCS):
        report = check(parse_text(generate(seed, layout).text))
        errors = [f.message for f in report.findings if f.severity == "error"]
        assert not errors, (seed, errors[:3])


def test_mutations_are_detected() -> None:
    missed = []
    total = 0
    for layout in LAYOUTS:
        for seed in range(DOCS):
            mutation = mutate(generate(seed, layout).text, seed)
            if mutation.equivalent:
                continue  # deleting a line printed twice changes nothing
            total += 1
            report = check(parse_text(mutation.text))
            if not any(f.severity == "error" for f in report.findings):
                missed.append((layout, seed, mutation.kind, mutation.before))
    assert (total - len(missed)) / total >= 0.99, missed


def test_mutation_helpers_touch_one_line() -> None:
    text = generate(3, "weihai").text
    changed = change_amount(text, 3)
    lines, new = text.split("\n"), changed.text.split("\n")
    assert [i for i, (a, b) in enumerate(zip(lines, new, strict=True)) if a != b] == [
        changed.line - 1
    ]
    deleted = delete_row(text, 3)
    assert len(deleted.text.split("\n")) == len(lines) - 1
    assert lines[deleted.line - 1] == deleted.before
