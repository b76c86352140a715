"""Tests of the synthetic document generator (`cnbudget.synthetic`)."""

from __future__ import annotations

import csv
import io
import re
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cnbudget.synthetic import LAYOUTS, ExpectedFact, SyntheticDocument, generate
from cnbudget.synthetic.__main__ import main

ZERO = Decimal(0)
FUNCTION_TABLES = (
    "income",
    "expenditure",
    "general_expenditure",
    "gov_fund_expenditure",
    "procurement",
)
TABLE_KEYS = {
    "summary",
    "income",
    "expenditure",
    "fiscal_summary",
    "general_expenditure",
    "general_basic",
    "three_public",
    "gov_fund_expenditure",
    "soe_expenditure",
    "basic",
    "projects",
    "procurement",
    "economic_summary",
}


class Facts:
    """Expected facts indexed by (table, row code, column)."""

    def __init__(self, facts: list[ExpectedFact]) -> None:
        self.values: dict[tuple[str, str, str], Decimal] = {}
        self.texts: dict[tuple[str, str, str], str] = {}
        self.rows: dict[str, dict[str, set[str]]] = {}
        for fact in facts:
            key = (fact.table, fact.row_code, fact.column)
            assert key not in self.values and key not in self.texts, f"duplicate fact {key}"
            if isinstance(fact.value, str):
                self.texts[key] = fact.value
            else:
                self.values[key] = fact.value
            self.rows.setdefault(fact.table, {}).setdefault(fact.row_code, set()).add(fact.column)

    def get(self, table: str, row: str, column: str) -> Decimal:
        return self.values.get((table, row, column), ZERO)

    def columns(self, table: str) -> set[str]:
        return {column for columns in self.rows.get(table, {}).values() for column in columns}

    def codes(self, table: str) -> set[str]:
        return set(self.rows.get(table, {}))

    def prefixed(self, table: str, prefix: str, column: str) -> Decimal:
        """Sum over the rows whose code starts with a prefix."""
        return sum(
            (
                v
                for (t, r, c), v in self.values.items()
                if t == table and c == column and r.startswith(prefix)
            ),
            ZERO,
        )


def _document(seed: int, layout: str) -> tuple[SyntheticDocument, Facts]:
    document = generate(seed, layout)
    return document, Facts(document.facts)


def _numeric_codes(facts: Facts, table: str) -> list[str]:
    return [code for code in facts.codes(table) if code.isdigit()]


def _class_total(facts: Facts, table: str, code: str, column: str) -> Decimal:
    """A class (类) total: its row, or the sum of its 项 rows where only those are printed."""
    if code in facts.codes(table):
        return facts.get(table, code, column)
    return sum(
        (
            facts.get(table, c, column)
            for c in facts.codes(table)
            if len(c) == 7 and c.startswith(code)
        ),
        ZERO,
    )


# --- identities ------------------------------------------------------------------------


def check_function_hierarchy(facts: Facts, table: str) -> None:
    """Parents equal the sum of their children, per column; 合计 equals the classes."""
    codes = _numeric_codes(facts, table)
    if not codes:
        return
    for column in facts.columns(table) - {"category", "unit"}:
        for code in codes:
            children = [c for c in codes if c.startswith(code) and len(c) == len(code) + 2]
            if len(code) == 7 or not children:
                continue
            expected = sum((facts.get(table, c, column) for c in children), ZERO)
            assert facts.get(table, code, column) == expected, (table, code, column)
        top = min(len(code) for code in codes)
        tops = [code for code in codes if len(code) == top]
        total = sum((facts.get(table, code, column) for code in tops), ZERO)
        assert facts.get(table, "total", column) == total, (table, column)


def check_economic_hierarchy(facts: Facts, table: str) -> None:
    codes = [code for code in facts.codes(table) if code[:3].isdigit()]
    classes = [code for code in codes if len(code.split("/")[0]) == 3]
    items = [code for code in codes if len(code.split("/")[0]) == 5]
    for column in facts.columns(table):
        if classes:
            total = sum((facts.get(table, c, column) for c in classes), ZERO)
            assert facts.get(table, "total", column) == total, (table, column)
            for cls in classes:
                dept = cls.split("/")[0]
                expected = sum(
                    (facts.get(table, i, column) for i in items if i.startswith(dept)), ZERO
                )
                assert facts.get(table, cls, column) == expected, (table, cls, column)
        else:
            total = sum((facts.get(table, i, column) for i in items), ZERO)
            assert facts.get(table, "total", column) == total, (table, column)


