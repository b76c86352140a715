"""Benchmark: how many single mutations validation reports, on synthetic and real documents.

Usage: python bench/mutation_rate.py [documents per layout, default 200]
       [--real DIR ...] [--per-kind N] [--only TEXT] [--no-synthetic] [--no-real] [--json FILE]

Synthetic part (issue 3): consistent generated documents, one amount changed or one row
deleted; target ≥ 99% of ≥ 1,000 mutations detected by an error-level finding, and no
error-level finding on the unmutated documents. "At the place" counts detections whose
finding points at the changed row (its line, its row or one of its cells).

Real part (issue 12, point 4): the published documents of tests/corpus/real and the five
samples (or the folders given with --real), each read once and mutated at the source
(cnbudget/synthetic/mutate_source.py: nine kinds, N places per kind and document). A mutation
is detected when the report of the mutated document holds a finding at warning or above
(and, separately, at error) that the clean document's report does not; equivalent mutations
(nothing checkable changed) are skipped and counted. Also the error-level findings of each
unmodified document (each must be a real defect: docs/validation.md). Target ≥ 95% at
warning or above.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from pathlib import Path

from cnbudget.model import Document
from cnbudget.pipeline import parse_source, parse_text
from cnbudget.readers import read_file
from cnbudget.synthetic import LAYOUTS, generate
from cnbudget.synthetic.mutate import Mutation, mutate
from cnbudget.synthetic.mutate_source import KINDS, mutate_source
from cnbudget.validate import Finding, check

ROOT = Path(__file__).resolve().parent.parent
REAL = [ROOT / "tests" / "corpus", ROOT / "tests" / "corpus" / "real"]
_SUFFIXES = (".pdf", ".txt", ".xlsx", ".xls", ".docx", ".html")


def at_place(document: Document, finding: Finding, mutation: Mutation) -> bool:
    """True when an error points at the mutated line's row (changes only)."""
    rows = {
        (table.kind, row.code)
        for table in document.tables
        for row in table.rows
        if row.line <= mutation.line <= row.line + 3
    }
    if finding.line == mutation.line or (finding.table, finding.row) in rows:
        return True
    return any((t, r) in rows for t, r, _ in finding.cells)


def synthetic(count: int) -> None:
    """The synthetic benchmark: `count` generated documents per layout."""
    print(
        f"{'layout':8} {'docs':>5} {'clean err':>9} {'equiv':>6} {'found':>7} {'rate':>8}"
        f" {'at place':>9}"
    )
    grand = found_all = 0
    start = time.perf_counter()
    misses: list[str] = []
    for layout in LAYOUTS:
        clean_errors = found = placed = changes = equivalent = 0
        for seed in range(count):
            text = generate(seed, layout).text
            clean = check(parse_text(text))
            clean_errors += any(f.severity == "error" for f in clean.findings)
            mutation = mutate(text, seed)
            if mutation.equivalent:  # a repeated line (e.g. 合计 printed twice): not a change
                equivalent += 1
                continue
            document = parse_text(mutation.text)
            errors = [f for f in check(document).findings if f.severity == "error"]
            if errors:
                found += 1
            else:
                misses.append(
                    f"{layout} {seed} {mutation.kind} 第{mutation.line}行 {mutation.before!r}"
                )
            if mutation.kind == "change":
                changes += 1
                placed += any(at_place(document, f, mutation) for f in errors)
        mutated = count - equivalent
        grand += mutated
        found_all += found
        print(
            f"{layout:8} {count:5d} {clean_errors:9d} {equivalent:6d} {found:7d}"
            f" {found / mutated:8.2%} {placed / max(changes, 1):9.2%}"
        )
    print(f"{'all':8} {grand:5d} {'':9} {'':6} {found_all:7d} {found_all / grand:8.2%}")
    print(f"{(time.perf_counter() - start) / grand * 1000:.0f} ms per document pair")
    for miss in misses[:20]:
        print("missed:", miss)


def _key(finding: Finding) -> tuple[object, ...]:
    return (finding.rule, finding.table, finding.row, finding.column, finding.message)


def reported(clean: set[tuple[object, ...]], document: Document) -> tuple[bool, bool, str]:
    """(a new finding at warning+, a new one at error, the first new rule) vs the clean report."""
    new = [
        f
        for f in check(document).findings
        if f.severity in ("warning", "error") and _key(f) not in clean
    ]
    errors = [f for f in new if f.severity == "error"]
    first = (errors or new)[0].rule if new else ""
    return bool(new), bool(errors), first


