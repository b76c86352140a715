"""Every printed number points to the source line it is printed on (Cell.line / Fact.line)."""

from __future__ import annotations

from pathlib import Path

import pytest

from cnbudget.facts import facts
from cnbudget.pipeline import parse_file, parse_text
from cnbudget.readers import read_file
from cnbudget.readers.text import read_bytes
from cnbudget.synthetic import LAYOUTS, generate

PROSE_TABLES = {"narrative", "performance", "dept_performance"}


def _misplaced(document_facts: list, lines: dict[int, str]) -> list:
    return [
        fact
        for fact in document_facts
        if not isinstance(fact.value, str)
        and fact.table not in PROSE_TABLES
        and fact.text.replace(",", "") not in lines.get(fact.line, "").replace(",", "")
    ]


def test_sample_numbers_point_to_their_own_line(sample: Path) -> None:
    document = parse_file(sample)
    lines = {line.number: line.text for line in read_file(sample).lines}
    found = list(facts(document))
    assert not _misplaced(found, lines)
    # wrapped layouts really print numbers below their row's first line
    moved = sum(1 for t in document.tables for r in t.rows for c in r.cells.values() if c.line)
    if "fengrun" in sample.name or "jiyuan" in sample.name:
        assert moved > 50


@pytest.mark.parametrize("layout", LAYOUTS)
def test_synthetic_numbers_point_to_their_own_line(layout: str) -> None:
    for seed in range(15):
        text = generate(seed, layout).text
        lines = {line.number: line.text for line in read_bytes(text.encode("utf-8")).lines}
        assert not _misplaced(list(facts(parse_text(text))), lines), (layout, seed)
