"""Table parsers: one canonical parser per table kind, chosen by the block's kind."""

from __future__ import annotations

from collections.abc import Callable

from cnbudget.layout.sections import Block
from cnbudget.model import Table
from cnbudget.tables.assets import parse_assets
from cnbudget.tables.coded import ECONOMIC_TABLES, FUNCTION_TABLES, parse_coded
from cnbudget.tables.common import Context
from cnbudget.tables.three_public import parse_three_public
from cnbudget.tables.twosided import parse_two_sided

Parser = Callable[[Block, Context], Table]

PARSERS: dict[str, Parser] = {
    "summary": parse_two_sided,
    "fiscal_summary": parse_two_sided,
    "three_public": parse_three_public,
    "assets": parse_assets,
    "projects": parse_coded,
    **{kind: parse_coded for kind in FUNCTION_TABLES | ECONOMIC_TABLES},
}
SECTION_KINDS = frozenset({"performance", "dept_performance"})

__all__ = ["PARSERS", "SECTION_KINDS", "Context"]
