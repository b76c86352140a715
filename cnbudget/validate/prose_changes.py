"""Year-on-year wording: the stated change against the stated figures.

Each statement of Narrative.statements (cnbudget/prose/changes.py) is judged on its own
figures, not on the tables: the percent must follow from the current amount and the change
(or from the two years' amounts), the direction words must agree with each other and with
the two amounts, and one total must not be given two different changes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from cnbudget.model import Document, NarrativeChange, Severity
from cnbudget.tables.assign import half_ulp
from cnbudget.validate.changes import HUNDRED
from cnbudget.validate.common import fmt, memo
from cnbudget.validate.narrative import precision
from cnbudget.validate.prose_items import last_digit
from cnbudget.validate.registry import Finding, NotApplicable, rule
from cnbudget.validate.suspicious import PERCENT_CHANGE, paragraphs

_TINY = Decimal("0.000001")


def _statements(document: Document) -> list[NarrativeChange]:
    statements = document.narrative.statements if document.narrative else []
    if not statements:
        raise NotApplicable("文字说明中没有“比上年增加/减少”的表述")
    return statements


def _covered(document: Document) -> set[tuple[int, str]]:
    """(line, printed change) of the “A万元…增加D万元，增长P%” clauses PERCENT-RANGE already
    judges (percent and direction words): those are not reported twice."""

    def build(document: Document) -> set[tuple[int, str]]:
        return {
            (prose.line_at(match.start("d")), match.group("d"))
            for prose in paragraphs(document)
            for match in PERCENT_CHANGE.finditer(prose.text)
        }

    return memo(document, "percent_range_clauses", build) if document.prose else set()


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
        None,  # a statement is not one narrative cell: its line locates it
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
    "P 应等于 (Y − X) / X。按金额和百分比的印刷精度比较；上年数为 0 时不核对。"
    "PERCENT-RANGE 已核对的同句表述（“A万元…增加D万元，增长P%”）不重复报告。",
    "文字“三公经费1.10万元，比上年减少25万元，下降95.0%”：上年 26.10，实际下降 95.79%。",
)
def change_percent(document: Document) -> Iterator[Finding]:
    covered = _covered(document)
    for item in _statements(document):
        figures = _change_and_prior(item)
        if figures is None or item.percent is None or (item.line, item.text) in covered:
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


def _impossible(item: NarrativeChange) -> bool:
    """An increase larger than the current amount (last year would be negative), or a
    current amount of exactly 0 said to have grown by a percent."""
    if item.base is None or item.prior is not None:
        return False
    if item.amount is not None and item.amount > 0:
        return item.base - item.amount < -(precision(item.base) + precision(item.amount))
    grew = (item.percent_direction or item.direction) == "增加"
    return item.base == 0 and item.base_text is not None and grew and bool(item.percent)


def _contradicts(item: NarrativeChange) -> bool:
    """The direction words contradict the amounts or each other (reported on their own)."""
    actual = _actual(item)
    if actual is not None:
        return actual != item.direction
    return _impossible(item) or (
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
        if _impossible(item):
            yield _finding(
                "NARRATIVE-CHANGE-DIRECTION",
                "error",
                item,
                f"文字说明称本年 {fmt(item.base or Decimal(0))} 万元比上年增加"
                + (f" {fmt(item.amount)} 万元" if item.amount else f" {item.percent}%")
                + "，上年数将小于 0，方向不可能",
                {"stated": item.amount or Decimal(0), "computed": item.base or Decimal(0)},
            )
        elif _contradicts(item) and (item.line, item.text) not in _covered(document):
            yield _finding(
                "NARRATIVE-CHANGE-DIRECTION",
                "error",
                item,
                f"文字说明中金额{item.direction}而百分比{item.percent_direction}，方向矛盾",
                {},
            )


_SIDES = (("收支", "收支"), ("收、支", "收支"), ("收入", "收入"), ("支出", "支出"))
_NOT_TOTALS = ("基本支出", "项目支出", "经费", "费", "基金预算收支")
_QUALIFIER_NOISE = re.compile(
    r"收支|收、支|收入|支出|预算|决算|总计|合计|拨款|安排|其中|本年|总|各|为"
)


def _side(item: NarrativeChange) -> tuple[str, str] | None:
    """(收入 / 支出 / 收支, the qualifier: 财政拨款, 一般公共…, "" for the department's
    whole budget) of a statement about a total; None for anything else."""
    label = item.label
    if not label or any(word in label for word in _NOT_TOTALS):
        return None
    side = next((name for word, name in _SIDES if word in label), None)
    if side is None:
        return None
    return side, _QUALIFIER_NOISE.sub("", label)


@rule(
    "NARRATIVE-CHANGE-CONFLICT",
    "error",
    "文字说明",
    "同一总额只有一个增减数",
    "同一事项、同一金额在文字说明中写出两个不同的增减额为错误；逐项说明中“（项）”后的金额与同段"
    "“本年预算安排”的金额不同也是错误；收支总额的增减与其中收入预算、"
    "支出预算的增减不同也是错误；收入与支出金额相同、都与上年预算（而非执行数、决算数）比较时，"
    "两者的增减额也应相同（不同为警告）。",
    "文字“收支预算19,401.26万元，比上年增加1,151.67万元，其中：1.收入预算减少1,151.67万元”。",
)
def change_conflict(document: Document) -> Iterator[Finding]:
    seen: dict[tuple[str, Decimal], NarrativeChange] = {}
    sides: dict[str, list[tuple[str, NarrativeChange]]] = {}
    for item in _statements(document):
        if item.item_amount is not None and item.base is not None:
            gap = item.base - item.item_amount
            if abs(gap) > precision(item.base) + precision(item.item_amount):
                yield _finding(
                    "NARRATIVE-CHANGE-CONFLICT",
                    "error",
                    item,
                    f"同一段中该项金额先写 {item.item_text} 万元，比上年增减处又写本年 "
                    f"{item.base_text} 万元，相差 {fmt(gap)}",
                    {"stated": item.item_amount, "computed": item.base},
                )
        if item.amount is None or item.prior is not None:
            continue
        if item.base is not None:
            first = seen.setdefault((item.label, item.base), item)
            if first is not item and not _same(first, item):
                yield _finding(
                    "NARRATIVE-CHANGE-CONFLICT",
                    "error",
                    item,
                    f"文字说明对{item.label} {fmt(item.base)} 万元写出两个不同的增减额："
                    f"{fmt(first.amount or Decimal(0))}（第 {first.line} 行）与 {fmt(item.amount)}",
                    {"stated": first.amount or Decimal(0), "computed": item.amount},
                )
        side = _side(item)
        if side is not None and not any(w in item.against for w in ("执行", "决算", "实际")):
            sides.setdefault(side[1], []).append((side[0], item))
    for group in sides.values():
        finding = _sides_conflict(group)
        if finding is not None:
            yield finding


def _sides_conflict(group: list[tuple[str, NarrativeChange]]) -> Finding | None:
    """The first income / spending / combined statement whose change differs from another
    one of the same total (same qualifier, same amount where both print it)."""
    for index, (side, item) in enumerate(group):
        for other_side, other in group[:index]:
            if side == other_side and side != "收支":
                continue  # two incomes of one qualifier may be different totals
            if item.base is not None and other.base is not None and item.base != other.base:
                continue
            if item.base is None and other.base is None:
                continue
            if _same(item, other):
                continue
            combined = "收支" in (side, other_side)
            return _finding(
                "NARRATIVE-CHANGE-CONFLICT",
                "error" if combined else "warning",
                item,
                f"文字说明中{other.label}比上年{other.direction} "
                f"{fmt(abs(other.amount or Decimal(0)))} 万元（第 {other.line} 行），"
                f"{item.label}却{item.direction} {fmt(abs(item.amount or Decimal(0)))} 万元"
                + ("" if combined else "（收入与支出金额相同，上年预算收支应平衡）"),
                {"stated": other.amount or Decimal(0), "computed": item.amount or Decimal(0)},
            )
    return None


def _same(one: NarrativeChange, other: NarrativeChange) -> bool:
    assert one.amount is not None and other.amount is not None
    slack = _slack(one.text, one.amount) + _slack(other.text, other.amount)
    return abs(one.amount - other.amount) <= slack


# what a statement's label names, most specific first: (words, “三公” table row)
_THREE_PUBLIC_ITEMS = (
    ("公务用车购置及运", "vehicles"),
    ("公务用车购置费", "vehicles.purchase"),
    ("公务用车运", "vehicles.operation"),
    ("因公出国", "overseas"),
    ("公务接待", "reception"),
    ("三公", "total"),
)
_CURRENT = ("amount", "fiscal.general")
_PRIOR = ("prior_year", "prior_year.fiscal.general")


def _three_public_row(label: str) -> str | None:
    return next((row for words, row in _THREE_PUBLIC_ITEMS if words in label), None)


@rule(
    "NARRATIVE-THREE-PUBLIC-CHANGE",
    "error",
    "文字与表格",
    "“三公”各项比上年的增减与“三公”经费表一致",
    "情况说明中“因公出国（境）费、公务用车购置及运行费（购置费、运行维护费）、公务接待费及"
    "“三公”经费总额 A万元，比上年增加（减少）D万元”，在“三公”经费表印有上年数、且本年数与 A "
    "相同时，D 应等于本年数减上年数（方向和金额都要相符，按印刷精度比较）。",
    "文字“公务用车运行维护费0万元，比上年减少1.35万元”，“三公”经费表该项上年 2.35。",
)
def three_public_change(document: Document) -> Iterator[Finding]:
    table = document.table("three_public")
    if table is None:
        raise NotApplicable("没有“三公”经费表")
    if not any(c in row.cells for row in table.rows for c in _PRIOR):
        raise NotApplicable("“三公”经费表没有上年数")
    for item in _statements(document):
        code = _three_public_row(item.label)
        if code is None or item.base is None or item.amount is None or item.prior is not None:
            continue
        row = next((r for r in table.rows if r.code == code), None)
        if row is None:
            continue
        # a blank cell of a printed row is 0 (the table prints no 本年 amount for the item)
        now = next((row.cells[c].value for c in _CURRENT if c in row.cells), Decimal(0))
        before = next((row.cells[c].value for c in _PRIOR if c in row.cells), None)
        if now is None or before is None or abs(now - item.base) > precision(item.base):
            continue  # another scope or item: nothing to compare
        change = now - before
        slack = precision(item.amount) + precision(now) + half_ulp(before)
        if abs(item.amount - change) <= slack:
            continue
        yield _finding(
            "NARRATIVE-THREE-PUBLIC-CHANGE",
            "error",
            item,
            f"文字说明称{item.label}比上年{item.direction} {fmt(abs(item.amount))} 万元，"
            f"“三公”经费表本年 {fmt(now)}、上年 {fmt(before)}，实际"
            f"{'增加' if change > 0 else '减少' if change < 0 else '持平'} {fmt(abs(change))}",
            {"stated": item.amount, "computed": change},
        )
