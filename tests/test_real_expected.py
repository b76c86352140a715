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
from .test_samples import _value, load_expected

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
    missing = {k: v for k, v in expected.items() if k not in got}
    extra = {k: v for k, v in got.items() if k not in expected}
    wrong = {k: (got[k], v) for k, v in expected.items() if k in got and got[k] != v}
    assert not missing and not extra and not wrong, (
        f"missing {len(missing)}: {list(missing.items())[:8]}\n"
        f"extra {len(extra)}: {list(extra.items())[:8]}\n"
        f"wrong {len(wrong)}: {list(wrong.items())[:8]}"
    )


def test_real_expected_have_their_pdf() -> None:
    for name in REAL:
        assert (REAL_CORPUS / f"{name}.pdf").is_file(), name
