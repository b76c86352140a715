"""Mutations of consistent synthetic documents, for testing that validation finds them.

Each mutation changes one printed amount (adds 10.00) or deletes one printed row, and
says which source line it touched, so a test can ask whether a rule fired there.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from decimal import Decimal

AMOUNT = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})*\.\d{2}(?!\d)")


@dataclass(frozen=True, slots=True)
class Mutation:
    """A mutated text, what was done and the 1-based line it touched."""

    text: str
    kind: str  # "change" or "delete"
    line: int
    before: str
    after: str
    equivalent: bool = False  # the deleted line is printed again elsewhere: nothing is lost


def change_amount(text: str, seed: int) -> Mutation:
    """Add 10.00 to one printed amount chosen at random (same printed style)."""
    spots = list(AMOUNT.finditer(text))
    spot = random.Random(seed).choice(spots)
    new = Decimal(spot.group(0).replace(",", "")) + Decimal("10.00")
    printed = f"{new:,.2f}" if "," in text[spot.start() - 12 : spot.end() + 12] else f"{new:.2f}"
    line = text.count("\n", 0, spot.start()) + 1
    mutated = text[: spot.start()] + printed + text[spot.end() :]
    return Mutation(mutated, "change", line, spot.group(0), printed)


def delete_row(text: str, seed: int) -> Mutation:
    """Delete one line that prints at least one non-zero amount."""
    lines = text.split("\n")
    candidates = [
        i
        for i, line in enumerate(lines)
        if any(m.group(0) not in ("0.00",) for m in AMOUNT.finditer(line))
    ]
    index = random.Random(seed).choice(candidates)
    removed = lines[index]
    mutated = "\n".join(lines[:index] + lines[index + 1 :])
    equivalent = lines.count(removed) > 1
    return Mutation(mutated, "delete", index + 1, removed, "", equivalent)


def mutate(text: str, seed: int) -> Mutation:
    """One mutation: three in four change an amount, one in four delete a row."""
    if random.Random(seed * 7919 + 1).random() < 0.25:
        return delete_row(text, seed)
    return change_amount(text, seed)
