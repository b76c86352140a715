"""Real published PDFs against hand-verified expected facts (exact, nothing extra).

Each `tests/expected/real/<name>.facts.csv` was made by reading the rendered pages of
`tests/corpus/real/<name>.pdf` (see `tests/expected/real/README.md` for how); the
parser must reproduce its table facts exactly: no fact missing, none wrong, none extra.
Prose, performance-target and department-target facts are not part of these files.
"""

from __future__ import annotations

import pytest

from cnbudget.facts import facts, value_text
from cnbudget.pipeline import parse_file

from .conftest import REAL_CORPUS, REAL_EXPECTED
from .test_samples import _value, assert_same_facts, load_expected

REAL = sorted(p.name.removesuffix(".facts.csv") for p in REAL_EXPECTED.glob("*.facts.csv"))
PROSE_TABLES = {"narrative", "performance", "dept_performance"}


@pytest.mark.parametrize("name", REAL)
def test_real_facts_match_expected(name: str) -> None:
    expected = load_expected(REAL_EXPECTED / f"{name}.facts.csv")
    assert len(expected) >= 100, "a hand-verified file covers every table: 100 facts or more"
    document = parse_file(REAL_CORPUS / f"{name}.pdf")
    got = {
        (f.table, f.row_code, f.row_name, f.column): _value(value_text(f))
        for f in facts(document)
        if f.table not in PROSE_TABLES
    }
    assert_same_facts(expected, got)


def test_real_expected_have_their_pdf() -> None:
    # the bar: at least 8 hand-verified real documents
    assert len(REAL) >= 8
    for name in REAL:
        assert (REAL_CORPUS / f"{name}.pdf").is_file(), name
