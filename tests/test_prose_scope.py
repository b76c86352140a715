"""Prose scope: an annex and a per-unit breakdown do not give the department's figures."""

from __future__ import annotations

from cnbudget.model import SourceLine
from cnbudget.prose.scope import department_prose


def _lines(*texts: str) -> list[SourceLine]:
    return [SourceLine(n, text) for n, text in enumerate(texts, start=1)]


def test_annex_is_left_out() -> None:
    lines = _lines(
        "第三部分 情况说明",
        "年初结转和结余 1615.24 万元。《信息系统维护费项目》具体内容详见附件。",
        "第五部分 附件",
        "附件",
        "该项目批复的年初预算数为 1018.00 万元，其中上年结转 120.00 万元。",
    )
    assert [line.number for line in department_prose(lines, "国家信访局")] == [1, 2]


def test_breakdown_by_unit_is_left_out_until_the_next_part() -> None:
    lines = _lines(
        "第二部分 部门预算收支总体情况",
        "2026 年深圳市水务局部门预算支出 857,808.76 万元。",
        "第三部分 部门预算支出具体情况",
        "一、深圳市水务局（本级）",
        "深圳市水务局（本级）预算 178,214.28 万元，包括项目支出170,390.31 万元。",
        "二、深圳市水文水质中心",
        "第四部分 政府采购预算情况",
        "政府采购项目共有 1,100.30 万元。",
    )
    kept = [line.number for line in department_prose(lines, "深圳市水务局")]
    assert kept == [1, 2, 3, 7, 8]


def test_a_department_of_one_unit_keeps_its_figures() -> None:
    lines = _lines(
        "第三部分 部门预算支出具体情况",
        "一、深圳市医疗保障局（本级）",
        "深圳市医疗保障局（本级）预算 13,754.63 万元，包括项目支出 3,000.00 万元。",
    )
    assert len(department_prose(lines, "深圳市医疗保障局（本级）")) == 3
    assert len(department_prose(lines, None)) == 3
