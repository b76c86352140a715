"""Indicator values: comparator, number and unit read from a printed value (`≥95%`)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

_COMPARATORS = {
    "≥": "≥",
    ">=": "≥",
    "≤": "≤",
    "<=": "≤",
    "=": "=",
    "==": "=",
    "<": "<",
    ">": ">",
    "大于等于": "≥",
    "不低于": "≥",
    "不少于": "≥",
    "小于等于": "≤",
    "不高于": "≤",
    "不超过": "≤",
    "不多于": "≤",
    "大于": ">",
    "高于": ">",
    "小于": "<",
    "低于": "<",
    "等于": "=",
}
_CMP = "|".join(sorted((re.escape(k) for k in _COMPARATORS), key=len, reverse=True))
_NUMBER = r"[-+]?\d+(?:,\d{3})*(?:\.\d+)?"
_UNIT = r"[^\d\s≥≤=<>.,，。;；]{1,10}?"
# the whole value: optional comparator, a number, an optional unit
_WHOLE = re.compile(rf"^(?P<cmp>{_CMP})?\s*(?P<num>{_NUMBER})\s*(?P<unit>{_UNIT})?\s*[。.]?$")
# a phrase ending in an explicit comparator and number (审核医疗机构数量≥297家)
_TAIL = re.compile(rf"(?P<cmp>≥|≤|>=|<=|=|<|>)\s*(?P<num>{_NUMBER})\s*(?P<unit>{_UNIT})?\s*[。.]?$")
_COMPARATOR_START = re.compile(r"^(?:≥|≤|>=|<=|=|<|>)")
_DIGIT = re.compile(r"\d")
# a date or deadline (2025 年 12 月底, 2025年底之前): kept as text, not a quantity
_DATE = re.compile(r"^(?:19|20)\d{2}\s*年")


@dataclass(frozen=True, slots=True)
class Value:
    """What a printed indicator value says."""

    comparator: str | None
    number: Decimal | None
    unit: str | None
    parsed: bool  # False: digits present that could not be read


@lru_cache(maxsize=8192)
def fold(text: str) -> str:
    """NFKC-folded text (full-width digits, ％, ＝ …) with runs of spaces made one."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip()


@lru_cache(maxsize=8192)
def is_numeric(text: str) -> bool:
    """True when the whole text is a (compared) number with an optional unit."""
    return bool(_WHOLE.match(fold(text)))


@lru_cache(maxsize=8192)
def looks_like_value(text: str) -> bool:
    """A value by its form alone: starts with a comparator, or is a number with a unit."""
    folded = fold(text)
    return bool(_COMPARATOR_START.match(folded) or _WHOLE.match(folded))


def parse_value(raw: str) -> Value:
    """Read comparator, number and unit; qualitative values (显著) have no number."""
    folded = fold(raw)
    if _DATE.match(folded):
        return Value(None, None, None, True)
    match = _WHOLE.match(folded) or _TAIL.search(folded)
    if match is None:
        comparator = None
        cmp_match = re.match(rf"^({_CMP})", folded)
        if cmp_match and not _DIGIT.search(folded):
            comparator = _COMPARATORS[cmp_match.group(1)]
        return Value(comparator, None, None, not _DIGIT.search(folded))
    try:
        number = Decimal(match.group("num").replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the pattern admits only numbers
        return Value(None, None, None, False)
    cmp_text = match.group("cmp")
    unit = match.group("unit") or None
    return Value(_COMPARATORS[cmp_text] if cmp_text else None, number, unit, True)
