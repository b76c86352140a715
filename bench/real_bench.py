"""Benchmark on real published documents: how much of each one is read, and how fast.

Run with `make bench-real` (the 28 real PDFs of tests/corpus/real and the five samples;
`--corpus DIR` adds another folder, e.g. ../shared/corpus/real). One row per document:

- printed amounts captured / printed (cnbudget/coverage.py), and how many of the rest
  no notice names (must be 0: never silent);
- identities holding / evaluated (ROW-IDENTITY and SUM-CHILDREN of `cnbudget check`; a
  failing identity is reported by `check` with its cells and must be a real defect of
  the document);
- notices of unrecognised rows (unknown-row, unparsed-row) and header labels
  (unknown-header), and amounts outside every recognised table (stray);
- metadata: year, 预算/决算 and 部门/单位 against the corpus file-name convention
  `<region>-<dept>-<year>-<budget|final>-<dept|unit>.pdf` (the department is shown);
- parse and check time (one cold run each, in one process).

Goals (issue 11): ≥ 99 % captured and 0 unrecognised standard tables on every document,
metadata right, parse + check of a 30-page PDF ≤ 0.3 s.
"""

from __future__ import annotations

import argparse
import re
import time
from pathlib import Path

from cnbudget.coverage import percent
from cnbudget.errors import InputError
from cnbudget.pipeline import clear_caches, parse_file
from cnbudget.validate import check

ROOT = Path(__file__).resolve().parent.parent
CORPORA = [ROOT / "tests" / "corpus", ROOT / "tests" / "corpus" / "real"]
_NAME = re.compile(r"-(\d{4})-(budget|final)-(dept|unit)$")
_ARITHMETIC = ("ROW-IDENTITY", "SUM-CHILDREN")


def _expected_metadata(path: Path) -> tuple[int, str, str] | None:
    match = _NAME.search(path.stem)
    if match is None:
        return None
    year, kind, scope = match.groups()
    return (
        int(year),
        {"budget": "预算", "final": "决算"}[kind],
        {"dept": "部门", "unit": "单位"}[scope],
    )


def _pages(path: Path) -> int | None:
    if path.suffix.lower() != ".pdf":
        return None
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(path))
    try:
        return len(document)
    finally:
        document.close()


def measure(path: Path) -> dict[str, object]:
    clear_caches()
    started = time.perf_counter()
    try:
        document = parse_file(path)
    except InputError as error:
        return {"name": path.name, "error": error.reason}
    parsed = time.perf_counter() - started
    started = time.perf_counter()
    report = check(document)
    checked = time.perf_counter() - started
    coverage = document.coverage
    assert coverage is not None
    named = {
        (n.line, text)
        for n in document.notices
        if n.code in ("uncaptured", "stray-amounts")
        for _, text in coverage.uncaptured
        if text in n.message
    }
    silent = sum(1 for item in coverage.uncaptured if item not in named)
    failing = sum(
        1 for f in report.findings if f.rule in _ARITHMETIC and f.severity in ("error", "warning")
    )
    evaluated = sum(report.evaluated.get(rule, 0) for rule in _ARITHMETIC)
    codes = [n.code for n in document.notices]
    meta = document.metadata
    expected = _expected_metadata(path)
    got = (meta.year, meta.kind, meta.scope)
    return {
        "name": path.name,
        "pages": _pages(path),
        "tables": sum(1 for t in document.tables if t.coverage is not None),
        "printed": coverage.printed,
        "captured": coverage.captured,
        "ratio": coverage.ratio,
        "silent": silent,
        "stray": codes.count("stray-amounts"),
        "identities": (evaluated - failing, evaluated),
        "errors": sum(1 for f in report.findings if f.severity == "error"),
        "unknown_rows": codes.count("unknown-row") + codes.count("unparsed-row"),
        "unknown_labels": codes.count("unknown-header"),
        "metadata": "—" if expected is None else ("ok" if got == expected else f"{got}≠{expected}"),
        "department": meta.department or "未识别",
        "parse_s": parsed,
        "check_s": checked,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", action="append", type=Path, default=[])
    parser.add_argument("--only", help="only files whose name contains this text")
    args = parser.parse_args()
    paths = [
        p
        for folder in [*CORPORA, *args.corpus]
        for p in sorted(folder.iterdir())
        if p.is_file() and p.suffix.lower() in (".pdf", ".txt", ".xlsx", ".docx", ".html")
    ]
    if args.only:
        paths = [p for p in paths if args.only in p.name]
    header = (
        f"{'document':50} {'pp':>3} {'tbl':>3} {'captured/printed':>16} {'%':>6} {'silent':>6}"
        f" {'stray':>5} {'identities':>11} {'err':>4} {'rows?':>5} {'hdr?':>4} {'parse s':>7}"
        f" {'check s':>7}  metadata / department"
    )
    print(header)
    totals = [0, 0]
    below = 0
    for path in paths:
        row = measure(path)
        if "error" in row:
            print(f"{path.name[:50]:50} 读取失败：{row['error']}")
            below += 1
            continue
        totals[0] += row["captured"]  # type: ignore[operator]
        totals[1] += row["printed"]  # type: ignore[operator]
        below += row["ratio"] < 0.99  # type: ignore[operator]
        held, evaluated = row["identities"]  # type: ignore[misc]
        print(
            f"{path.name[:50]:50} {row['pages'] or '':>3} {row['tables']:>3}"
            f" {row['captured']:>7}/{row['printed']:<8} {percent(row['ratio']):>6}"  # type: ignore[arg-type]
            f" {row['silent']:>6} {row['stray']:>5} {held:>5}/{evaluated:<5} {row['errors']:>4}"
            f" {row['unknown_rows']:>5} {row['unknown_labels']:>4} {row['parse_s']:7.2f}"
            f" {row['check_s']:7.2f}  {row['metadata']} {row['department']}"
        )
    ratio = totals[0] / totals[1] if totals[1] else 1.0
    print(
        f"\n{len(paths)} documents: {totals[0]}/{totals[1]} printed amounts captured "
        f"({percent(ratio)}); {below} below 99 %"
    )


if __name__ == "__main__":
    main()
