"""Benchmark of the format readers: accuracy over every format and PDF speed against others.

Run with `make bench-readers` (or `python bench/readers_bench.py --docs 40`).

1. Accuracy: the five samples and DOCS synthetic documents per layout (5 layouts, so
   `--docs 40` is 200 documents) are rendered to PDF, HTML, DOCX and XLSX (and, for
   `--lo` documents per layout, converted by LibreOffice to PDF and XLS); the facts
   read from each file must equal the facts of the text version exactly.
2. Speed: on the same PDFs, in the same run, each engine in a fresh process: our whole
   pipeline (PDF → validated facts: read, parse, `cnbudget.validate.check`), pdfplumber's
   `extract_tables()` and camelot's lattice extraction. Pages per second and peak memory
   (the process's peak resident set size while it works, and its size after imports).
   Target: ours ≥ 5× faster than camelot lattice.
"""

from __future__ import annotations

import argparse
import json
import logging
import multiprocessing
import sys
import time
import warnings
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cnbudget.facts import facts  # noqa: E402
from cnbudget.model import Document  # noqa: E402
from cnbudget.pipeline import parse_file  # noqa: E402
from cnbudget.readers.text import SourceText, read_bytes, read_path  # noqa: E402
from cnbudget.synthetic import LAYOUTS, generate  # noqa: E402
from cnbudget.synthetic.fixtures import CONVERTED, DIRECT, UNRULED, build  # noqa: E402

RESULTS = ROOT / "bench" / "results"


def fact_set(document: Document) -> Counter[tuple[str, str, str, str, str]]:
    return Counter(
        (f.table, f.row_code, f.row_name, f.column, f.value_text) for f in facts(document)
    )


def _build_chunk(args: tuple[list[tuple[str, bytes]], tuple[str, ...]]) -> list[dict[str, str]]:
    named, formats = args
    sources = [read_bytes(data, name) for name, data in named]
    return [
        {fmt: str(path) for fmt, path in paths.items()} for _s, _d, paths in build(sources, formats)
    ]


def _sources(docs: int) -> list[SourceText]:
    sources = [read_path(path) for path in sorted((ROOT / "tests" / "corpus").glob("*.txt"))]
    for layout in LAYOUTS:
        for seed in range(docs):
            text = generate(seed, layout).text.encode("utf-8")
            sources.append(read_bytes(text, f"{layout}-{seed}"))
    return sources


def _fixtures(sources: list[SourceText], formats: tuple[str, ...]) -> list[dict[str, Path]]:
    named = [(s.source, "\n".join(line.text for line in s.lines).encode()) for s in sources]
    chunks = [named[i::2] for i in range(2)]
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        parts = pool.map(_build_chunk, [(chunk, formats) for chunk in chunks])
    result: list[dict[str, Path]] = [{} for _ in named]
    for offset, part in enumerate(parts):
        for k, paths in enumerate(part):
            result[offset + 2 * k] = {fmt: Path(p) for fmt, p in paths.items()}
    return result


def accuracy(docs: int, lo: int) -> dict[str, dict[str, int]]:
    sources = _sources(docs)
    print(f"rendering fixtures for {len(sources)} documents (cached in .cache/fixtures) …")
    started = time.monotonic()
    fixtures = _fixtures(sources, DIRECT)
    converted_sources = sources[:5] + [
        s for s in sources[5:] if int(s.source.rsplit("-", 1)[1]) < lo
    ]
    converted = _fixtures(converted_sources, (*CONVERTED, UNRULED))
    print(f"fixtures ready in {time.monotonic() - started:.0f} s")
    expected = {s.source: fact_set(parse_file_source(s)) for s in sources}
    table: dict[str, dict[str, int]] = {}
    for group, paths_list in ((sources, fixtures), (converted_sources, converted)):
        for source, paths in zip(group, paths_list, strict=True):
            want = expected[source.source]
            for fmt, path in paths.items():
                have = fact_set(parse_file(path))
                row = table.setdefault(
                    fmt, {"documents": 0, "exact": 0, "facts": 0, "missing": 0, "extra": 0}
                )
                row["documents"] += 1
                row["exact"] += int(have == want)
                row["facts"] += sum(want.values())
                row["missing"] += sum((want - have).values())
                row["extra"] += sum((have - want).values())
    print(
        f"\n{'format':12} {'documents':>9} {'exact':>6} {'facts':>8} {'missing':>8}"
        f" {'extra':>6} {'recovered':>9}"
    )
    for fmt, row in table.items():
        recovered = 1 - row["missing"] / max(row["facts"], 1)
        print(
            f"{fmt:12} {row['documents']:9d} {row['exact']:6d} {row['facts']:8d}"
            f" {row['missing']:8d} {row['extra']:6d} {recovered:9.2%}"
        )
    return table


def parse_file_source(source: SourceText) -> Document:
    from cnbudget.pipeline import parse_source

    return parse_source(source)


