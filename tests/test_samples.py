"""The five real samples against hand-checked expected facts (exact, nothing extra)."""

from __future__ import annotations

import csv
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pytest

from cnbudget.facts import facts, value_text
from cnbudget.pipeline import parse_file

from .conftest import CORPUS, EXPECTED, SAMPLES

# samples whose facts were checked by hand (tests/expected/*.facts.csv)
CHECKED = sorted(p.name.removesuffix(".facts.csv") for p in EXPECTED.glob("*.facts.csv"))

Key = tuple[str, str, str, str]


def _value(text: str) -> Decimal | str:
    try:
        return Decimal(text)
    except InvalidOperation:
        return text


def load_expected(path: Path) -> dict[Key, Decimal | str]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return {
        (r["table"], r["row_code"], r["row_name"], r["column"]): _value(r["value"]) for r in rows
    }


def assert_same_facts(expected: dict[Key, Decimal | str], got: dict[Key, Decimal | str]) -> None:
    """The parsed facts are exactly the expected ones: none missing, none wrong, none extra."""
    missing = {k: v for k, v in expected.items() if k not in got}
    extra = {k: v for k, v in got.items() if k not in expected}
    wrong = {k: (got[k], v) for k, v in expected.items() if k in got and got[k] != v}
    assert not missing and not extra and not wrong, (
        f"missing {len(missing)}: {list(missing.items())[:8]}\n"
        f"extra {len(extra)}: {list(extra.items())[:8]}\n"
        f"wrong {len(wrong)}: {list(wrong.items())[:8]}"
    )


def test_checked_samples_exist() -> None:
    assert set(CHECKED) <= set(SAMPLES)
    assert len(CHECKED) >= 2


@pytest.mark.parametrize("name", CHECKED)
def test_facts_match_expected(name: str) -> None:
    # table facts, plus the prose and performance-target facts (narrative, performance,
    # dept_performance) checked against the text separately (tests/expected/README.md)
    expected = load_expected(EXPECTED / f"{name}.facts.csv")
    prose = EXPECTED / f"{name}.prose-facts.csv"
    if prose.exists():
        expected |= load_expected(prose)
    document = parse_file(CORPUS / f"{name}.txt")
    got = {
        (f.table, f.row_code, f.row_name, f.column): _value(value_text(f)) for f in facts(document)
    }
    assert_same_facts(expected, got)


@pytest.mark.parametrize("name", SAMPLES)
def test_document_id_column(name: str) -> None:
    document = parse_file(CORPUS / f"{name}.txt")
    import hashlib

    digest = hashlib.sha256((CORPUS / f"{name}.txt").read_bytes()).hexdigest()[:16]
    assert document.id == digest
    assert all(f.document == digest for f in facts(document))


def test_metadata() -> None:
    cases = {
        "shandong-jinan-licheng-medical-insurance-2025": ("济南市历城区医疗保障局", "部门"),
        "shandong-weihai-huancui-medical-insurance-2025": ("威海市环翠区医疗保障局机关", "单位"),
        "shandong-yantai-medical-insurance-2025": ("烟台市医疗保障局", "单位"),
        "henan-jiyuan-medical-insurance-2025": ("济源产城融合示范区医疗保障局", "部门"),
        "hebei-tangshan-fengrun-medical-insurance-2025": ("丰润区医疗保障局", "部门"),
    }
    for name, (department, scope) in cases.items():
        meta = parse_file(CORPUS / f"{name}.txt").metadata
        assert meta.department == department
        assert meta.year == 2025
        assert meta.kind == "预算"
        assert meta.scope == scope, name
        assert meta.unit == "万元"


def test_weihai_transcription_reproduces_expected() -> None:
    import subprocess
    import sys

    script = EXPECTED / "weihai_transcription.py"
    produced = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=60, check=True
    ).stdout
    expected = (EXPECTED / "shandong-weihai-huancui-medical-insurance-2025.facts.csv").read_text(
        encoding="utf-8"
    )
    assert produced == expected
