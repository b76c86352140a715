"""The hand audit of every sample and real PDF (docs/validation.md “各文件的核查结果”) locked:
per document, the error-level findings are exactly the real defects listed in
tests/expected/real-findings.toml (plus the reading mistakes still listed there, each of
which must still occur), and every hand-found defect a rule reports is reported at its
level or above. Also: fixed-seed source mutations of real PDFs are reported."""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from cnbudget.model import Document
from cnbudget.pipeline import parse_source
from cnbudget.readers import read_file
from cnbudget.readers.text import SourceText
from cnbudget.synthetic.mutate_source import mutate_source
from cnbudget.validate import Finding, check

CORPUS = Path(__file__).parent / "corpus"
EXPECTED = tomllib.loads((Path(__file__).parent / "expected" / "real-findings.toml").read_text())
DOCUMENTS: dict[str, dict[str, Any]] = {entry["name"]: entry for entry in EXPECTED["document"]}
_RANK = {"info": 0, "warning": 1, "error": 2}


def _path(name: str) -> Path:
    return CORPUS / name if (CORPUS / name).exists() else CORPUS / "real" / name


@cache
def _read(name: str) -> tuple[SourceText, Document, tuple[Finding, ...]]:
    source = read_file(_path(name))
    document = parse_source(source)
    return source, document, tuple(check(document).findings)


def key(finding: Finding) -> str:
    """How the expectations name a finding: "RULE table/row"."""
    return f"{finding.rule} {finding.table}/{finding.row}"


def test_every_document_is_audited() -> None:
    files = {p.name for p in CORPUS.glob("*.txt")} | {
        p.name for p in (CORPUS / "real").glob("*.pdf")
    }
    assert files == set(DOCUMENTS)


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_errors_are_the_real_defects(name: str) -> None:
    entry = DOCUMENTS[name]
    _, _, findings = _read(name)
    errors = {key(f) for f in findings if f.severity == "error"}
    mistakes = {m["finding"] for m in entry.get("reading_mistakes", [])}
    expected = set(entry["errors"])
    assert not expected & mistakes
    extra = {f"{key(f)}: {f.message}" for f in findings if key(f) in errors - expected - mistakes}
    assert errors - expected - mistakes == set(), f"error-level findings not in the audit: {extra}"
    assert expected - errors == set(), "real defects no longer reported at error level"
    # a reading mistake that is gone must leave the list (fixed: say so in docs/validation.md)
    assert mistakes - errors == set(), "fixed reading mistakes still listed"


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_hand_found_defects_are_reported(name: str) -> None:
    _, _, findings = _read(name)
    for defect in DOCUMENTS[name].get("defect", []):
        if not defect["reported"]:
            assert defect.get("why"), defect  # an unreported defect says why
            continue
        level = _RANK[defect.get("level", "warning")]
        found = {key(f) for f in findings if _RANK[f.severity] >= level}
        missing = set(defect["reported"]) - found
        assert not missing, (defect["where"], defect["text"], missing)


MUTATIONS: list[dict[str, Any]] = EXPECTED.get("mutation", [])


@pytest.mark.parametrize(
    "case", MUTATIONS, ids=[f"{m['kind']}-{m['document'][:24]}" for m in MUTATIONS]
)
def test_fixed_mutations_are_reported(case: dict[str, Any]) -> None:
    source, document, findings = _read(case["document"])
    clean = {(f.rule, f.table, f.row, f.column, f.message) for f in findings}
    for seed in case["seeds"]:
        mutation = mutate_source(source, document, case["kind"], seed)
        assert mutation is not None and not mutation.equivalent, (case, seed)
        report = check(parse_source(mutation.source))
        new = [
            f
            for f in report.findings
            if f.severity != "info" and (f.rule, f.table, f.row, f.column, f.message) not in clean
        ]
        assert new, (seed, mutation.describe())
