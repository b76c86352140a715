"""Real PDFs with one prose figure changed: the reader's lines are edited before parsing."""

from __future__ import annotations

from dataclasses import replace
from functools import cache
from pathlib import Path

from cnbudget.model import Document
from cnbudget.pipeline import parse_source
from cnbudget.readers import read_file
from cnbudget.readers.text import SourceText
from cnbudget.validate import check

REAL = Path(__file__).parent / "corpus" / "real"


@cache
def _source(name: str) -> SourceText:
    return read_file(REAL / name)


def mutated(name: str, old: str = "", new: str = "", after: str = "") -> Document:
    """Parse a real PDF with the first occurrence of `old` (on a line holding `after`, when
    given) replaced by `new`; the replacement must happen (a test that cannot fail is none)."""
    source = _source(name)
    if not old:
        return parse_source(source)
    lines = list(source.lines)
    for index, line in enumerate(lines):
        if old in line.text and after in line.text:
            lines[index] = replace(line, text=line.text.replace(old, new, 1))
            return parse_source(replace(source, lines=lines))
    raise AssertionError(f"{old!r} not found in {name}")


def findings(document: Document, prefix: str) -> list[tuple[str, str, str | None]]:
    """(rule, severity, narrative column) of the findings whose rule starts with `prefix`."""
    return [
        (f.rule, f.severity, f.column)
        for f in check(document).findings
        if f.rule.startswith(prefix)
    ]
