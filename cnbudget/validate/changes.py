"""Prose changes and shares: stated changes vs last year and stated percentages vs the tables.

A change printed in the 情况说明 (“比上年减少0.6万元”) is signed (减少 → negative). Where the
tables print both years (the “三公” table's 上年 column) the change must equal this year
minus last year, with the same direction; the total change must equal the basic change plus
the project change when all three are stated; and a stated share of basic or project
spending must match the amounts of the 支出总表 at the printed precision of the percentage.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from cnbudget.model import Document
from cnbudget.tables.assign import half_ulp
from cnbudget.validate.common import amount, cell_line, fmt
from cnbudget.validate.narrative import agrees, narrative, precision, stated_cell
from cnbudget.validate.registry import Finding, NotApplicable, rule
from cnbudget.validate.settings import current

HUNDRED = Decimal(100)


def _direction(value: Decimal) -> str:
    return "增加" if value > 0 else "减少" if value < 0 else "持平"


@rule(
    "NARRATIVE-CHANGE",
    "error",
    "文字与表格",
    "文字所说的增减与表格一致",
    "情况说明中“三公”经费比上年的增减额，应等于“三公”经费表本年合计减上年合计（方向和金额都要"
    "相符）；同时写出支出总额、基本支出和项目支出的增减额时，总额的增减应等于基本支出与项目"
    "支出增减之和。均按文字的印刷精度比较。",
    "文字“三公经费比上年减少0.6万元”，“三公”经费表本年 2.25、上年 3.60（减少 1.35）。",
)
def narrative_change(document: Document) -> Iterator[Finding]:
    _, row = narrative(document)
    ran = False
    stated = stated_cell(row, "three_public_total.change")
    current_year = amount(document.table("three_public"), "total", "amount")
    prior_year = amount(document.table("three_public"), "total", "prior_year")
    if stated is not None and current_year is not None and prior_year is not None:
        ran = True
        assert stated.value is not None
        change = current_year[0] - prior_year[0]
        slack = (
            precision(stated.value)
            + half_ulp(current_year[0])
            + half_ulp(prior_year[0])
            + current().narrative_slack
        )
        if abs(stated.value - change) > slack:
            yield Finding(
                "NARRATIVE-CHANGE",
                "error",
                f"文字说明称“三公”经费比上年{_direction(stated.value)} {fmt(abs(stated.value))}"
                f" 万元（原文“{stated.text}”），“三公”经费表本年 {fmt(current_year[0])}、上年 "
                f"{fmt(prior_year[0])}，实际{_direction(change)} {fmt(abs(change))}",
                "narrative",
                "narrative",
                "three_public_total.change",
                cell_line(stated, row),
                {"stated": stated.value, "computed": change},
                (
                    ("narrative", "narrative", "three_public_total.change"),
                    ("three_public", "total", "amount"),
                    ("three_public", "total", "prior_year"),
                ),
                ("narrative", "narrative", "three_public_total.change"),
            )
    total, basic, project = (
        stated_cell(row, key) for key in ("change", "basic.change", "project.change")
    )
    if total is not None and basic is not None and project is not None:
        ran = True
        assert total.value is not None and basic.value is not None and project.value is not None
        added = basic.value + project.value
        slack = (
            precision(total.value)
            + precision(basic.value)
            + precision(project.value)
            + current().narrative_slack
        )
        if abs(total.value - added) > slack:
            yield Finding(
                "NARRATIVE-CHANGE",
                "error",
                f"文字说明中支出总额比上年{_direction(total.value)} {fmt(abs(total.value))} 万元，"
                f"而基本支出{_direction(basic.value)} {fmt(abs(basic.value))}、项目支出"
                f"{_direction(project.value)} {fmt(abs(project.value))}，合计变动 {fmt(added)}",
                "narrative",
                "narrative",
                "change",
                cell_line(total, row),
                {"stated": total.value, "sum": added},
                (
                    ("narrative", "narrative", "change"),
                    ("narrative", "narrative", "basic.change"),
                    ("narrative", "narrative", "project.change"),
                ),
            )
    if not ran:
        raise NotApplicable("文字说明没有可与表格或其他文字核对的增减额")


@rule(
    "NARRATIVE-SHARE",
    "error",
    "文字与表格",
    "文字所说的占比与表格一致",
    "情况说明中基本支出、项目支出占支出总额的百分比，应等于支出总表合计行的基本支出（项目支出）"
    "除以合计（按百分比的印刷精度比较，例如 46.25% 代表 46.245%–46.255%）。",
    "文字“基本支出占46.25%”，支出总表基本支出 8,960.05、合计 18,747.37（47.79%）。",
)
def narrative_share(document: Document) -> Iterator[Finding]:
    _, row = narrative(document)
    total = amount(document.table("expenditure"), "total", "total")
    if total is None or total[0] == 0:
        raise NotApplicable("没有支出总表合计，无法核对占比")
    ran = False
    for key, column, name in (
        ("basic.share", "basic", "基本支出"),
        ("project.share", "project", "项目支出"),
    ):
        stated = stated_cell(row, key)
        if stated is None:
            continue
        assert stated.value is not None
        part = amount(document.table("expenditure"), "total", column)
        value = part[0] if part is not None else Decimal(0)
        ran = True
        low, high = share_interval(value, total[0])
        slack = precision(stated.value)
        if low - slack <= stated.value <= high + slack:
            continue
        computed = value / total[0] * HUNDRED
        yield Finding(
            "NARRATIVE-SHARE",
            "error",
            f"文字说明称{name}占支出总额 {stated.value}%（原文“{stated.text}”），"
            f"支出总表{name} {fmt(value)}、合计 {fmt(total[0])}，占 {computed:.2f}%",
            "narrative",
            "narrative",
            key,
            cell_line(stated, row),
            {"stated": stated.value, "computed": computed.quantize(Decimal("0.01"))},
            (
                ("narrative", "narrative", key),
                ("expenditure", "total", column),
                ("expenditure", "total", "total"),
            ),
            ("narrative", "narrative", key),
        )
    if not ran:
        raise NotApplicable("文字说明没有写基本支出或项目支出的占比")


def share_interval(part: Decimal, total: Decimal) -> tuple[Decimal, Decimal]:
    """The percentages the printed part and total allow, given their rounding intervals."""
    part_slack, total_slack = half_ulp(part), half_ulp(total)
    low = max(part - part_slack, Decimal(0)) / (total + total_slack) * HUNDRED
    high = (part + part_slack) / max(total - total_slack, Decimal("0.000001")) * HUNDRED
    return low, high


@rule(
    "PERFORMANCE-BUDGET",
    "error",
    "表与表",
    "绩效目标表的项目资金与项目支出表一致",
    "项目绩效目标表中每个项目的资金总额（及其中财政拨款）应与项目支出表中同一项目的合计"
    "（财政拨款）相同；在项目支出表中找不到的项目列为提示。",
    "绩效目标表“城乡医疗救助”资金总额 594.00，项目支出表该项目合计 549.00。",
)
def performance_budget(document: Document) -> Iterator[Finding]:
    targets = document.table("performance")
    projects = document.table("projects")
    if targets is None or not targets.rows:
        raise NotApplicable("没有项目绩效目标表")
    if projects is None or projects.is_empty:
        raise NotApplicable("没有项目支出表")
    listed = {row.code: row for row in projects.rows if row.code.startswith("project:")}
    for row in targets.rows:
        match = listed.get(row.code)
        if match is None:
            yield Finding(
                "PERFORMANCE-BUDGET",
                "info",
                f"绩效目标表中的项目“{row.name}”在项目支出表中没有同名项目，无法核对资金",
                "performance",
                row.code,
                "total",
                row.line,
                {},
                (("performance", row.code, "total"),),
            )
            continue
        for column in ("total", "fiscal"):
            target = row.cells.get(column)
            printed = match.cells.get(column)
            if target is None or target.value is None or printed is None:
                continue
            if printed.value is None or agrees(target.value, printed.value):
                continue
            yield Finding(
                "PERFORMANCE-BUDGET",
                "error",
                f"绩效目标表中“{row.name}”的{'资金总额' if column == 'total' else '财政拨款'} "
                f"{fmt(target.value)} 与项目支出表 {fmt(printed.value)} 不一致，相差 "
                f"{fmt(target.value - printed.value)}",
                "performance",
                row.code,
                column,
                row.line,
                {"performance": target.value, "projects": printed.value},
                (("performance", row.code, column), ("projects", match.code, column)),
            )
