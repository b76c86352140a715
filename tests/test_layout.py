"""Layout stages alone: titles, row reassembly, code placement."""

from __future__ import annotations

from cnbudget.layout.rows import assemble, parts
from cnbudget.model import SourceLine
from cnbudget.pipeline import parse_text
from cnbudget.vocabulary.titles import title_kind


def lines(text: str) -> list[SourceLine]:
    return [SourceLine(i, t) for i, t in enumerate(text.split("\n"), start=1)]


def test_title_variants() -> None:
    assert title_kind("公开表5") is None
    assert title_kind(" 收入总体情况表") == "income"
    assert title_kind("2025年一般公共预算“三公”经费预算表") == "three_public"
    assert title_kind("部门预算一般公共预算财政拨款基本支出表") == "general_basic"
    assert title_kind("部门政府采购预算") == "procurement"
    assert title_kind("收入支出决算总表") == "summary"
    assert title_kind("四、政府采购情况") is None
    assert title_kind("收支预算总表支出栏、基本支出表、项目支出表按经济分类编制，反映情况") is None


def test_numbered_rows_with_split_codes() -> None:
    body = lines(
        "1 20801\n人力资源\n7.00 7.00\n2\n208010\n9\n社会保险经办\n机构\n7.00 7.00\n3\n20802\n07\n名称\n1.00 1.00"
    )
    rows, _ = assemble(body, numbered=True)
    codes = ["".join(g for g in parts(r).codes[0]) for r in rows]
    names = ["".join(parts(r).names) for r in rows]
    assert codes == ["20801", "2080109", "2080207"]
    assert names == ["人力资源", "社会保险经办机构", "名称"]


def test_wrapped_name_before_amounts() -> None:
    body = lines(
        "05\n　　机关事业单位基本养老保\n险缴费支出\n\n58.55 58.55 58.55\n06 　　职业年金 1.00 1.00"
    )
    rows, _ = assemble(body)
    assert len(rows) == 2
    first = parts(rows[0])
    assert first.codes == [["05"]] and first.names == ["机关事业单位基本养老保险缴费支出"]
    assert first.indents == [2] and first.amounts == ["58.55", "58.55", "58.55"]


TAB_TABLE = """收入总体情况表
部门(单位)：某某局
单位：万元
科目编码\t\t\t科目名称\t合计\t财政拨款收入\t\t\t
类\t款\t项\t\t\t小计\t一般公共预算收入\t政府性基金预算收入\t
\t\t\t合 计\t10.00\t10.00\t10.00\t\t
208\t\t\t社会保障和就业支出\t10.00\t10.00\t10.00\t\t
\t05\t\t行政事业单位养老支出\t9.00\t9.00\t9.00\t\t
\t\t05\t机关事业单位基本养老保险缴费支出\t9.00\t9.00\t9.00\t\t
\t\t99\t其他社会保障和就业支出\t1.00\t1.00\t1.00\t\t
\t\t99\t其他社会保障和就业支出\t1.00\t1.00\t1.00\t\t
"""


def test_code_level_repaired_by_arithmetic() -> None:
    document = parse_text(TAB_TABLE * 1)
    table = document.table("income")
    assert table is not None
    assert [row.code for row in table.rows] == [
        "total",
        "208",
        "20805",
        "2080505",
        "20899",
        "2089999",
    ]
    assert any(n.code == "code-level" for n in document.notices)


def test_dash_cells_and_fullwidth_digits_fix_positions() -> None:
    from pathlib import Path

    from cnbudget.facts import facts

    text = (
        Path(__file__).parent / "corpus" / "shandong-jinan-licheng-medical-insurance-2025.txt"
    ).read_text(encoding="utf-8")
    block = text[text.index(" 公开表3") : text.index(" 公开表4")]
    block = block.replace(
        "208 社会保障和就业支出 91.64 91.64", "208 社会保障和就业支出 91.64 91.64 - -"
    )
    block = block.replace(
        "02 　　事业单位医疗 264.00 264.00", "02 　　事业单位医疗 ２６４．００ — ２６４．００ —"
    )
    found = {(f.row_code, f.column): (str(f.value), f.confidence) for f in facts(parse_text(block))}
    assert found[("208", "basic")] == ("91.64", 1.0)
    assert found[("2101102", "project")] == ("264.00", 1.0)
    assert ("2101102", "basic") not in found


def test_total_row_printed_last() -> None:
    from pathlib import Path

    from cnbudget.facts import facts

    text = (
        Path(__file__).parent / "corpus" / "shandong-yantai-medical-insurance-2025.txt"
    ).read_text(encoding="utf-8")
    block = text[text.index(" 公开表3") : text.index(" 公开表4")]
    total = "合　计 5,314.29 570.89 4,743.40\n"
    moved = block.replace(total, "") + total
    original = {(f.row_code, f.column, f.value) for f in facts(parse_text(block))}
    assert {(f.row_code, f.column, f.value) for f in facts(parse_text(moved))} == original