def check_row_identities(facts: Facts) -> None:
    rules: dict[str, list[tuple[str, tuple[str, ...]]]] = {
        "expenditure": [("total", ("basic", "project", "carry_forward"))],
        "general_expenditure": [
            ("total", ("basic", "project")),
        ],
        "gov_fund_expenditure": [("total", ("basic", "project"))],
        "general_basic": [("total", ("basic.personnel", "basic.public"))],
        "projects": [],
    }
    for table, identities in rules.items():
        columns = facts.columns(table)
        for row in facts.codes(table):
            for whole, parts in identities:
                if whole not in columns:
                    continue
                expected = sum((facts.get(table, row, p) for p in parts), ZERO)
                assert facts.get(table, row, whole) == expected, (table, row, whole)
            if {"basic.personnel", "basic.public"} <= columns and table != "general_basic":
                parts_sum = facts.get(table, row, "basic.personnel") + facts.get(
                    table, row, "basic.public"
                )
                assert facts.get(table, row, "basic") == parts_sum, (table, row)
            if "basic.personnel.wages" in columns:
                split = (
                    facts.get(table, row, "basic.personnel.wages")
                    + facts.get(table, row, "basic.personnel.households")
                    + facts.get(table, row, "basic.public")
                )
                assert facts.get(table, row, "basic") == split, (table, row)
                projects = facts.get(table, row, "project.operating") + facts.get(
                    table, row, "project.specific"
                )
                assert facts.get(table, row, "project") == projects, (table, row)
    for row in facts.codes("income"):
        get = facts.get
        columns = facts.columns("income")
        if "fiscal" in columns and "current" not in columns:  # Shandong
            assert get("income", row, "total") == get("income", row, "fiscal") + get(
                "income", row, "carryover"
            )
            assert get("income", row, "fiscal") == get("income", row, "fiscal.general") + get(
                "income", row, "fiscal.gov_fund"
            )
        else:  # Henan, Hebei
            assert get("income", row, "total") == get("income", row, "current") + get(
                "income", row, "carryover"
            )


