"""Helpers shared by the performance-target parsers: amounts, widths, noise lines, HTML."""

from __future__ import annotations

import html
import re
import unicodedata
from decimal import Decimal, InvalidOperation

from cnbudget.layout.tokens import PAGE_NUMBER
from cnbudget.model import Indicator
from cnbudget.performance.values import fold, parse_value
from cnbudget.vocabulary.normalize import compact

_TAG = re.compile(r"<[^>]{0,200}>")
_AMOUNT = re.compile(r"^-?\d+(?:,\d{3})*(?:\.\d+)?$")
_NOISE = re.compile(
    r"^(?:[（(][一二三四五六七八九十][)）])?"
    r"(?:(?:政策和)?项目(?:支出)?(?:预算)?绩效目标表|(?:部门|单位)预算项目绩效目标表"
    r"|[（(]\d{4}年度[）)])$"
)


def strip_tags(text: str) -> str:
    """Text without HTML tags (`<p>…</p>`) and with entities decoded."""
    return html.unescape(_TAG.sub("", text)).strip()


def amount(text: str) -> Decimal | None:
    """A printed amount (`1,104.50`) as a Decimal, or None."""
    cleaned = fold(text).replace(" ", "")
    if not _AMOUNT.match(cleaned):
        return None
    try:
        return Decimal(cleaned.replace(",", ""))
    except InvalidOperation:  # pragma: no cover
        return None


def width(text: str) -> int:
    """Display width: full-width characters count 2, others 1."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def is_noise(text: str) -> bool:
    """Page furniture inside performance blocks: repeated titles, 年度 lines, page numbers."""
    folded = compact(text)
    return not folded or bool(_NOISE.match(folded)) or bool(PAGE_NUMBER.match(text))


def make_indicator(
    level1: str | None,
    level2: str | None,
    name: str,
    raw: str,
    line: int,
    description: str | None = None,
    basis: str | None = None,
) -> Indicator:
    """An indicator with its value read from the raw text."""
    raw = re.sub(r"\s+", " ", raw).strip()
    value = parse_value(raw)
    return Indicator(
        level1=level1,
        level2=level2,
        name=compact(name),
        raw=raw,
        comparator=value.comparator,
        number=value.number,
        unit=value.unit,
        description=compact(description) if description else None,
        basis=basis,
        line=line,
        parsed=value.parsed,
    )
