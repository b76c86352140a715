"""Validation rules on the real samples: real mistakes found, correct parts left alone."""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal

from cnbudget.pipeline import parse_file, parse_text
from cnbudget.validate import all_rules, check

from .conftest import CORPUS


def findings(name: str) -> list[tuple[str, str, str | None, str | None, str | None]]:
    report = check(parse_file(CORPUS / f"{name}.txt"))
    return [(f.rule, f.severity, f.table, f.row, f.column) for f in report.findings]


def test_rules_are_registered_once() -> None:
    ids = [r.id for r in all_rules()]
    assert ids == sorted(set(ids))
    assert {"ROW-IDENTITY", "SUM-CHILDREN"} <= set(ids)


def test_weihai_income_missing_housing_rows() -> None:
    # the income table lists 208 and 210 but not 221 (8.41): its 合计 cannot add up
    found = findings("shandong-weihai-huancui-medical-insurance-2025")
    assert ("SUM-CHILDREN", "error", "income", "total", "total") in found
    assert all(f[2] == "income" for f in found if f[1] == "error")


def test_fengrun_rounding_difference_is_info() -> None:
    found = findings("hebei-tangshan-fengrun-medical-insurance-2025")
    assert ("ROW-IDENTITY", "info", "general_basic", "total", "total") in found
    assert not [f for f in found if f[1] == "error"]


def test_consistent_samples_have_no_errors() -> None:
    for name in (
        "shandong-jinan-licheng-medical-insurance-2025",
        "henan-jiyuan-medical-insurance-2025",
        "shandong-yantai-medical-insurance-2025",
    ):
        assert not [f for f in findings(name) if f[1] == "error"], name


def test_changed_number_is_found_at_its_row() -> None:
    text = (CORPUS / "shandong-yantai-medical-insurance-2025.txt").read_text(encoding="utf-8")
    block = text[text.index(" 公开表3") : text.index(" 公开表4")]
    broken = block.replace("01 　　行政运行 425.41 425.41", "01 　　行政运行 425.41 452.41")
    report = check(parse_text(broken))
    rows = {(f.rule, f.row) for f in report.findings if f.severity == "error"}
    assert ("ROW-IDENTITY", "2101501") in rows
    numbers = next(f.numbers for f in report.findings if f.row == "2101501")
    assert numbers["total"] == Decimal("425.41")


def test_disabled_rule_is_reported_not_run() -> None:
    report = check(
        parse_file(CORPUS / "shandong-yantai-medical-insurance-2025.txt"), ["SUM-CHILDREN"]
    )
    assert report.not_run["SUM-CHILDREN"] == "已停用"
    assert "SUM-CHILDREN" not in report.ran
    assert "ROW-IDENTITY" in report.ran


def test_check_cli_exit_code() -> None:
    weihai = str(CORPUS / "shandong-weihai-huancui-medical-insurance-2025.txt")
    result = subprocess.run(
        [sys.executable, "-m", "cnbudget.cli", "check", weihai, "--fail-on", "error"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1 and "不相符" in result.stdout
    result = subprocess.run(
        [sys.executable, "-m", "cnbudget.cli", "check", weihai, "--format", "json"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0 and '"SUM-CHILDREN"' in result.stdout


def test_rows_missing_from_income_table() -> None:
    report = check(parse_file(CORPUS / "shandong-weihai-huancui-medical-insurance-2025.txt"))
    missing = {f.row for f in report.findings if f.rule == "CROSS-FUNCTION-TOTALS"}
    assert missing == {"221", "22102", "2210201"}
    for name in (
        "shandong-jinan-licheng-medical-insurance-2025",
        "shandong-yantai-medical-insurance-2025",
        "henan-jiyuan-medical-insurance-2025",
        "hebei-tangshan-fengrun-medical-insurance-2025",
    ):
        report = check(parse_file(CORPUS / f"{name}.txt"))
        assert not [f for f in report.findings if f.rule == "CROSS-FUNCTION-TOTALS"], name


def test_amount_disagreeing_between_tables() -> None:
    text = (CORPUS / "shandong-yantai-medical-insurance-2025.txt").read_text(encoding="utf-8")
    changed = text.replace("十七、住房保障支出 42.50", "十七、住房保障支出 24.50", 1)
    report = check(parse_text(changed))
    found = [f for f in report.findings if f.rule == "CROSS-FUNCTION-TOTALS"]
    assert [f.row for f in found] == ["221"]
    assert found[0].numbers["summary"] == Decimal("24.50")


def test_rule_catalogue_is_current() -> None:
    from pathlib import Path

    from cnbudget.validate.registry import catalogue

    docs = Path(__file__).parent.parent / "docs" / "rules.md"
    assert docs.read_text(encoding="utf-8") == catalogue(), "regenerate: cnbudget rules --markdown"


def test_table_totals_agree_on_samples_and_catch_a_change() -> None:
    for path in sorted(CORPUS.glob("*.txt")):
        report = check(parse_file(path))
        assert "CROSS-TABLE-TOTALS" in report.ran, path.name
        assert not [f for f in report.findings if f.rule == "CROSS-TABLE-TOTALS"], path.name
    text = (CORPUS / "shandong-jinan-licheng-medical-insurance-2025.txt").read_text(
        encoding="utf-8"
    )
    changed = text.replace(" 18,747.37  18,747.37  18,747.37", " 18,748.37  18,748.37  18,748.37")
    report = check(parse_text(changed))
    found = [f for f in report.findings if f.rule == "CROSS-TABLE-TOTALS"]
    assert [f.table for f in found] == ["projects"]


def test_suspect_cell_is_the_changed_one() -> None:
    text = (CORPUS / "shandong-yantai-medical-insurance-2025.txt").read_text(encoding="utf-8")
    block = text[text.index(" 公开表3") : text.index(" 公开表4")]
    broken = block.replace("01 　　行政运行 425.41 425.41", "01 　　行政运行 425.41 452.41")
    report = check(parse_text(broken))
    errors = [f for f in report.findings if f.severity == "error"]
    assert errors
    assert {f.suspect for f in errors} == {("expenditure", "2101501", "basic")}


def test_prose_split_of_general_basic_is_not_a_row_identity_error() -> None:
    # 国家信访局: 基本支出 11,056.07 (all funds), then 一般公共预算基本支出 9,880.88，其中：
    # 人员经费 7,504.62、公用经费 2,376.26 — the split adds up to the general_basic table
    from .conftest import REAL_CORPUS

    document = parse_file(REAL_CORPUS / "central-state-petition-bureau-2026-budget-dept.pdf")

    def prose_identity() -> list[object]:
        return [
            f
            for f in check(document).findings
            if f.rule == "ROW-IDENTITY" and f.table == "narrative" and f.severity == "error"
        ]

    assert not prose_identity()
    general_basic = document.table("general_basic")
    assert general_basic is not None
    total = next(r for r in general_basic.rows if r.code == "total")
    total.cells["total"].value = Decimal("9880.00")  # the split no longer matches anything
    assert prose_identity()
