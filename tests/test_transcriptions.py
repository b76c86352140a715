"""Hand transcriptions of 历城 and 烟台 against the expected facts, and their own arithmetic."""

from __future__ import annotations

import csv
import hashlib
import importlib.util
from collections.abc import Iterator
from decimal import Decimal
from types import ModuleType

import pytest

from .conftest import CORPUS, EXPECTED

TRANSCRIPTIONS = ["licheng_transcription", "yantai_transcription"]

Cells = dict[tuple[str, str, str], Decimal]


def _load(module: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(module, EXPECTED / f"{module}.py")
    assert spec is not None and spec.loader is not None
    loaded = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(loaded)
    return loaded


def _facts(module: ModuleType) -> list[list[str]]:
    document = hashlib.sha256((CORPUS / f"{module.SOURCE}.txt").read_bytes()).hexdigest()[:16]
    return [
        [document, table, code, name, column, value.replace(",", "")]
        for table, code, name, columns in module.ROWS
        for column, value in columns.items()
    ]


def _cells(module: ModuleType) -> Cells:
    return {
        (table, code, column): Decimal(value.replace(",", ""))
        for table, code, _, columns in module.ROWS
        for column, value in columns.items()
        if column != "category"
    }


@pytest.mark.parametrize("module", TRANSCRIPTIONS)
def test_transcription_reproduces_expected(module: str) -> None:
    """The transcription gives exactly the checked-in facts, in the same order."""
    transcription = _load(module)
    produced = _facts(transcription)
    path = EXPECTED / f"{transcription.SOURCE}.facts.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        expected = list(csv.reader(handle))
    assert expected[0] == ["document", "table", "row_code", "row_name", "column", "value"]
    keys = [tuple(row[1:5]) for row in produced]
    assert len(keys) == len(set(keys)), "a cell is transcribed twice"
    produced_set = {tuple(row) for row in produced}
    expected_set = {tuple(row) for row in expected[1:]}
    assert not produced_set - expected_set and not expected_set - produced_set, (
        f"only transcribed: {sorted(produced_set - expected_set)[:8]}\n"
        f"only expected: {sorted(expected_set - produced_set)[:8]}"
    )
    assert produced == expected[1:]


# Row identities: table -> [(column, [columns it is the sum of])]
ROW_SUMS: dict[str, list[tuple[str, list[str]]]] = {
    "income": [
        (
            "total",
            [
                "fiscal",
                "special_account",
                "business",
                "operating",
                "other",
                "superior",
                "affiliated",
                "non_fiscal_balance",
                "carryover",
            ],
        ),
        ("fiscal", ["fiscal.general", "fiscal.gov_fund", "fiscal.soe"]),
    ],
    "expenditure": [("total", ["basic", "project", "carry_forward"])],
    "general_expenditure": [
        ("total", ["basic", "project"]),
        ("basic", ["basic.personnel", "basic.public"]),
    ],
    "general_basic": [("total", ["basic.personnel", "basic.public"])],
    "fiscal_summary": [("total", ["fiscal.general", "fiscal.gov_fund", "fiscal.soe"])],
}
for _table in ("basic", "projects", "procurement"):
    ROW_SUMS[_table] = [
        (
            "total",
            ["fiscal", "special_account", "unit_funds", "non_fiscal_balance", "carryover"],
        ),
        ("fiscal", ["fiscal.general", "fiscal.gov_fund", "fiscal.soe"]),
    ]

FUNCTION_TABLES = ("income", "expenditure", "general_expenditure", "procurement")
ECONOMIC_TABLES = ("general_basic", "basic")


def _identities(cells: Cells) -> Iterator[tuple[str, Decimal, Decimal]]:
    """Every identity the printed tables must satisfy: (label, printed, sum of parts)."""
    rows: dict[str, dict[str, set[str]]] = {}
    for table, code, column in cells:
        rows.setdefault(table, {}).setdefault(code, set()).add(column)

    def get(table: str, code: str, column: str) -> Decimal:
        return cells.get((table, code, column), Decimal(0))

    for table, identities in ROW_SUMS.items():
        for code in rows.get(table, {}):
            for whole, parts in identities:
                if (table, code, whole) in cells:
                    total = sum((get(table, code, p) for p in parts), Decimal(0))
                    yield f"{table} {code} {whole}=Σ{parts}", get(table, code, whole), total
    # parents = Σ children in every column (function codes by length, economic by prefix)
    for table in FUNCTION_TABLES + ECONOMIC_TABLES + ("projects",):
        codes = rows.get(table, {})
        columns = {c for cs in codes.values() for c in cs}
        for parent in codes:
            if table == "projects":
                children = [c for c in codes if c != "total"] if parent == "total" else []
            elif table in ECONOMIC_TABLES:
                head = parent.split("/")[0]
                children = [
                    c
                    for c in codes
                    if (parent == "total" and len(c.split("/")[0]) == 3)
                    or (c != parent and c.split("/")[0][:3] == head and len(head) == 3)
                ]
            else:
                size = {"total": 3}.get(parent, len(parent) + 2)
                prefix = "" if parent == "total" else parent
                children = [c for c in codes if len(c) == size and c.startswith(prefix)]
            for column in sorted(columns) if children else []:
                total = sum((get(table, c, column) for c in children), Decimal(0))
                yield f"{table} {parent} {column}=Σchildren", get(table, parent, column), total
    # three_public: 合计 = 出国 + 车辆 + 接待, 车辆 = 购置 + 运行, per year
    for column in ("prior_year", "amount"):
        t = "three_public"
        parts = sum((get(t, r, column) for r in ("overseas", "vehicles", "reception")), Decimal(0))
        yield f"three_public total {column}", get(t, "total", column), parts
        vehicles = get(t, "vehicles.purchase", column) + get(t, "vehicles.operation", column)
        yield f"three_public vehicles {column}", get(t, "vehicles", column), vehicles
    # the same amounts across tables
    for code in [c for c in rows.get("summary", {}) if c.isdigit()]:
        amount = get("summary", code, "amount")
        for table, column in (
            ("income", "total"),
            ("expenditure", "total"),
            ("general_expenditure", "total"),
            ("fiscal_summary", "total"),
        ):
            yield f"summary {code} = {table}", amount, get(table, code, column)
    yield (
        "projects total = expenditure 项目",
        get("projects", "total", "total"),
        get("expenditure", "total", "project"),
    )
    for column in ("total", "basic.personnel", "basic.public"):
        key = "basic" if column == "total" else column
        yield (
            f"general_basic {column}",
            get("general_basic", "total", column),
            get("general_expenditure", "total", key),
        )
    yield (
        "basic total = 基本支出",
        get("basic", "total", "total"),
        get("expenditure", "total", "basic"),
    )


@pytest.mark.parametrize("module", TRANSCRIPTIONS)
def test_transcription_arithmetic(module: str) -> None:
    """Every identity holds except the cent-level differences the document itself prints."""
    transcription = _load(module)
    identities = list(_identities(_cells(transcription)))
    assert len(identities) >= 300
    broken = {label: (printed, parts) for label, printed, parts in identities if printed != parts}
    assert all(abs(printed - parts) <= Decimal("0.01") for printed, parts in broken.values())
    assert set(broken) == set(transcription.PRINTED_MISMATCHES), broken


def test_arithmetic_catches_a_misplaced_cell() -> None:
    """Moving one amount to a neighbouring column breaks identities the check reports."""
    transcription = _load("licheng_transcription")
    cells = _cells(transcription)
    # 2101102 事业单位医疗 264.00 read as 基本 instead of 项目
    cells[("expenditure", "2101102", "basic")] = cells.pop(("expenditure", "2101102", "project"))
    broken = {label for label, printed, parts in _identities(cells) if printed != parts}
    assert "expenditure 21011 basic=Σchildren" in broken
    assert "expenditure 21011 project=Σchildren" in broken
