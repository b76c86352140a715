"""Benchmark: reader limits and scaling on hostile and very long inputs.

Run with `make bench-limits` (or `python bench/limits_bench.py`). Two parts:

1. Scaling of a long text: a sample repeated to about 10k, 25k, 50k and 100k lines
   (CNBUDGET_MAX_LINES raised for the run), parsed in a fresh process; prints seconds,
   microseconds per line and peak memory, so linear time shows as a flat µs/line.
2. Hostile inputs (`tests/hostile.py`): crafted PDFs (many characters, many objects,
   dense ruling, decompression bombs, non-finite coordinates), a huge sheet and zip
   bombs, each built by one process and read by a fresh one with the default limits;
   prints the outcome (the one-line reason), seconds and peak memory against the goal
   (10 s, 500 MB).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "tests" / "corpus" / "shandong-yantai-medical-insurance-2025.txt"
GOAL_SECONDS = 10.0
GOAL_MB = 500

_CHILD = r"""
import json, resource, sys, time
sys.path.insert(0, sys.argv[1])
from cnbudget.errors import InputError
from cnbudget.pipeline import parse_source
from cnbudget.readers import read_data
from tests import hostile
kind, arg = sys.argv[2], sys.argv[3]
if kind == "text":
    lines = int(arg)
    text = open(sys.argv[4], encoding="utf-8").read()
    copies = max(1, lines // (text.count("\n") + 1))
    data = ("\n".join([text] * copies)).encode()
else:
    data = open(arg, "rb").read()  # built by another process: its memory is not counted
started = time.monotonic()
try:
    document = parse_source(read_data(data, "bench"))
    outcome = f"ok: {len(document.tables)} tables"
    count = document.line_count
except InputError as exc:
    outcome, count = "error: " + exc.reason, 0
seconds = time.monotonic() - started
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"outcome": outcome, "seconds": seconds, "mb": peak, "lines": count,
                  "bytes": len(data)}))
"""

PACKED = ", compress=True)"
HOSTILE = {
    "PDF, 60,000 characters on a page": "hostile.raw_pdf([hostile.many_chars(60_000)]" + PACKED,
    "PDF, 380,000 path objects on a page": "hostile.raw_pdf([hostile.many_paths(380_000)]" + PACKED,
    "PDF, 1,000 × 1,000 ruling lines": (
        "hostile.raw_pdf([hostile.dense_grid(1000) + hostile.text_line('1.00', 9, 9)],"
        " media_box='0 0 5000 5000', compress=True)"
    ),
    "PDF, content inflating to 1 GB": "hostile.raw_pdf([hostile.deflate_bomb(1024)]" + PACKED,
    "PDF, 1,000,000 uncompressed path objects": "hostile.raw_pdf([hostile.many_paths(1_000_000)])",
    "PDF, non-finite coordinates": "hostile.raw_pdf([hostile.non_finite()])",
    "XLSX, 2,500,000 cells": "hostile.huge_sheet(250_000)",
    "XLSX zip bomb, 1 GB member": "hostile.zip_bomb('xlsx', 1024)",
    "DOCX zip bomb, 1 GB member": "hostile.zip_bomb('docx', 1024)",
}


_BUILD = r"""
import sys
sys.path.insert(0, sys.argv[1])
from tests import hostile
open(sys.argv[3], "wb").write(eval(sys.argv[2], {"hostile": hostile}))
"""


def build(expression: str, path: Path) -> None:
    argv = [sys.executable, "-c", _BUILD, str(ROOT), expression, str(path)]
    subprocess.run(argv, check=True, timeout=900)


def run(kind: str, arg: str, env: dict[str, str] | None = None) -> dict[str, object]:
    argv = [sys.executable, "-c", _CHILD, str(ROOT), kind, arg, str(SAMPLE)]
    done = subprocess.run(
        argv, capture_output=True, text=True, env={**os.environ, **(env or {})}, timeout=900
    )
    if done.returncode != 0:
        return {"outcome": "crash: " + done.stderr.strip().splitlines()[-1], "seconds": 0.0}
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", default="10000,25000,50000,100000")
    args = parser.parse_args()
    print("长文本（样本重复）：行数、秒、微秒/行、峰值内存")
    for lines in (int(n) for n in args.lines.split(",")):
        r = run("text", str(lines), {"CNBUDGET_MAX_LINES": "200000"})
        count = int(r.get("lines", 0) or 0)
        per_line = float(r["seconds"]) / count * 1e6 if count else 0.0  # type: ignore[arg-type]
        print(
            f"  {count:>7} 行  {float(r['seconds']):6.1f} s  {per_line:6.0f} µs/行  "  # type: ignore[arg-type]
            f"{float(r.get('mb', 0)):5.0f} MB  {r['outcome']}"  # type: ignore[arg-type]
        )
    print(f"恶意构造的输入（默认上限；目标 < {GOAL_SECONDS:.0f} s、< {GOAL_MB} MB）")
    for name, expression in HOSTILE.items():
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "input"
            build(expression, path)
            r = run("hostile", str(path))
            seconds, mb = float(r["seconds"]), float(r.get("mb", 0))  # type: ignore[arg-type]
        flag = "" if seconds < GOAL_SECONDS and mb < GOAL_MB else "  ← 超出目标"
        print(f"  {name}: {seconds:.1f} s, {mb:.0f} MB, {str(r['outcome'])[:90]}{flag}")


if __name__ == "__main__":
    main()
