"""Text normalisation shared by every vocabulary lookup."""

from __future__ import annotations

import re
from functools import lru_cache

_SPACES = re.compile(r"[\s\u3000\u00a0]+")
_FULLWIDTH = str.maketrans({"(": "（", ")": "）", ":": "：", '"': "“", "[": "【", "]": "】"})
_NUMBERING = re.compile(
    r"^(?:[（(][一二三四五六七八九十百零〇]+[)）][、.．]?|[一二三四五六七八九十百零〇]+[、.．]"
    r"|[（(][0-9]+[)）]|[0-9]+[、.．](?![0-9]))"
)
CHINESE_DIGITS = "零一二三四五六七八九十"


@lru_cache(maxsize=16384)
def compact(text: str) -> str:
    """Remove every space (ASCII, full-width, no-break) and line break."""
    return _SPACES.sub("", text)


@lru_cache(maxsize=16384)
def normalize(text: str) -> str:
    """Compact text with ASCII brackets/colons folded to their full-width forms."""
    return compact(text).translate(_FULLWIDTH)


def strip_numbering(text: str) -> str:
    """Drop a leading outline number: 一、 （十）  1.  (3)."""
    previous = None
    while previous != text:
        previous = text
        text = _NUMBERING.sub("", text, count=1)
    return text
