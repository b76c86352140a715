"""Exports: facts CSV, Parquet round trip, JSON, budget lines, CLI — samples and synthetic documents."""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cnbudget.cli import main
from cnbudget.export import export_documents, write_facts_csv
from cnbudget.export.layout import column_tree, header_cells
from cnbudget.export.lines import budget_lines
from cnbudget.export.parquet import ParquetValueError, read_parquet, write_parquet
from cnbudget.export_json import document_dict
from cnbudget.facts import facts, write_csv
from cnbudget.model import Document, Fact
from cnbudget.pipeline import parse_file, parse_text
from cnbudget.synthetic import LAYOUTS, generate

from .conftest import CORPUS, SAMPLES

# Known inconsistencies of the samples (reported by `cnbudget check`): a table whose
# leaf rows do not add up to its printed total. Budget lines keep the printed rows.
SAMPLE_GAPS = {
    ("hebei-tangshan-fengrun-medical-insurance-2025", "general_basic", "expenditure"),
    ("shandong-weihai-huancui-medical-insurance-2025", "income", "revenue"),
    ("shandong-yantai-medical-insurance-2025", "fiscal_summary", "expenditure"),
    ("shandong-yantai-medical-insurance-2025", "summary", "expenditure"),
}
_DOCS: dict[str, Document] = {}


def sample_document(name: str) -> Document:
    if name not in _DOCS:
        _DOCS[name] = parse_file(CORPUS / f"{name}.txt")
    return _DOCS[name]


def synthetic_document(seed: int, layout: str) -> Document:
    return parse_text(generate(seed, layout).text, f"{layout}-{seed}")


def identical(left: list[Fact], right: list[Fact]) -> bool:
    """Same facts, and the same printed decimal form (264.00 is not 264)."""
    return left == right and [f.value_text for f in left] == [f.value_text for f in right]


