"""Year-on-year wording: percent from the stated amounts, direction words, one change per total."""

from __future__ import annotations

from decimal import Decimal

from cnbudget.model import Document, Metadata, Narrative, SourceLine
from cnbudget.prose.changes import statements
from cnbudget.prose.text import join
from cnbudget.validate import check
from tests.prose_mutation import findings, mutated

GUANGZHOU = "guangzhou-commerce-2026-budget-dept.pdf"
WELFARE = "shanghai-putuo-welfare-home-2024-budget-unit.pdf"


def _document(*texts: str) -> Document:
    lines = [SourceLine(number, text) for number, text in enumerate(texts, start=1)]
    document = Document("t", "<t>", "utf-8", Metadata(department="测试局", year=2026))
    document.narrative = Narrative(statements=statements(join(lines)))
    return document


def _rules(document: Document) -> list[tuple[str, str]]:
    return [
        (f.rule, f.severity)
        for f in check(document).findings
        if f.rule.startswith("NARRATIVE-CHANGE-")
    ]


def test_the_three_printed_shapes_are_read() -> None:
    read = _document(
        "2026年本部门收入预算121,393.52万元，比上年增加10,410.58万元，增长9.4%，主要原因是…",
        "2025年当年预算执行数为54.60万元，2026年预算安排53.84万元，比2025年预算执行数减少1.39%。",
        "（1）行政运行（项）28.00万元，主要用于…。比上年执行数减少113.53万元，下降80.2%，…",
    ).narrative
    assert read is not None
    first, second, third = read.statements
    assert (first.label, first.base, first.amount, first.percent) == (
        "收入预算",
        Decimal("121393.52"),
        Decimal("10410.58"),
        Decimal("9.4"),
    )
    assert (second.prior, second.base, second.direction, second.percent) == (
        Decimal("54.60"),
        Decimal("53.84"),
        "减少",
        Decimal("1.39"),
    )
    assert (third.base, third.amount, third.percent) == (
        Decimal("28.00"),
        Decimal("-113.53"),
        Decimal("80.2"),
    )
    assert not _rules(_document(*[s.quote for s in read.statements]))


def test_percent_recomputed_from_the_stated_amounts() -> None:
    assert not _rules(_document("“三公”经费26.11万元，比上年减少25.05万元，下降49%。"))
    wrong = _document("“三公”经费26.11万元，比上年减少25.05万元，下降59%。")
    assert _rules(wrong) == [("NARRATIVE-CHANGE-PERCENT", "error")]
    # the last digit cut instead of rounded (23.998 % printed 23.9 %): a hint
    cut = _document("当年拨款37018.75万元，比上年执行数减少11688.70万元，下降23.9%。")
    assert _rules(cut) == [("NARRATIVE-CHANGE-PERCENT", "info")]
    # a whole-number percent printed with a zero decimal (4.48 % as 4.0 %): a warning
    whole = _document("支出预算6256.31万元，比上年执行数增加268.28万元，增长4.0%。")
    assert _rules(whole) == [("NARRATIVE-CHANGE-PERCENT", "warning")]
    # nothing to divide by (a new unit): not judged
    assert not _rules(_document("机关运行经费97.19万元，比预算数增加97.19万元，增长0%。"))


def test_direction_words_against_each_other_and_the_two_amounts() -> None:
    assert _rules(_document("公务接待费6.10万元，比上年减少0.10万元，增长1.61%。")) == [
        ("NARRATIVE-CHANGE-DIRECTION", "error")
    ]
    flipped = "2025年执行数为57.43万元，2026年预算安排57.8万元，比2025年执行数减少0.64%。"
    assert _rules(_document(flipped)) == [("NARRATIVE-CHANGE-DIRECTION", "error")]
    assert not _rules(_document(flipped.replace("减少", "增加")))
    # 增加0万元，增长0%: no direction to contradict
    assert not _rules(_document("公务接待费44.9万元，比上年增加0万元，增长0%，与上年持平。"))


def test_one_total_one_change() -> None:
    twice = _document(
        "财政拨款收入3,121.42万元，比2024年预算增加107.62万元；",
        "……财政拨款收入3,121.42万元，比2024年预算增加170.62万元；",
    )
    assert _rules(twice) == [("NARRATIVE-CHANGE-CONFLICT", "error")]
    balanced = (
        "2026年本部门收入预算7,651.71万元，比上年减少458.14万元；支出预算7,651.71万元，"
        "比上年减少{}万元。"
    )
    assert not _rules(_document(balanced.format("458.14")))
    assert _rules(_document(balanced.format("485.14"))) == [
        ("NARRATIVE-CHANGE-CONFLICT", "warning")
    ]
    # compared with last year's executed figures, income and spending may differ
    executed = balanced.replace("比上年", "比上年执行数")
    assert not _rules(_document(executed.format("485.14")))


def test_real_pdf_mutations() -> None:
    assert not findings(mutated(GUANGZHOU), "NARRATIVE-CHANGE-")
    document = mutated(GUANGZHOU, "增加10,410.58万元，增长9.4%", "增加10,410.58万元，增长19.4%")
    assert findings(document, "NARRATIVE-CHANGE-") == [
        ("NARRATIVE-CHANGE-PERCENT", "error", "statement")
    ]
    document = mutated(
        GUANGZHOU, "比上年增加49.95万元，增长19.6%", "比上年减少49.95万元，增长19.6%"
    )
    assert findings(document, "NARRATIVE-CHANGE-") == [
        ("NARRATIVE-CHANGE-DIRECTION", "error", "statement")
    ]
    assert not findings(mutated(WELFARE), "NARRATIVE-CHANGE-")
    document = mutated(WELFARE, "执行数减少1.39%", "执行数增加1.39%")
    assert findings(document, "NARRATIVE-CHANGE-") == [
        ("NARRATIVE-CHANGE-DIRECTION", "error", "statement")
    ]


def test_real_defects_in_year_on_year_wording() -> None:
    # 普陀区司法局（单位）: “2025年当年预算执行数为57.43万元，2026年预算安排57.8万元，比2025年
    # 预算执行数减少2.27%” and “…241.76万元，…170.03万元，…增加21.74%”; “1690.69 → 1434.89,
    # 减少1.10%” (the department's own document prints 1672.67 and 1.07 %)
    found = findings(mutated("shanghai-putuo-justice-2026-budget-unit.pdf"), "NARRATIVE-CHANGE-")
    assert sorted(found) == [
        ("NARRATIVE-CHANGE-DIRECTION", "error", "statement"),
        ("NARRATIVE-CHANGE-DIRECTION", "error", "statement"),
        ("NARRATIVE-CHANGE-PERCENT", "error", "statement"),
    ]
