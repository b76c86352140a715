"""Which prose speaks for the whole department: not an annex, not one unit's breakdown.

The narrative figures (收入/支出预算, 基本/项目支出, 上年结转 …) are the department's. Two
stretches of prose print the same words about something else:

- an annex (``第五部分 附件``, ``附件1``): e.g. one project's 绩效评价报告 with its own
  年初预算 and 上年结转; it runs to the end of the prose;
- a breakdown by budget unit inside a part (``一、深圳市水务局（本级）`` then ``二、…中心``):
  each unit's 预算 / 项目支出; it runs to the next part heading. When the unit named is the
  department itself (a department of one unit, named “…（本级）”), its figures are the
  department's and are kept.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from cnbudget.layout.sections import PART_HEADING
from cnbudget.model import SourceLine
from cnbudget.vocabulary.normalize import compact

_ANNEX = re.compile(r"^(?:第[一二三四五六七八九十]+部分)?附件[0-9一二三四五六七八九十]*[:：]?$")
_UNIT_HEADING = re.compile(r"^[一二三四五六七八九十]+、(?P<name>\S+（本级）)$")


def department_prose(lines: Sequence[SourceLine], department: str | None) -> list[SourceLine]:
    """The prose lines whose figures speak for the department (see the module docstring)."""
    kept: list[SourceLine] = []
    by_unit = False
    own = compact(department) if department else None
    for line in lines:
        text = compact(line.text)
        if _ANNEX.match(text):
            break
        if PART_HEADING.match(text):
            by_unit = False
        elif (heading := _UNIT_HEADING.match(text)) is not None and own is not None:
            by_unit = compact(heading.group("name")) != own
        if not by_unit:
            kept.append(line)
    return kept
