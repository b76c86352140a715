"""Year-on-year wording: the stated change against the stated figures.

Each statement of Narrative.statements (cnbudget/prose/changes.py) is judged on its own
figures, not on the tables: the percent must follow from the current amount and the change
(or from the two years' amounts), the direction words must agree with each other and with
the two amounts, and one total must not be given two different changes.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from cnbudget.model import Document, NarrativeChange, Severity
from cnbudget.tables.assign import half_ulp
from cnbudget.validate.changes import HUNDRED
from cnbudget.validate.common import fmt
from cnbudget.validate.narrative import precision
from cnbudget.validate.prose_items import last_digit
from cnbudget.validate.registry import Finding, NotApplicable, rule

_TINY = Decimal("0.000001")


def _statements(document: Document) -> list[NarrativeChange]:
    statements = document.narrative.statements if document.narrative else []
    if not statements:
        raise NotApplicable("文字说明中没有“比上年增加/减少”的表述")
    return statements


def _slack(text: str | None, value: Decimal) -> Decimal:
    """Half a unit of the last printed digit (0 for a stated zero)."""
    return precision(value) if text else Decimal(0)


def _change_and_prior(item: NarrativeChange) -> tuple[Decimal, Decimal, Decimal] | None:
    """(|change|, prior, rounding of both) from the stated figures, or None."""
    if item.base is None:
        return None
    if item.prior is not None:
        change = item.base - item.prior
        slack = precision(item.base) + precision(item.prior)
        return abs(change), item.prior, slack
    if item.amount is None:
        return None
    slack = precision(item.base) + precision(item.amount)
    return abs(item.amount), item.base - item.amount, slack


def _finding(
    rule_id: str,
    severity: Severity,
    item: NarrativeChange,
    message: str,
    numbers: dict[str, Decimal],
) -> Finding:
    return Finding(
        rule_id,
        severity,
        f"{message}（原文“{item.quote}”）",
        "narrative",
        "narrative",
        "statement",
        item.line,
        numbers,
    )


@rule(
    "NARRATIVE-CHANGE-PERCENT",
    "error",
    "文字说明",
    "增减百分比与所写金额相符",
    "情况说明中“A万元，比上年增加（减少）D万元，增长（下降）P%”的 P 应等于 D 除以上年数"
    "（A − D 或 A + D）；写出两年金额时（“上年执行数为X万元，本年安排Y万元，比上年增加P%”）"
    "P 应等于 (Y − X) / X。按金额和百分比的印刷精度比较；上年数为 0 时不核对。",
    "文字“三公经费1.10万元，比上年减少25万元，下降95.0%”：上年 26.10，实际下降 95.79%。",
)
def change_percent(document: Document) -> Iterator[Finding]:
    for item in _statements(document):
        figures = _change_and_prior(item)
        if figures is None or item.percent is None:
            continue
        change, prior, slack = figures
        if prior - slack <= 0 or _contradicts(item):
            continue  # no base to divide by; a wrong direction is reported on its own
        low = max(change - slack, Decimal(0)) / (prior + slack) * HUNDRED
        high = (change + slack) / max(prior - slack, _TINY) * HUNDRED
        stated = item.percent
        margin = half_ulp(stated)
        if low - margin <= stated <= high + margin:
            continue
        computed = change / prior * HUNDRED
        gap = min(abs(stated - low), abs(stated - high))
        tail = last_digit(stated, gap)
        # “4.0%” for 4.48 %: the percent cut to a whole number, printed with decimals
        cut = not tail and int(low) == int(high) == stated
        note = "（末位不同）" if tail else "（似把百分比截成整数，小数位只是补零）" if cut else ""
        yield _finding(
            "NARRATIVE-CHANGE-PERCENT",
            "info" if tail else "warning" if cut else "error",
            item,
            f"文字说明中的增减百分比 {stated}% 与所写金额不符：上年 {fmt(prior)}、变动 "
            f"{fmt(change)}，应为 {computed:.2f}%" + note,
            {"stated": stated, "computed": computed.quantize(Decimal("0.01"))},
        )


def _actual(item: NarrativeChange) -> str | None:
    """The direction the two stated amounts show (None when only one is stated)."""
    if item.prior is None or item.base is None:
        return None
    change = item.base - item.prior
    slack = precision(item.base) + precision(item.prior)
    return "增加" if change > slack else "减少" if change < -slack else "持平"


def _contradicts(item: NarrativeChange) -> bool:
    """The direction words contradict the amounts or each other (reported on their own)."""
    actual = _actual(item)
    if actual is not None:
        return actual != item.direction
    return (
        item.percent_direction is not None
        and item.percent_direction != item.direction
        and item.amount not in (None, Decimal(0))
        and item.percent != 0
    )


@rule(
    "NARRATIVE-CHANGE-DIRECTION",
    "error",
    "文字说明",
    "“增加/减少”与所写的数字方向一致",
    "同一句中金额的增减方向与百分比的方向应一致（不能“减少…万元，增长…%”）；写出两年金额时，"
    "本年大于上年应为增加，小于上年应为减少，相等应为持平。",
    "文字“2025年执行数为57.43万元，2026年预算安排57.8万元，比2025年减少2.27%”。",
)
def change_direction(document: Document) -> Iterator[Finding]:
    for item in _statements(document):
        if item.prior is not None and item.base is not None:
            change = item.base - item.prior
            actual = _actual(item)
            if actual is not None and actual != item.direction:
                yield _finding(
                    "NARRATIVE-CHANGE-DIRECTION",
                    "error",
                    item,
                    f"文字说明称{item.direction}，但所写两年金额为上年 {fmt(item.prior)}、本年 "
                    f"{fmt(item.base)}，实际{actual} {fmt(abs(change))}",
                    {"stated": item.prior, "computed": item.base},
                )
            continue
        if _contradicts(item):
            yield _finding(
                "NARRATIVE-CHANGE-DIRECTION",
                "error",
                item,
                f"文字说明中金额{item.direction}而百分比{item.percent_direction}，方向矛盾",
                {},
            )


def _kind(item: NarrativeChange) -> str | None:
    """收入 or 支出 for a statement about the department's whole income / spending."""
    label = item.label
    if any(word in label for word in ("拨款", "经费", "费", "基金")):
        return None
    if label.endswith(("收入预算", "预算收入", "收入预算为")):
        return "收入"
    if label.endswith(("支出预算", "预算支出")):
        return "支出"
    return None


