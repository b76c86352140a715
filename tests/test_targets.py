"""Performance targets, narrative facts and profile of the five samples, and their pieces."""

from __future__ import annotations

import copy
import json
from decimal import Decimal
from typing import Any

import pytest
from click.testing import CliRunner

from cnbudget.cli import main
from cnbudget.export_json import targets_dict
from cnbudget.model import DeptPerformance, Indicator, PerformanceProject
from cnbudget.performance import unparsed_notice
from cnbudget.performance.values import parse_value
from cnbudget.pipeline import parse_file, parse_text
from cnbudget.prose.profile import region_of

from .conftest import CORPUS, EXPECTED, SAMPLES

DEVIATIONS: list[dict[str, Any]] = json.loads(
    (EXPECTED / "known-deviations.json").read_text(encoding="utf-8")
)


def _expected(name: str) -> dict[str, Any]:
    """The hand-checked reading, with the parser's known, documented deviations applied."""
    data = json.loads((EXPECTED / f"{name}.targets.json").read_text(encoding="utf-8"))
    data = copy.deepcopy(data)
    for item in DEVIATIONS:
        if item["sample"] != name:
            continue
        project = next(p for p in data["performance"] if p["code"] == item["project"])
        indicator = project["indicators"][item["indicator"]]
        assert {k: indicator[k] for k in item["truth"]} == item["truth"]
        indicator.update(item["parser"])
    return data


@pytest.mark.parametrize("name", SAMPLES)
def test_targets_match_expected(name: str) -> None:
    got = json.loads(json.dumps(targets_dict(parse_file(CORPUS / f"{name}.txt"))))
    expected = _expected(name)
    for key in ("performance", "dept_performance", "narrative", "profile"):
        if key == "performance":
            assert len(got[key]) == len(expected[key])
            for mine, theirs in zip(got[key], expected[key], strict=True):
                assert mine == theirs, mine["name"]
        else:
            assert got[key] == expected[key], key


def test_project_and_indicator_counts() -> None:
    counts = {}
    for name in SAMPLES:
        document = parse_file(CORPUS / f"{name}.txt")
        counts[name.split("-")[1]] = (
            len(document.performance),
            sum(len(p.indicators) for p in document.performance),
        )
    assert counts == {
        "jinan": (5, 48),
        "weihai": (7, 79),
        "yantai": (5, 74),
        "jiyuan": (23, 114),
        "tangshan": (9, 54),
    }


@pytest.mark.parametrize(
    ("raw", "comparator", "number", "unit"),
    [
        ("≥95%", "≥", "95", "%"),
        ("≤16522.85万元", "≤", "16522.85", "万元"),
        ("790元/人/年", None, "790", "元/人/年"),
        ("≥15000 本", "≥", "15000", "本"),
        ("≥ 400万", "≥", "400", "万"),
        ("=0起", "=", "0", "起"),
        ("＝１００％", "=", "100", "%"),
        (">=3 天", "≥", "3", "天"),
        ("大于等于 95%", "≥", "95", "%"),
        ("审核DRG付费医疗机构数量≥297家", "≥", "297", "家"),
        ("显著", None, None, None),
        ("≥省级下达参保计划数", "≥", None, None),
        ("2025 年 12 月底", None, None, None),
    ],
)
def test_values(raw: str, comparator: str | None, number: str | None, unit: str | None) -> None:
    value = parse_value(raw)
    assert value.comparator == comparator
    assert value.number == (Decimal(number) if number else None)
    assert value.unit == unit
    assert value.parsed


@pytest.mark.parametrize("raw", ["处置率达100%", "1-12月", "国谈药品落地数据报送及时率100%。"])
def test_unreadable_values_are_flagged(raw: str) -> None:
    value = parse_value(raw)
    assert value.number is None and not value.parsed


