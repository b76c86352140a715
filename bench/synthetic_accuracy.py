"""Benchmark: fact recovery on synthetic documents, per layout (issue 2: ≥ 99.9% exact).

Usage: python bench/synthetic_accuracy.py [documents per layout, default 1000]
"""

from __future__ import annotations

import sys
import time
from decimal import Decimal

from cnbudget.facts import facts
from cnbudget.pipeline import parse_text
from cnbudget.synthetic import LAYOUTS, generate


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    print(
        f"{'layout':8} {'docs':>5} {'facts':>8} {'exact':>8} {'rate':>8} {'wrong':>6} {'ms/doc':>7}"
    )
    for layout in LAYOUTS:
        total = exact = wrong = 0
        elapsed = 0.0
        for seed in range(count):
            document = generate(seed, layout)
            expected = {(f.table, f.row_code, f.column): f.value for f in document.facts}
            start = time.perf_counter()
            parsed = parse_text(document.text, f"{layout}-{seed}")
            got: dict[tuple[str, str, str], Decimal | str] = {
                (f.table, f.row_code, f.column): f.value for f in facts(parsed)
            }
            elapsed += time.perf_counter() - start
            total += len(expected)
            exact += sum(1 for k, v in expected.items() if got.get(k) == v)
            wrong += sum(1 for k, v in got.items() if expected.get(k) != v)
        print(
            f"{layout:8} {count:5d} {total:8d} {exact:8d} {exact / total:8.4%} {wrong:6d}"
            f" {elapsed / count * 1000:7.1f}"
        )


if __name__ == "__main__":
    main()
