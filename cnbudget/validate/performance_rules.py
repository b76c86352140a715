"""Performance targets: the blocks against the prose, indicators copied or left without value.

The target blocks are Document.performance (one PerformanceProject per block; a project
printed once per unit is one project, counted by name). The prose states how many blocks
are set (“共计7个一级项目”, “设置并编报6个项目绩效目标”) and their funds; the project count
under target management (“涉及预算项目支出8个”) is also compared, as a hint only (a
document may publish the targets of key projects only).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from cnbudget.model import Document, Indicator, PerformanceProject
from cnbudget.validate.common import amount, cell_line, fmt
from cnbudget.validate.narrative import agrees, narrative, stated_cell
from cnbudget.validate.registry import Finding, NotApplicable, rule

_COPIED_MIN = 3  # a block with fewer indicators may share them by chance


def _blocks(document: Document) -> list[PerformanceProject]:
    if not document.performance:
        raise NotApplicable("没有解析出项目绩效目标表")
    return document.performance


@rule(
    "NARRATIVE-PERFORMANCE-BLOCKS",
    "warning",
    "文字与表格",
    "绩效目标表的个数和资金与文字说明一致",
    "情况说明所写设置（公开）绩效目标的项目个数（“共计7个一级项目”“设置并编报6个项目绩效目标”）"
    "应等于绩效目标表中的项目数（同名项目按单位分列时算一个），所写资金应等于各表资金之和；"
    "文字只写“涉及预算项目支出N个”而公开的目标表较少时为提示（可能只公开重点项目）。",
    "文字“共计7个一级项目，涉及资金4368.60万元”，绩效目标表 6 个项目。",
)
def performance_blocks(document: Document) -> Iterator[Finding]:
    blocks = _blocks(document)
    _, row = narrative(document)
    names = {block.name for block in blocks}
    stated = stated_cell(row, "performance_blocks")
    key, severity = "performance_blocks", "warning"
    if stated is None:
        stated, key, severity = (
            stated_cell(row, "performance_projects"),
            "performance_projects",
            "info",
        )
    funds = stated_cell(row, "performance_blocks_funds")
    if stated is None and funds is None:
        raise NotApplicable("文字说明没有写绩效目标的项目个数或资金")
    counts = (len(names), len(blocks))  # a project per unit, or same-named projects
    if stated is not None and stated.value is not None and stated.value not in counts:
        yield Finding(
            "NARRATIVE-PERFORMANCE-BLOCKS",
            "warning" if severity == "warning" else "info",
            f"文字说明称 {stated.value} 个项目"
            f"{'设置绩效目标' if key == 'performance_blocks' else '实施绩效目标管理'}，"
            f"公开的项目绩效目标表有 {len(names)} 个项目",
            "narrative",
            "narrative",
            key,
            cell_line(stated, row),
            {"narrative": stated.value, "performance": Decimal(len(names))},
            (("narrative", "narrative", key),),
        )
    totals = [block.total for block in blocks]
    if funds is None or funds.value is None or any(total is None for total in totals):
        return
    added = sum((total for total in totals if total is not None), Decimal(0))
    # the prose may state the blocks' funds or their general-budget part (湖州: “涉及资金
    # 4368.60万元” = 一般公共预算 project spending, the blocks' 资金总额 adding 单位资金)
    scopes = [added, *_general_part(document, blocks)]
    if any(agrees(funds.value, value) for value in scopes):
        return
    yield Finding(
        "NARRATIVE-PERFORMANCE-BLOCKS",
        "warning",
        f"文字说明中绩效目标项目资金 {fmt(funds.value)} 万元（原文“{funds.text}”）与"
        f"各项目绩效目标表资金之和 {fmt(added)} 不一致，相差 {fmt(funds.value - added)}",
        "narrative",
        "narrative",
        "performance_blocks_funds",
        cell_line(funds, row),
        {"narrative": funds.value, "performance": added},
        (("narrative", "narrative", "performance_blocks_funds"),),
    )


def _general_part(document: Document, blocks: list[PerformanceProject]) -> list[Decimal]:
    """The general-budget part of the blocks' funds, where printed."""
    parts = []
    if all(block.fiscal is not None for block in blocks):
        parts.append(sum((block.fiscal or Decimal(0) for block in blocks), Decimal(0)))
    for table, column in (("general_expenditure", "project"), ("projects", "fiscal.general")):
        hit = amount(document.table(table), "total", column)
        if hit is not None:
            parts.append(hit[0])
    return parts


def _signature(indicators: list[Indicator]) -> tuple[tuple[str, str], ...]:
    return tuple((indicator.name, indicator.raw) for indicator in indicators)


@rule(
    "PERFORMANCE-INDICATOR-COPIED",
    "warning",
    "绩效目标",
    "不同项目的绩效指标原样照抄",
    f"两个不同名称的项目，全部绩效指标（指标名称和指标值，至少 {_COPIED_MIN} 项）完全相同，"
    "多为照抄，未按项目设置指标。",
    "“城乡医疗救助”与“医疗保障服务能力建设”两个项目的 6 项指标逐项相同。",
)
def indicator_copied(document: Document) -> Iterator[Finding]:
    seen: dict[tuple[tuple[str, str], ...], PerformanceProject] = {}
    for block in _blocks(document):
        if len(block.indicators) < _COPIED_MIN:
            continue
        first = seen.setdefault(_signature(block.indicators), block)
        if first is block or first.name == block.name:
            continue
        yield Finding(
            "PERFORMANCE-INDICATOR-COPIED",
            "warning",
            f"项目“{block.name}”的 {len(block.indicators)} 项绩效指标与项目“{first.name}”"
            f"（第 {first.line} 行）完全相同",
            "performance",
            None,
            None,
            block.line,
        )


@rule(
    "PERFORMANCE-INDICATOR-EMPTY",
    "warning",
    "绩效目标",
    "绩效指标没有指标值或计量单位",
    "每项绩效指标应有指标值（没有为警告）；带比较符号的数量指标（“≥1”）应写明计量单位"
    "（没有为提示）。",
    "“每个县(区)范围内开通门诊慢特病相关治疗费用跨省联网定点医疗机构数 ≥1”没有单位。",
)
def indicator_empty(document: Document) -> Iterator[Finding]:
    for block in _blocks(document):
        for indicator in block.indicators:
            if not indicator.raw.strip():
                yield Finding(
                    "PERFORMANCE-INDICATOR-EMPTY",
                    "warning",
                    f"项目“{block.name}”的指标“{indicator.name}”没有指标值",
                    "performance",
                    None,
                    None,
                    indicator.line or block.line,
                )
            elif (
                indicator.number is not None
                and indicator.comparator is not None
                and not indicator.unit
            ):
                yield Finding(
                    "PERFORMANCE-INDICATOR-EMPTY",
                    "info",
                    f"项目“{block.name}”的指标“{indicator.name}”指标值“{indicator.raw}”"
                    "没有计量单位",
                    "performance",
                    None,
                    None,
                    indicator.line or block.line,
                )