def documents(folders: list[Path], only: str | None) -> list[Path]:
    """The files of the folders (not recursive), in name order."""
    found = []
    for folder in folders:
        found.extend(
            sorted(p for p in folder.iterdir() if p.suffix.lower() in _SUFFIXES and p.is_file())
        )
    return [p for p in found if only is None or only in p.name]


def real(paths: list[Path], per_kind: int) -> dict[str, object]:
    """Mutate each real document `per_kind` times per kind; print and return the counts."""
    kinds: dict[str, Counter[str]] = {kind: Counter() for kind in KINDS}
    per_doc: dict[str, dict[str, object]] = {}
    misses: list[str] = []
    start = time.perf_counter()
    for path in paths:
        source = read_file(path)
        document = parse_source(source)
        findings = check(document).findings
        clean = {_key(f) for f in findings if f.severity in ("warning", "error")}
        clean_errors = [f for f in findings if f.severity == "error"]
        counts: Counter[str] = Counter()
        for kind in KINDS:
            seen = set()
            for seed in range(per_kind):
                mutation = mutate_source(source, document, kind, seed)
                if mutation is None or mutation.changes in seen:
                    break  # the kind does not apply, or every place was taken already
                seen.add(mutation.changes)
                if mutation.equivalent:
                    kinds[kind]["equivalent"] += 1
                    continue
                warned, erred, rule = reported(clean, parse_source(mutation.source))
                for counter in (kinds[kind], counts):
                    counter["mutations"] += 1
                    counter["warning"] += warned
                    counter["error"] += erred
                kinds[kind][f"rule:{rule}"] += bool(rule)
                if not warned:
                    misses.append(f"{path.name} {mutation.describe()}")
        per_doc[path.name] = {
            "clean_errors": len(clean_errors),
            "clean_error_rules": dict(Counter(f.rule for f in clean_errors)),
            **counts,
        }
    elapsed = time.perf_counter() - start
    _print_real(kinds, per_doc, misses, elapsed)
    return {
        "kinds": {kind: dict(counter) for kind, counter in kinds.items()},
        "documents": per_doc,
        "misses": misses,
    }


def _rate(part: int, whole: int) -> str:
    return f"{part / whole:7.1%}" if whole else "     —"


def _print_real(
    kinds: dict[str, Counter[str]],
    per_doc: dict[str, dict[str, object]],
    misses: list[str],
    elapsed: float,
) -> None:
    print(f"\n{'kind':13} {'mutated':>7} {'equiv':>5} {'warn+':>7} {'error':>7}  rules (first)")
    total = Counter[str]()
    for kind, counter in kinds.items():
        total.update({k: v for k, v in counter.items() if not k.startswith("rule:")})
        rules = ", ".join(f"{k[5:]} {v}" for k, v in counter.most_common() if k.startswith("rule:"))
        print(
            f"{kind:13} {counter['mutations']:7d} {counter['equivalent']:5d}"
            f" {_rate(counter['warning'], counter['mutations'])}"
            f" {_rate(counter['error'], counter['mutations'])}  {rules[:90]}"
        )
    print(
        f"{'all':13} {total['mutations']:7d} {total['equivalent']:5d}"
        f" {_rate(total['warning'], total['mutations'])}"
        f" {_rate(total['error'], total['mutations'])}"
    )
    print(f"\n{'document':52} {'clean err':>9} {'mutated':>7} {'warn+':>7} {'error':>7}")
    for name, row in per_doc.items():
        mutated = int(str(row.get("mutations", 0)))
        print(
            f"{name[:52]:52} {row['clean_errors']!s:>9} {mutated:7d}"
            f" {_rate(int(str(row.get('warning', 0))), mutated)}"
            f" {_rate(int(str(row.get('error', 0))), mutated)}"
        )
    print(f"{elapsed / max(total['mutations'], 1) * 1000:.0f} ms per mutated document")
    for miss in misses[:40]:
        print("missed:", miss)
    if len(misses) > 40:
        print(f"… {len(misses) - 40} more missed")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", nargs="?", type=int, default=200, help="synthetic per layout")
    parser.add_argument("--real", action="append", type=Path, default=[], help="folder")
    parser.add_argument("--per-kind", type=int, default=4, help="places per kind and document")
    parser.add_argument("--only", help="only real files whose name contains this text")
    parser.add_argument("--no-synthetic", action="store_true")
    parser.add_argument("--no-real", action="store_true")
    parser.add_argument("--json", type=Path, help="write the real-document counts here")
    args = parser.parse_args()
    if not args.no_synthetic:
        synthetic(args.count)
    if not args.no_real:
        result = real(documents(args.real or REAL, args.only), args.per_kind)
        if args.json:
            args.json.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n")


if __name__ == "__main__":
    main()