def check_cross_tables(document: SyntheticDocument, facts: Facts) -> None:
    get = facts.get
    grand = get("expenditure", "total", "total")
    assert grand > 0
    # summary
    assert get("summary", "expenditure.grand_total", "amount") == grand
    assert get("summary", "income.grand_total", "amount") == grand
    assert get("summary", "expenditure.current_total", "amount") == grand
    assert (
        get("summary", "income.current_total", "amount")
        + get("summary", "income.carryover", "amount")
        == grand
    )
    assert get("summary", "income.current_total", "amount") == get(
        "summary", "income.general", "amount"
    ) + get("summary", "income.gov_fund", "amount")
    if ("summary", "income.fiscal", "amount") in facts.values:
        assert get("summary", "income.fiscal", "amount") == get(
            "summary", "income.current_total", "amount"
        )
    classes = {c[:3] for c in _numeric_codes(facts, "expenditure")}
    assert set(_numeric_codes(facts, "summary")) == classes
    for code in classes:
        assert get("summary", code, "amount") == _class_total(facts, "expenditure", code, "total")
    # income table against the summary
    assert get("income", "total", "total") == grand
    assert get("income", "total", "carryover") == get("summary", "income.carryover", "amount")
    # fiscal summary
    fs = "fiscal_summary"
    assert get(fs, "expenditure.grand_total", "total") == grand
    assert get(fs, "income.grand_total", "amount") == grand
    assert (
        get(fs, "income.current_total", "amount") + get(fs, "income.carryover", "amount") == grand
    )
    assert get(fs, "income.carryover", "amount") == get(
        fs, "income.carryover.general", "amount"
    ) + get(fs, "income.carryover.gov_fund", "amount") or document.layout in (
        "licheng",
        "yantai",
        "weihai",
    )
    assert get(fs, "expenditure.current_total", "total") == get(
        fs, "expenditure.current_total", "fiscal.general"
    ) + get(fs, "expenditure.current_total", "fiscal.gov_fund")
    assert get(fs, "expenditure.current_total", "fiscal.general") == get(
        "general_expenditure", "total", "total"
    ) + (get(fs, "income.carryover.general", "amount") if document.layout == "jiyuan" else ZERO)
    assert get(fs, "expenditure.current_total", "fiscal.gov_fund") == get(
        "gov_fund_expenditure", "total", "total"
    )
    assert set(_numeric_codes(facts, fs)) == classes
    for code in classes:
        assert get(fs, code, "total") == _class_total(facts, "expenditure", code, "total")
        general = _class_total(facts, "general_expenditure", code, "total")
        fund = _class_total(facts, "gov_fund_expenditure", code, "total")
        assert get(fs, code, "fiscal.general") == general, code
        assert get(fs, code, "fiscal.gov_fund") == fund, code
    # basic expenditure
    basic = get("general_basic", "total", "total")
    assert basic == get("general_expenditure", "total", "basic")
    assert basic == get("expenditure", "total", "basic")
    if "basic" in facts.rows:
        assert get("basic", "total", "total") == basic
        assert get("basic", "total", "fiscal.general") == basic
    # projects
    project_total = get("projects", "total", "total") if "projects" in facts.rows else None
    if project_total is not None:
        assert project_total == get("expenditure", "total", "project")
        rows = [r for r in facts.codes("projects") if r.startswith("project:")]
        for column in facts.columns("projects") - {"category", "unit"}:
            assert get("projects", "total", column) == sum(
                (get("projects", r, column) for r in rows), ZERO
            ), column
        for row in rows:
            assert facts.texts[("projects", row, "category")] in ("其他运转类", "特定目标类")
    # “三公”
    tp = "three_public"
    for column in ("amount", "prior_year"):
        total = (
            get(tp, "overseas", column) + get(tp, "vehicles", column) + get(tp, "reception", column)
        )
        assert get(tp, "total", column) == total
        vehicles = get(tp, "vehicles.purchase", column) + get(tp, "vehicles.operation", column)
        assert get(tp, "vehicles", column) == vehicles
    assert get(tp, "reception", "amount") == facts.prefixed("general_basic", "30217", "total")
    assert get(tp, "vehicles.operation", "amount") == facts.prefixed(
        "general_basic", "30231", "total"
    )
    assert get(tp, "overseas", "amount") == facts.prefixed("general_basic", "30212", "total")
    if document.layout == "fengrun":
        meetings = facts.prefixed("general_basic", "30215", "total")
        training = facts.prefixed("general_basic", "30216", "total")
        assert get(tp, "grand_total", "amount") == get(tp, "total", "amount") + meetings + training
    # Henan unit rows and economic summary
    if document.layout == "jiyuan":
        units = [r for r in facts.codes("income") if r.startswith("unit:") and len(r) == 11]
        for column in facts.columns("income"):
            assert get("income", "total", column) == sum(
                (get("income", u, column) for u in units), ZERO
            )
        econ = "economic_summary"
        rows = [r for r in facts.codes(econ) if "/" in r]
        for column in facts.columns(econ):
            assert get(econ, "total", column) == sum((get(econ, r, column) for r in rows), ZERO)
        assert get(econ, "total", "total") == grand
        assert get(econ, "total", "fiscal.general") == get("summary", "income.general", "amount")
        assert get(econ, "total", "fiscal.general.grant") == get(
            "summary", "income.general.grant", "amount"
        )


def check_document(document: SyntheticDocument) -> None:
    facts = Facts(document.facts)
    assert set(facts.rows) <= TABLE_KEYS
    for table in FUNCTION_TABLES:
        check_function_hierarchy(facts, table)
    for table in ("general_basic", "basic", "economic_summary"):
        check_economic_hierarchy(facts, table)
    check_row_identities(facts)
    check_cross_tables(document, facts)
    assert "soe_expenditure" not in facts.rows
    for fact in document.facts:
        assert fact.row_code
        assert " " not in fact.row_name and "\u3000" not in fact.row_name
        assert "\n" not in fact.row_name
        if isinstance(fact.value, Decimal):
            assert fact.value >= 0
            assert fact.value == fact.value.quantize(Decimal("0.01"))


# --- tests -------------------------------------------------------------------------------


@pytest.mark.parametrize("layout", LAYOUTS)
def test_layout_renders(layout: str) -> None:
    for seed in range(20):
        document = generate(seed, layout)
        assert document.layout == layout and document.seed == seed
        assert document.kind == "预算"
        assert document.scope in ("部门", "单位")
        assert 2023 <= document.year <= 2026
        assert document.department in document.text
        assert str(document.year) in document.text
        assert document.facts
        check_document(document)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_deterministic_per_seed(layout: str) -> None:
    first = generate(7, layout)
    again = generate(7, layout)
    assert first.text == again.text
    assert first.facts == again.facts
    texts = {generate(seed, layout).text for seed in range(10)}
    assert len(texts) == 10


def test_unknown_layout() -> None:
    with pytest.raises(ValueError):
        generate(0, "nowhere")


@pytest.mark.parametrize("layout", LAYOUTS)
def test_tabs_only_in_weihai(layout: str) -> None:
    for seed in range(10):
        text = generate(seed, layout).text
        assert ("\t" in text) == (layout == "weihai")