def _pages(paths: list[str]) -> int:
    import pypdfium2

    total = 0
    for path in paths:
        document = pypdfium2.PdfDocument(path)
        total += len(document)
        document.close()
    return total


def _status(field: str) -> float:
    """A memory figure of this process from /proc/self/status, in MiB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _engine(name: str, paths: list[str], queue: multiprocessing.Queue[object]) -> None:
    warnings.filterwarnings("ignore")
    logging.disable(logging.WARNING)
    count = 0
    if name == "camelot":
        import camelot
    elif name == "pdfplumber":
        import pdfplumber
    baseline = _status("VmRSS")
    # the peak (VmHWM) would start at the parent's size: reset it to the current size
    Path("/proc/self/clear_refs").write_text("5")
    if name == "cnbudget":
        from cnbudget.validate import check

        started = time.perf_counter()
        for path in paths:
            document = parse_file(path)
            check(document)
            count += len(list(facts(document)))
    elif name == "pdfplumber":
        import pdfplumber

        started = time.perf_counter()
        for path in paths:
            with pdfplumber.open(path) as pdf:
                count += sum(len(page.extract_tables()) for page in pdf.pages)
    else:
        import camelot

        started = time.perf_counter()
        for path in paths:
            count += len(camelot.read_pdf(path, flavor="lattice", pages="all"))
    seconds = time.perf_counter() - started
    peak = _status("VmHWM")
    queue.put((seconds, peak, count, baseline))


def run_engine(name: str, paths: list[str]) -> tuple[float, float, int, float] | None:
    context = multiprocessing.get_context("spawn")
    queue: multiprocessing.Queue[object] = context.Queue()
    process = context.Process(target=_engine, args=(name, paths, queue))
    process.start()
    try:
        result = queue.get(timeout=7200)
    except Exception as exc:  # the engine failed or is not installed
        print(f"{name}: failed ({exc})")
        process.kill()
        return None
    process.join()
    seconds, peak, count, baseline = result  # type: ignore[misc]
    return float(seconds), float(peak), int(count), float(baseline)


def speed(docs: int, compare: int) -> dict[str, dict[str, float]]:
    sources = _sources(docs)
    all_pdfs = [str(paths["pdf"]) for paths in _fixtures(sources, ("pdf",))]
    chosen = [
        i for i, s in enumerate(sources) if i < 5 or int(s.source.rsplit("-", 1)[1]) < compare
    ]
    subset = [all_pdfs[i] for i in chosen]
    lo_subset = [
        str(paths["lo.pdf"]) for paths in _fixtures([sources[i] for i in chosen], ("lo.pdf",))
    ]
    results: dict[str, dict[str, float]] = {}
    runs = [
        ("cnbudget (all PDFs)", "cnbudget", all_pdfs),
        ("cnbudget", "cnbudget", subset),
        ("pdfplumber", "pdfplumber", subset),
        ("camelot lattice", "camelot", subset),
        ("cnbudget (LibreOffice PDFs)", "cnbudget", lo_subset),
        ("camelot (LibreOffice PDFs)", "camelot", lo_subset),
    ]
    print(
        f"\n{'engine':30} {'files':>5} {'pages':>6} {'seconds':>8} {'pages/s':>8}"
        f" {'peak MiB':>9} {'(after imports)':>15} {'output':>8}"
    )
    for label, engine, paths in runs:
        outcome = run_engine(engine, paths)
        if outcome is None:
            continue
        seconds, peak, count, baseline = outcome
        pages = _pages(paths)
        results[label] = {
            "files": len(paths),
            "pages": pages,
            "seconds": seconds,
            "pages_per_second": pages / seconds,
            "peak_mib": peak,
            "baseline_mib": baseline,
            "output": count,
        }
        print(
            f"{label:30} {len(paths):5d} {pages:6d} {seconds:8.2f} {pages / seconds:8.1f}"
            f" {peak:9.0f} {baseline:15.0f} {count:8d}"
        )
    for ours, theirs in (
        ("cnbudget", "camelot lattice"),
        ("cnbudget (LibreOffice PDFs)", "camelot (LibreOffice PDFs)"),
    ):
        if ours in results and theirs in results:
            ratio = results[theirs]["seconds"] / results[ours]["seconds"]
            print(f"{ours} vs {theirs}: {ratio:.1f}× faster (target ≥ 5×)")
            results[ours]["speedup_vs_camelot"] = ratio
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=40, help="synthetic documents per layout")
    parser.add_argument("--lo", type=int, default=4, help="of which converted by LibreOffice")
    parser.add_argument("--compare", type=int, default=2, help="per layout, for pdfplumber/camelot")
    args = parser.parse_args()
    report = {"accuracy": accuracy(args.docs, args.lo), "speed": speed(args.docs, args.compare)}
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "readers.json").write_text(json.dumps(report, indent=2, ensure_ascii=False))
    print(f"\nwritten to {RESULTS / 'readers.json'}")


if __name__ == "__main__":
    main()
