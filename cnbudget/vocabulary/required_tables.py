"""Tables a disclosure must publish, by 预算/决算 and year (data for REQUIRED-TABLES)."""

from __future__ import annotations

from dataclasses import dataclass

# the eight tables of 地方预决算公开操作规程 (财预〔2016〕143号), for budgets and final accounts
EIGHT = (
    "summary",
    "income",
    "expenditure",
    "fiscal_summary",
    "general_expenditure",
    "general_basic",
    "three_public",
    "gov_fund_expenditure",
)


@dataclass(frozen=True, slots=True)
class Requirement:
    """Tables required (error when missing) and expected (warning) in a span of years."""

    kind: str  # 预算 or 决算
    first: int
    last: int | None
    required: tuple[str, ...]
    expected: tuple[str, ...]
    source: str

    def covers(self, kind: str, year: int) -> bool:
        return kind == self.kind and self.first <= year and (self.last is None or year <= self.last)


REQUIREMENTS: tuple[Requirement, ...] = (
    Requirement(
        "预算",
        2017,
        None,
        EIGHT,
        ("soe_expenditure",),
        "地方预决算公开操作规程（财预〔2016〕143号）部门预算 8 张表；国有资本经营预算支出表"
        "为多数地区的公开模板所加",
    ),
    Requirement(
        "决算",
        2017,
        2019,
        EIGHT,
        (),
        "地方预决算公开操作规程（财预〔2016〕143号）部门决算 8 张表",
    ),
    Requirement(
        "决算",
        2020,
        None,
        EIGHT,
        ("soe_expenditure",),
        "同上；国有资本经营预算财政拨款支出决算表为 2020 年度起的决算公开模板所加"
        "（本项目语料中 2019 年度决算没有此表）",
    ),
)


def requirement(kind: str, year: int | None) -> Requirement | None:
    """The requirement for a document of `kind` published for `year` (None: none known)."""
    if year is None:
        return None
    return next((r for r in REQUIREMENTS if r.covers(kind, year)), None)
