"""Performance targets: blocks against the prose, copied indicators, indicators without value."""

from __future__ import annotations

from dataclasses import replace

from cnbudget.pipeline import parse_file
from cnbudget.validate import check
from tests.conftest import CORPUS
from tests.prose_mutation import findings, mutated

HANGZHOU = "hangzhou-meteorology-2026-budget-dept.pdf"
WEIHAI = CORPUS / "shandong-weihai-huancui-medical-insurance-2025.txt"


def _rules(prefix: str, document: object) -> list[tuple[str, str]]:
    return [(f.rule, f.severity) for f in check(document).findings if f.rule.startswith(prefix)]  # type: ignore[arg-type]


def test_block_count_and_funds_against_the_prose() -> None:
    assert not findings(mutated(HANGZHOU), "NARRATIVE-PERFORMANCE-BLOCKS")
    document = mutated(HANGZHOU, "共计 3 个一级项目", "共计 4 个一级项目")
    assert findings(document, "NARRATIVE-PERFORMANCE-BLOCKS") == [
        ("NARRATIVE-PERFORMANCE-BLOCKS", "warning", "performance_blocks")
    ]
    document = mutated(HANGZHOU, "涉及资金 2,131.61万元（一级", "涉及资金 2,311.61万元（一级")
    assert findings(document, "NARRATIVE-PERFORMANCE-BLOCKS") == [
        ("NARRATIVE-PERFORMANCE-BLOCKS", "warning", "performance_blocks_funds")
    ]


def test_funds_stated_for_the_general_budget_part_agree() -> None:
    # 湖州退役军人事务局: “共计7个一级项目，涉及资金4368.60万元” is the 一般公共预算 project
    # spending; the blocks' 资金总额 add 单位资金 (4,651.91)
    document = mutated("huzhou-veterans-affairs-2026-budget-dept.pdf")
    assert not findings(document, "NARRATIVE-PERFORMANCE-BLOCKS")


def test_projects_under_management_more_than_blocks_is_a_hint() -> None:
    document = parse_file(CORPUS / "shandong-jinan-licheng-medical-insurance-2025.txt")
    assert _rules("NARRATIVE-PERFORMANCE-BLOCKS", document) == [
        ("NARRATIVE-PERFORMANCE-BLOCKS", "info")
    ]


def test_indicators_copied_between_projects() -> None:
    document = parse_file(WEIHAI)
    assert not _rules("PERFORMANCE-INDICATOR-COPIED", document)
    first, second = document.performance[0], document.performance[1]
    assert first.name != second.name and len(first.indicators) >= 3
    second.indicators = list(first.indicators)
    assert _rules("PERFORMANCE-INDICATOR-COPIED", document) == [
        ("PERFORMANCE-INDICATOR-COPIED", "warning")
    ]


def test_indicator_without_value_or_unit() -> None:
    document = parse_file(WEIHAI)
    assert not _rules("PERFORMANCE-INDICATOR-EMPTY", document)
    block = document.performance[0]
    block.indicators[0] = replace(block.indicators[0], raw="", number=None)
    assert _rules("PERFORMANCE-INDICATOR-EMPTY", document) == [
        ("PERFORMANCE-INDICATOR-EMPTY", "warning")
    ]
    # 烟台: “…跨省联网定点医疗机构 ≥1” has no unit (a real hint)
    yantai = parse_file(CORPUS / "shandong-yantai-medical-insurance-2025.txt")
    assert _rules("PERFORMANCE-INDICATOR-EMPTY", yantai) == [
        ("PERFORMANCE-INDICATOR-EMPTY", "info")
    ]