synthetic = settings(
    max_examples=8,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


# ---- facts CSV -------------------------------------------------------------------------


@pytest.mark.parametrize("name", SAMPLES)
def test_csv_export_is_the_facts_csv(name: str, tmp_path: Path) -> None:
    document = sample_document(name)
    out = tmp_path / "facts.csv"
    export_documents([document], "csv", out)
    assert out.read_text(encoding="utf-8") == write_csv(facts(document))


def test_csv_export_of_several_documents_has_one_header(tmp_path: Path) -> None:
    documents = [sample_document(name) for name in SAMPLES]
    out = tmp_path / "all.csv"
    count = write_facts_csv(documents, out)
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["document", "table", "row_code", "row_name", "column", "value"]
    assert len(rows) - 1 == count == sum(len(list(facts(d))) for d in documents)
    assert {row[0] for row in rows[1:]} == {d.id for d in documents}


# ---- Parquet -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", SAMPLES)
def test_parquet_round_trip_samples(name: str, tmp_path: Path) -> None:
    items = list(facts(sample_document(name)))
    path = tmp_path / "facts.parquet"
    assert write_parquet(items, path) == len(items)
    assert identical(read_parquet(path), items)


@synthetic
@given(seed=st.integers(0, 10**6), layout=st.sampled_from(LAYOUTS))
def test_parquet_round_trip_synthetic(seed: int, layout: str, tmp_path: Path) -> None:
    items = list(facts(synthetic_document(seed, layout)))
    path = tmp_path / f"{layout}-{seed}.parquet"
    write_parquet(items, path)
    assert identical(read_parquet(path), items)


amounts = st.decimals(
    min_value=Decimal("-1e12"), max_value=Decimal("1e12"), places=None, allow_nan=False
).filter(lambda d: isinstance(d.as_tuple().exponent, int) and -10 <= d.as_tuple().exponent <= 6)
fact_values = st.one_of(amounts, st.text(min_size=0, max_size=12))


@settings(max_examples=60, derandomize=True, deadline=None)
@given(
    values=st.lists(fact_values, min_size=0, max_size=30),
    confidence=st.sampled_from([1.0, 0.95, 0.9, 0.6, 0.5]),
)
def test_parquet_keeps_every_decimal_form(
    values: list[Decimal | str], confidence: float, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Exponents from 1E+6 down to 10 places, zero, negatives and text values survive."""
    items = [
        Fact("d", "t", f"r{i}", "名称", "total", v, str(v), i + 1, confidence)
        for i, v in enumerate(values)
    ]
    path = tmp_path_factory.mktemp("pq") / "f.parquet"
    write_parquet(items, path)
    assert identical(read_parquet(path), items)


def test_parquet_refuses_what_it_cannot_hold_exactly(tmp_path: Path) -> None:
    fact = Fact("d", "t", "r", "n", "total", Decimal("0.12345678901"), "x", 1)
    with pytest.raises(ParquetValueError):
        write_parquet([fact], tmp_path / "f.parquet")


# ---- JSON --------------------------------------------------------------------------------


def test_json_export_is_the_parse_json(tmp_path: Path) -> None:
    documents = [sample_document(name) for name in SAMPLES[:2]]
    out = tmp_path / "docs.json"
    export_documents(documents, "json", out)
    assert json.loads(out.read_text(encoding="utf-8")) == [document_dict(d) for d in documents]
    result = CliRunner().invoke(
        main, ["parse", str(CORPUS / f"{SAMPLES[0]}.txt"), "--format", "json"]
    )
    assert result.exit_code == 0
    assert json.loads(result.output) == document_dict(documents[0])


# ---- budget lines ------------------------------------------------------------------------


def _printed_totals(document: Document) -> dict[tuple[str, str], Decimal]:
    totals: dict[tuple[str, str], Decimal] = {}
    for table in document.tables:
        for row in table.rows:
            if row.code not in (
                "total",
                "grand_total",
                "income.grand_total",
                "expenditure.grand_total",
            ):
                continue
            cell = row.cells.get("total") or row.cells.get("amount")
            if cell is None or cell.value is None:
                continue
            revenue = table.kind == "income" or row.code.startswith("income.")
            key = (table.kind, "revenue" if revenue else "expenditure")
            if row.code == "total" and key in totals and table.kind == "three_public":
                continue  # the 合计 incl. 会议费/培训费 is the grand total of the lines
            totals[key] = cell.value
    return totals


def _line_sums(document: Document) -> dict[tuple[str, str], Decimal]:
    sums: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    for line in budget_lines(document):
        sums[(line.table, line.direction)] += line.amount
    return sums


def _check_line_codes(document: Document) -> None:
    for line in budget_lines(document):
        assert line.amount is not None and line.table != "assets"
        if line.function_subitem:
            assert (
                line.function_subitem.startswith(line.function_item)
                and len(line.function_subitem) == 7
            )
        if line.function_item:
            assert (
                line.function_item.startswith(line.function_class) and len(line.function_item) == 5
            )
        assert not (line.function_class and line.economic_code)
        assert line.phase == document.metadata.kind


@pytest.mark.parametrize("name", SAMPLES)
def test_budget_lines_add_up_to_printed_totals_on_samples(name: str) -> None:
    document = sample_document(name)
    sums = _line_sums(document)
    totals = _printed_totals(document)
    assert totals
    for key, total in totals.items():
        if (name, *key) in SAMPLE_GAPS:
            assert sums.get(key, Decimal(0)) != total  # the document's own inconsistency
        else:
            assert sums.get(key, Decimal(0)) == total, key
    _check_line_codes(document)


@synthetic
@given(seed=st.integers(0, 10**6), layout=st.sampled_from(LAYOUTS))
def test_budget_lines_add_up_on_synthetic(seed: int, layout: str) -> None:
    document = synthetic_document(seed, layout)
    sums = _line_sums(document)
    for key, total in _printed_totals(document).items():
        assert sums.get(key, Decimal(0)) == total, key
    _check_line_codes(document)


# ---- header layout -----------------------------------------------------------------------


def test_header_tree_groups_sub_keys_with_a_subtotal() -> None:
    keys = [
        "total",
        "basic",
        "basic.personnel.wages",
        "basic.personnel.households",
        "basic.public",
        "project",
        "project.operating",
        "project.specific",
    ]
    tree = column_tree(keys)
    assert [node.label for node in tree] == ["合计", "基本支出", "项目支出"]
    assert [leaf.key for node in tree for leaf in node.leaves()] == keys
    assert [child.label for child in tree[1].children] == [
        "小计",
        "工资福利支出",
        "对个人和家庭的补助",
        "日常公用支出",
    ]
    height, cells = header_cells(tree)
    assert height == 2
    spans = {(c.text, c.row): (c.rowspan, c.colspan) for c in cells}
    assert spans[("合计", 0)] == (2, 1)
    assert spans[("基本支出", 0)] == (1, 4)
    assert spans[("项目支出", 0)] == (1, 3)


def test_header_tree_groups_carryover_sources_under_their_prefix() -> None:
    keys = ["total", "fiscal.general", "fiscal.gov_fund", "carryover.general", "carryover.gov_fund"]
    tree = column_tree(keys)
    # both source pairs repeat the same labels, so each goes under its printed group
    assert [node.label for node in tree] == ["合计", "财政拨款", "上年结转"]
    assert [leaf.key for leaf in tree[2].leaves()] == ["carryover.general", "carryover.gov_fund"]
    assert [leaf.label for leaf in tree[1].leaves()] == ["一般公共预算", "政府性基金"]
    # without a repeated label nothing is grouped
    assert [node.label for node in column_tree(["total", "fiscal.general", "fiscal.soe"])] == [
        "合计",
        "一般公共预算",
        "国有资本经营预算",
    ]


# ---- CLI ---------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["csv", "json", "parquet", "xlsx", "datapackage"])
def test_cli_export_every_format(fmt: str, tmp_path: Path) -> None:
    files = [str(CORPUS / f"{name}.txt") for name in SAMPLES[:2]]
    out = tmp_path / (f"out.{fmt}" if fmt in ("csv", "json", "parquet") else fmt)
    result = CliRunner().invoke(main, ["export", *files, "--format", fmt, "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert out.exists()
    if fmt == "parquet":
        expected = [f for file in files for f in facts(parse_file(file))]
        assert identical(read_parquet(out), expected)
    if fmt in ("xlsx", "datapackage"):
        assert out.is_dir() and any(out.iterdir())


def test_cli_export_csv_to_stdout() -> None:
    file = CORPUS / f"{SAMPLES[0]}.txt"
    result = CliRunner(mix_stderr=False).invoke(main, ["export", str(file)])
    assert result.exit_code == 0
    assert result.stdout == write_csv(facts(parse_file(file)))


def test_cli_export_bad_inputs(tmp_path: Path) -> None:
    runner = CliRunner(mix_stderr=False)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    sample = str(CORPUS / f"{SAMPLES[0]}.txt")
    cases = [
        ["export", str(empty), "--format", "csv", "--out", str(tmp_path / "x.csv")],
        ["export", str(tmp_path / "missing.txt")],
        ["export", sample, "--format", "parquet"],
        ["export", sample, sample, "--format", "xlsx", "--out", str(tmp_path / "one.xlsx")],
    ]
    for args in cases:
        result = runner.invoke(main, args)
        assert result.exit_code == 2, (args, result.output)
        message = result.stderr.strip()
        assert message.startswith("错误：") and "\n" not in message
        assert "Traceback" not in result.output
    assert not (tmp_path / "x.csv").exists()


def test_facts_csv_reads_back_as_facts() -> None:
    document = sample_document(SAMPLES[0])
    text = write_csv(facts(document))
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["value"] for r in rows] == [f.value_text for f in facts(document)]