@rule(
    "NARRATIVE-CHANGE-CONFLICT",
    "error",
    "文字说明",
    "同一总额只有一个增减数",
    "同一事项、同一金额在文字说明中写出两个不同的增减额为错误；收入预算与支出预算金额相同、"
    "都与上年预算（而非执行数、决算数）比较时，两者的增减额也应相同（不同为警告）。",
    "文字“收入预算6256.31万元，比上年减少336.67万元”，“支出预算6256.31万元，比上年增加268.28万元”。",
)
def change_conflict(document: Document) -> Iterator[Finding]:
    seen: dict[tuple[str, Decimal], NarrativeChange] = {}
    totals: dict[str, NarrativeChange] = {}
    for item in _statements(document):
        if item.base is None or item.amount is None or item.prior is not None:
            continue
        key = (item.label, item.base)
        first = seen.setdefault(key, item)
        if first is not item and not _same(first, item):
            yield _finding(
                "NARRATIVE-CHANGE-CONFLICT",
                "error",
                item,
                f"文字说明对{item.label} {fmt(item.base)} 万元写出两个不同的增减额："
                f"{fmt(first.amount or Decimal(0))}（第 {first.line} 行）与 {fmt(item.amount)}",
                {"stated": first.amount or Decimal(0), "computed": item.amount},
            )
        kind = _kind(item)
        if kind is not None and not any(w in item.against for w in ("执行", "决算", "实际")):
            totals.setdefault(kind, item)
    income, spending = totals.get("收入"), totals.get("支出")
    if income is None or spending is None or income.base != spending.base:
        return
    if _same(income, spending):
        return
    yield _finding(
        "NARRATIVE-CHANGE-CONFLICT",
        "warning",
        spending,
        f"文字说明中收入预算与支出预算都是 {fmt(spending.base or Decimal(0))} 万元，"
        f"比上年的增减额却不同：收入 {fmt(income.amount or Decimal(0))}（第 {income.line} 行），"
        f"支出 {fmt(spending.amount or Decimal(0))}（上年预算收支应平衡）",
        {"stated": income.amount or Decimal(0), "computed": spending.amount or Decimal(0)},
    )


def _same(one: NarrativeChange, other: NarrativeChange) -> bool:
    assert one.amount is not None and other.amount is not None
    slack = _slack(one.text, one.amount) + _slack(other.text, other.amount)
    return abs(one.amount - other.amount) <= slack
