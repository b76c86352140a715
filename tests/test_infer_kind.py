"""Table kinds from content when the title is unknown (or missing); the table of contents
is never a table. Real and sample documents are re-parsed with their titles replaced."""

from __future__ import annotations

from dataclasses import replace

import pytest

from cnbudget.facts import facts
from cnbudget.layout.sections import is_unknown_title
from cnbudget.model import Document
from cnbudget.pipeline import parse_source
from cnbudget.readers import read_file
from cnbudget.readers.text import SourceText

from .conftest import CORPUS, REAL_CORPUS

PROSE = ("narrative", "performance", "dept_performance")


def retitled(source: SourceText, titles: dict[str, str | None]) -> SourceText:
    """The same text with some title lines replaced (None: the line removed)."""
    lines = []
    for line in source.lines:
        new = titles.get(line.text.strip(), line.text)
        if new is not None:
            lines.append(replace(line, text=new))
    return replace(source, lines=lines)


def table_facts(document: Document) -> dict[tuple[str, str, str], str]:
    return {
        (f.table, f.row_code, f.column): f.text for f in facts(document) if f.table not in PROSE
    }


def test_real_tables_with_unknown_titles() -> None:
    source = read_file(REAL_CORPUS / "central-state-petition-bureau-2026-budget-dept.pdf")
    changed = {
        "部门收支总表": "部门资金总览表",
        "部门收入总表": "部门资金来源明细表",
        "部门支出总表": "部门资金使用明细表",
        "财政拨款收支总表": "财政资金总览表",
        "一般公共预算支出表": "一般公共预算资金使用表",
        "一般公共预算基本支出表": "一般公共预算人员和公用经费明细表",
        "财政拨款预算“三公”经费支出表": "出国、用车和接待经费表",
    }
    original = parse_source(source)
    document = parse_source(retitled(source, changed))
    assert table_facts(document) == table_facts(original)
    inferred = [n for n in document.notices if n.code == "inferred-kind"]
    assert len(inferred) == len(changed)
    assert all("未能识别" in n.message and n.severity == "info" for n in inferred)


@pytest.mark.parametrize(
    ("name", "changed"),
    [
        (
            "shandong-jinan-licheng-medical-insurance-2025",
            {
                "支出总体情况表": "资金使用总体情况表",
                "一般公共预算基本支出情况表": "一般公共预算人员和公用经费情况表",
                "一般公共预算“三公”经费支出情况表": "因公出国、用车和接待经费情况表",
            },
        ),
        (
            "hebei-tangshan-fengrun-medical-insurance-2025",
            {
                "部门预算收支总表": "部门预算资金总览表",
                "部门预算财政拨款收支总表": "部门预算财政资金总览表",
                "部门预算一般公共预算财政拨款支出表": "部门预算一般公共预算财政拨款使用表",
            },
        ),
    ],
)
def test_sample_tables_with_unknown_titles(name: str, changed: dict[str, str]) -> None:
    source = read_file(CORPUS / f"{name}.txt")
    assert all(any(line.text.strip() == t for line in source.lines) for t in changed)
    document = parse_source(retitled(source, changed))
    assert table_facts(document) == table_facts(parse_source(source))
    assert sum(n.code == "inferred-kind" for n in document.notices) == len(changed)


def test_unrecognisable_titled_table_is_reported() -> None:
    source = read_file(REAL_CORPUS / "central-state-petition-bureau-2026-budget-dept.pdf")
    document = parse_source(retitled(source, {"部门收入总表": "部门资金来源明细表"}))
    assert not [n for n in document.notices if n.code == "unknown-table"]
    # a table whose header names nothing known: reported with its amount count
    strange = retitled(source, {"部门收入总表": "部门资金来源明细表"})
    lines = [
        replace(line, text="甲\t乙\t丙") if line.text.startswith("合计\t上年结转") else line
        for line in strange.lines
    ]
    lines = [line for line in lines if not line.text.startswith("\t\t\t\t\t金额")]
    document = parse_source(replace(strange, lines=lines))
    unknown = [n for n in document.notices if n.code == "unknown-table"]
    assert len(unknown) == 1 and "4 个数字未转为事实" in unknown[0].message
    assert not any(f.table == "income" for f in facts(document))


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("部门资金使用明细表", True),
        ("2026年人员和公用经费明细表（万元）", True),
        ("部门资金使用明细表……………………6", False),  # a line of the table of contents
        ("三、部门资金使用明细表 12", False),
        ("六、关于资金使用明细表的说明", False),
        ("第二部分 部门预算表", False),
        ("部门收支总表", False),  # known: title_kind decides
        ("本表反映部门资金使用明细表。", False),
        ("项目\t明细表", False),
    ],
)
def test_unknown_title_lines(text: str, title: bool) -> None:
    assert is_unknown_title(text) is title
