"""Reassemble logical rows from printed lines.

Text extraction wraps long names over lines (`机关事业单位基本养老保` /
`险缴费支出`), puts codes on their own line (`05`), splits codes
(`208010` / `9`) and prints a 序号 before every row in some templates. A
logical row is a run of lines from a row start up to and including its
amounts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from cnbudget.layout.sections import is_note, is_prose
from cnbudget.layout.tokens import Token, tokenize
from cnbudget.model import SourceLine
from cnbudget.vocabulary.normalize import compact

_TOTALS = ("合计", "总计")


@dataclass(slots=True)
class RawRow:
    """Tokens of one logical row, with the lines it came from."""

    line: int
    page: int | None
    tokens: list[Token] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    sequence: int | None = None  # the printed 序号, when the template has one

    @property
    def has_amounts(self) -> bool:
        return any(t.kind == "amount" for t in self.tokens)

    def code_groups(self) -> int:
        groups = 0
        previous = None
        for token in self.tokens:
            if token.kind == "int" and previous != "int":
                groups += 1
            previous = token.kind
        return groups

    @property
    def has_text(self) -> bool:
        return any(t.kind == "text" for t in self.tokens)


def _incomplete_code(token: Token) -> bool:
    """A code fragment that must continue on the next line (6 or 4 digits, long ids)."""
    return token.kind == "int" and (len(token.text) in (4, 6) or len(token.text) >= 12)


def assemble(
    lines: Sequence[SourceLine],
    numbered: bool = False,
    second_code: bool = False,
) -> tuple[list[RawRow], list[str]]:
    """Group body lines into logical rows; return the rows and the note lines.

    `numbered`: rows start with a 序号 (1, 2, 3 …). `second_code`: a row may
    print a second code group after its name (economic dept + gov codes).
    """
    rows: list[RawRow] = []
    notes: list[str] = []
    current: RawRow | None = None
    expected = 1
    for line in lines:
        text = line.text
        if not compact(text):
            continue
        if is_note(text) or is_prose(text):
            notes.append(compact(text))
            current = None
            continue
        tokens = list(tokenize(text))
        if not tokens:
            continue
        first = tokens[0]
        start = False
        if numbered:
            plain_number = not (first.text.startswith("0") and len(first.text) > 1)
            if (
                first.kind == "int"
                and plain_number
                and int(first.text) == expected
                and len(first.text) <= 4
            ):
                # a code still being printed (no name yet) continues on this line
                continuing_code = (
                    current is not None
                    and bool(current.tokens)
                    and current.tokens[-1].kind == "int"
                    and not current.has_text
                    and not current.has_amounts
                    and (current.sequence is not None or _incomplete_code(current.tokens[-1]))
                )
                start = not continuing_code
        elif compact(text).startswith(_TOTALS) or current is None or current.has_amounts:
            start = True
        elif first.kind == "int":
            last = current.tokens[-1] if current.tokens else None
            if last is not None and last.kind == "int":
                start = False  # a code printed over two lines
            elif current.has_text:
                start = not (second_code and current.code_groups() == 1)
        if start or current is None:
            current = RawRow(line.number, line.page)
            rows.append(current)
            if numbered and first.kind == "int" and int(first.text) == expected:
                current.sequence = expected
                expected += 1
                tokens = tokens[1:]
        current.tokens.extend(tokens)
        current.lines.append(line.number)
    return rows, notes


@dataclass(slots=True)
class RowParts:
    """A raw row split into code groups, names (between codes) and amounts."""

    codes: list[list[str]]
    names: list[str]
    indents: list[int]
    amounts: list[str]
    trailing: list[str]


def parts(row: RawRow) -> RowParts:
    """Codes, names and amounts of a row in printed order."""
    codes: list[list[str]] = []
    names: list[str] = []
    indents: list[int] = []
    amounts: list[str] = []
    trailing: list[str] = []
    previous = None
    for token in row.tokens:
        if token.kind == "empty":
            if names or amounts:
                amounts.append("")  # an explicit empty cell keeps its place
            continue
        if token.kind == "amount":
            amounts.append(token.text)
        elif amounts:
            trailing.append(token.text)
        elif token.kind == "int":
            if previous == "int":
                codes[-1].append(token.text)
            else:
                codes.append([token.text])
        else:
            if previous == "text" and names:
                names[-1] += token.text
            else:
                names.append(token.text)
                indents.append(token.indent)
        previous = token.kind
    return RowParts(codes, names, indents, amounts, trailing)