def test_layout_features() -> None:
    licheng = [generate(seed, "licheng").text for seed in range(30)]
    yantai = [generate(seed, "yantai").text for seed in range(30)]
    jiyuan = [generate(seed, "jiyuan").text for seed in range(30)]
    fengrun = [generate(seed, "fengrun").text for seed in range(30)]
    # licheng indents 款/项 names; yantai never does
    assert all(re.search(r"^\d\d \u3000", text, re.M) for text in licheng)
    assert not any(re.search(r"^\d\d \u3000", text, re.M) for text in yantai)
    assert all(" 公开表12" in text for text in licheng + yantai)
    # Henan: unit rows, full codes, rounding notes, printed page numbers somewhere
    assert all(re.search(r"^\d{3} \d\d \d\d ", text, re.M) for text in jiyuan)
    assert all("注：报表金额单位转换时可能存在四舍五入尾数误差。" in text for text in jiyuan)
    assert any(re.search(r"^- \d+ -$", text, re.M) for text in jiyuan)
    # Hebei: 栏次 lines, split codes, no thousands separators
    assert all("栏次 1 2 3 4" in text for text in fengrun)
    assert any(re.search(r"^\d{5,6}\n\d{1,2}\n", text, re.M) for text in fengrun)
    assert not any(re.search(r"\d,\d{3}\.\d\d", text) for text in fengrun)
    assert any(re.search(r"\d,\d{3}\.\d\d", text) for text in licheng)


def test_repeated_total_rows_give_no_duplicate_facts() -> None:
    repeated = 0
    for seed in range(40):
        document = generate(seed, "licheng")
        total = next(f for f in document.facts if f.table == "income" and f.row_code == "total")
        line = f"合\u3000计 {total.value:,.2f}"
        if sum(1 for row in document.text.split("\n") if row.startswith(line)) > 1:
            repeated += 1
        Facts(document.facts)  # asserts that no fact is duplicated
    assert repeated > 0


def test_empty_tables_have_notes_and_no_facts() -> None:
    for layout in LAYOUTS:
        for seed in range(10):
            document = generate(seed, layout)
            tables = {fact.table for fact in document.facts}
            assert "soe_expenditure" not in tables
            if "gov_fund_expenditure" not in tables:
                assert "政府性基金" in document.text


def test_printed_numbers_match_facts() -> None:
    """Every amount fact appears printed somewhere in its document's text."""
    for layout in LAYOUTS:
        for seed in range(5):
            document = generate(seed, layout)
            separators = layout != "fengrun"
            printed = set(re.findall(r"\d[\d,]*\.\d\d", document.text))
            for fact in document.facts:
                if isinstance(fact.value, str):
                    assert fact.value in document.text.replace("\n", "").replace(" ", "") or (
                        fact.column == "category"
                    )
                    continue
                text = f"{fact.value:,.2f}" if separators else f"{fact.value:.2f}"
                assert text in printed, (layout, seed, fact)


def test_duplicate_project_names_take_unit_codes() -> None:
    found = False
    for seed in range(200):
        document = generate(seed, "jiyuan")
        codes = [f.row_code for f in document.facts if f.table == "projects" and "@" in f.row_code]
        if codes:
            found = True
            assert all(re.search(r"@\d{6}$", code) for code in codes)
            break
    assert found


def test_cli_text_and_facts(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--layout", "fengrun", "--seed", "3"]) == 0
    text = capsys.readouterr().out
    assert text == generate(3, "fengrun").text
    assert main(["--layout", "fengrun", "--seed", "3", "--facts"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows[0] == ["document", "table", "row_code", "row_name", "column", "value"]
    facts = generate(3, "fengrun").facts
    assert len(rows) == len(facts) + 1
    assert all(row[0] == "synthetic" for row in rows[1:])
    assert all("E" not in row[5] for row in rows[1:])


@settings(
    max_examples=150, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(seed=st.integers(min_value=0, max_value=2**63), layout=st.sampled_from(LAYOUTS))
def test_identities_hold_for_any_seed(seed: int, layout: str) -> None:
    check_document(generate(seed, layout))


@pytest.mark.parametrize("layout", LAYOUTS)
def test_thousand_documents_smoke(layout: str) -> None:
    # generation speed is measured by the benchmark (bench/synthetic_accuracy.py), not here
    total_facts = 0
    for seed in range(1000):
        document = generate(seed, layout)
        total_facts += len(document.facts)
        assert document.text
    assert total_facts > 1000
