"""Benchmark: synthetic performance-target blocks read back exactly (issue 5: ≥ 99.5%).

Usage: python bench/performance_roundtrip.py [projects per style, default 1000]
"""

from __future__ import annotations

import sys
import time

from cnbudget.synthetic.performance import STYLES, Score, score


def main() -> None:
    wanted = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    print(
        f"{'style':6} {'blocks':>6} {'exact':>6} {'indicators':>10} {'exact':>8} {'rate':>9}"
        f" {'level1':>8} {'ms/section':>10}"
    )
    for style in STYLES:
        total = Score()
        seed = 0
        elapsed = 0.0
        while total.projects < wanted:
            start = time.perf_counter()
            result = score(seed, style)
            elapsed += time.perf_counter() - start
            for name in ("indicators", "exact", "level1", "projects", "projects_exact"):
                setattr(total, name, getattr(total, name) + getattr(result, name))
            seed += 1
        print(
            f"{style:6} {total.projects:6d} {total.projects_exact:6d} {total.indicators:10d}"
            f" {total.exact:8d} {total.exact / total.indicators:9.4%}"
            f" {total.level1 / total.indicators:8.2%} {elapsed / seed * 1000:10.1f}"
        )
    print(
        "henan: 一级指标 is inferred from the name (columns are lost in text); not part of 'exact'"
    )


if __name__ == "__main__":
    main()
