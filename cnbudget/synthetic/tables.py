"""Logical tables shared by the renderers: printed rows, their facts, number formatting.

A renderer first builds ``Entry`` rows (canonical row code, printed name, one value per
column key, ``None`` for a cell printed empty) and then prints them; the expected facts
are read from the very same entries, so text and facts cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

Value = int | str | None  # int: amount in fen (0.01 万元); str: text cell; None: empty cell


@dataclass(frozen=True, slots=True)
class ExpectedFact:
    """One fact a perfect parser must recover (value in 万元, or text)."""

    table: str
    row_code: str
    row_name: str
    column: str
    value: Decimal | str


@dataclass(slots=True)
class Entry:
    """A logical table row: canonical code, printed name, values by column key."""

    code: str
    name: str
    columns: tuple[str, ...]
    values: tuple[Value, ...]


@dataclass(slots=True)
class FactTable:
    """The entries of one printed table (continuation pages add no entries)."""

    key: str
    entries: list[Entry]


def compact(text: str) -> str:
    """Remove every space (ASCII, full-width, no-break), tab and line break."""
    return "".join(text.split())


@lru_cache(maxsize=1 << 16)
def to_decimal(fen: int) -> Decimal:
    """Fen to 万元 as an exact two-place decimal."""
    return Decimal(fen).scaleb(-2)


def format_value(value: Decimal | str) -> str:
    """A fact value as written in the facts CSV (`19401.26`, never an exponent)."""
    return value if isinstance(value, str) else format(value, "f")


@lru_cache(maxsize=1 << 16)
def money(fen: int, separators: bool) -> str:
    """Printed amount: `19,401.26` (with separators) or `19401.26`."""
    sign = "-" if fen < 0 else ""
    whole, cents = divmod(abs(fen), 100)
    text = f"{whole:,}" if separators else str(whole)
    return f"{sign}{text}.{cents:02d}"


def nz(value: int) -> int | None:
    """None for zero (a cell the templates leave empty), else the value."""
    return value if value else None


def facts_of(tables: list[FactTable]) -> list[ExpectedFact]:
    """Expected facts of printed tables: one per non-empty cell."""
    facts: list[ExpectedFact] = []
    append = facts.append
    for table in tables:
        key = table.key
        for entry in table.entries:
            name = "".join(entry.name.split())
            code = entry.code
            for column, value in zip(entry.columns, entry.values, strict=True):
                if value is None:
                    continue
                if isinstance(value, str):
                    append(ExpectedFact(key, code, name, column, value))
                else:
                    append(ExpectedFact(key, code, name, column, to_decimal(value)))
    return facts


def wrap(text: str, width: int) -> list[str]:
    """Hard-wrap text into pieces of at most `width` characters."""
    if width <= 0 or len(text) <= width:
        return [text]
    return [text[i : i + width] for i in range(0, len(text), width)]


def chunk_rows(sizes: list[int], first: int, rest: int) -> list[list[int]]:
    """Split row indexes into pages holding `first`, then `rest` size units each."""
    pages: list[list[int]] = [[]]
    capacity = first
    used = 0
    for index, size in enumerate(sizes):
        if pages[-1] and used + size > capacity:
            pages.append([])
            capacity = rest
            used = 0
        pages[-1].append(index)
        used += size
    return pages
