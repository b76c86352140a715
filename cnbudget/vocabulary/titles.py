"""Table titles: recognise which canonical table a printed title names."""

from __future__ import annotations

import re
from functools import lru_cache

from cnbudget.vocabulary.normalize import normalize

_PREFIX = re.compile(
    r"^(?:公开表\d+|预算\d+表|附表\d+|表\d+)?"
    r"(?:\d+、)?(?:[一二三四五六七八九十]+、)?(?:\d{4}年度?)?"
)
# bracketed suffixes that qualify a title without changing its kind
_SUFFIXES = (
    r"\d{4}年度?",
    r"按?(?:支出)?(?:功能|经济)分类(?:科目)?",
    r"(?:功能|经济)科目",
    r"预算表\d+",
)
_SUFFIX = re.compile(r"[（(](?:" + "|".join(_SUFFIXES) + r")[）)]$")

# (kind, predicate on the normalised title); the first match wins.
_RULES: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("dept_performance", ("整体绩效目标",), ()),
    ("dept_performance", ("整体支出绩效目标",), ()),
    ("performance", ("绩效目标",), ()),
    ("performance", ("项目", "绩效"), ()),
    ("three_public", ("三公",), ()),
    ("operating_costs", ("机关运行经费",), ()),
    ("gov_fund_expenditure", ("政府性基金", "支出"), ()),
    ("soe_expenditure", ("国有资本经营", "支出"), ()),
    ("general_basic", ("一般公共预算", "基本支出"), ()),
    ("economic_summary", ("一般公共预算", "经济分类"), ()),
    ("general_project", ("一般公共预算", "项目支出"), ()),
    ("general_expenditure", ("一般公共预算", "支出"), ()),
    ("fiscal_summary", ("财政拨款收支",), ()),
    ("fiscal_summary", ("财政拨款收入支出",), ()),
    ("economic_summary", ("经济分类汇总",), ()),
    ("economic_summary", ("经济分类", "汇总"), ()),
    ("basic", ("基本支出",), ()),
    ("projects", ("项目支出",), ()),
    ("procurement", ("政府采购",), ()),
    ("assets", ("资产占用",), ()),
    ("assets", ("固定资产", "情况表"), ()),
    ("summary", ("收支",), ()),
    ("summary", ("收入支出", "总表"), ()),
    ("income", ("收入",), ("支出",)),
    ("expenditure", ("支出",), ("收入",)),
)


@lru_cache(maxsize=8192)
def title_kind(line: str) -> str | None:
    """The table kind a line names when the line is a table title, else None."""
    if "表" not in line and "采购" not in line:
        return None
    text = normalize(line)
    if not text or len(text) > 48 or re.search(r"[，。；,;]", text):
        return None
    if text.startswith(("-", "—", "•", "·")):
        return None
    core = _SUFFIX.sub("", _PREFIX.sub("", text, count=1))
    core = re.sub(r"^\d+[、.．]\s*", "", core)
    if "说明" in core or "解释" in core:
        return None
    if not core.endswith("表") and not re.search(r"政府采购(预算|决算)$", core):
        return None
    for kind, needles, excluded in _RULES:
        if all(n in core for n in needles) and not any(x in core for x in excluded):
            return kind
    return None