def test_unparsed_indicators_are_kept_and_counted() -> None:
    document = parse_file(CORPUS / "shandong-yantai-medical-insurance-2025.txt")
    unparsed = [i for p in document.performance for i in p.indicators if not i.parsed]
    assert [i.raw for i in unparsed] == ["处置率达100%", "国谈药品落地数据报送及时率100%。"]
    notice = next(n for n in document.notices if n.code == "performance-unparsed")
    assert notice.message.startswith("2 个绩效指标")


def test_unparsed_notice_counts_each_indicator_once() -> None:
    def indicator(raw: str, line: int, parsed: bool) -> Indicator:
        return Indicator(None, None, "指标", raw, line=line, parsed=parsed)

    projects = [
        PerformanceProject(f"项目{n}", n * 10, "block", indicators=[indicator("≥95%", n, True)])
        for n in range(1, 4)
    ]
    projects[1].indicators.append(indicator("处置率达100%", 21, False))
    department = DeptPerformance(1, indicators=[indicator("1-12月", n, False) for n in (5, 6)])
    notice = unparsed_notice(projects, department)
    assert notice is not None and notice.message.startswith("3 个绩效指标")
    assert "第21、5、6行" in notice.message
    assert unparsed_notice(projects[:1], None) is None


@pytest.mark.parametrize(
    ("department", "code"),
    [
        ("济南市历城区医疗保障局", "370112"),
        ("丰润区医疗保障局", "130208"),
        ("济源产城融合示范区医疗保障局", "419001"),
        ("烟台市医疗保障局", "370600"),
        ("河北省财政厅", "130000"),
        ("长春市朝阳区教育局", "220104"),
    ],
)
def test_region(department: str, code: str) -> None:
    region = region_of(department)
    assert region is not None and region.code == code


def test_region_ambiguous_or_unknown() -> None:
    assert region_of("朝阳区教育局") is None  # 北京 and 长春 both have one
    assert region_of("医疗保障局") is None


def test_cli_targets() -> None:
    runner = CliRunner()
    path = str(CORPUS / "shandong-weihai-huancui-medical-insurance-2025.txt")
    result = runner.invoke(main, ["targets", path])
    assert result.exit_code == 0
    assert "项目绩效目标：7 个项目" in result.output
    assert "人均会议成本：≤59元/人" in result.output
    result = runner.invoke(main, ["targets", path, "--format", "json"])
    data = json.loads(result.output)
    assert data["profile"]["region"]["county"] == "环翠区"
    bad = runner.invoke(main, ["targets", "/nonexistent/x.txt"])
    assert bad.exit_code == 2 and bad.output.count("\n") == 1


def test_parse_json_includes_targets() -> None:
    runner = CliRunner()
    path = str(CORPUS / "hebei-tangshan-fengrun-medical-insurance-2025.txt")
    data = json.loads(runner.invoke(main, ["parse", path, "--format", "json"]).output)
    assert len(data["performance"]) == 9
    assert data["performance"][0]["plan"][0] == {"period": "3月底", "text": "1.25", "value": "1.25"}
    assert data["narrative"]["changes"][0]["direction"] == "减少"
    assert data["profile"]["units"][1]["level"] == "副科级"


def test_narrative_fact_lines_point_at_the_number() -> None:
    document = parse_file(CORPUS / "shandong-jinan-licheng-medical-insurance-2025.txt")
    table = document.table("narrative")
    assert table is not None
    lines = (
        (CORPUS / "shandong-jinan-licheng-medical-insurance-2025.txt")
        .read_text(encoding="utf-8")
        .splitlines()
    )
    for cell in table.rows[0].cells.values():
        assert cell.line is not None
        assert cell.text.replace(",", "")[:3] in lines[cell.line - 1].replace(",", "") or (
            cell.text == "持平"
        )


def test_text_without_targets_has_none() -> None:
    text = "部门收支总表\n单位：万元\n项目 预算数\n收入合计 10.00 支出合计 10.00\n"
    document = parse_text(text)
    assert document.table("summary") is not None
    assert document.performance == [] and document.dept_performance is None
