"""Benchmark: whole-process time of the simplest commands (`--help`, `parse`, `check`).

Run with `make bench-startup` (or `python bench/startup_bench.py --runs 15`). Each command is
started as a new process, as a user would, like `/usr/bin/time`: wall time and CPU time
(user + system, from the child's rusage) are recorded, medians printed. On a shared machine
the CPU time is the steadier figure; the load average is printed with the results.
Goals (issue 14): `parse`/`check` of a sample ≤ 0.35 s, `--help` ≤ 0.3 s.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "tests" / "corpus" / "shandong-yantai-medical-insurance-2025.txt"
COMMANDS = {
    "cnbudget --help": ["--help"],
    "cnbudget parse SAMPLE": ["parse", str(SAMPLE)],
    "cnbudget check SAMPLE": ["check", str(SAMPLE)],
    "python -c pass (interpreter alone)": None,
}


def once(argv: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds of one run of a command in a new process."""
    start = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    script = Path(sys.executable).with_name("cnbudget")
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    for name, command in COMMANDS.items():
        argv = [str(script), *command] if command is not None else [sys.executable, "-c", "pass"]
        once(argv)  # warm the file cache
        runs = [once(argv) for _ in range(args.runs)]
        wall = statistics.median(run[0] for run in runs)
        cpu = statistics.median(run[1] for run in runs)
        print(f"  {name:36} median wall {wall:6.3f} s  median CPU {cpu:6.3f} s")
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
