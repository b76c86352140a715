"""Benchmark: how many single mutations of consistent synthetic documents validation finds.

Usage: python bench/mutation_rate.py [documents per layout, default 200]
Target (issue 3): ≥ 99% of ≥ 1,000 mutations detected by an error-level finding, and no
error-level finding on the unmutated documents. "At the place" counts detections whose
finding points at the changed row (its line, its row or one of its cells).
"""

from __future__ import annotations

import sys
import time

from cnbudget.model import Document
from cnbudget.pipeline import parse_text
from cnbudget.synthetic import LAYOUTS, generate
from cnbudget.synthetic.mutate import Mutation, mutate
from cnbudget.validate import Finding, check


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


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 200
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


if __name__ == "__main__":
    main()
