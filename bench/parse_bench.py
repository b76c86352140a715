"""Benchmark: parse time per sample document (median of repeats) and peak memory.

Run with `make bench`. Targets: parse median ≤ 50 ms per sample on one core (issue 2);
validation adds ≤ 20% to parse time (issue 3).
"""

from __future__ import annotations

import statistics
import time
import tracemalloc
from pathlib import Path

from cnbudget.facts import facts
from cnbudget.pipeline import clear_caches, parse_file
from cnbudget.validate import check

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "corpus"
REPEATS = 20


def main() -> None:
    print(
        f"{'sample':55} {'median ms':>10} {'min ms':>8} {'peak MiB':>9} {'facts':>6}"
        f" {'check ms':>9} {'check %':>8}"
    )
    medians = []
    for path in sorted(CORPUS.glob("*.txt")):
        times = []
        count = 0
        for _ in range(REPEATS):
            clear_caches()  # every repeat is a cold document
            start = time.perf_counter()
            count = len(list(facts(parse_file(path))))
            times.append((time.perf_counter() - start) * 1000)
        document = parse_file(path)
        checks = []
        for _ in range(REPEATS):
            start = time.perf_counter()
            check(document)
            checks.append((time.perf_counter() - start) * 1000)
        tracemalloc.start()
        parse_file(path)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        median = statistics.median(times)
        medians.append(median)
        checked = statistics.median(checks)
        print(
            f"{path.stem:55} {median:10.1f} {min(times):8.1f} {peak / 1048576:9.2f} {count:6d}"
            f" {checked:9.1f} {checked / median:8.1%}"
        )
    print(f"{'median of medians':55} {statistics.median(medians):10.1f}")


if __name__ == "__main__":
    main()
