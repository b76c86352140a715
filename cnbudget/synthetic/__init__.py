"""Synthetic budget disclosures for property-based tests and benchmarks.

`generate(seed, layout)` draws a random, arithmetically exact department budget,
prints it in one of five real layouts (`LAYOUTS`) and returns the text together with
the exact facts a perfect parser must recover (`docs/facts.md`).
"""

from __future__ import annotations

from cnbudget.synthetic.core import LAYOUTS, SyntheticDocument, generate
from cnbudget.synthetic.tables import ExpectedFact

__all__ = ["LAYOUTS", "ExpectedFact", "SyntheticDocument", "generate"]
