"""解析存疑 and evidence: findings on cells not read with certainty are listed apart and
never at error level; every finding cites its page, printed text and (PDF) box."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from click.testing import CliRunner

from cnbudget.cli import main
from cnbudget.model import Document, Notice
from cnbudget.pipeline import parse_file
from cnbudget.validate import check
from cnbudget.validate.html import render
from cnbudget.validate.registry import Finding

from .conftest import CORPUS

REAL = CORPUS / "real"
WEIHAI = CORPUS / "shandong-weihai-huancui-medical-insurance-2025.txt"
JUSTICE_UNIT = REAL / "shanghai-putuo-justice-2026-budget-unit.pdf"


def _weihai() -> Document:
    return parse_file(WEIHAI)


def _by_rule(findings: list[Finding], rule: str, row: str) -> list[Finding]:
    return [f for f in findings if f.rule == rule and f.row == row]


def test_certain_defects_stay_errors_with_evidence() -> None:
    report = check(_weihai())
    errors = list(report.by_severity("error"))
    assert len(errors) == 6 and not report.doubts()
    housing = _by_rule(errors, "CROSS-FUNCTION-TOTALS", "221")[0]
    assert housing.evidence is not None and "住房保障支出" in housing.evidence
    assert housing.evidence.startswith(f"第 {housing.line} 行：")


def test_low_confidence_cell_makes_a_cross_table_finding_doubtful() -> None:
    document = _weihai()
    summary = document.table("summary")
    assert summary is not None
    row = next(r for r in summary.rows if r.code == "221")
    for cell in row.cells.values():
        cell.confidence = 0.5
    found = _by_rule(check(document).findings, "CROSS-FUNCTION-TOTALS", "221")
    assert [f.severity for f in found] == ["warning"]
    assert found[0].doubt is not None and "置信度 0.50" in found[0].doubt


def test_low_confidence_alone_does_not_doubt_an_identity_the_parser_resolved() -> None:
    # the column assignment was chosen by the same sums: no reading makes them hold
    document = _weihai()
    income = document.table("income")
    assert income is not None
    for row in income.rows:
        for cell in row.cells.values():
            cell.confidence = 0.6
    report = check(document)
    sums = [f for f in report.findings if f.rule == "SUM-CHILDREN" and f.table == "income"]
    assert sums and all(f.severity == "error" and f.doubt is None for f in sums)


def test_columns_inferred_from_positions_make_any_finding_doubtful() -> None:
    document = _weihai()
    income = document.table("income")
    assert income is not None
    document.inferred = tuple(row.line for row in income.rows)
    sums = [f for f in check(document).findings if f.rule == "SUM-CHILDREN"]
    income_sums = [f for f in sums if f.table == "income"]
    assert income_sums and all(f.severity == "warning" for f in income_sums)
    assert all(f.doubt and "按文字位置推断" in f.doubt for f in income_sums)


def test_unrecognised_row_near_the_rows_involved_makes_a_finding_doubtful() -> None:
    document = _weihai()
    income = document.table("income")
    assert income is not None
    total = next(r for r in income.rows if r.code == "total")
    far = income.rows[-1].line + 50
    document.notices.append(Notice("unknown-row", "未识别的行名：某某支出", far, "income"))
    assert len(list(check(document).by_severity("error"))) == 6  # far away: no doubt
    document.notices.append(
        Notice("unknown-row", "未识别的行名：某某支出", total.line + 1, "income")
    )
    report = check(document)
    doubtful = [f for f in report.doubts() if f.rule == "SUM-CHILDREN"]
    assert len(doubtful) == 3
    assert all(f.severity == "warning" and "某某支出" in (f.doubt or "") for f in doubtful)
    assert report.summary()["doubt"] == len(report.doubts()) >= 3
    assert report.summary()["error"] == 3  # the CROSS-FUNCTION ones, on other rows


def test_an_unrecognised_header_doubts_the_whole_table() -> None:
    document = _weihai()
    document.notices.append(Notice("unknown-header", "表头含未识别文字：某列", 1, "income"))
    report = check(document)
    assert all(f.table != "income" or f.doubt for f in report.findings if f.cells)
    assert not [f for f in report.findings if f.severity == "error" and f.rule == "SUM-CHILDREN"]


def test_doubt_threshold_is_a_setting() -> None:
    from cnbudget.validate.settings import DEFAULT

    document = _weihai()
    summary = document.table("summary")
    assert summary is not None
    for cell in next(r for r in summary.rows if r.code == "221").cells.values():
        cell.confidence = 0.5
    strict = check(document, settings=replace(DEFAULT, doubt_confidence=DEFAULT.doubt_confidence))
    lax = check(document, settings=replace(DEFAULT, doubt_confidence=DEFAULT.doubt_confidence / 2))
    assert len(strict.doubts()) > len(lax.doubts())


def test_pdf_evidence_has_page_and_box() -> None:
    document = parse_file(JUSTICE_UNIT)
    report = check(document)
    errors = list(report.by_severity("error"))
    assert errors
    for finding in errors:
        assert finding.page is not None and finding.box is not None
        x0, top, x1, bottom = finding.box
        assert x0 < x1 and top < bottom
        assert finding.evidence
    row = next(f for f in errors if f.rule == "ROW-IDENTITY")
    assert row.evidence is not None and "行政运行" in row.evidence
    assert "14348853.34" in row.evidence  # the printed text, not the converted amount
    assert (row.page, row.box) == document.positions[row.line]


def test_reports_list_doubts_apart(tmp_path: Path) -> None:
    document = _weihai()
    document.notices.append(Notice("unknown-header", "表头含未识别文字：某列", 1, "income"))
    report = check(document)
    html = render([(document, report)])
    assert "解析存疑" in html and "存疑原因" in html and "某列" in html
    runner = CliRunner()
    result = runner.invoke(main, ["check", str(WEIHAI), "--format", "json"])
    data = json.loads(result.output)[0]
    assert data["summary"] == {"error": 6, "warning": 0, "info": 0, "doubt": 0}
    first = data["findings"][0]
    assert {"doubt", "page", "evidence", "box"} <= set(first)
    text = runner.invoke(main, ["check", str(JUSTICE_UNIT)]).output
    assert "原文：第 110 行：行政运行" in text and "第11页 第110行" in text
