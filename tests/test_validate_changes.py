"""Prose changes, shares and performance budgets against the tables (NARRATIVE-CHANGE,
NARRATIVE-SHARE, PERFORMANCE-BUDGET): silent on the samples, loud on a changed figure."""

from __future__ import annotations

import pytest

from cnbudget.pipeline import parse_file, parse_text
from cnbudget.validate import check

from .conftest import CORPUS, SAMPLES

RULES = ("NARRATIVE-CHANGE", "NARRATIVE-SHARE", "PERFORMANCE-BUDGET")


def _text(name: str) -> str:
    return (CORPUS / f"{name}.txt").read_text(encoding="utf-8")


def _found(text: str, rule: str) -> list[tuple[str, str | None, str | None]]:
    report = check(parse_text(text))
    return [(f.severity, f.row, f.column) for f in report.findings if f.rule == rule]


@pytest.mark.parametrize("name", SAMPLES)
def test_samples_raise_nothing(name: str) -> None:
    report = check(parse_file(CORPUS / f"{name}.txt"))
    assert not [f for f in report.findings if f.rule in RULES]


def test_rules_run_where_the_figures_exist() -> None:
    ran = {
        name: set(check(parse_file(CORPUS / f"{name}.txt")).ran) & set(RULES) for name in SAMPLES
    }
    assert "NARRATIVE-CHANGE" in ran["shandong-yantai-medical-insurance-2025"]
    assert "NARRATIVE-SHARE" in ran["henan-jiyuan-medical-insurance-2025"]
    assert "PERFORMANCE-BUDGET" in ran["shandong-jinan-licheng-medical-insurance-2025"]


def test_three_public_change_of_the_wrong_direction() -> None:
    text = _text("shandong-yantai-medical-insurance-2025")
    broken = text.replace(
        "元，比上年减少1.35万元，下降37.5％", "元，比上年增加1.35万元，增长37.5％"
    )
    assert ("error", "narrative", "three_public_total.change") in _found(broken, "NARRATIVE-CHANGE")


def test_total_change_not_the_sum_of_its_parts() -> None:
    text = _text("shandong-yantai-medical-insurance-2025")
    broken = text.replace("其中基本支出减少1.05万元", "其中基本支出减少11.05万元")
    assert ("error", "narrative", "change") in _found(broken, "NARRATIVE-CHANGE")


def test_share_that_does_not_match_the_table() -> None:
    text = _text("henan-jiyuan-medical-insurance-2025")
    broken = text.replace("3283.90万元，占46.25%", "3283.90万元，占47.25%")
    assert ("error", "narrative", "basic.share") in _found(broken, "NARRATIVE-SHARE")


def test_performance_budget_disagreeing_with_projects_table() -> None:
    text = _text("shandong-jinan-licheng-medical-insurance-2025")
    line = "城乡医疗救助 特定目标类  594.00  594.00  594.00"
    assert line in text
    broken = text.replace(line, "城乡医疗救助 特定目标类  549.00  549.00  549.00")
    found = _found(broken, "PERFORMANCE-BUDGET")
    assert ("error", "project:城乡医疗救助", "total") in found
    assert ("error", "project:城乡医疗救助", "fiscal") in found


def test_performance_project_missing_from_projects_table_is_info() -> None:
    text = _text("shandong-jinan-licheng-medical-insurance-2025")
    line = "城乡医疗救助 特定目标类  594.00  594.00  594.00\n"
    broken = text.replace(line, "")
    found = _found(broken, "PERFORMANCE-BUDGET")
    assert ("info", "project:城乡医疗救助", "total") in found
