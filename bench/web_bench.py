"""Benchmark: web page load times on a synthetic database of 10,000 documents.

Run with `make bench-web` (or `python bench/web_bench.py --docs 10000`). The database is
filled once (kept in bench/results/ for reuse) with 1,000 distinct synthetic documents
(`cnbudget.synthetic.generate`, all five layouts, through the store benchmark's ingest)
and copies of them under new ids up to 10,000 documents (see `fill`); then
`cnbudget serve` is started as its own process and timed over HTTP on loopback: the
document view (first load of a document and a repeated load), the document list, and
every compare measure over all documents (HTML page, JSON API, CSV download), the list
narrowed by facets, the findings worklist, the facts explorer and the department-years view,
and page evidence on one real PDF kept with its original (a page image rendered cold, the
same image from the cache, and the page view that locates a number's box on its line).
Targets (issue 7): document view ≤ 300 ms; compare over 10,000 documents ≤ 1 s.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import multiprocessing
import os
import random
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.store_bench import ingest  # noqa: E402
from cnbudget.store import Store  # noqa: E402
from cnbudget.store import open as open_store  # noqa: E402

RESULTS = ROOT / "bench" / "results"
REAL_PDF = ROOT / "tests" / "corpus" / "real" / "shanghai-putuo-wanli-2025-budget-dept.pdf"


def add_real_pdf(path: Path) -> tuple[str, list[tuple[int, int, str]]]:
    """Store one real PDF with its original bytes (once); return its id and, per page with a
    table, one (page, line, printed amount) to mark."""
    from cnbudget.pipeline import parse_source
    from cnbudget.readers import read_data

    data = REAL_PDF.read_bytes()
    source = read_data(data, str(REAL_PDF))
    document = parse_source(source)
    with open_store(str(path)) as store:
        if not store.contains(document.id):
            store.ingest_document(document, False, None, [x.text for x in source.lines], data)
    spots: dict[int, tuple[int, int, str]] = {}
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells.values():
                line = cell.line or row.line
                page = document.positions.get(line, (None, None))[0]
                if cell.value is not None and page is not None and page not in spots:
                    spots[page] = (page, line, cell.text)
    return document.id, sorted(spots.values())


def fill(path: Path, docs: int, distinct: int, workers: int) -> None:
    """Fill the database up to `docs` documents: `distinct` synthetic documents parsed,
    checked and ingested, then copies of them under new ids (parsing skipped) up to `docs`.

    Compare and list queries scale with the number of stored documents and facts, not with
    how different they are, so copies measure the same work at a fraction of the fill time.
    """
    if not path.exists():
        print(f"== ingesting {distinct} synthetic documents ({workers} workers)", flush=True)
        print(json.dumps(ingest(str(path), distinct, workers), ensure_ascii=False), flush=True)
    with open_store(str(path)) as store:
        originals = [s.id for s in store.documents() if not s.source.startswith("copy-")]
        have = len(store.documents())
        if have >= docs:
            return
        print(f"== adding {docs - have} copies of {len(originals)} documents", flush=True)
        start = time.perf_counter()
        copy_documents(store, originals, have, docs)
        print(f"   {time.perf_counter() - start:.0f} s", flush=True)


def copy_documents(store: Store, originals: list[str], have: int, docs: int) -> None:
    """Copies `have` … `docs - 1` of the originals under new ids, in SQL (INSERT … SELECT
    per stored table, 100 documents a transaction): the same rows an ingest of the copy
    writes, department names numbered, in a fraction of the time."""
    from sqlalchemy import Table, insert, literal, select

    from cnbudget.store import api
    from cnbudget.store.corrections import department_key
    from cnbudget.store.schema import Base

    # every table holding a document's rows, parents first (reviews and corrections are
    # not a document's rows: they outlive it)
    children: list[Table] = [
        t
        for t in Base.metadata.sorted_tables
        if "document_id" in t.c and t.name not in ("reviews", "corrections")
    ]
    d = api.DOCUMENTS
    for first in range(have, docs, 100):
        with store.engine.begin() as connection:
            for number in range(first, min(first + 100, docs)):
                base = originals[number % len(originals)]
                new = hashlib.sha256(f"{base}/{number}".encode()).hexdigest()[:16]
                head = connection.execute(select(d).where(d.c.id == base)).one()._asdict()
                department = f"{head['department'] or ''}{number}"
                head.update(
                    id=new,
                    source=f"copy-{number}-{head['source']}",
                    department=department,
                    department_key=department_key(department),
                    meta={**(head["meta"] or {}), "department": department},
                )
                connection.execute(insert(d), [head])
                for table in children:
                    columns = [c for c in table.c if c.name != "document_id"]
                    connection.execute(
                        insert(table).from_select(
                            ["document_id", *(c.name for c in columns)],
                            select(literal(new), *columns).where(table.c.document_id == base),
                        )
                    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def serve(path: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    command = [
        str(Path(sys.executable).parent / "cnbudget"),
        "serve",
        "--db",
        str(path),
        "--port",
        str(port),
    ]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            httpx.get(base + "/api/measures", timeout=2)
            return process, base
        except httpx.HTTPError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("server did not start")


def timed(client: httpx.Client, urls: list[str]) -> dict[str, Any]:
    times: list[float] = []
    size = 0
    for url in urls:
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        response.raise_for_status()
        size = len(response.content)
    first = times[0]  # repeated URLs are served from the web process's 10 s summary cache
    times.sort()
    return {
        "n": len(times),
        "first_ms": round(first, 1),
        "median_ms": round(statistics.median(times), 1),
        "p95_ms": round(times[max(0, int(len(times) * 0.95) - 1)], 1),
        "max_ms": round(times[-1], 1),
        "bytes": size,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=multiprocessing.cpu_count())
    parser.add_argument("--distinct", type=int, default=1000, help="distinct synthetic documents")
    parser.add_argument("--repeats", type=int, default=10)
    args = parser.parse_args()
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"web-{args.docs}.db"
    fill(path, args.docs, min(args.distinct, args.docs), args.workers)
    with open_store(str(path)) as store:
        ids = [s.id for s in store.documents()]
        code = store.compare("code", code="2101101").rows and "2101101"
    code = code or "2080501"
    real_id, spots = add_real_pdf(path)
    process, base = serve(path)
    results: dict[str, Any] = {"documents": len(ids)}
    try:
        with httpx.Client(base_url=base, timeout=60) as client:
            client.get("/")  # warm the process (imports, templates)
            sample = random.Random(7).sample(ids, min(len(ids), args.repeats * 2))
            cases = {
                "document view, first load": [f"/documents/{d}" for d in sample],
                "document view, repeated": [f"/documents/{sample[0]}"] * args.repeats,
                "source view": [f"/documents/{d}/source" for d in sample[: args.repeats]],
                "document list (first page, sorted by total)": ["/"] * args.repeats,
                "document list sorted by 三公 ascending": ["/?sort=three_public_total&order=asc"]
                * args.repeats,
            }
            for measure in ("three_public", "basic_share", "expenditure_total"):
                cases[f"compare page {measure}"] = [f"/compare?measure={measure}"] * args.repeats
            cases[f"compare page function {code}"] = [
                f"/compare?measure=function&code={code}"
            ] * args.repeats
            cases["compare API three_public"] = ["/api/compare?measure=three_public"] * args.repeats
            cases[f"compare CSV function {code}"] = [
                f"/compare.csv?measure=function&code={code}"
            ] * args.repeats
            cases["compare XLSX three_public"] = ["/compare.xlsx?measure=three_public"] * 3
            # reviewer workflow and exploring (issue 13, points 6 and 7)
            cases["list narrowed by facets (预算, with errors)"] = [
                "/?kind=%E9%A2%84%E7%AE%97&errors=yes"
            ] * args.repeats
            cases["findings worklist, first page"] = ["/findings"] * args.repeats
            cases["findings worklist, pending errors by year"] = [
                "/findings?status=pending&severity=error&sort=year&order=desc"
            ] * args.repeats
            cases["findings worklist, last page"] = ["/findings?page=100000"] * 3
            cases["findings worklist JSON"] = ["/api/findings?limit=1000"] * args.repeats
            cases["facts explorer, first page"] = ["/facts"] * args.repeats
            cases["facts explorer, table + code"] = [
                "/facts?table=expenditure&code=total"
            ] * args.repeats
            cases[f"facts explorer, code {code} in one year"] = [
                f"/facts?code={code}&year=2024"
            ] * args.repeats
            cases["facts JSON, 1000 rows"] = ["/api/facts?table=three_public&limit=1000"] * 3
            cases["facts CSV, 三公 table (all documents)"] = ["/facts.csv?table=three_public"] * 3
            cases["department across years"] = [
                f"/documents/{d}/years" for d in sample[: args.repeats]
            ]
            pages = f"/documents/{real_id}/pages"
            cases["page image, rendered (each page once)"] = [
                f"{pages}/{p}.png" for p, _, _ in spots
            ]
            cases["page image, cached"] = [f"{pages}/{spots[0][0]}.png"] * args.repeats
            cases["page view with the number's box"] = [
                f"{pages}/{p}?line={line}&text={text}" for p, line, text in spots
            ]
            cases["document view, real PDF (元)"] = [f"/documents/{real_id}"] * args.repeats
            for name, urls in cases.items():
                results[name] = timed(client, urls)
                numbers = results[name]
                print(
                    f"  {name:48} first {numbers['first_ms']:8.1f} ms  "
                    f"median {numbers['median_ms']:8.1f} ms  "
                    f"p95 {numbers['p95_ms']:8.1f} ms  max {numbers['max_ms']:8.1f} ms  "
                    f"({numbers['bytes'] // 1024} KiB)",
                    flush=True,
                )
    finally:
        process.terminate()
        process.wait(10)
    out = RESULTS / f"web-{args.docs}.json"
    out.write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")
    print(f"results: {out}")


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    main()
