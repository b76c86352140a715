"""Split a line into typed tokens: amounts, integer codes and text, with indentation."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Literal

TokenKind = Literal["amount", "int", "text", "empty"]

# full-width digits and separators some PDFs use inside numbers
_DIGITS = str.maketrans("０１２３４５６７８９．，－", "0123456789.,-")
# a cell printed as a dash means "empty", and tells where the empty cell is
EMPTY_MARKS = frozenset({"-", "—", "－", "–", "——", "/", "－－"})

_NUMBER = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d+)"
# an amount, or a negative amount printed in brackets as accountants do: (2.50)
_AMOUNT = re.compile(rf"^(?:[-−]?{_NUMBER}|\({_NUMBER}\)|（{_NUMBER}）)$")
_BRACKETS = re.compile(r"^[(（](.*)[)）]$")
_INT = re.compile(r"^\d+$")
_WORD = re.compile(r"[^ \t]+")
# a code printed in brackets before the name, in one word or cell: `[2014001]行政运行`
BRACKETED_CODE = re.compile(r"^[\[【［〔](\d{3,7})[\]】］〕](.*)$")
PAGE_NUMBER = re.compile(r"^\s*[-—–－]+\s*\d{1,4}\s*[-—–－]+\s*$|^\s*第\s*\d+\s*页\s*$")


@dataclass(frozen=True, slots=True)
class Token:
    """A word of a line with its kind; `indent` counts leading full-width spaces of text."""

    kind: TokenKind
    text: str
    indent: int = 0

    @property
    def amount(self) -> Decimal:
        return parse_amount(self.text)


def parse_amount(text: str) -> Decimal:
    """Printed amount to Decimal: thousands separators removed, sign kept, (2.50) is -2.50."""
    cleaned = amount_text(text)
    try:
        return Decimal(cleaned)
    except InvalidOperation as exc:  # pragma: no cover - guarded by the regex
        raise ValueError(text) from exc


def amount_text(text: str) -> str:
    """The printed amount without thousands separators (the facts `value` form)."""
    bracketed = _BRACKETS.match(text)
    if bracketed:
        text = "-" + bracketed.group(1)
    return text.replace(",", "").replace("−", "-")


def classify_word(word: str) -> Token:
    stripped = word.lstrip("\u3000")
    indent = len(word) - len(stripped)
    stripped = stripped.strip("\u3000\u00a0")
    if stripped in EMPTY_MARKS:
        return Token("empty", stripped)
    folded = stripped.translate(_DIGITS)
    if folded != stripped and (_AMOUNT.match(folded) or _INT.match(folded)):
        stripped = folded
    if _AMOUNT.match(stripped):
        return Token("amount", stripped)
    if _INT.match(stripped):
        return Token("int", stripped)
    return Token("text", stripped, indent)


@lru_cache(maxsize=8192)
def tokenize(line: str) -> tuple[Token, ...]:
    """Tokens of a space-separated line (full-width spaces stay inside words)."""
    tokens = []
    for match in _WORD.finditer(line):
        word = match.group(0)
        bracketed = BRACKETED_CODE.match(word.lstrip("\u3000"))
        if bracketed:  # the code, then the name
            tokens.append(Token("int", bracketed.group(1)))
            word = bracketed.group(2)
        token = classify_word(word)
        if token.text:
            tokens.append(token)
    return tuple(tokens)


_PERCENT = re.compile(r"^([-−]?\d+(?:\.\d+)?)\s*[%％]$")


def percent_number(text: str) -> str | None:
    """`-60.86%` → `-60.86` (a percentage printed in a 增减(%) cell), else None."""
    match = _PERCENT.match(text.strip())
    return match.group(1).replace("−", "-") if match else None


def is_amount(text: str) -> bool:
    return bool(_AMOUNT.match(text.strip().strip("\u3000")))


_CELL_INT = re.compile(r"^[-−]?\d+$")


def is_cell_amount(text: str) -> bool:
    """An amount printed in a cell the grid places under an amount column.

    There the position says what the token is, so a bare integer (`0`, `80`, `237`)
    is an amount too; in running text it could be a code or a row number.
    """
    cell = text.strip().strip("\u3000")
    return bool(_AMOUNT.match(cell) or _CELL_INT.match(cell))
