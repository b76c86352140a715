"""Prose joined into one searchable string, with each character's source line kept."""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from cnbudget.model import SourceLine
from cnbudget.vocabulary.normalize import compact


@dataclass(slots=True)
class Prose:
    """Compacted prose (spaces and line wraps removed) and where each line starts."""

    text: str
    starts: list[int]
    numbers: list[int]

    def line_at(self, offset: int) -> int:
        """The source line of a character offset."""
        return self.numbers[max(0, bisect.bisect_right(self.starts, offset) - 1)]


def join(lines: list[SourceLine]) -> Prose:
    """Join lines without separators: a number or word wrapped over lines is whole again."""
    parts: list[str] = []
    starts: list[int] = []
    numbers: list[int] = []
    offset = 0
    for line in lines:
        flat = compact(line.text)
        if not flat:
            continue
        starts.append(offset)
        numbers.append(line.number)
        parts.append(flat)
        offset += len(flat)
    return Prose("".join(parts), starts, numbers)
