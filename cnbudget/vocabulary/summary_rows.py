"""Row names of the two-sided summary tables (收支总表, 财政拨款收支总表) to canonical keys."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

from cnbudget.vocabulary.codes_by_name import CodesByName
from cnbudget.vocabulary.functions import class_code
from cnbudget.vocabulary.normalize import normalize, strip_numbering

Side = Literal["income", "expenditure"]


def _plain(name: str) -> str:
    name = strip_numbering(normalize(name))
    return re.sub(r"^其中[：:]?", "", name)


_SOURCE_PATTERNS: tuple[tuple[str, str], ...] = (
    (r"^一般公共预算(财政)?(拨款)?(收入|资金)?$", "general"),
    (r"^政府性基金(预算)?(财政)?(拨款)?(收入)?$", "gov_fund"),
    (r"^国有资本经营(预算)?(财政)?(拨款)?(收入)?$", "soe"),
)

_INCOME_PATTERNS: tuple[tuple[str, str], ...] = (
    (r"^财政拨款(收入)?(（补助）)?(收入)?$|^预算拨款(收入)?$", "income.fiscal"),
    (r"^财政补助收入$", "income.fiscal"),
    (r"^本级财政拨款(收入)?$", "income.fiscal"),
    (r"^专项收入$", "income.general.special"),
    (r"^其他一般公共预算资金$", "income.general.other_funds"),
    (r"^一般债券(收入)?$", "income.general.bonds"),
    (r"^专项债券(收入)?$", "income.gov_fund.bonds"),
    (r"^政府性基金预算资金$", "income.gov_fund.funds"),
    (r"^财政专户(管理)?(事业)?(资金)?(核拨|拨款)?(收入)?$", "income.special_account"),
    (r"^单位资金(收入)?$", "income.unit_funds"),
    (r"^事业收入(（不含教育收费）)?$", "income.business"),
    (r"^(事业单位)?经营(服务)?收入$", "income.operating"),
    (r"^其[他它]收入$", "income.other"),
    (r"^上级补助收入$", "income.superior"),
    (r"^附属单位上缴收入$", "income.affiliated"),
    (r"^本年收入合计$|^本年收入$", "income.current_total"),
    (
        r"^使用非财政拨款结余$|^用事业基金弥补收支差额$|^使用非财政拨款结余（含专用结余）$",
        "income.non_fiscal_balance",
    ),
    (
        r"^(上年结转(结余|和结余)?|年初财政拨款结转和?结余|上年结转结余|年初结转和?结余)$",
        "income.carryover",
    ),
    (r"^收入总计$", "income.grand_total"),
)

_EXPENDITURE_PATTERNS: tuple[tuple[str, str], ...] = (
    (r"^本年支出合计$|^本年支出$", "expenditure.current_total"),
    (r"^对附属单位(的)?补助支出$", "expenditure.subsidy_affiliated"),
    (r"^上缴上级支出$|^上解上级支出$", "expenditure.remit_superior"),
    (
        r"^(结转下年|年终结转结余|年末财政拨款结转和?结余|结转下年支出|年末结转和?结余|结转结余下年)$",
        "expenditure.carry_forward",
    ),
    (r"^支出总计$", "expenditure.grand_total"),
    (r"^结余分配$", "expenditure.balance_distribution"),
    (r"^基本支出$", "expenditure.basic"),
    (r"^项目支出$", "expenditure.project"),
    (r"^单位预留机动经费$", "expenditure.reserve"),
    (r"^(事业单位)?经营支出$", "expenditure.operating"),
)


_SOURCE_RES = tuple((re.compile(p), s) for p, s in _SOURCE_PATTERNS)
_INCOME_RES = tuple((re.compile(p), k) for p, k in _INCOME_PATTERNS)
_EXPENDITURE_RES = tuple((re.compile(p), k) for p, k in _EXPENDITURE_PATTERNS)


@lru_cache(maxsize=4096)
def _static(plain: str) -> tuple[str, str] | None:
    """Classification that does not depend on the rows above: (kind, key or source)."""
    for pattern, source in _SOURCE_RES:
        if pattern.match(plain):
            return "source", source
    for pattern, key in _INCOME_RES:
        if pattern.match(plain):
            return "income", key
    for pattern, key in _EXPENDITURE_RES:
        if pattern.match(plain):
            return "expenditure", key
    code = class_code(plain)
    if code is not None:
        return "expenditure", code
    if plain.endswith("收入"):
        return "income", f"other:{plain}"
    if plain.endswith("支出") or plain.endswith("科目"):
        return "expenditure", f"other:{plain}"
    return None


@dataclass(slots=True)
class SummaryContext:
    """Running context while reading a summary table from top to bottom."""

    income_parent: str | None = None  # "general", "gov_fund" or "carryover"
    seen: set[str] = field(default_factory=set)
    # function rows printed by name under their class (款 and 项 without codes)
    functions: CodesByName = field(default_factory=CodesByName)


def classify(name: str, context: SummaryContext) -> tuple[Side, str] | None:
    """Map a printed row name to (side, canonical key); None when unknown."""
    plain = _plain(name)
    if not plain:
        return None
    normalized = normalize(name)
    has_qizhong = normalized.startswith("其中") or "其中：" in normalized[:4]
    if plain in ("收入合计",):
        key = (
            "income.grand_total"
            if {"income.current_total", "income.carryover"} & context.seen
            or context.income_parent == "carryover"
            else "income.current_total"
        )
        return "income", key
    if plain in ("支出合计",):
        key = (
            "expenditure.grand_total"
            if {"expenditure.current_total", "expenditure.carry_forward"} & context.seen
            else "expenditure.current_total"
        )
        return "expenditure", key
    if plain == "总计":
        # 决算 summaries print a bare 总计 on both sides of one line: income comes first
        if "income.grand_total" in context.seen:
            return "expenditure", "expenditure.grand_total"
        return "income", "income.grand_total"
    if plain == "财政拨款" and has_qizhong:
        return "income", "income.general.grant"
    if plain == "上级提前下达":
        parent = "gov_fund" if context.income_parent == "gov_fund" else "general"
        return "income", f"income.{parent}.advance"
    found = _static(plain)
    if (found is None or found[1].startswith("other:")) and context.functions.path:
        code = context.functions.find(name)
        if code is not None:
            return "expenditure", code
    if found is None:
        return None
    kind, key = found
    if kind == "source":
        if context.income_parent == "carryover":
            return "income", f"income.carryover.{key}"
        return "income", f"income.{key}"
    return ("income" if kind == "income" else "expenditure"), key


def update_context(context: SummaryContext, side: Side, key: str) -> None:
    """Advance the context after a row was classified."""
    context.seen.add(key)
    if side != "income":
        if key.isdigit():
            context.functions.enter(key)
        return
    if key == "income.carryover":
        context.income_parent = "carryover"
    elif key in ("income.general", "income.fiscal") and context.income_parent != "carryover":
        context.income_parent = "general"
    elif key == "income.gov_fund" and context.income_parent != "carryover":
        context.income_parent = "gov_fund"
    elif key in ("income.current_total", "income.grand_total"):
        context.income_parent = None
